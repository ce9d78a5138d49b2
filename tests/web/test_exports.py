"""Exports honour decisions: Excel and CSV/JSON carry them; Word comments leave dismissed findings out."""

from __future__ import annotations

import csv
import io
import json
import re
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


def spoken_for(comment: str) -> int:
    """How many findings a comment speaks for: 本段有3处… names three, any other comment one."""
    m = re.match(r"本段有(\d+)处", comment)
    return int(m.group(1)) if m else 1


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
    assert sum(spoken_for(t) for t in texts) == len(findings) - 1
    assert any(spoken_for(t) > 1 for t in texts), "the seed's placeholders of one paragraph share a comment"
    assert not any("这是地名，误报" in t for t in texts)
    assert any(t.startswith("【确认】") and "审核意见：确有此问题" in t for t in texts)
    assert any(t.startswith("【需说明】") and "请说明数字来源" in t for t in texts)

    with zipfile.ZipFile(io.BytesIO(c.get(f"/rounds/{rnd.id}/export/annotated.zip").content)) as zf:
        names = zf.namelist()
        assert f"{report.person.name}-带批注.docx" in names
        assert (
            sum(spoken_for(t) for t in comments_of(zf.read(f"{report.person.name}-带批注.docx"))) == len(findings) - 1
        )

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


def test_a_finding_over_several_paragraphs_is_one_comment_over_its_text(world, client_for):
    from lxml import etree

    from shuzhi.web.findings.models import Finding

    rnd, report = world["a"], world["report_a"]
    version = report.current
    text = version.text
    # the second and third non-empty paragraphs, as one copied passage
    starts = [i + 1 for i, ch in enumerate(text) if ch == "\n" and i + 1 < len(text) and text[i + 1] != "\n"]
    a, b = starts[1], text.index("\n", starts[2])
    Finding.objects.create(
        version=version,
        fid="C301-test",
        code="C301",
        family="C",
        severity="warning",
        title="与他人报告相同的段落",
        message="这两段与某某的报告相同",
        start=a,
        end=b,
    )
    raw = client_for(world["users"]["rev_a"]).get(f"/rounds/{rnd.id}/reports/{report.id}/annotated.docx").content
    texts = comments_of(raw)
    assert sum("这两段与某某的报告相同" in t for t in texts) == 1
    with zipfile.ZipFile(io.BytesIO(raw)) as zf:
        body = etree.fromstring(zf.read("word/document.xml"))
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    cid = next(cm.comment_id for cm in Document(io.BytesIO(raw)).comments if "这两段与某某的报告相同" in cm.text)
    paras = body.findall(f".//{w}p")

    def para_with(tag):
        return next(i for i, p in enumerate(paras) if p.find(f"{w}{tag}[@{w}id='{cid}']") is not None)

    first, last = para_with("commentRangeStart"), para_with("commentRangeEnd")
    assert last > first
    covered = "".join("".join(t.text or "" for t in p.iter(f"{w}t")) for p in paras[first : last + 1])
    assert text[a:b].replace("\n", "") in covered
