"""Home, login/logout, users, rounds and their members, checking progress."""

from __future__ import annotations

from datetime import timedelta

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, logout
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.views import LoginView
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

import shuzhi

from ..audit.log import record
from ..audit.models import LoginFailure
from ..engine import load_config
from ..findings.overview import overview
from ..reports.models import Report, Status, Version
from .models import Membership, Role, Round
from .permissions import login_needed, public, round_view, superuser_needed, visible_rounds

User = get_user_model()


def _address(request) -> str:
    return (request.META.get("REMOTE_ADDR") or "")[:64]


class ThrottledLoginView(LoginView):
    """Django's login, refused for a while after too many failures for one user name or from one address."""

    template_name = "login.html"
    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):
        username = (request.POST.get("username") or "")[:150]
        since = timezone.now() - timedelta(seconds=settings.SHUZHI_LOGIN_WINDOW_SECONDS)
        recent = LoginFailure.objects.filter(at__gte=since)
        limit = settings.SHUZHI_LOGIN_MAX_FAILURES
        if (
            recent.filter(username=username).count() >= limit
            or recent.filter(address=_address(request)).count() >= 4 * limit
        ):
            form = self.get_form()
            form.errors.clear()
            minutes = settings.SHUZHI_LOGIN_WINDOW_SECONDS // 60
            form.add_error(None, f"登录失败次数过多，请 {minutes} 分钟后再试，或请系统管理员重设密码。")
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        username = (self.request.POST.get("username") or "")[:150]
        LoginFailure.objects.create(username=username, address=_address(self.request))
        record(None, "login_failed", target=username, address=_address(self.request))
        return super().form_invalid(form)

    def form_valid(self, form):
        response = super().form_valid(form)
        LoginFailure.objects.filter(username=form.get_user().get_username()).delete()
        record(self.request.user, "login", address=_address(self.request))
        return response


login_view = public(ThrottledLoginView.as_view(authentication_form=AuthenticationForm))


@public
@require_POST
def logout_view(request):
    if request.user.is_authenticated:
        record(request.user, "logout")
    logout(request)
    return redirect("login")


@login_needed
def home(request):
    rounds = visible_rounds(request.user).annotate(n_reports=Count("reports", distinct=True)).order_by("-year", "-id")
    roles = dict(Membership.objects.filter(user=request.user).values_list("round_id", "role"))
    rows = [(r, "系统管理员" if request.user.is_superuser else Role(roles[r.id]).label) for r in rounds]
    return render(request, "rounds/home.html", {"rows": rows})


class UserForm(forms.Form):
    username = forms.CharField(label="登录名", max_length=150)
    full_name = forms.CharField(label="姓名", max_length=150)
    password = forms.CharField(label="初始密码", widget=forms.PasswordInput, min_length=10)
    is_superuser = forms.BooleanField(label="系统管理员（可创建轮次和用户）", required=False)

    def clean_username(self):
        name = self.cleaned_data["username"].strip()
        if User.objects.filter(username=name).exists():
            raise ValidationError("这个登录名已经有人使用。")
        return name

    def clean_password(self):
        pw = self.cleaned_data["password"]
        validate_password(pw)
        return pw


@superuser_needed
def users(request):
    form = UserForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        u = User.objects.create_user(d["username"], password=d["password"], first_name=d["full_name"])
        if d["is_superuser"]:
            u.is_superuser = u.is_staff = True
            u.save()
        record(request.user, "user_created", target=u.username, superuser=d["is_superuser"])
        messages.success(request, f"已创建用户 {u.username}。")
        return redirect("users")
    return render(request, "rounds/users.html", {"form": form, "users": User.objects.order_by("username")})


class RoundForm(forms.ModelForm):
    class Meta:
        model = Round
        fields = ["name", "year", "requirements", "required_dimensions", "config_toml"]
        widgets = {
            "requirements": forms.Textarea(attrs={"rows": 3}),
            "config_toml": forms.Textarea(attrs={"rows": 4, "class": "mono"}),
        }
        help_texts = {
            "required_dimensions": "例如：德 能 勤 绩 廉（用空格分隔，可不填）",
            "config_toml": "shuzhi.toml 的内容，例如 select、ignore、篇幅要求（可不填）",
        }

    def clean_year(self):
        y = self.cleaned_data["year"]
        if not 2000 <= y <= 2100:
            raise ValidationError("年度应在 2000 到 2100 之间。")
        return y

    def clean(self):
        data = super().clean()
        try:
            load_config(data.get("config_toml", ""), dimensions=data.get("required_dimensions", ""))
        except shuzhi.ShuzhiError as e:
            raise ValidationError(f"W110 检查设置有误：{e.code} {e.message}") from None
        return data


@superuser_needed
def round_new(request):
    form = RoundForm(request.POST or None, initial={"year": timezone.now().year - 1})
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            rnd = form.save(commit=False)
            rnd.created_by = request.user
            rnd.save()
            Membership.objects.create(round=rnd, user=request.user, role=Role.ADMIN)
            record(request.user, "round_created", round=rnd, target=str(rnd))
        messages.success(request, f"已创建审核轮次“{rnd}”。")
        return redirect("round", round_id=rnd.id)
    return render(request, "rounds/round_new.html", {"form": form})


def _progress(rnd) -> dict:
    current = Version.objects.filter(report__round=rnd)
    counts = dict(current.values_list("status").annotate(n=Count("id")).values_list("status", "n"))
    total = sum(counts.values())
    done = counts.get(Status.DONE, 0) + counts.get(Status.FAILED, 0)
    return {
        "total": total,
        "queued": counts.get(Status.QUEUED, 0),
        "running": counts.get(Status.RUNNING, 0),
        "done": counts.get(Status.DONE, 0),
        "failed": counts.get(Status.FAILED, 0),
        "finished": total > 0 and done == total,
        "percent": round(100 * done / total) if total else 100,
    }


@round_view("view")
def progress(request, rnd):
    return JsonResponse(_progress(rnd))


@round_view("view")
def round_overview(request, rnd):
    ctx = overview(rnd, request.user)
    ctx.update({"round": rnd, "role": request.role, "progress": _progress(rnd)})
    return render(request, "rounds/overview.html", ctx)


class MemberForm(forms.Form):
    username = forms.CharField(label="登录名", max_length=150)
    role = forms.ChoiceField(label="角色", choices=Role.choices)

    def clean_username(self):
        name = self.cleaned_data["username"].strip()
        user = User.objects.filter(username=name).first()
        if user is None:
            raise ValidationError("没有这个用户，请先由系统管理员创建。")
        return user


@round_view("manage")
def members(request, rnd):
    form = MemberForm(request.POST or None)
    if request.method == "POST":
        if request.POST.get("remove"):
            m = Membership.objects.filter(round=rnd, pk=request.POST["remove"]).select_related("user").first()
            if m and m.user != request.user:
                m.delete()
                record(request.user, "member_removed", round=rnd, target=m.user.username)
                messages.success(request, f"已移除 {m.user.username}。")
            return redirect("members", round_id=rnd.id)
        if form.is_valid():
            user, role = form.cleaned_data["username"], form.cleaned_data["role"]
            Membership.objects.update_or_create(round=rnd, user=user, defaults={"role": role})
            record(request.user, "member_set", round=rnd, target=user.username, role=role)
            messages.success(request, f"{user.username} 的角色已设为{Role(role).label}。")
            return redirect("members", round_id=rnd.id)
    rows = Membership.objects.filter(round=rnd).select_related("user").order_by("role", "user__username")
    return render(request, "rounds/members.html", {"round": rnd, "role": request.role, "form": form, "rows": rows})


def reports_of(rnd):
    return Report.objects.filter(round=rnd).select_related("person", "assignee")
