"""Every URL of the web app, requested by the wrong people, is refused — generated from the URL list."""

from __future__ import annotations

import re

from django.urls import URLPattern, get_resolver

from shuzhi.web.rounds.permissions import CAPABILITIES

POST_ONLY = {"upload", "decide", "assign", "logout"}


def patterns() -> list[URLPattern]:
    out = []

    def walk(ps):
        for p in ps:
            if isinstance(p, URLPattern):
                out.append(p)
            else:
                walk(p.url_patterns)

    walk(get_resolver().url_patterns)
    return out


def url_for(p: URLPattern, w, *, round_key="a") -> str:
    kwargs = {}
    for key in p.pattern.converters:
        kwargs[key] = {
            "round_id": w[round_key].id,
            "report_id": w["report_a"].id,
            "number": 1,
            "person_id": w["report_a"].person_id,
        }[key]
    from django.urls import reverse

    return reverse(p.name, kwargs=kwargs)


def request(client, p: URLPattern, url: str):
    return client.post(url, {}) if p.name in POST_ONLY else client.get(url)


def test_every_view_declares_who_may_use_it():
    # A view without an `access` mark would escape the tests below: none may exist.
    missing = [p.name for p in patterns() if not hasattr(p.callback, "access")]
    assert missing == []
    assert len(patterns()) >= 18


def test_logged_out_clients_are_sent_to_the_login_page(world, client_for):
    c = client_for(None)
    checked = 0
    for p in patterns():
        if p.callback.access == "public":
            continue
        r = request(c, p, url_for(p, world))
        assert r.status_code == 302, p.name
        assert r["Location"].startswith("/login/"), p.name
        checked += 1
    assert checked >= 16


def test_a_member_of_another_round_sees_nothing_of_it(world, client_for):
    c = client_for(world["users"]["rev_b"])
    for p in patterns():
        access = p.callback.access
        if access == "public":
            continue
        r = request(c, p, url_for(p, world))
        if access == "superuser":
            assert r.status_code == 403, p.name
        elif isinstance(access, tuple) or "person_id" in p.pattern.converters:
            assert r.status_code == 404, (p.name, r.status_code)
            assert world["report_a"].person.name not in r.content.decode(), p.name
        else:  # the home page: only the user's own rounds
            assert r.status_code == 200, p.name
            assert "甲轮" not in r.content.decode()
            assert "乙轮" in r.content.decode()


def test_round_b_urls_with_round_a_objects_are_not_found(world, client_for):
    # A reviewer of B guesses a report of A under B's round id: the report is looked up in B only.
    c = client_for(world["users"]["rev_b"])
    n = 0
    for p in patterns():
        if "report_id" not in p.pattern.converters:
            continue
        r = request(c, p, url_for(p, world, round_key="b"))
        allowed = "reviewer" in CAPABILITIES[p.callback.access[1]]
        # Where the role may act, the object is looked up in B only and is not found; elsewhere the role says no.
        assert r.status_code == (404 if allowed else 403), p.name
        n += allowed
    assert n >= 4


def test_an_observer_reads_but_cannot_act(world, client_for):
    c = client_for(world["users"]["obs_a"])
    for p in patterns():
        access = p.callback.access
        if access == "public":
            continue
        r = request(c, p, url_for(p, world))
        if access == "superuser":
            assert r.status_code == 403, p.name
        elif isinstance(access, tuple) and access[1] != "view":
            assert r.status_code == 403, (p.name, r.status_code)
            assert "无权操作" in r.content.decode()
        elif isinstance(access, tuple):
            assert r.status_code == 200, (p.name, r.status_code)


def test_a_reviewer_cannot_upload_manage_or_read_the_audit_log(world, client_for):
    c = client_for(world["users"]["rev_a"])
    for name in ("upload", "members", "audit"):
        p = next(p for p in patterns() if p.name == name)
        assert request(c, p, url_for(p, world)).status_code == 403, name
    p = next(p for p in patterns() if p.name == "report")
    assert request(c, p, url_for(p, world)).status_code == 200


def test_pages_carry_a_csp_without_inline_script(world, client_for):
    c = client_for(world["users"]["root"])
    seen = 0
    for p in patterns():
        if p.name in POST_ONLY or p.callback.access == "public":
            continue
        r = c.get(url_for(p, world))
        assert r.status_code == 200, p.name
        csp = r["Content-Security-Policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp
        if r["Content-Type"].startswith("text/html"):
            html = r.content.decode()
            assert not re.search(r"<script(?![^>]*\bsrc=)", html), p.name
            assert not re.search(r"\son[a-z]+=", html), p.name  # no inline event handlers either
            assert "http://" not in html.replace("http://testserver", "") and "https://" not in html, p.name
            seen += 1
    assert seen >= 8
    login = client_for(None).get("/login/")
    assert "script-src 'self'" in login["Content-Security-Policy"]
    assert not re.search(r"<script(?![^>]*\bsrc=)", login.content.decode())
