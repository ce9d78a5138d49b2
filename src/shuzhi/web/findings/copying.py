"""Copy pairs of a round, recomputed from the current checked versions when the round's queue drains."""

from __future__ import annotations

from django.db import transaction

from ..engine import copy_pairs
from ..reports.models import Job, Status, Version
from ..rounds.models import Round
from .models import CopyPair


def round_is_idle(round_id: int) -> bool:
    return not Job.objects.filter(
        version__report__round_id=round_id, state__in=[Job.State.QUEUED, Job.State.RUNNING]
    ).exists()


def current_versions(round_id: int) -> list[Version]:
    latest: dict[int, Version] = {}
    for v in Version.objects.filter(report__round_id=round_id).select_related("report__person").order_by("number"):
        latest[v.report_id] = v
    return [v for v in latest.values() if v.status == Status.DONE]


def recompute(round_id: int) -> int:
    versions = current_versions(round_id)
    settings = Round.objects.filter(pk=round_id).values_list("config_toml", flat=True).first() or ""
    pairs = (
        copy_pairs([v.text for v in versions], authors=[v.report.person.name for v in versions], config_toml=settings)
        if len(versions) > 1
        else []
    )
    with transaction.atomic():
        # One recomputation at a time per round (two workers may finish the round's last jobs together).
        Round.objects.select_for_update().filter(pk=round_id).first()
        CopyPair.objects.filter(round_id=round_id).delete()
        CopyPair.objects.bulk_create(
            [
                CopyPair(
                    round_id=round_id,
                    a=versions[p["a"]],
                    b=versions[p["b"]],
                    a_copied=p["a_copied"],
                    b_copied=p["b_copied"],
                    near_duplicate=p["near_duplicate"],
                    passages=p["passages"],
                )
                for p in pairs
            ]
        )
    return len(pairs)
