"""The `shuzhi` command: a thin layer over the library. Each module here adds commands."""
from __future__ import annotations

import importlib
import pkgutil
import sys

import click

from .. import __version__
from ..errors import ShuzhiError

EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERRUPTED, EXIT_INTERNAL = 0, 1, 2, 3, 4


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="shuzhi")
def cli() -> None:
    """shuzhi：述职述廉报告审查工具（离线运行，文件不外传）。"""


for _mod in pkgutil.iter_modules(__path__):
    if _mod.name.startswith("_"):
        continue
    _m = importlib.import_module(f"{__name__}.{_mod.name}")
    for _cmd in getattr(_m, "COMMANDS", ()):
        cli.add_command(_cmd)


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
    except click.ClickException as e:
        e.show()
        return EXIT_USAGE
    except ShuzhiError as e:
        click.echo(f"shuzhi: {e.code} {e.message}", err=True)
        return EXIT_USAGE
    except BrokenPipeError:
        return EXIT_CLEAN
    except Exception as e:  # noqa: BLE001
        import traceback

        click.echo(f"shuzhi: 内部错误（这是 shuzhi 的缺陷，请反馈）：{type(e).__name__}: {e}", err=True)
        if "--debug" in (argv or sys.argv):
            traceback.print_exc()
        return EXIT_INTERNAL
    return rv if isinstance(rv, int) else EXIT_CLEAN


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
