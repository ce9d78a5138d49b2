"""Review rounds and their members with roles."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Role(models.TextChoices):
    ADMIN = "admin", "管理员"
    LEAD = "lead", "组长"
    REVIEWER = "reviewer", "审核员"
    OBSERVER = "observer", "只读"


class Round(models.Model):
    name = models.CharField("名称", max_length=200)
    year = models.PositiveIntegerField("年度")
    requirements = models.TextField("本轮要求", blank=True)
    config_toml = models.TextField("检查设置", blank=True)
    required_dimensions = models.CharField("必须覆盖的维度", max_length=200, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-year", "-id"]

    def __str__(self) -> str:
        return f"{self.year}年 {self.name}"


class Membership(models.Model):
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField("角色", max_length=16, choices=Role.choices)
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["round", "user"], name="one_role_per_round")]
