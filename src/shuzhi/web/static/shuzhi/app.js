// 述职述廉报告审核系统: progress polling, filter auto-submit, finding ↔ text linking. No inline scripts (CSP).
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  var bar = document.getElementById("progress-bar");
  if (bar) { bar.style.width = (bar.dataset.percent || 0) + "%"; }
  var box = document.getElementById("progress");
  if (box && box.dataset.finished !== "1" && document.getElementById("progress-total").textContent !== "0") {
    var timer = setInterval(function () {
      fetch(box.dataset.url, { credentials: "same-origin" }).then(function (r) { return r.json(); }).then(function (p) {
        document.getElementById("progress-done").textContent = p.done + p.failed;
        document.getElementById("progress-total").textContent = p.total;
        bar.style.width = p.percent + "%";
        if (p.finished) { clearInterval(timer); window.location.reload(); }
      }).catch(function () {});
    }, 2000);
  }
  var filters = document.getElementById("filters");
  if (filters) {
    filters.querySelectorAll("select").forEach(function (s) {
      s.addEventListener("change", function () { filters.submit(); });
    });
  }
  function activate(fid) {
    document.querySelectorAll(".active").forEach(function (e) { e.classList.remove("active"); });
    document.querySelectorAll("[data-findings~='f-" + fid + "']").forEach(function (e) { e.classList.add("active"); });
    var card = document.getElementById("f-" + fid);
    if (card) { card.classList.add("active"); }
  }
  document.querySelectorAll(".finding").forEach(function (card) {
    card.addEventListener("click", function (ev) {
      if (ev.target.closest("form")) { return; }
      activate(card.dataset.fid);
      var hl = document.querySelector("[data-findings~='" + card.id + "']");
      if (hl) { hl.scrollIntoView({ block: "center", behavior: "smooth" }); }
    });
  });
  if (location.hash.indexOf("#f-") === 0) { activate(location.hash.slice(3)); }
  window.addEventListener("hashchange", function () { if (location.hash.indexOf("#f-") === 0) { activate(location.hash.slice(3)); } });
});
