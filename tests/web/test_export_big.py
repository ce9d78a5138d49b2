"""The round's Excel (导出 → 汇总表 Excel) for a big round: every finding of every report's current version, once,
with its decision, read in a bounded number of queries (not one per report) and written as it is read (openpyxl's
write-only mode: the sheet has its filter, which the old whole-workbook export never set)."""

from __future__ import annotations

import io

from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

REPORTS = 260  # more than one of the export's chunks of versions (200)


def _copies(world, n):
    """n more reports in round A, each a checked version carrying the real findings of report A's check."""
    from shuzhi.web.findings.models import Decision, Finding
    from shuzhi.web.reports.models import Person, Report, Status, Version

    rnd, src = world["a"], world["report_a"].current
    found = list(src.findings.all())
    user = world["users"]["rev_a"]
    for k in range(n):
        person = Person.objects.create(name=f"干部{k:04d}")
        report = Report.objects.create(round=rnd, person=person, year=2023)
        v = Version.objects.create(
            report=report,
            number=1,
            original_name=f"r{k:04d}.txt",
            stored_name=f"big-{k:04d}",
            size=src.size,
            sha256=src.sha256,
            status=Status.DONE if k % 50 else Status.FAILED,  # a failed check has no findings to list
            text=src.text,
            uploaded_by=user,
        )
        if k % 50 == 0:
            continue
        Finding.objects.bulk_create(
            [
                Finding(
                    version=v,
                    fid=f.fid,
                    code=f.code,
                    family=f.family,
                    severity=f.severity,
                    title=f.title,
                    message=f.message,
                    start=f.start,
                    end=f.end,
                    line=f.line,
                    excerpt=f.excerpt,
                    data=f.data,
                )
                for f in found
            ]
        )
        if k % 7 == 0:
            Decision.objects.create(report=report, fid=found[k % len(found)].fid, verdict="dismissed", decided_by=user)
    return found


def test_a_big_rounds_excel_lists_every_finding_once_in_few_queries(world, client_for):
    from shuzhi.web.findings.models import Decision, Finding

    found = _copies(world, REPORTS)
    rnd = world["a"]
    c = client_for(world["users"]["rev_a"])
    with CaptureQueriesContext(connection) as queries:
        r = c.get(f"/rounds/{rnd.id}/export/summary.xlsx")
    assert r.status_code == 200
    assert len(queries) < 30, f"{len(queries)} queries for {REPORTS} reports"

    wb = load_workbook(io.BytesIO(r.content))
    ws = wb["问题"]
    rows = list(ws.iter_rows(values_only=True))
    header, body = rows[0], rows[1:]
    assert ws.auto_filter.ref == f"A1:L{len(rows)}" and ws.freeze_panes == "A2"
    name, fid, verdict = header.index("姓名"), header.index("问题编号"), header.index("处理")
    expected = {
        (f.version.report.person.name, f.fid)
        for f in Finding.objects.filter(version__report__round=rnd).select_related("version__report__person")
        if f.version.status == "done"
    }
    listed = [(row[name], row[fid]) for row in body]
    assert len(listed) == len(set(listed)) == len(expected) and set(listed) == expected
    failed = len(range(0, REPORTS, 50))
    assert len(expected) == (REPORTS - failed + 1) * len(found)  # the checked copies and report A itself
    dismissed = {(d.report.person.name, d.fid) for d in Decision.objects.filter(report__round=rnd)}
    assert dismissed and {(row[name], row[fid]) for row in body if row[verdict] == "驳回（误报）"} == dismissed
    # Each report's findings together and by position, as the page lists them.
    by_name: dict[str, list[str]] = {}
    for n, f in listed:
        by_name.setdefault(n, []).append(f)
    order = [f.fid for f in sorted(found, key=lambda f: (f.start, f.id))]
    assert all(fids == order for fids in by_name.values())
    assert [n for n, _ in listed] == sorted([n for n, _ in listed], key=[n for n, _ in listed].index)
