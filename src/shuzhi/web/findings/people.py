"""A person's page: their reports by year, and how much of each repeats their own earlier years (本人往年)."""

from __future__ import annotations

from ..engine import copy_pairs
from ..reports.models import Status
from .models import CopyPair, Finding


def person_page(person, reports, user_model) -> dict:
    rows = []
    texts = []
    for r in reports.order_by("year", "round_id"):
        v = r.current
        n = Finding.objects.filter(version=v).count() if v else 0
        others = []
        if v and v.status == Status.DONE:
            texts.append((r, v))
            for p in CopyPair.objects.filter(a=v).select_related("b__report__person"):
                others.append((p.b.report.person, p.a_copied))
            for p in CopyPair.objects.filter(b=v).select_related("a__report__person"):
                others.append((p.a.report.person, p.b_copied))
        rows.append(
            {
                "report": r,
                "version": v,
                "findings": n,
                "others": [(o, f"{x * 100:.0f}%") for o, x in others if o != person],
                "own": [],
            }
        )
    # 本人往年: the person's own earlier reports, shown apart and never counted as copying from others.
    if len(texts) > 1:
        pairs = copy_pairs([v.text for _, v in texts])
        by_report = {row["report"].id: row for row in rows}
        for p in pairs:
            (ra, _), (rb, _) = texts[p["a"]], texts[p["b"]]
            later, earlier, share = (ra, rb, p["a_copied"]) if ra.year >= rb.year else (rb, ra, p["b_copied"])
            by_report[later.id]["own"].append((earlier, f"{share * 100:.0f}%"))
    return {"person": person, "rows": rows}
