"""Findings of each checked version and the reviewers' decisions, kept per report and finding id."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Finding(models.Model):
    version = models.ForeignKey("reports.Version", on_delete=models.CASCADE, related_name="findings")
    fid = models.CharField("问题编号", max_length=64)
    code = models.CharField(max_length=8, db_index=True)
    family = models.CharField(max_length=2, db_index=True)
    severity = models.CharField(max_length=8)
    title = models.CharField(max_length=200, blank=True)
    message = models.TextField()
    start = models.IntegerField()
    end = models.IntegerField()
    line = models.IntegerField(default=0)
    excerpt = models.TextField(blank=True)
    data = models.JSONField(default=dict, blank=True)
    heuristic = models.BooleanField(default=False)

    class Meta:
        ordering = ["start", "id"]
        constraints = [models.UniqueConstraint(fields=["version", "fid"], name="finding_ids_unique_per_version")]


class Verdict(models.TextChoices):
    CONFIRMED = "confirmed", "确认"
    DISMISSED = "dismissed", "驳回（误报）"
    EXPLAIN = "explain", "需说明"


class Decision(models.Model):
    """A reviewer's decision on a finding of a report; it holds for every version where the finding id recurs."""

    report = models.ForeignKey("reports.Report", on_delete=models.CASCADE, related_name="decisions")
    fid = models.CharField(max_length=64)
    verdict = models.CharField(max_length=16, choices=Verdict.choices)
    comment = models.TextField(blank=True)
    revision = models.PositiveIntegerField(default=1)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(auto_now=True)
    version_number = models.PositiveIntegerField(default=1)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["report", "fid"], name="one_decision_per_finding")]


class CopyPair(models.Model):
    """Two reports of a round that share passages (recomputed by the worker when a round's queue drains)."""

    round = models.ForeignKey("rounds.Round", on_delete=models.CASCADE, related_name="copy_pairs")
    a = models.ForeignKey("reports.Version", on_delete=models.CASCADE, related_name="+")
    b = models.ForeignKey("reports.Version", on_delete=models.CASCADE, related_name="+")
    a_copied = models.FloatField()
    b_copied = models.FloatField()
    near_duplicate = models.FloatField()
    passages = models.JSONField(default=list)

    class Meta:
        ordering = ["-a_copied"]
