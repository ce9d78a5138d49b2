"""`shuzhi explain E103`: every error code a user can meet says when it happens and what to do."""

from __future__ import annotations

import re

from conftest import run_cli
from shuzhi.cli import cli
from shuzhi.model.error_help import HELP
from shuzhi.model.errors import CATALOGUE

# Names a reader meets on the screen or the package: everything else in the advice must be Chinese.
_NAMES = {
    "PDF",
    "OFD",
    "OCR",
    "Word",
    "WPS",
    "CSV",
    "XLSX",
    "Excel",
    "UTF-8",
    "UTF-16",
    "GB18030",
    "GBK",
    "Big5",
    "LibreOffice",
    "Java",
    "JAVA_HOME",
    "Spark",
    "Parquet",
    "JSONL",
    "id",
    "text",
    "macOS",
    "MB",
    "Debian",
    "Ubuntu",
    "max-file-size",
    "file-time-budget",
    "cd",
    "zip",
    "rar",
    "xyz",
    "from",
    "index",
    "person",
    "post",
    "manifest",
    "unit",
    "year",
    "o",
    "help",
    "pyspark",
    "web",
    "spark",
    "ocr",
}
_COMMANDS = re.compile(
    r"shuzhi[ a-z-]*|docs/[\w.-]+|pip install '[^']*'|apt-get install \S+|[\w.-]*\.(?:md|toml|txt|docx|doc|wps|rtf|odt|xlsx|json|ofd|pdf)\b"
)


def test_every_error_code_has_when_and_what_to_do():
    assert set(HELP) == set(CATALOGUE)
    for code, (when, todo) in HELP.items():
        assert when.strip() and todo.strip(), code
        words = set(re.findall(r"[A-Za-z][A-Za-z0-9_-]*", _COMMANDS.sub("", when + todo)))
        assert words <= _NAMES, (code, words - _NAMES)


def test_commands_named_in_the_advice_exist():
    for code, (when, todo) in HELP.items():
        for name in re.findall(r"shuzhi ([a-z]+)", when + todo):
            assert name in cli.commands, f"{code} names shuzhi {name}, which is not a command"


def test_explain_an_error_code():
    p = run_cli("explain", "e103")
    assert p.returncode == 0, p.stderr
    assert p.stdout.startswith("## E103：" + CATALOGUE["E103"])
    assert "何时出现：" in p.stdout and "怎么办：另存为" not in p.stdout and "另存为 .docx" in p.stdout


def test_explain_an_unknown_code_says_where_the_lists_are():
    p = run_cli("explain", "E999")
    assert p.returncode == 2 and "Traceback" not in p.stderr
    assert "未知的规则或错误代码“E999”" in p.stderr and "shuzhi rules" in p.stderr
