"""`shuzhi serve` for real, driven by Debian's chromium through Selenium, on SQLite and on PostgreSQL.

Log in, create a round, upload the five seeds and a .docx made here, wait for checking, open a report,
dismiss one finding and confirm another with comments, export, and read the decisions back from the .xlsx
and the Word comments.
"""

from __future__ import annotations

import io
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook

from conftest import ROOT, SEEDS

from .conftest import BACKENDS, fresh_database

CHROMIUM, CHROMEDRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"
ADMIN, PASSWORD = "zuzhibu", "Zz-test-pass-2024"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, data: Path, db_url: str, *, admin: bool = True):
        self.port = free_port()
        env = dict(os.environ)
        env.pop("SHUZHI_DATA_DIR", None)
        env["PYTHONPATH"] = str(ROOT / "src")
        env.pop("SHUZHI_DATABASE_URL", None)
        if db_url:
            env["SHUZHI_DATABASE_URL"] = db_url
        if admin:
            env.update(SHUZHI_ADMIN_USERNAME=ADMIN, SHUZHI_ADMIN_PASSWORD=PASSWORD)
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "shuzhi", "serve", "--data", str(data), "--port", str(self.port)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
            text=True,
            encoding="utf-8",
        )
        self.url = f"http://127.0.0.1:{self.port}"
        self.lines = []
        while self.proc.poll() is None:  # what serve prints up to the address
            line = self.proc.stdout.readline().strip()
            self.lines.append(line)
            if line.startswith("shuzhi 网页审核已启动") or not line:
                break
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                with urllib.request.urlopen(self.url + "/login/", timeout=2) as r:
                    if r.status == 200:
                        return
            except OSError:
                time.sleep(0.3)
        self.stop()
        raise AssertionError(f"shuzhi serve did not start: {self.lines} {self.proc.stderr.read()}")

    def stop(self) -> str:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        return self.proc.stderr.read()


def make_docx(path: Path) -> Path:
    d = Document()
    d.add_paragraph("2023年度个人述职述廉报告")
    d.add_paragraph("一年来，在县委的坚强领导下，本人认真学习贯彻党的XX大精神，履职尽责。")
    d.add_paragraph("全年完成固定资产投资12亿元，为年度计划10亿元的150%，同比增长8%。")
    d.add_paragraph("一、存在的问题：理论学习不够深入，调查研究还不够。")
    d.add_paragraph("二、今后打算：加强学习，改进作风，廉洁自律。")
    d.save(path)
    return path


@pytest.fixture
def browser(tmp_path):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    os.environ.setdefault("SE_AVOID_STATS", "true")
    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for a in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--window-size=1366,768",
        "--lang=zh-CN",
    ):
        opts.add_argument(a)
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    opts.add_experimental_option(
        "prefs", {"download.default_directory": str(downloads), "download.prompt_for_download": False}
    )
    drv = webdriver.Chrome(service=Service(CHROMEDRIVER), options=opts)
    drv.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    # The most common office screen (#16): a viewport of exactly 1366×768 CSS pixels, not the window's size.
    drv.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride", {"width": 1366, "height": 768, "deviceScaleFactor": 1, "mobile": False}
    )
    drv.downloads = downloads
    drv.set_page_load_timeout(60)
    yield drv
    drv.quit()


def wait_for(pred, timeout=180, step=0.5, what=""):
    deadline = time.time() + timeout
    while time.time() < deadline:
        v = pred()
        if v:
            return v
        time.sleep(step)
    raise AssertionError(f"timed out waiting for {what}")


def page_shows(d, by, sel, text, timeout=60) -> bool:
    """Wait until the element shows the text (a click that submits a form returns before the next page).

    While the next page replaces the old one, chromedriver may answer a lookup with a missing or stale
    element, or with "Node with given id does not belong to the document" (a plain WebDriverException):
    all mean "not yet", and the wait goes on until its timeout.
    """
    from selenium.common.exceptions import WebDriverException

    def check():
        try:
            return text in d.find_element(by, sel).text
        except WebDriverException:
            return False

    return wait_for(check, timeout, 0.2, f"{text!r} in {sel}")


def fits_the_screen(drv) -> None:
    """The page needs no horizontal scroll at 1366 wide; the message names what sticks out."""
    m = drv.execute_script(
        """
        const d = document.documentElement;
        const wide = [...document.querySelectorAll('body *')]
          .filter(e => e.getBoundingClientRect().right > d.clientWidth + 1)
          .slice(0, 5).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right));
        return {inner: window.innerWidth, scroll: d.scrollWidth, client: d.clientWidth, wide: wide};
        """
    )
    assert m["inner"] == 1366 and m["scroll"] <= m["client"], (drv.current_url, m)


def spoken_for(comment: str) -> int:
    """How many findings a Word comment speaks for: 本段有3处… names three, any other comment one."""
    m = re.match(r"本段有(\d+)处", comment)
    return int(m.group(1)) if m else 1


def download(drv, link_id_or_text: str, suffix: str) -> Path:
    from selenium.webdriver.common.by import By

    before = set(drv.downloads.iterdir())
    el = (
        drv.find_element(By.ID, link_id_or_text)
        if link_id_or_text.startswith("export-")
        else drv.find_element(By.LINK_TEXT, link_id_or_text)
    )
    el.click()
    return wait_for(
        lambda: next((p for p in set(drv.downloads.iterdir()) - before if p.name.endswith(suffix)), None),
        60,
        what=suffix,
    )


@pytest.mark.parametrize("db_backend", BACKENDS)
def test_a_review_round_in_a_real_browser(tmp_path, browser, db_backend):
    from selenium.webdriver.common.by import By

    _cfg, url, drop = fresh_database(db_backend)
    server = Server(tmp_path / "data", url)
    try:
        assert server.lines == [f"已创建系统管理员 {ADMIN}。", f"shuzhi 网页审核已启动：{server.url}/"]
        d = browser
        d.get(server.url + "/")
        assert "/login/" in d.current_url
        fits_the_screen(d)
        d.find_element(By.ID, "id_username").send_keys(ADMIN)
        d.find_element(By.ID, "id_password").send_keys(PASSWORD)
        d.find_element(By.CSS_SELECTOR, "button[type=submit].primary").click()
        assert page_shows(d, By.TAG_NAME, "h1", "审核轮次")
        fits_the_screen(d)
        d.find_element(By.LINK_TEXT, "新建审核轮次").click()
        assert page_shows(d, By.TAG_NAME, "h1", "新建审核轮次")
        fits_the_screen(d)
        d.find_element(By.ID, "id_name").send_keys("县管干部年度述职述廉")
        year = d.find_element(By.ID, "id_year")
        year.clear()
        year.send_keys("2023")
        d.find_element(By.ID, "id_requirements").send_keys(
            "每份报告须包括德、能、勤、绩、廉五个方面和存在的问题、今后打算。"
        )
        d.find_element(By.CSS_SELECTOR, "form.stack button[type=submit]").click()
        assert page_shows(d, By.TAG_NAME, "h1", "2023年 县管干部年度述职述廉")

        docx = make_docx(tmp_path / "赵六_述职述廉报告.docx")
        # The five seeds under the names a county would give them (the writers' names are made up).
        named = []
        for name, p in zip(("王建国", "李红梅", "张志强", "刘伟", "陈静"), SEEDS, strict=True):
            named.append(tmp_path / f"{name}_2023年度述职述廉报告.txt")
            named[-1].write_bytes(p.read_bytes())
        files = [str(p) for p in named] + [str(docx)]
        d.find_element(By.ID, "id_files").send_keys("\n".join(files))
        d.find_element(By.ID, "upload-button").click()
        assert page_shows(d, By.CLASS_NAME, "messages", "已接收 6 份报告")

        def all_checked():
            from selenium.common.exceptions import WebDriverException

            d.get(d.current_url.split("#")[0])
            try:  # the page's own progress poller may reload it meanwhile
                rows = d.find_elements(By.CSS_SELECTOR, "#reports tbody tr")
                text = " ".join(r.text for r in rows)
            except WebDriverException:  # stale, or "does not belong to the document": reloaded meanwhile
                return False
            return len(rows) == 6 and "排队中" not in text and "检查中" not in text

        wait_for(all_checked, 300, 2, "checking")
        if os.environ.get("SHUZHI_WEB_SCREENSHOTS"):
            d.save_screenshot(str(Path(os.environ["SHUZHI_WEB_SCREENSHOTS"]) / "round-overview.png"))
        assert "无法检查" not in d.find_element(By.ID, "reports").text
        fits_the_screen(d)

        d.find_element(By.LINK_TEXT, "赵六").click()
        assert page_shows(d, By.TAG_NAME, "h1", "赵六")
        cards = d.find_elements(By.CSS_SELECTOR, "section.finding")
        assert len(cards) >= 2
        fits_the_screen(d)
        first, second = cards[0].get_attribute("data-fid"), cards[1].get_attribute("data-fid")

        def decide(fid, verdict, comment):
            card = d.find_element(By.ID, f"f-{fid}")
            card.find_element(By.CSS_SELECTOR, f"input[value={verdict}]").click()
            box = card.find_element(By.NAME, "comment")
            box.clear()
            box.send_keys(comment)
            card.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
            label = {"dismissed": "驳回（误报）", "confirmed": "确认"}[verdict]
            assert page_shows(d, By.CSS_SELECTOR, f"#f-{fid} .state", label)  # the new page, decision shown
            assert page_shows(d, By.CLASS_NAME, "messages", "处理已保存")

        decide(first, "dismissed", "此处为引用原文，不是遗漏")
        decide(second, "confirmed", "请本人核实后修改")
        assert page_shows(d, By.ID, f"f-{first}", "驳回（误报）")
        if os.environ.get("SHUZHI_WEB_SCREENSHOTS"):
            d.get(d.current_url.split("#")[0])
            d.execute_script("window.scrollTo(0, 0)")
            d.save_screenshot(str(Path(os.environ["SHUZHI_WEB_SCREENSHOTS"]) / "report-page.png"))

        word = download(d, "export-docx", ".docx")
        comments = [c.text for c in Document(str(word)).comments]
        assert any(c.startswith("【确认】") and "请本人核实后修改" in c for c in comments)
        assert not any("此处为引用原文" in c for c in comments)
        assert sum(spoken_for(c) for c in comments) == len(cards) - 1

        d.find_element(By.LINK_TEXT, "2023年 县管干部年度述职述廉").click()
        assert page_shows(d, By.TAG_NAME, "h1", "2023年 县管干部年度述职述廉")
        xlsx = download(d, "导出汇总表", ".xlsx")
        wb = load_workbook(io.BytesIO(xlsx.read_bytes()))
        rows = list(wb["问题"].iter_rows(values_only=True))
        h = rows[0]
        mine = {r[h.index("问题编号")]: r for r in rows[1:] if r[0] == "赵六"}
        assert (
            mine[first][h.index("处理")] == "驳回（误报）"
            and mine[first][h.index("审核意见")] == "此处为引用原文，不是遗漏"
        )
        assert mine[second][h.index("处理")] == "确认" and mine[second][h.index("审核意见")] == "请本人核实后修改"
        assert {r[0] for r in rows[1:]} == {"王建国", "李红梅", "张志强", "刘伟", "陈静", "赵六"}
        # The other pages a lead opens, at the same screen size: members, audit log, users, a person's years.
        round_url = d.current_url.split("#")[0]
        for url, title in (
            (round_url + "members/", "成员"),
            (round_url + "audit/", "审计日志"),
            (server.url + "/users/", "用户"),
        ):
            d.get(url)
            assert page_shows(d, By.TAG_NAME, "h1", title)
            fits_the_screen(d)
        d.get(round_url)
        d.find_element(By.LINK_TEXT, "赵六").click()
        assert page_shows(d, By.TAG_NAME, "h1", "赵六")
        people = d.find_elements(By.CSS_SELECTOR, "a[href^='/people/']")
        assert people, "the report page links to the person's reports over the years"
        people[0].click()
        assert page_shows(d, By.TAG_NAME, "h1", "赵六")
        fits_the_screen(d)
        # Nothing was fetched from outside: every resource the pages loaded came from the app itself.
        loaded = d.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
        assert loaded and all(u.startswith(server.url) for u in loaded)
    finally:
        log = server.stop()
        drop()
    assert "Traceback" not in log


def test_serve_without_a_terminal_starts_and_says_how_to_create_an_admin(tmp_path):
    server = Server(tmp_path / "data", "", admin=False)
    try:
        with urllib.request.urlopen(server.url + "/login/", timeout=5) as r:
            assert "登录" in r.read().decode()
    finally:
        err = server.stop()
    assert re.search(r"还没有系统管理员。请在终端运行：shuzhi serve --data \S+ --create-admin", err)
    assert (tmp_path / "data" / "shuzhi.sqlite3").is_file()
