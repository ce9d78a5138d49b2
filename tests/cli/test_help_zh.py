"""Every `--help` page of the real `shuzhi` command is Chinese: Click's English headings never show."""

from __future__ import annotations

import re

import pytest

from conftest import run_cli

ENGLISH = ("Usage:", "Options:", "Commands:", "Show this message", "Show the version", "[default:", "[required]")
PAGES = [
    (),
    ("check",),
    ("review",),
    ("compare",),
    ("index",),
    ("index", "add"),
    ("index", "stats"),
    ("index", "remove"),
    ("index", "compact"),
    ("index", "list"),
    ("rules",),
    ("claims",),
    ("text",),
    ("meta",),
    ("explain",),
    ("outline",),
    ("history",),
    ("corpus",),
    ("serve",),
]


def _subcommands() -> list[tuple[str, ...]]:
    import click

    from shuzhi.cli import cli

    out = []
    for name, cmd in cli.commands.items():
        out.append((name,))
        if isinstance(cmd, click.Group):
            out.extend((name, sub) for sub in cmd.commands)
    return out


def test_every_command_page_is_listed_here():
    # A new command gets its help page checked too: this list must name them all.
    assert set(_subcommands()) <= set(PAGES)


@pytest.mark.parametrize("args", PAGES, ids=lambda a: " ".join(a) or "shuzhi")
def test_help_page_has_no_english_click_text(args):
    r = run_cli(*args, "--help")
    assert r.returncode == 0, r.stderr
    for word in ENGLISH:
        assert word not in r.stdout, f"{word!r} in `shuzhi {' '.join(args)} --help`:\n{r.stdout}"
    assert "用法：" in r.stdout and "选项：" in r.stdout
    assert "显示此帮助并退出" in r.stdout


def test_top_level_page_lists_commands_and_version_in_chinese():
    r = run_cli("--help")
    assert "命令：" in r.stdout and "check" in r.stdout and "显示版本并退出" in r.stdout
    assert run_cli("-h").stdout == r.stdout


def _page(args: tuple[str, ...], width: int) -> str:
    from click.testing import CliRunner

    from shuzhi.cli import cli

    r = CliRunner().invoke(cli, [*args, "--help"], prog_name="shuzhi", terminal_width=width)
    assert r.exit_code == 0, r.output
    return r.output


@pytest.mark.parametrize("width", [60, 80, 100])
@pytest.mark.parametrize("args", PAGES, ids=lambda a: " ".join(a) or "shuzhi")
def test_help_page_fits_the_terminal_in_columns(args, width):
    # A Chinese character takes two columns: Click alone counted one and overran an 80-column terminal.
    from shuzhi.cli import display_width

    for line in _page(args, width).splitlines():
        assert display_width(line) <= width, f"{display_width(line)} > {width}: {line!r}"


@pytest.mark.parametrize("args", PAGES, ids=lambda a: " ".join(a) or "shuzhi")
def test_wrapping_never_splits_a_latin_word(args):
    # results.json, shuzhi.toml, --person/--unit/--year stay whole at any width (known defect at 80 columns).
    import re

    def words(text):
        return sorted(re.findall(r"[A-Za-z0-9_./\-\[\]|:=]+", text))

    assert words(_page(args, 60)) == words(_page(args, 200))


ENGLISH_VALUE_NAMES = re.compile(r"\b(TEXT|INTEGER|FLOAT|DIRECTORY|FILE|PATHS?|RANGE|KEYS|CODE|PERSON)\b")


@pytest.mark.parametrize("args", PAGES, ids=lambda a: " ".join(a) or "shuzhi")
def test_value_names_and_ranges_read_as_chinese(args):
    page = _page(args, 100)
    assert not ENGLISH_VALUE_NAMES.search(page), ENGLISH_VALUE_NAMES.search(page).group(0) + "\n" + page
    assert "x>=" not in page and "<=x" not in page, page


def test_value_names_and_ranges_say_what_is_wanted():
    page = _page(("index", "add"), 100)
    assert "用法：shuzhi index add [选项] 路径..." in page
    assert "--index 目录" in page and "--year 整数" in page and "--person 文本" in page
    assert "[1949 至 2100]" in page
    assert "[不小于 1]" in _page(("review",), 100)
    assert "shuzhi compare [选项] 报告甲 报告乙" in _page(("compare",), 100)


def test_command_list_shows_each_first_sentence_whole():
    commands = _page((), 100).split("命令：", 1)[1]
    assert "..." not in commands  # Click cut long ones with "..."
    flat = re.sub(r"\s+", "", commands)
    assert "审查一轮报告：逐份检查并相互比对，生成离线看板、Excel汇总表、带批注的Word文件和JSON结果" in flat
    assert "成绩照搬H603、同一指标同一年度数字不一H604）" in flat  # no space where a source line broke


@pytest.mark.parametrize("width", [8, 11, 20, 33])
def test_lines_never_start_with_a_closing_mark_nor_end_with_an_opening_one(width):
    from shuzhi.cli import display_width, wrap_display

    text = "复制检测索引目录（由 shuzhi index add 建立），本轮报告也与其中的报告比对；“去除本人”复制比。结果写入 results.json。"
    lines = wrap_display(text, width)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    for line in lines:
        assert line[0] not in "，。；）”、", lines
        assert line[-1] not in "（“", lines
        if display_width(line) > width:  # only one unbreakable piece wider than the line stands alone
            assert " " not in line and len(re.findall(r"[\u4e00-\u9fff]", line)) <= 1, lines
