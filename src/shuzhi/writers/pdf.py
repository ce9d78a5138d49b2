"""An HTML page printed to PDF by headless Chromium (Debian's `chromium`), when the machine has it.

Chromium is an ordinary program here, not a Python dependency: found on PATH (or named by SHUZHI_CHROMIUM), run
once per page with --print-to-pdf. Without it, or when it fails, the caller gets the reason in Chinese and the HTML
page stays the thing to print.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
# Seconds one page may take to print (a cold start of chromium on a busy machine takes a few).
TIMEOUT = 120


def find_chromium() -> str | None:
    """The chromium to print with: SHUZHI_CHROMIUM when set, else the first of NAMES on PATH."""
    given = os.environ.get("SHUZHI_CHROMIUM")
    if given:
        return given if Path(given).is_file() and os.access(given, os.X_OK) else None
    return next((p for p in map(shutil.which, NAMES) if p), None)


def print_to_pdf(html_path: Path, pdf_path: Path) -> str | None:
    """Print ``html_path`` to ``pdf_path``; None when done, else why not (Chinese, for the round's notes)."""
    exe = find_chromium()
    if exe is None:
        why = (
            f"SHUZHI_CHROMIUM 所指的 {os.environ['SHUZHI_CHROMIUM']} 不是可执行文件"
            if os.environ.get("SHUZHI_CHROMIUM")
            else "本机没有找到 Chromium 浏览器（chromium；Debian/Ubuntu：apt-get install chromium）"
        )
        return f"{why}"
    pdf_path = Path(pdf_path)
    pdf_path.unlink(missing_ok=True)
    with tempfile.TemporaryDirectory(prefix="shuzhi-chromium-") as profile:
        cmd = [
            exe,
            "--headless",
            "--no-sandbox",  # run as root in containers; the page is our own, offline file
            "--disable-gpu",
            "--no-first-run",
            "--no-default-browser-check",
            f"--user-data-dir={profile}",
            "--no-pdf-header-footer",
            f"--print-to-pdf={pdf_path}",
            Path(html_path).resolve().as_uri(),
        ]
        try:
            done = subprocess.run(cmd, capture_output=True, timeout=TIMEOUT, check=False)
        except subprocess.TimeoutExpired:
            return f"Chromium 在 {TIMEOUT} 秒内没有打印完"
        except OSError as e:
            return f"无法运行 Chromium（{exe}：{e.strerror or type(e).__name__}）"
    if done.returncode != 0 or not pdf_path.is_file() or pdf_path.stat().st_size == 0:
        return f"Chromium 打印失败（退出码 {done.returncode}）"
    return None
