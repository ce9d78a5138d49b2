"""The web app's tests run on SQLite and on a real PostgreSQL, each migrated from zero.

PostgreSQL is the one scripts/setup.d/30-web.sh installs and starts (SHUZHI_TEST_POSTGRES_URL); every run
creates its own database there and drops it afterwards.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import shutil
import tempfile
import uuid
from pathlib import Path

import pytest

DATA_DIR = Path(tempfile.mkdtemp(prefix="shuzhi-web-tests-"))
atexit.register(shutil.rmtree, DATA_DIR, True)
os.environ["SHUZHI_DATA_DIR"] = str(DATA_DIR)
os.environ.pop("SHUZHI_DATABASE_URL", None)
os.environ["DJANGO_SETTINGS_MODULE"] = "shuzhi.web.settings"

from shuzhi.web import configure  # noqa: E402

configure()

from django.core.management import call_command  # noqa: E402
from django.db import connections, transaction  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

setup_test_environment()

POSTGRES_URL = (
    os.environ.get("SHUZHI_TEST_POSTGRES_URL") or "postgresql://shuzhi_test:shuzhi_test@127.0.0.1:5432/shuzhi_test"
)
BACKENDS = ["sqlite", "postgresql"]


def _use(cfg: dict) -> None:
    from django.conf import settings

    connections.close_all()
    full = connections.configure_settings({"default": cfg})
    connections.settings.clear()
    connections.settings.update(full)
    settings.DATABASES["default"] = full["default"]
    with contextlib.suppress(AttributeError):
        del connections["default"]


def _pg_admin(url: str):
    import psycopg

    return psycopg.connect(url, autocommit=True)


def fresh_database(backend: str) -> tuple[dict, str, object]:
    """A new empty database of the backend: (Django settings dict, URL for a subprocess, cleanup function)."""
    import dj_database_url

    name = f"shuzhi_t_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    if backend == "sqlite":
        path = DATA_DIR / f"{name}.sqlite3"
        cfg = {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(path),
            "OPTIONS": {"timeout": 30, "transaction_mode": "IMMEDIATE", "init_command": "PRAGMA journal_mode=WAL;"},
        }
        return cfg, "", lambda: None
    with _pg_admin(POSTGRES_URL) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    base = POSTGRES_URL.rsplit("/", 1)[0]
    url = f"{base}/{name}"
    cfg = dj_database_url.parse(url, conn_max_age=0)

    def drop():
        connections.close_all()
        with _pg_admin(POSTGRES_URL) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    return cfg, url, drop


@pytest.fixture(scope="session", params=BACKENDS)
def backend(request):
    """The database backend of this half of the suite, freshly created and migrated from zero."""
    cfg, _url, drop = fresh_database(request.param)
    _use(cfg)
    call_command("migrate", verbosity=0, interactive=False)
    yield request.param
    connections.close_all()
    drop()


@pytest.fixture
def db(backend):
    """Each test in a transaction rolled back at its end (the database stays as migrated)."""
    with transaction.atomic():
        yield backend
        transaction.set_rollback(True)


@pytest.fixture
def world(db):
    """Two rounds with their people: A has an admin, a reviewer and an observer; B a reviewer; one superuser."""
    from django.contrib.auth import get_user_model

    from shuzhi.web.reports.upload import Incoming, ingest
    from shuzhi.web.reports.worker import work_pending
    from shuzhi.web.rounds.models import Membership, Role, Round

    User = get_user_model()
    pw = "Zz-test-pass-2024"
    # Only lead_a gets a (slow, argon2) password; the others are logged in directly by the test client.
    users = {n: User.objects.create_user(n, first_name=n) for n in ("rev_a", "obs_a", "rev_b")}
    users["lead_a"] = User.objects.create_user("lead_a", password=pw, first_name="组长甲")
    users["root"] = User.objects.create_superuser("root", password=None)
    a = Round.objects.create(name="甲轮", year=2023, created_by=users["root"])
    b = Round.objects.create(name="乙轮", year=2023, created_by=users["root"])
    for name, rnd, role in (
        ("lead_a", a, Role.LEAD),
        ("rev_a", a, Role.REVIEWER),
        ("obs_a", a, Role.OBSERVER),
        ("rev_b", b, Role.REVIEWER),
    ):
        Membership.objects.create(round=rnd, user=users[name], role=role)
    from conftest import seed

    out_a = ingest(a, users["lead_a"], [Incoming("张三_述职报告.txt", seed(0).read_bytes())])
    out_b = ingest(b, users["root"], [Incoming("李四_述职报告.txt", seed(4).read_bytes())])
    work_pending()
    return {
        "users": users,
        "password": pw,
        "a": a,
        "b": b,
        "report_a": out_a.versions[0].report,
        "report_b": out_b.versions[0].report,
    }


@pytest.fixture
def client_for():
    """A Django test client logged in as the given user (None: logged out)."""
    from django.test import Client

    def make(user=None):
        c = Client()
        if user is not None:
            c.force_login(user)
        return c

    return make
