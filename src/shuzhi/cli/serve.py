"""`shuzhi serve`: the reviewer web app on this machine (the `web` extra)."""

from __future__ import annotations

import importlib.util

import click

from ..model.errors import ShuzhiError

_NEEDED = ("django", "waitress", "argon2", "whitenoise", "platformdirs", "dj_database_url")


@click.command("serve")
@click.option(
    "--data",
    type=click.Path(file_okay=False),
    default=None,
    metavar="目录",
    help="数据目录（数据库、上传的报告、密钥）；默认在用户数据目录",
)
@click.option("--host", default="127.0.0.1", metavar="地址", help="监听地址（默认 127.0.0.1，只对本机开放）")
@click.option("--port", type=int, default=8000, metavar="端口", help="端口（默认 8000；0 表示任选一个空闲端口）")
@click.option("--create-admin", is_flag=True, default=False, help="创建（或重设）系统管理员后启动")
@click.option("--workers", type=int, default=1, metavar="个数", help="后台检查进程数（默认 1，最多 8）")
@click.option("--threads", type=int, default=8, metavar="个数", help="处理网页请求的线程数（默认 8，最多 64）")
def serve_cmd(data, host, port, create_admin, workers, threads):
    """启动网页审核系统：审核组在浏览器中共同审核一轮报告，处理意见全部留存。

    默认使用数据目录中的 SQLite；设置 SHUZHI_DATABASE_URL=postgresql://… 则使用 PostgreSQL。
    """
    for name, value, low, high in (
        ("--port", port, 0, 65535),
        ("--workers", workers, 0, 8),
        ("--threads", threads, 1, 64),
    ):
        if not low <= value <= high:
            raise ShuzhiError(f"选项 {name} 的值 {value} 不在允许的范围 {low}–{high} 内。", code="E203")
    missing = [m for m in _NEEDED if importlib.util.find_spec(m) is None]
    if missing:
        raise ShuzhiError(
            f"网页审核需要安装 web 扩展：pip install 'shuzhi[web]'（缺少 {'、'.join(missing)}）。", code="E007"
        )
    from ..web.server import serve

    return serve(data=data, host=host, port=port, create_admin=create_admin, workers=workers, threads=threads)


COMMANDS = [serve_cmd]
