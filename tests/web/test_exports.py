"""Exports honour decisions: Excel and CSV/JSON carry them; Word comments leave dismissed findings out."""

from __future__ import annotations

import csv
import io
import json
import zipfile

from docx import Document
from openpyxl import load_workbook

from shuzhi.web.audit.models import AuditEntry


def decide(c, rnd, report, fid, verdict, comment):
    r = c.post(
        f"/rounds/{rnd.id}/reports/{report.id}/decide/",
        {"fid": fid, "verdict": verdict, "comment": comment, "rev": "0"},
    )
    assert r.status_code == 302


def comments_of(docx_bytes: bytes) -> list[str]:
    return [cm.text for cm in Document(io.BytesIO(docx_bytes)).comments]


def test_exports_carry_decisions_and_leave_dismissed_findings_out_of_the_word_file(world, client_for):
    c = client_for(world["users"]["rev_a"])
    rnd, report = world["a"], world["report_a"]
    findings = list(report.current.findings.order_by("start"))
    dismissed, confirmed, explain = findings[0], findings[1], findings[2]
    decide(c, rnd, report, dismissed.fid, "dismissed", "这是地名，误报")
    decide(c, rnd, report, confirmed.fid, "confirmed", "确有此问题")
    decide(c, rnd, report, explain.fid, "explain", "请说明数字来源")

    wb = load_workbook(io.BytesIO(c.get(f"/rounds/{rnd.id}/export/summary.xlsx").content))
    assert wb.sheetnames == ["报告", "问题"]
    rows = list(wb["问题"].iter_rows(values_only=True))
    header, body = rows[0], rows[1:]
    by_fid = {r[header.index("问题编号")]: r for r in body}
    assert by_fid[dismissed.fid][header.index("处理")] == "驳回（误报）"
    assert by_fid[dismissed.fid][header.index("审核意见")] == "这是地名，误报"
    assert by_fid[confirmed.fid][header.index("处理")] == "确认"
    assert by_fid[explain.fid][header.index("处理")] == "需说明"
    undecided = [r for r in body if r[0] == report.person.name and r[header.index("处理")] == "未处理"]
    assert len(undecided) == len(findings) - 3
    summary = list(wb["报告"].iter_rows(values_only=True))
    row = next(r for r in summary[1:] if r[0] == report.person.name)
    h = summary[0]
    assert (row[h.index("确认")], row[h.index("驳回（误报）")], row[h.index("需说明")], row[h.index("未处理")]) == (
        1,
        1,
        1,
        len(findings) - 3,
    )

    texts = comments_of(c.get(f"/rounds/{rnd.id}/reports/{report.id}/annotated.docx").content)
    assert len(texts) == len(findings) - 1
    assert not any("这是地名，误报" in t for t in texts)
    assert any(t.startswith("【确认】") and "审核意见：确有此问题" in t for t in texts)
    assert any(t.startswith("【需说明】") and "请说明数字来源" in t for t in texts)

    with zipfile.ZipFile(io.BytesIO(c.get(f"/rounds/{rnd.id}/export/annotated.zip").content)) as zf:
        names = zf.namelist()
        assert f"{report.person.name}-带批注.docx" in names
        assert len(comments_of(zf.read(f"{report.person.name}-带批注.docx"))) == len(findings) - 1

    raw = c.get(f"/rounds/{rnd.id}/export/decisions.csv").content.decode("utf-8-sig")
    recs = list(csv.DictReader(io.StringIO(raw)))
    assert {(r["问题编号"], r["处理"], r["审核意见"]) for r in recs} == {
        (dismissed.fid, "驳回（误报）", "这是地名，误报"),
        (confirmed.fid, "确认", "确有此问题"),
        (explain.fid, "需说明", "请说明数字来源"),
    }
    data = json.loads(c.get(f"/rounds/{rnd.id}/export/decisions.json").content)
    assert len(data["处理记录"]) == 3 and all(r["处理人"] == "rev_a" for r in data["处理记录"])
    assert AuditEntry.objects.filter(round=rnd, action="export").count() == 5


def test_an_observer_cannot_export_but_sees_the_decisions(world, client_for):
    rnd, report = world["a"], world["report_a"]
    decide(client_for(world["users"]["rev_a"]), rnd, report, report.current.findings.first().fid, "confirmed", "属实")
    obs = client_for(world["users"]["obs_a"])
    assert obs.get(f"/rounds/{rnd.id}/export/summary.xlsx").status_code == 403
    page = obs.get(f"/rounds/{rnd.id}/reports/{report.id}/").content.decode()
    assert "属实" in page and "保存处理" not in page
