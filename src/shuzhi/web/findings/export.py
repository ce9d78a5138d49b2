"""Exports that honour decisions: the round's Excel, Word files with the findings as comments (dismissed ones
are not sent back to the writer), and every decision as CSV or JSON."""

from __future__ import annotations

import bisect
import csv
import io
import itertools
import json
import zipfile

from django.utils import timezone
from docx import Document as WordDocument
from docx.shared import Pt
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from ...writers.xlsx import write_sheet
from ..engine import FAMILY_ZH, SEVERITY_ZH, evidence_lines
from ..reports.models import Status, Version
from .copying import current_versions
from .models import Decision, Finding, Verdict
from .overview import report_rows

VERDICT_ZH = dict(Verdict.choices)


def _decisions(rnd) -> dict[tuple[int, str], Decision]:
    return {(d.report_id, d.fid): d for d in Decision.objects.filter(report__round=rnd).select_related("decided_by")}


def _who(user) -> str:
    return (user.get_full_name() or user.username) if user else ""


def _local(dt) -> str:
    return timezone.localtime(dt).strftime("%Y-%m-%d %H:%M") if dt else ""


def _evidence(f: Finding) -> str:
    return _evidence_text(f.data)


def _evidence_text(data) -> str:
    return "；".join(f"{k}：{v}" for k, v in evidence_lines(data))


_HEADER = (Font(bold=True, color="FFFFFF"), PatternFill("solid", fgColor="8B1A1A"), Alignment(vertical="center"))


def _sheet(wb, title, header, rows, widths):
    """A sheet written as its rows come (openpyxl's write-only mode: no cell kept), within Excel's limits
    (writers.xlsx: a continuation sheet past 1,048,576 rows, long texts cut), header frozen, filter on."""
    write_sheet(wb, title, header, rows, widths=widths, header_style=_HEADER)


# Findings are read this many versions at a time: a province's round of thousands of reports and hundreds of
# thousands of findings is written without holding them all (or one query per report).
VERSIONS_PER_QUERY = 200


def _current_versions(rnd) -> list[tuple[int, str]]:
    """(version id, person's name) of each report's latest version when it is checked: findings.copying's
    current_versions without loading each version's text and result."""
    latest: dict[int, tuple[int, str, str]] = {}
    for vid, rid, status, name in (
        Version.objects.filter(report__round=rnd)
        .order_by("number")
        .values_list("id", "report_id", "status", "report__person__name")
    ):
        latest[rid] = (vid, status, name)
    return [(vid, name) for vid, status, name in latest.values() if status == Status.DONE]


def _finding_rows(rnd, dec):
    """The 问题 sheet's rows, report by report in the order of _current_versions, each report's findings by
    position."""
    fields = ("version_id", "version__report_id", "fid", "code", "family", "severity", "message", "excerpt", "data")
    versions = _current_versions(rnd)
    for k in range(0, len(versions), VERSIONS_PER_QUERY):
        chunk = versions[k : k + VERSIONS_PER_QUERY]
        found: dict[int, list[tuple]] = {vid: [] for vid, _ in chunk}
        for row in Finding.objects.filter(version_id__in=list(found)).order_by("start", "id").values_list(*fields):
            found[row[0]].append(row)
        for vid, name in chunk:
            for _, rid, fid, code, family, severity, message, excerpt, data in found[vid]:
                d = dec.get((rid, fid))
                yield [
                    name,
                    fid,
                    code,
                    FAMILY_ZH.get(family, ""),
                    SEVERITY_ZH.get(severity, ""),
                    message,
                    excerpt,
                    _evidence_text(data),
                    VERDICT_ZH[d.verdict] if d else "未处理",
                    d.comment if d else "",
                    _who(d.decided_by) if d else "",
                    _local(d.decided_at) if d else "",
                ]


def round_xlsx(rnd) -> bytes:
    """Sheet 报告: one row per report with decided/open counts; sheet 问题: every finding with its decision."""
    dec = _decisions(rnd)
    wb = Workbook(write_only=True)
    rows = report_rows(rnd)
    _sheet(
        wb,
        "报告",
        [
            "姓名",
            "单位",
            "职务",
            "年度",
            "版本",
            "检查状态",
            "问题数",
            "确认",
            "驳回（误报）",
            "需说明",
            "未处理",
            "承办人",
        ],
        [
            [
                r["report"].person.name,
                r["report"].unit,
                r["report"].post,
                r["report"].year,
                f"第{r['version'].number}版" if r["version"] else "",
                (
                    r["version"].get_status_display()
                    + (f"：{r['version'].error_code} {r['version'].error_message}" if r["version"].error_code else "")
                )
                if r["version"]
                else "",
                r["total"],
                r["confirmed"],
                r["dismissed"],
                r["explain"],
                r["open"],
                _who(r["report"].assignee),
            ]
            for r in rows
        ],
        [12, 20, 20, 8, 8, 16, 8, 8, 12, 8, 8, 12],
    )
    _sheet(
        wb,
        "问题",
        ["姓名", "问题编号", "代码", "类别", "级别", "说明", "原文", "依据", "处理", "审核意见", "处理人", "处理时间"],
        _finding_rows(rnd, dec),
        [12, 18, 8, 12, 8, 50, 40, 50, 12, 30, 12, 18],
    )
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def comment_text(f: Finding, d: Decision | None) -> str:
    head = f"【{VERDICT_ZH[d.verdict]}】" if d else ""
    lines = [f"{head}{f.message}"]
    ev = _evidence(f)
    if ev:
        lines.append(f"依据：{ev}")
    if d and d.comment:
        lines.append(f"审核意见：{d.comment}")
    return "\n".join(lines)


def group_text(fs: list[Finding], dec: dict[str, Decision]) -> str:
    """One comment for several findings of one rule in one paragraph, as `shuzhi review` writes them: 本段有3处
    未填写的占位符, then each finding numbered with its message, evidence and the reviewer's decision."""
    title = fs[0].title or FAMILY_ZH.get(fs[0].family, fs[0].code)
    lines = [f"本段有{len(fs)}处{title}："]
    for i, f in enumerate(fs, 1):
        lines.append(f"{i}. " + comment_text(f, dec.get(f.fid)).replace("\n", "\n　　"))
    return "\n".join(lines)


def _paragraph_of(bounds: list[tuple[int, int]], offset: int) -> int:
    """The paragraph holding a character offset (the one it ends, for an offset on a line break)."""
    i = bisect.bisect_right([a for a, _ in bounds], offset) - 1
    return max(0, min(i, len(bounds) - 1))


def annotated_docx(version) -> bytes:
    """The report's text as a Word file with its findings as comments, dismissed ones left out.

    Each finding is anchored once, on its own text, even when it runs over several paragraphs; findings of one
    rule inside one paragraph share one comment that names each of them (the layout of `shuzhi review`'s
    annotated files)."""
    dec = {d.fid: d for d in Decision.objects.filter(report=version.report)}
    findings = [
        f
        for f in Finding.objects.filter(version=version)
        if not (dec.get(f.fid) and dec[f.fid].verdict == Verdict.DISMISSED)
    ]
    text = version.text
    bounds, pos = [], 0
    for para_text in text.split("\n"):
        bounds.append((pos, pos + len(para_text)))
        pos += len(para_text) + 1
    groups: dict[tuple, list[Finding]] = {}
    for k, f in enumerate(findings):
        first = _paragraph_of(bounds, f.start)
        last = _paragraph_of(bounds, max(f.start, f.end - 1))
        key = (first, f.code) if first == last else ("alone", k)
        groups.setdefault(key, []).append(f)
    cuts_in = [set(b) for b in bounds]
    for f in findings:
        for x in (f.start, f.end):
            i = _paragraph_of(bounds, x)
            a, b = bounds[i]
            cuts_in[i].add(max(a, min(b, x)))

    doc = WordDocument()
    style = doc.styles["Normal"]
    style.font.size = Pt(12)
    style.font.name = "宋体"
    runs: list[tuple[int, int, object]] = []  # (start, end, run) in text order
    for (a, _), cuts in zip(bounds, cuts_in, strict=True):
        p = doc.add_paragraph()
        pieces = sorted(cuts)
        for x, y in itertools.pairwise(pieces):
            runs.append((x, y, p.add_run(text[x:y])))
        if len(pieces) < 2:
            runs.append((a, a, p.add_run("")))
    starts = [x for x, _, _ in runs]
    for fs in groups.values():
        lo, hi = min(f.start for f in fs), max(f.end for f in fs)
        covered = [r for x, y, r in runs if x < hi and y > lo]
        if not covered:  # an empty span: the run where it stands
            covered = [runs[max(0, bisect.bisect_right(starts, lo) - 1)][2]]
        body = comment_text(fs[0], dec.get(fs[0].fid)) if len(fs) == 1 else group_text(fs, dec)
        doc.add_comment(covered, text=body, author="shuzhi 审核", initials="审")
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def annotated_zip(rnd) -> bytes:
    buf = io.BytesIO()
    names: set[str] = set()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for v in current_versions(rnd.id):
            name = f"{v.report.person.name[:60]}-带批注.docx"
            while name in names:
                name = name.replace(".docx", "-2.docx")
            names.add(name)
            zf.writestr(name, annotated_docx(v))
    return buf.getvalue()


def decision_records(rnd) -> list[dict]:
    findings = {}
    for v in current_versions(rnd.id):
        for f in Finding.objects.filter(version=v):
            findings[(v.report_id, f.fid)] = f
    out = []
    for d in (
        Decision.objects.filter(report__round=rnd)
        .select_related("report__person", "decided_by")
        .order_by("report__person__name", "fid")
    ):
        f = findings.get((d.report_id, d.fid))
        out.append(
            {
                "姓名": d.report.person.name,
                "问题编号": d.fid,
                "代码": f.code if f else "",
                "说明": f.message if f else "（当前版本中已不存在）",
                "处理": VERDICT_ZH[d.verdict],
                "审核意见": d.comment,
                "处理人": _who(d.decided_by),
                "处理时间": _local(d.decided_at),
                "版本": d.version_number,
            }
        )
    return out


def decisions_csv(rnd) -> bytes:
    recs = decision_records(rnd)
    buf = io.StringIO()
    w = csv.DictWriter(
        buf, fieldnames=["姓名", "问题编号", "代码", "说明", "处理", "审核意见", "处理人", "处理时间", "版本"]
    )
    w.writeheader()
    w.writerows(recs)
    return ("\ufeff" + buf.getvalue()).encode("utf-8")  # BOM: Excel opens it as UTF-8


def decisions_json(rnd) -> bytes:
    payload = {"轮次": str(rnd), "导出时间": _local(timezone.now()), "处理记录": decision_records(rnd)}
    return json.dumps(payload, ensure_ascii=False, indent=2).encode("utf-8")
