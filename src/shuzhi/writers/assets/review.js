// shuzhi review dashboard: sorting and filtering of tables, no libraries, works from file://.
// The query string sets the initial state: ?sort=KEY&dir=asc|desc&q=TEXT&family=N
(function () {
  "use strict";

  function cellValue(row, idx, numeric) {
    var cell = row.cells[idx];
    if (!cell) return numeric ? -Infinity : "";
    var v = cell.hasAttribute("data-value") ? cell.getAttribute("data-value") : cell.textContent.trim();
    if (numeric) {
      var x = parseFloat(v);
      return isNaN(x) ? -Infinity : x;
    }
    return v;
  }

  function sortTable(table, key, dir) {
    var ths = table.tHead.rows[0].cells, idx = -1, numeric = false;
    for (var i = 0; i < ths.length; i++) {
      ths[i].classList.remove("sorted-asc", "sorted-desc");
      if (ths[i].getAttribute("data-key") === key) { idx = i; numeric = ths[i].getAttribute("data-type") === "num"; }
    }
    if (idx < 0) return false;
    ths[idx].classList.add(dir === "desc" ? "sorted-desc" : "sorted-asc");
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var sign = dir === "desc" ? -1 : 1;
    rows.forEach(function (r, i) { r._pos = i; });
    rows.sort(function (a, b) {
      var x = cellValue(a, idx, numeric), y = cellValue(b, idx, numeric), c;
      if (numeric) c = x - y; else c = String(x).localeCompare(String(y), "zh-CN");
      return c !== 0 ? sign * c : a._pos - b._pos;  // stable
    });
    rows.forEach(function (r) { body.appendChild(r); });
    table.setAttribute("data-sorted", key + ":" + (dir === "desc" ? "desc" : "asc"));
    return true;
  }

  function makeSortable(table) {
    var ths = table.tHead.rows[0].cells;
    Array.prototype.forEach.call(ths, function (th) {
      if (!th.getAttribute("data-key")) return;
      th.addEventListener("click", function () {
        var dir = th.classList.contains("sorted-asc") ? "desc" : "asc";
        sortTable(table, th.getAttribute("data-key"), dir);
      });
    });
  }

  function applyFilter(table, text, family) {
    var q = (text || "").trim().toLowerCase(), shown = 0, rows = table.tBodies[0].rows;
    for (var i = 0; i < rows.length; i++) {
      var r = rows[i], fam = r.getAttribute("data-families") || "";
      var ok = (!q || r.textContent.toLowerCase().indexOf(q) >= 0) &&
               (!family || fam.split(/\s+/).indexOf(family) >= 0);
      r.hidden = !ok;
      if (ok) shown++;
    }
    var count = document.getElementById("count");
    if (count) count.textContent = "显示 " + shown + " / " + rows.length + " 行";
    return shown;
  }

  function params() {
    var out = {}, s = window.location.search.replace(/^\?/, "");
    s.split("&").forEach(function (kv) {
      if (!kv) return;
      var p = kv.split("=");
      out[decodeURIComponent(p[0])] = decodeURIComponent((p[1] || "").replace(/\+/g, " "));
    });
    return out;
  }

  document.querySelectorAll("table.sortable").forEach(makeSortable);
  var table = document.getElementById("report-table");
  if (!table) return;
  var filter = document.getElementById("filter"), family = document.getElementById("family");
  var p = params();
  if (p.q) filter.value = p.q;
  if (p.family) family.value = p.family;
  if (p.sort) sortTable(table, p.sort, p.dir);
  var refresh = function () { return applyFilter(table, filter.value, family.value); };
  filter.addEventListener("input", refresh);
  family.addEventListener("change", refresh);
  var shown = refresh();
  // A self-check the tests read back with `chromium --dump-dom`: proves the script ran.
  var check = document.getElementById("selfcheck");
  var order = Array.prototype.map.call(table.tBodies[0].rows, function (r) { return r.id.replace(/^row-/, ""); });
  check.setAttribute("data-rows", String(table.tBodies[0].rows.length));
  check.setAttribute("data-shown", String(shown));
  check.setAttribute("data-sorted", table.getAttribute("data-sorted") || "");
  check.setAttribute("data-order", order.join(","));
  check.textContent = "ok";
})();
