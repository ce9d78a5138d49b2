"""`shuzhi serve` behind the command: migrate, make sure there is an administrator, start the worker, serve."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
from pathlib import Path

import click

from ..model.errors import ShuzhiError
from . import configure


def _ensure_admin(create: bool, interactive: bool, data_dir: Path) -> None:
    from django.contrib.auth import get_user_model
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    User = get_user_model()
    has_admin = User.objects.filter(is_superuser=True).exists()
    if not create and has_admin:
        return
    username = os.environ.get("SHUZHI_ADMIN_USERNAME", "")
    password = os.environ.get("SHUZHI_ADMIN_PASSWORD", "")
    if not (username and password):
        if not interactive:
            click.echo(
                f"还没有系统管理员。请在终端运行：shuzhi serve --data {data_dir} --create-admin\n"
                "（或设置环境变量 SHUZHI_ADMIN_USERNAME 和 SHUZHI_ADMIN_PASSWORD 后启动）。",
                err=True,
            )
            return
        click.echo("创建系统管理员（可以创建审核轮次和用户）。")
        username = click.prompt("登录名", default="admin")
        while True:
            password = click.prompt("密码（至少 10 位）", hide_input=True, confirmation_prompt="再输入一次密码")
            try:
                validate_password(password)
                break
            except ValidationError as e:
                click.echo("；".join(e.messages), err=True)
    else:
        try:
            validate_password(password)
        except ValidationError as e:
            raise ShuzhiError("SHUZHI_ADMIN_PASSWORD 不合格：" + "；".join(e.messages), code="E203") from None
    user = User.objects.filter(username=username).first()
    if user is None:
        User.objects.create_superuser(username, password=password)
        click.echo(f"已创建系统管理员 {username}。")
    else:
        user.set_password(password)
        user.is_superuser = user.is_staff = True
        user.save()
        click.echo(f"已把 {username} 设为系统管理员并更新密码。")


def run_worker_process(data_dir: str, parent: int) -> None:
    """A worker process: its own Django set-up (models can only be imported after it); ends with its parent."""
    configure(data_dir)
    from .reports.worker import work_forever

    with contextlib.suppress(KeyboardInterrupt):
        work_forever(parent=parent)


def _start_workers(n: int, data_dir: Path) -> list[subprocess.Popen]:
    # Plain child processes (not multiprocessing): nothing of the parent's __main__ is re-run in them.
    code = "import sys; from shuzhi.web.server import run_worker_process; run_worker_process(sys.argv[1], int(sys.argv[2]))"
    return [
        subprocess.Popen([sys.executable, "-c", code, str(data_dir), str(os.getpid())], stdin=subprocess.DEVNULL)
        for _ in range(n)
    ]


def serve(*, data: str | None, host: str, port: int, create_admin: bool, workers: int, threads: int) -> int:
    if host not in ("127.0.0.1", "localhost", "::1"):
        hosts = os.environ.get("SHUZHI_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
        os.environ["SHUZHI_ALLOWED_HOSTS"] = f"{hosts},{host}" if host not in ("0.0.0.0", "::") else "*"
    configure(data)
    from django.conf import settings
    from django.core.management import call_command
    from waitress import create_server

    from .wsgi import application

    data_dir = Path(settings.DATA_DIR)
    call_command("migrate", verbosity=0, interactive=False)
    _ensure_admin(create_admin, sys.stdin.isatty(), data_dir)
    procs = _start_workers(workers, data_dir)
    server = create_server(
        application,
        host=host,
        port=port,
        threads=threads,
        max_request_body_size=settings.SHUZHI_MAX_UPLOAD_BYTES + 1024 * 1024,
        ident="shuzhi",
        clear_untrusted_proxy_headers=True,
    )
    actual = server.effective_port
    shown = f"[{host}]" if ":" in host else host
    db = settings.DATABASES["default"]
    where = "PostgreSQL" if "postgresql" in db["ENGINE"] else f"SQLite（{db['NAME']}）"
    click.echo(f"shuzhi 网页审核已启动：http://{shown}:{actual}/")
    click.echo(f"数据目录：{data_dir}；数据库：{where}；后台检查进程：{workers} 个。按 Ctrl+C 停止。", err=True)
    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo("注意：服务对其他计算机开放。请放在 HTTPS 反向代理之后（见 docs/web.md）。", err=True)
    sys.stdout.flush()

    def _stop(signum, frame):  # SIGTERM (systemd, kill): stop like Ctrl+C, so the workers are stopped too
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, _stop)
    try:
        server.run()
    except KeyboardInterrupt:
        click.echo("已停止。", err=True)
    finally:
        for p in procs:
            p.terminate()
        for p in procs:
            try:
                p.wait(10)
            except subprocess.TimeoutExpired:
                p.kill()
    return 0
