"""docs/web.md documents every web error code and every `shuzhi serve` option."""

from __future__ import annotations

import re

from conftest import ROOT
from shuzhi.cli.serve import serve_cmd
from shuzhi.web.errors import CATALOGUE


def test_every_web_error_code_is_documented():
    doc = (ROOT / "docs" / "web.md").read_text(encoding="utf-8")
    for code in CATALOGUE:
        assert re.search(rf"\| {code} \|", doc), f"{code} missing from docs/web.md"


def test_every_serve_option_is_documented():
    doc = (ROOT / "docs" / "web.md").read_text(encoding="utf-8")
    for p in serve_cmd.params:
        assert any(f"`{o}" in doc for o in p.opts), f"{p.opts} missing from docs/web.md"


def test_serve_help_and_usage_errors_are_chinese():
    from conftest import run_cli

    page = run_cli("serve", "--help").stdout
    assert not re.search(r"\b(TEXT|INTEGER|DIRECTORY|RANGE)\b|<=x<=", page), page
    r = run_cli("serve", "--port", "99999")
    assert r.returncode == 2
    assert "E203 选项 --port 的值 99999 不在允许的范围 0–65535 内" in r.stderr
