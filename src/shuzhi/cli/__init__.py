"""The `shuzhi` command: a thin layer over the library. Each module here adds commands."""

from __future__ import annotations

import errno
import importlib
import pkgutil
import re
import sys

import click

from .. import __version__
from ..model.errors import ShuzhiError

EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERRUPTED, EXIT_INTERNAL = 0, 1, 2, 3, 4


# Click writes its help pages' headings and its own options' help in English; reviewers read Chinese.
# One formatter for every command (set on each by _localize below), so no command keeps its own copy.
_HELP_ZH = {
    "Show this message and exit.": "显示此帮助并退出。",
    "Show the version and exit.": "显示版本并退出。",
}
_HEADINGS_ZH = {"Options": "选项", "Commands": "命令", "Arguments": "参数"}


class ZhHelpFormatter(click.HelpFormatter):
    """Click's help formatter with Chinese headings, usage prefix and option notes."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, "用法：" if prefix is None else prefix)

    def write_heading(self, heading: str) -> None:
        self.write(f"{'':>{self.current_indent}}{_HEADINGS_ZH.get(heading, heading)}：\n")

    def write_dl(self, rows, col_max: int = 30, col_spacing: int = 2) -> None:
        super().write_dl([(term, _help_text_zh(text)) for term, text in rows], col_max, col_spacing)


def _help_text_zh(text: str) -> str:
    text = _HELP_ZH.get(text, text)
    return text.replace("[default: ", "[默认：").replace("[required]", "[必填]").replace("; required]", "；必填]")


class ZhContext(click.Context):
    formatter_class = ZhHelpFormatter


def _localize(cmd: click.Command) -> None:
    """Give a command (and its subcommands) the Chinese help page."""
    cmd.context_class = ZhContext
    if cmd.options_metavar == "[OPTIONS]":
        cmd.options_metavar = "[选项]"
    if isinstance(cmd, click.Group):
        if cmd.subcommand_metavar in (None, "COMMAND [ARGS]..."):
            cmd.subcommand_metavar = "命令 [参数]..."
        for sub in cmd.commands.values():
            _localize(sub)


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="shuzhi", message="%(prog)s %(version)s", help="显示版本并退出。")
def cli() -> None:
    """shuzhi：述职述廉报告审查工具（离线运行，文件不外传）。"""


for _mod in pkgutil.iter_modules(__path__):
    if _mod.name.startswith("_"):
        continue
    _m = importlib.import_module(f"{__name__}.{_mod.name}")
    for _cmd in getattr(_m, "COMMANDS", ()):
        cli.add_command(_cmd)
_localize(cli)


# Click's usage messages are English; reviewers get them in Chinese (patterns of click 8).
_USAGE_ZH = [
    (re.compile(r"No such option:? '?([^'.]+)'?\.?"), r"没有选项 \1。"),
    (re.compile(r"No such command:? '?([^'.]+)'?\.?"), r"没有命令 \1。"),
    (re.compile(r"\(Did you mean one of: ([^?]+)\?\)"), r"（是不是 \1？）"),
    (re.compile(r"Did you mean '?([^'?]+)'?\?"), r"是不是 \1？"),
    (re.compile(r"\(Possible options: ([^)]*)\)"), r"（可能的选项：\1）"),
    (re.compile(r"Missing argument '([^']+)'\."), r"缺少参数 \1（要处理的文件或目录等）。"),
    (re.compile(r"Missing option '([^']+)'(?: / '([^']+)')?\."), r"缺少选项 \1 \2。"),
    (re.compile(r"Option '([^']+)' requires an argument\."), r"选项 \1 需要一个值。"),
    (re.compile(r"Got unexpected extra arguments? \(([^)]*)\)"), r"多余的参数：\1"),
    (re.compile(r"Invalid value for '([^']+)'(?: / '([^']+)')?: "), r"选项 \1 \2 的值无效："),
    (re.compile(r"Invalid value for '([^']+)': "), r"\1 的值无效："),
    (re.compile(r"(\S+) is not one of (.+)\."), r"\1 不是 \2 之一。"),
    (re.compile(r"(\S+) is not in the range ([^.]+)\."), r"\1 不在允许的范围 \2 内。"),
    (re.compile(r"(\S+) is not a valid integer(?: range)?\."), r"\1 不是有效的整数。"),
    (re.compile(r"(\S+) is not a valid float(?: range)?\."), r"\1 不是有效的数字。"),
    (re.compile(r"(?:File|Directory|Path) '([^']+)' does not exist\."), r"路径 \1 不存在。"),
    (re.compile(r"(?:File|Path) '([^']+)' is a directory\."), r"\1 是目录，这里需要文件。"),
    (re.compile(r"(?:Directory|Path) '([^']+)' is a file\."), r"\1 是文件，这里需要目录。"),
]


def _usage_error_zh(e: click.UsageError) -> str:
    """The usage error in Chinese, with where to find help."""
    msg = e.format_message()
    for pattern, repl in _USAGE_ZH:
        msg = pattern.sub(repl, msg)
    msg = re.sub(r"\s+。", "。", msg.replace("  ", " ")).replace("。 ", "。")
    path = e.ctx.command_path if e.ctx is not None else "shuzhi"
    return f"shuzhi: 用法错误：{msg}\n运行 `{path} --help` 查看用法。"


_OS_ERRORS_ZH = {
    errno.ENOENT: "目录不存在",
    errno.EACCES: "没有权限",
    errno.EPERM: "没有权限",
    errno.ENOSPC: "磁盘已满",
    errno.EROFS: "只读文件系统",
    errno.ENOTDIR: "路径中有一项不是目录",
    errno.EEXIST: "已存在同名文件",
    errno.EISDIR: "这是一个目录",
}


def main(argv: list[str] | None = None) -> int:
    """Entry point: maps errors to the documented exit codes (0/1/2/3/4)."""
    try:
        rv = cli.main(args=argv, prog_name="shuzhi", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("已中断。", err=True)
        return EXIT_INTERRUPTED
    except KeyboardInterrupt:
        click.echo("已中断。", err=True)
        return EXIT_INTERRUPTED
    except click.UsageError as e:
        click.echo(_usage_error_zh(e), err=True)
        return EXIT_USAGE
    except click.ClickException as e:
        e.show()
        return EXIT_USAGE
    except ShuzhiError as e:
        click.echo(f"shuzhi: {e.code} {e.message}", err=True)
        return EXIT_USAGE
    except BrokenPipeError:
        return EXIT_CLEAN
    except OSError as e:
        # Outputs (-o FILE, OUTDIR) that cannot be written: the user's environment, not a shuzhi defect.
        click.echo(
            f"shuzhi: E004 无法写入 {e.filename or ''}：{_OS_ERRORS_ZH.get(e.errno, e.strerror)}。"
            "请检查路径是否存在、是否有写权限、磁盘是否已满。",
            err=True,
        )
        return EXIT_USAGE
    except Exception as e:
        import traceback

        click.echo(f"shuzhi: 内部错误（这是 shuzhi 的缺陷，请反馈）：{type(e).__name__}: {e}", err=True)
        if "--debug" in (argv or sys.argv):
            traceback.print_exc()
        return EXIT_INTERNAL
    return rv if isinstance(rv, int) else EXIT_CLEAN


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
