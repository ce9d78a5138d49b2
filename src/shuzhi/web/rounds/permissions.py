"""Who may do what: one table of capabilities per role, and the decorators every view is wrapped in.

Every view carries an `access` attribute ("public", "login", "superuser" or ("round", capability)); the
permission tests walk the URL list and request each view as the wrong user, so a new view cannot be forgotten.
"""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import render

from .models import Membership, Role, Round

CAPABILITIES: dict[str, set[str]] = {
    "view": {Role.ADMIN, Role.LEAD, Role.REVIEWER, Role.OBSERVER},
    "decide": {Role.ADMIN, Role.LEAD, Role.REVIEWER},
    "export": {Role.ADMIN, Role.LEAD, Role.REVIEWER},
    "upload": {Role.ADMIN, Role.LEAD},
    "assign": {Role.ADMIN, Role.LEAD},
    "audit": {Role.ADMIN, Role.LEAD},
    "manage": {Role.ADMIN},
}


def role_in(user, rnd: Round) -> str | None:
    if not user.is_authenticated:
        return None
    if user.is_superuser:
        return Role.ADMIN
    m = Membership.objects.filter(round=rnd, user=user).only("role").first()
    return m.role if m else None


def can(user, rnd: Round, capability: str) -> bool:
    role = role_in(user, rnd)
    return role is not None and role in CAPABILITIES[capability]


def visible_rounds(user):
    if user.is_superuser:
        return Round.objects.all()
    return Round.objects.filter(memberships__user=user)


def forbidden(request, what: str):
    return render(request, "forbidden.html", {"what": what}, status=403)


def public(view):
    view.access = "public"
    return view


def login_needed(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    wrapped.access = "login"
    return wrapped


def superuser_needed(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not request.user.is_superuser:
            return forbidden(request, "此页面只对系统管理员开放。")
        return view(request, *args, **kwargs)

    wrapped.access = "superuser"
    return wrapped


WHAT = {
    "decide": "只读成员不能处理问题。",
    "export": "只读成员不能导出。",
    "upload": "只有本轮管理员和组长可以上传报告。",
    "assign": "只有本轮管理员和组长可以分配报告。",
    "audit": "审计日志只对本轮管理员和组长开放。",
    "manage": "只有本轮管理员可以管理成员。",
}


def round_view(capability: str):
    """The view needs a role in the round named by `round_id` that has `capability`.

    Not logged in: to the login page. Not a member: 404 (a guessed URL learns nothing). Member without the
    capability: 403 with the reason in Chinese.
    """

    def deco(view):
        @wraps(view)
        def wrapped(request, round_id, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            rnd = Round.objects.filter(pk=round_id).first()
            role = role_in(request.user, rnd) if rnd else None
            if role is None:
                raise Http404("没有这个审核轮次，或您不是它的成员。")
            if role not in CAPABILITIES[capability]:
                return forbidden(request, WHAT.get(capability, "您的角色不能进行此操作。"))
            request.round = rnd
            request.role = role
            return view(request, rnd, *args, **kwargs)

        wrapped.access = ("round", capability)
        return wrapped

    return deco
