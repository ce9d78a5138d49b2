"""The append-only audit log (who uploaded, decided, changed or exported what, when) and failed logins."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class AppendOnlyError(Exception):
    pass


class AuditEntry(models.Model):
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    round = models.ForeignKey("rounds.Round", null=True, on_delete=models.PROTECT, related_name="audit_entries")
    action = models.CharField(max_length=40)
    target = models.CharField(max_length=300, blank=True)
    detail = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-id"]

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnlyError("审计日志只能追加，不能修改")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("审计日志只能追加，不能删除")


class LoginFailure(models.Model):
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    username = models.CharField(max_length=150, db_index=True)
    address = models.CharField(max_length=64, db_index=True)
