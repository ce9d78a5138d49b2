"""People, their reports per round, every uploaded version, and the checking jobs."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Person(models.Model):
    """A writer of reports, kept across rounds and years."""

    name = models.CharField("姓名", max_length=100, unique=True)
    unit = models.CharField("单位", max_length=200, blank=True)
    post = models.CharField("职务", max_length=200, blank=True)

    def __str__(self) -> str:
        return self.name


class Report(models.Model):
    """One person's report in one round; re-uploads add versions."""

    round = models.ForeignKey("rounds.Round", on_delete=models.CASCADE, related_name="reports")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="reports")
    unit = models.CharField("单位", max_length=200, blank=True)
    post = models.CharField("职务", max_length=200, blank=True)
    year = models.PositiveIntegerField("年度")
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="assigned_reports"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["person__name", "id"]
        constraints = [models.UniqueConstraint(fields=["round", "person"], name="one_report_per_person_per_round")]

    @property
    def current(self):
        return self.versions.order_by("-number").first()


class Status(models.TextChoices):
    QUEUED = "queued", "排队中"
    RUNNING = "running", "检查中"
    DONE = "done", "已检查"
    FAILED = "failed", "无法检查"


class Version(models.Model):
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    original_name = models.CharField(max_length=255)
    stored_name = models.CharField(max_length=80, unique=True)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.QUEUED, db_index=True)
    error_code = models.CharField(max_length=8, blank=True)
    error_message = models.TextField(blank=True)
    title = models.CharField(max_length=300, blank=True)
    text = models.TextField(blank=True)
    result = models.JSONField(null=True, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)
    checked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["report_id", "number"]
        constraints = [models.UniqueConstraint(fields=["report", "number"], name="version_numbers_unique")]


class Job(models.Model):
    """A checking job for the local task worker (a table, so jobs survive a restart)."""

    class State(models.TextChoices):
        QUEUED = "queued", "排队中"
        RUNNING = "running", "进行中"
        DONE = "done", "完成"
        FAILED = "failed", "失败"

    version = models.OneToOneField(Version, on_delete=models.CASCADE, related_name="job")
    state = models.CharField(max_length=16, choices=State.choices, default=State.QUEUED, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    worker = models.CharField(max_length=80, blank=True)
    attempts = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["id"]
