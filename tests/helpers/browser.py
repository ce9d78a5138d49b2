"""Driving Debian's headless Chromium from the tests: the DOM after the dashboard's script ran, screenshots."""

from __future__ import annotations

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
