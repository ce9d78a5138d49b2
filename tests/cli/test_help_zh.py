"""Every `--help` page of the real `shuzhi` command is Chinese: Click's English headings never show."""

from __future__ import annotations

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
