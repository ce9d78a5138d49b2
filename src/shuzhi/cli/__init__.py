"""The `shuzhi` command: a thin layer over the library. Each module here adds commands."""

from __future__ import annotations

import errno
import importlib
import os
import pkgutil
import re
import sys
import unicodedata

# numpy's OpenBLAS starts a thread per core when numpy is imported; shuzhi does no linear algebra, and on
# a busy two-core machine those threads cost a command 30-40 ms of CPU before it has read a file
# (docs/bench/user-wait.md §2c). Set before anything imports numpy; a value the user set is kept.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

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
    """Click's help formatter with Chinese headings, usage prefix and option notes.

    Click measures and wraps text by characters and breaks lines at spaces; a Chinese character takes two
    terminal columns and Chinese has no spaces, so its pages overran the terminal and split words such as
    ``results.json``. Here lines are measured in columns and broken between Chinese characters, never inside
    a Latin word, never before a closing mark (，。）) nor after an opening one (（“).
    """

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, "用法：" if prefix is None else prefix)

    def write_heading(self, heading: str) -> None:
        self.write(f"{'':>{self.current_indent}}{_HEADINGS_ZH.get(heading, heading)}：\n")

    def write_text(self, text: str) -> None:
        indent = " " * self.current_indent
        for i, para in enumerate(_paragraphs(text)):
            if i:
                self.write("\n")
            width = self.width - len(indent)
            if para[0] == "\b":  # kept line by line; only a line wider than the terminal is wrapped
                lines = [w for line in para[1:] for w in (wrap_display(line, width) or [""])]
            else:
                lines = wrap_display(_join_lines(para), width)
            self.write("".join(f"{indent}{line}\n" for line in lines))

    def write_dl(self, rows, col_max: int = 30, col_spacing: int = 2) -> None:
        rows = [(term, _help_text_zh(text)) for term, text in rows]
        first_col = min(max((display_width(t) for t, _ in rows), default=0), col_max) + col_spacing
        indent = " " * self.current_indent
        for term, text in rows:
            self.write(f"{indent}{term}")
            if not text:
                self.write("\n")
                continue
            if display_width(term) <= first_col - col_spacing:
                self.write(" " * (first_col - display_width(term)))
            else:
                self.write("\n" + " " * (first_col + self.current_indent))
            lines = wrap_display(text, max(self.width - first_col - self.current_indent, 10)) or [""]
            self.write(lines[0] + "\n")
            for line in lines[1:]:
                self.write(f"{'':>{first_col + self.current_indent}}{line}\n")


def display_width(s: str) -> int:
    """Terminal columns: East Asian wide and fullwidth characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


_NO_LINE_START = set("，。、；：？！）》」』”’】〕…—·,.;:?!)]}%")
_NO_LINE_END = set("（《「『“‘【〔([{")


def _atoms(text: str) -> list[str]:
    """Unbreakable pieces: one wide character, a run of Latin text, or a space; marks glued to their word."""
    glued: list[str] = []
    carry = ""
    for a in re.findall(r" +|[^\s\u2e80-\uffef]+|[\u2e80-\uffef]", text):
        if carry and a.startswith(" "):
            glued.append(carry)
            carry = ""
        if a[0] in _NO_LINE_START and glued and not glued[-1].startswith(" ") and not carry:
            glued[-1] += a
        elif a[-1] in _NO_LINE_END and not a.startswith(" "):
            carry += a
        else:
            glued.append(carry + a)
            carry = ""
    if carry:
        glued.append(carry)
    return glued


def wrap_display(text: str, width: int) -> list[str]:
    """Wrap to ``width`` terminal columns (see ZhHelpFormatter); a piece wider than a line gets its own line."""
    lines: list[str] = []
    line, used = "", 0
    for atom in _atoms(" ".join(text.split())):
        w = display_width(atom)
        if atom.startswith(" "):
            if line:
                line, used = line + atom, used + w
            continue
        if line and used + w > width:
            lines.append(line.rstrip())
            line, used = "", 0
        line, used = line + atom, used + w
    if line.strip():
        lines.append(line.rstrip())
    return lines


def _join_lines(lines: list[str]) -> str:
    """One paragraph from its source lines: a space between Latin words, none between Chinese characters."""
    out = ""
    for line in (x.strip() for x in lines):
        if out and line and not (display_width(out[-1]) == 2 or display_width(line[0]) == 2):
            out += " "
        out += line
    return out


def _paragraphs(text: str) -> list[list[str]]:
    """Paragraphs split at blank lines; Click's ``\\b`` marks one to keep as written (first item ``\\b``)."""
    out: list[list[str]] = []
    for block in re.split(r"\n\s*\n", text.strip("\n")):
        lines = block.split("\n")
        if lines[0].strip() == "\b":
            out.append(["\b", *lines[1:]])
        else:
            out.append([line.strip() for line in lines if line.strip()] or [""])
    return out


def _help_text_zh(text: str) -> str:
    text = _HELP_ZH.get(text, text)
    text = text.replace("[default: ", "[默认：").replace("[required]", "[必填]").replace("; required]", "；必填]")
    return _RANGE_RE.sub(_range_zh, text)


# Click's range notes ("x>=1", "1949<=x<=2100") read as words.
_RANGE_RE = re.compile(r"(?:(-?[\d.]+)(<=?))?x(?:(<=?)(-?[\d.]+)|(>=?)(-?[\d.]+))")


def _range_zh(m: re.Match) -> str:
    lo, lo_op, hi_op, hi, ge_op, ge = m.groups()
    if ge is not None:
        return f"不小于 {ge}" if ge_op == ">=" else f"大于 {ge}"
    if lo is not None and hi is not None:
        return f"{lo} 至 {hi}" if lo_op == hi_op == "<=" else m.group(0)
    if hi is not None:
        return f"不大于 {hi}" if hi_op == "<=" else f"小于 {hi}"
    return m.group(0)


class ZhContext(click.Context):
    formatter_class = ZhHelpFormatter


# Value names in help pages and usage lines: Click's TEXT, INTEGER, DIRECTORY, PATHS... in Chinese.
_ARGUMENT_ZH = {"paths": "路径", "path": "路径", "keys": "文档", "a": "报告甲", "b": "报告乙", "code": "代码"}


def _metavar_zh(param: click.Parameter) -> str | None:
    t = param.type
    if isinstance(t, click.Choice):
        return None  # the choices themselves: [text|json]
    if isinstance(t, click.Path):
        return "目录" if not t.file_okay else "文件" if not t.dir_okay else "路径"
    if isinstance(t, click.types.IntParamType):
        return "整数"
    if isinstance(t, click.types.FloatParamType):
        return "数字"
    if isinstance(param, click.Argument):
        return _ARGUMENT_ZH.get(param.name or "", "值")
    return "文本"


def _localize_params(cmd: click.Command) -> None:
    for param in cmd.params:
        if param.metavar is not None or getattr(param, "is_flag", False) or getattr(param, "count", False):
            continue
        name = _metavar_zh(param)
        if name is None:
            continue
        if isinstance(param, click.Argument):
            name = name if param.required else f"[{name}]"
            name += "..." if param.nargs != 1 else ""
        param.metavar = name


def _short_help(cmd: click.Command) -> None:
    """The command list shows each command's first sentence, whole (Click cuts it by characters)."""
    if cmd.short_help or not cmd.help:
        return
    first = _join_lines(cmd.help.strip().split("\n\n", 1)[0].split("\n"))
    cmd.short_help = re.split(r"(?<=[。！？])", first, maxsplit=1)[0].rstrip("。")


def _localize(cmd: click.Command) -> None:
    """Give a command (and its subcommands) the Chinese help page."""
    cmd.context_class = ZhContext
    _localize_params(cmd)
    _short_help(cmd)
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
