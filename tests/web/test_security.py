"""Security: argon2 passwords, login throttling, Secure cookies over HTTPS, an append-only audit log."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction

from shuzhi.web.audit.models import AppendOnlyError, AuditEntry


def test_passwords_are_hashed_with_argon2(world):
    assert world["users"]["lead_a"].password.startswith("argon2$")


def test_login_is_throttled_after_repeated_failures(world, client_for):
    c = client_for(None)
    for _ in range(5):
        r = c.post("/login/", {"username": "lead_a", "password": "wrong-password-1"})
        assert r.status_code == 200 and "请输入一个正确的" in r.content.decode()
    r = c.post("/login/", {"username": "lead_a", "password": world["password"]})
    assert r.status_code == 429
    assert "登录失败次数过多" in r.content.decode()
    assert "_auth_user_id" not in c.session
    assert AuditEntry.objects.filter(action="login_failed", target="lead_a").count() == 5


def test_a_correct_login_works_and_is_logged(world, client_for):
    c = client_for(None)
    r = c.post("/login/", {"username": "lead_a", "password": world["password"]})
    assert r.status_code == 302 and r["Location"] == "/"
    assert AuditEntry.objects.filter(action="login", user=world["users"]["lead_a"]).count() == 1


def test_cookies_are_secure_over_https_only(world, client_for):
    plain = client_for(None).post("/login/", {"username": "lead_a", "password": world["password"]})
    assert not plain.cookies["sessionid"]["secure"]
    assert plain.cookies["sessionid"]["httponly"] and plain.cookies["sessionid"]["samesite"] == "Lax"
    tls = client_for(None).post("/login/", {"username": "lead_a", "password": world["password"]}, secure=True)
    assert tls.cookies["sessionid"]["secure"] and tls.cookies["sessionid"]["httponly"]
    assert tls["Strict-Transport-Security"].startswith("max-age=")
    page = client_for(None).get("/login/", secure=True)
    assert page.cookies["csrftoken"]["secure"] and page.cookies["csrftoken"]["httponly"]


def test_the_audit_log_is_append_only_in_the_app_and_in_the_database(world):
    e = AuditEntry.objects.filter(round=world["a"]).first()
    assert e is not None and e.action == "upload"
    e.target = "改过"
    with pytest.raises(AppendOnlyError):
        e.save()
    with pytest.raises(AppendOnlyError):
        e.delete()
    for sql in ("UPDATE audit_auditentry SET target = 'x'", "DELETE FROM audit_auditentry"):
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cur:
            cur.execute(sql)
    assert AuditEntry.objects.filter(pk=e.pk, target__startswith="张三").exists()


def test_the_audit_log_page_shows_actions_in_chinese(world, client_for):
    page = client_for(world["users"]["lead_a"]).get(f"/rounds/{world['a'].id}/audit/").content.decode()
    assert "上传报告" in page and "张三 第1版" in page
    assert "upload" not in page.replace("upload/", "")
