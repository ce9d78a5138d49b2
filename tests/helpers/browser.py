"""Driving Debian's headless Chromium from the tests: the DOM after the dashboard's script ran, screenshots."""

from __future__ import annotations

import os
import re
import shutil
import subprocess

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def chromium(*args: str) -> str:
    assert CHROMIUM, "Debian's chromium is expected on this machine (apt-get install chromium)"
    cmd = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--hide-scrollbars",
        "--virtual-time-budget=3000",
        *args,
    ]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def dom(url: str) -> str:
    return chromium("--dump-dom", url)


def selfcheck(page: str) -> dict[str, str]:
    m = re.search(r'<div id="selfcheck"([^>]*)>ok</div>', page)
    assert m, "the dashboard script did not run (no self-check in the DOM)"
    return dict(re.findall(r'data-([a-z]+)="([^"]*)"', m.group(1)))


CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"


def screen_driver(width: int, height: int):
    """Selenium on Debian's chromium with a viewport of exactly ``width``×``height`` CSS pixels (an office screen).

    Used by the layout test and by scripts/screenshots.py, so the screenshots show what the test checked.
    """
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    assert CHROMIUM, "Debian's chromium is expected on this machine (apt-get install chromium)"
    os.environ.setdefault("SE_AVOID_STATS", "true")
    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for a in ("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--lang=zh-CN", "--hide-scrollbars"):
        opts.add_argument(a)
    drv = webdriver.Chrome(service=Service(CHROMEDRIVER), options=opts)
    drv.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
    )
    return drv
