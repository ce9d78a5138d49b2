"""OUTDIR/summary.xlsx: reports, findings, figures (with recomputing formulas) and similar pairs."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from functools import lru_cache
from itertools import chain, islice
from pathlib import Path
from zipfile import ZIP_DEFLATED, ZipFile

from openpyxl import Workbook
from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.writer.excel import ExcelWriter

from .evidence import evidence_lines, evidence_text, fmt_value, formula_of
from .marks import heuristic_note
from .rows import FAMILIES, FAMILY_LABELS, PROFILE_LABELS, Row, dimensions, extra_keys, is_share
from .sheetxml import _Sheet

SEV_LABEL = {"error": "错误", "warning": "警告", "info": "提示"}
_HEADER_FILL = PatternFill("solid", fgColor="DDE4EE")
_HEADER_FONT = Font(bold=True)
_HEADER_ALIGN = Alignment(vertical="center")
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")  # characters openpyxl refuses in cells
_EXCEL_SAFE = re.compile(r"^[0-9.+\-*/() ]+$")

# Excel's own limits (Microsoft's "Excel specifications and limits"): openpyxl writes past them without a word, and
# Excel then refuses or "repairs" the file. A sheet's rows beyond the first are continued on a sheet "相似（续2）"…;
# a longer text is cut with a note; a longer formula is not written as a live formula (its text stays).
SHEET_ROWS = 1_048_576
CELL_CHARS = 32_767
FORMULA_CHARS = 8_192
_CUT = "……（超出 Excel 单元格 32767 字的上限，以下从略，全文见 results.json）"


def _clean(v):
    if isinstance(v, str):
        if _ILLEGAL.search(v) is not None:  # rare: searching is cheaper than substituting nothing
            v = _ILLEGAL.sub("", v)
        # A cell that starts with "=" would be read by Excel as a formula.
        v = "'" + v if v.startswith("=") else v
        return v if len(v) <= CELL_CHARS else v[: CELL_CHARS - len(_CUT)] + _CUT
    return v


class _Cleaned(dict):
    """_clean of a sheet's values, each short text cleaned once: a round's names, codes and labels come back on
    thousands of rows (the 相似 sheet names two reports on each of its ~100,000)."""

    __slots__ = ()

    def __missing__(self, v):
        w = _clean(v)
        if len(self) < 20_000:  # a few MB at most: the texts it keeps alive are short
            self[v] = w
        return w

    def clean(self, v):
        if isinstance(v, str) and len(v) <= 64:
            return self[v]
        return _clean(v)


@lru_cache(maxsize=1)
def _wide() -> re.Pattern:
    """One character class of every wide or full-width character (two columns), built once."""
    ranges, start = [], None
    for cp in range(0x110000):
        wide = unicodedata.east_asian_width(chr(cp)) in "WF"
        if wide and start is None:
            start = cp
        elif not wide and start is not None:
            ranges.append((start, cp - 1))
            start = None
    if start is not None:
        ranges.append((start, 0x10FFFF))
    return re.compile("[" + "".join(f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in ranges) + "]")


def _width(v) -> int:
    """Display columns of the first 80 characters: wide (CJK) characters count two."""
    s = ("" if v is None else str(v))[:80]
    return len(s) + len(_wide().findall(s))


def write_sheet(
    wb: Workbook,
    title: str,
    header: list[str],
    rows: Iterable[list],
    max_width: int = 60,
    *,
    percent: tuple[int, ...] = (),
    live: tuple[int, ...] = (),
    links: int | None = None,
    widths: list[float] | None = None,
    header_style: tuple[Font, PatternFill, Alignment] | None = None,
):
    """A sheet in write-only mode (rows streamed to the file, no cell objects kept).

    ``percent``: 1-based columns shown as 0%; ``live``: columns of our own recomputing formulas (kept as
    formulas, every other text starting with "=" is quoted); ``links``: a column of relative hyperlinks.
    ``rows`` may be an iterator, consumed as it is written (a round's 124,750 similar pairs are never a list).
    Rows beyond what one sheet holds (SHEET_ROWS with the header) go on "TITLE（续2）", "TITLE（续3）"…, each with
    the same header, widths and filter: nothing is dropped. ``widths``: the columns' widths as given (otherwise
    measured on the first rows); ``header_style``: the header's font, fill and alignment.
    """
    rows = iter(rows)
    sample: list = []
    if widths is None:
        widths = [_width(h) + 2 for h in header]
        sample = list(islice(rows, 2000))
        measured: dict[str, int] = {}  # a text measured once: names and codes recur on every row
        for r in sample:  # widths from a sample: enough to read, cheap for big rounds
            for i, v in enumerate(r):
                if type(v) is str:
                    w = measured.get(v)
                    if w is None:
                        w = measured[v] = _width(v)
                else:
                    w = _width(v)
                widths[i] = max(widths[i], w + 2)
    style = header_style or (_HEADER_FONT, _HEADER_FILL, _HEADER_ALIGN)
    ws = _start_sheet(wb, title, header, widths, max_width, style)
    clean = _Cleaned().clean
    # Per column: None (a plain value, cleaned), "live" (our formula, as it is), "link", or the percent cell of this
    # column: one Cell made once and given each row's value, as openpyxl writes a row's cells before the next row
    # is appended (a cell with a style is never the one it reuses).
    kinds: list = [None] * len(header)
    for i in live:
        kinds[i - 1] = "live"
    for i in percent:
        kinds[i - 1] = _percent_cell(ws)
    if links:
        kinds[links - 1] = "link"
    special = any(k is not None for k in kinds)
    first, n, part = ws, 0, 1
    for r in chain(sample, rows):
        if n == SHEET_ROWS - 1:
            _close_sheet(ws, header, n)
            part += 1
            ws, n = _start_sheet(wb, f"{title}（续{part}）", header, widths, max_width, style), 0
            kinds = [_percent_cell(ws) if isinstance(k, Cell) else k for k in kinds]
        n += 1
        if not special:
            ws.append([clean(v) for v in r])
            continue
        out = []
        if len(r) > len(kinds):  # a row longer than its header: the rest are plain values
            kinds += [None] * (len(r) - len(kinds))
        for v, kind in zip(r, kinds, strict=False):
            if kind is None or v is None:
                out.append(clean(v))
            elif kind == "live":  # a formula string is a formula cell, as a cell made of it would be
                out.append(v)
            elif kind == "link":  # the page's address stays in the link; the cell says what it does
                c = WriteOnlyCell(ws, "打开")
                c.hyperlink = v
                out.append(c)
            else:
                kind.value = clean(v)
                out.append(kind)
        ws.append(out)
    _close_sheet(ws, header, n)
    return first


def _percent_cell(ws) -> Cell:
    """A cell of ``ws`` shown as 0%, its value given row by row."""
    c = WriteOnlyCell(ws)
    c.number_format = "0%"
    return c


# The sheet class summary.xlsx's sheets are made of (tests give openpyxl's own to compare with).
_SHEET = _Sheet


def _start_sheet(wb: Workbook, title: str, header: list[str], widths: list[float], max_width: int, style: tuple):
    if wb.write_only:  # what wb.create_sheet(title) does, with our sheet
        ws = _SHEET(parent=wb, title=title)
        wb._add_sheet(ws)
    else:
        ws = wb.create_sheet(title)
    for i, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = min(max(w, 6), max_width)
    ws.freeze_panes = "A2"
    head = []
    for h in header:
        c = WriteOnlyCell(ws, h)
        c.font, c.fill, c.alignment = style
        head.append(c)
    ws.append(head)
    return ws


def _close_sheet(ws, header: list[str], n: int) -> None:
    # Written after the rows (openpyxl writes the filter at the sheet's end), so the rows need not be counted first.
    ws.auto_filter.ref = f"A1:{get_column_letter(len(header))}{max(1, n + 1)}"


_OPS = (("−", "-"), ("×", "*"), ("÷", "/"), ("·", "*"), ("（", "("), ("）", ")"))


def _number(v) -> float | None:
    """An operand's value in base units: a plain number, or a quantity dict (value × scale)."""
    if isinstance(v, bool):
        return None
    if isinstance(v, (int, float)):
        return float(v)
    if isinstance(v, dict):
        try:
            return float(v.get("value")) * float(v.get("scale") or 1)
        except (TypeError, ValueError):
            return None
    return None


def excel_formula(data: dict | None) -> str | None:
    """An Excel formula recomputing a figures finding, when its formula is plain arithmetic.

    The figures rules write the formula with the operands' own text, "21.6亿元 ÷ 18.92亿元 × 100%",
    and give each operand's value and scale: that becomes "=2160000000/1892000000*100". A formula
    with operand names ("p = A / B", operands {"A": 21.6, ...}) works the same way. Anything that
    would not be plain arithmetic gives None.
    """
    if not data:
        return None
    f = formula_of(data)
    ops = data.get("operands")
    if not f or not isinstance(ops, dict):
        return None
    # "a + b + c = t": what a sum recomputes is its parts; t is what the report states.
    lhs, eq, rest = f.partition("=")
    rhs = lhs if data.get("relation") == "sum" else (rest if eq else f)
    subs = []
    for name, v in ops.items():
        x = _number(v)
        if x is None:
            return None
        token = str(v["text"]) if isinstance(v, dict) and v.get("text") else str(name)
        subs.append((token, x))
    for token, x in sorted(subs, key=lambda t: -len(t[0])):
        text = f"{x:.15g}"
        if re.fullmatch(r"[A-Za-z_\u0370-\u03ff]+", token):  # a name: whole words only
            rhs = re.sub(rf"(?<![A-Za-z0-9_]){re.escape(token)}(?![A-Za-z0-9_])", text, rhs)
        else:  # an operand's own text, "18.92亿元": not inside a longer number
            rhs = re.sub(rf"(?<![0-9.]){re.escape(token)}", text, rhs)
    for a, b in _OPS:
        rhs = rhs.replace(a, b)
    rhs = rhs.replace("100%", "100").replace(" ", "").strip()
    if not rhs or len(rhs) >= FORMULA_CHARS or not _EXCEL_SAFE.match(rhs):
        return None  # not plain arithmetic, or longer than Excel takes: the formula's text stays in its column
    return "=" + rhs


def _claims_rows(rows: list[Row]) -> list[list]:
    """Every claim shuzhi.claims extracts from each report, checked or not: the 全部数字 sheet."""
    out = []
    for r in rows:
        if r.result is None:
            continue
        try:
            claims = r.result.document.claims  # computed once by the figures rules, kept on the document
        except Exception:
            continue
        for c in claims:
            d = c.to_dict()
            passage = r.result.document.text[c.start : c.end]
            lines = dict(evidence_lines({"relation": d.get("relation"), "verdict": d.get("verdict")}))
            out.append(
                [
                    r.name,
                    r.source,
                    lines.get("关系", ""),
                    lines.get("结论", ""),
                    fmt_value(d.get("formula", "")),
                    excel_formula(d),
                    passage,
                    evidence_text(d),
                ]
            )
    return out


def _named(row: Row) -> str:
    """A report as the 相似 sheet names it: 姓名·职务·单位 and its file, or its path when no name is known."""
    return f"{row.name}（{row.file}）" if row.name != row.file else row.source


def write_xlsx(rnd, rows: list[Row], path: Path) -> Path:
    wb = Workbook(write_only=True)
    dims = dimensions(rows)
    extras = extra_keys(rows)
    header = (
        ["序号", "姓名", "职务", "单位", "文件", "审核结论", "理由", "标题", "年度", "字数"]
        + [f"{FAMILY_LABELS[f]}类" for f in FAMILIES]
        + ["错误", "警告", "提示"]
        + ["复制比", "单篇最大复制比"]
        + [f"{d}占比" for d in dims]
        + [PROFILE_LABELS.get(k, k) for k in extras]
        + ["状态", "错误代码", "错误说明", "页面"]
    )
    data = []
    for r in rows:
        if r.result is None:
            data.append(
                [r.index + 1, None, None, None, r.source, "无法检查", None, None, None, None]
                + [None] * len(FAMILIES)
                + [None] * 5
                + [None] * (len(dims) + len(extras))
                + ["无法检查", r.error["code"], r.error["message"], None]
            )
            continue
        m = r.meta
        data.append(
            [r.index + 1, r.person, r.post, r.unit, r.source, r.decision, "；".join(r.reasons) or None]
            + [m.get("title"), r.year, r.chars]
            + [r.families[f] for f in FAMILIES]
            + [r.severities["error"], r.severities["warning"], r.severities["info"]]
            + [r.copy_ratio, r.copy_largest]
            + [r.coverage.get(d) for d in dims]
            + [r.extra.get(k) for k in extras]
            + ["已检查", None, None, f"reports/{r.id}.html"]
        )
    pct_cols = (
        [header.index("复制比") + 1, header.index("单篇最大复制比") + 1]
        + [header.index(f"{d}占比") + 1 for d in dims]
        + [header.index(PROFILE_LABELS.get(k, k)) + 1 for k in extras if is_share(k)]
    )
    write_sheet(wb, "报告", header, data, percent=tuple(pct_cols), links=len(header))

    # One pass over each report's findings, rows made as they are written: a review reads a report's findings
    # back from disk (pipeline.spool) and a 500-report round has ~38,000 of them. The few figures findings' rows
    # (数字) are kept from that pass, not read again.
    figures: list[list] = []
    write_sheet(
        wb,
        "问题",
        ["报告", "文件", "代码", "问题", "严重程度", "说明", "行", "列", "页", "摘录", "公式", "证据", "复核提示"],
        _finding_rows(rows, figures),
    )
    write_sheet(
        wb,
        "数字",
        [
            "报告",
            "文件",
            "代码",
            "问题",
            "位置",
            "摘录",
            "公式",
            "表格复算",
            "报告所写",
            "复算结果",
            "可能原因",
            "说明",
            "证据",
        ],
        figures,
        live=(8,),
    )
    cp = rnd.copying
    by_result = {r.result_index: r for r in rows if r.result_index is not None}
    if cp is not None and cp.enabled:
        named = {i: _named(r) for i, r in by_result.items()}
        # Made as the sheet is written, one row at a time: a 500-report round has 124,750 similar pairs.
        pairs: Iterable[list] = (
            [named[a], named[b], a_copied, b_copied, near, chars]
            for a, b, a_copied, b_copied, near, chars in _pair_columns(cp.pairs)
            if max(a_copied, b_copied) > 0
        )
        first = next(pairs, None)
        if first is None:
            pairs = [[cp.note or "本轮报告之间没有发现相同的段落（固定表述已排除）。", None, None, None, None, None]]
        else:
            pairs = chain([first], pairs)
        write_sheet(
            wb,
            "相似",
            ["报告A", "报告B", "A被复制比例", "B被复制比例", "整体相似度", "相同字数"],
            pairs,
            percent=(3, 4, 5),
        )
    else:
        note = cp.note if cp is not None else "复制检测未启用"
        write_sheet(
            wb,
            "相似",
            ["报告A", "报告B", "A被复制比例", "B被复制比例", "整体相似度", "相同字数"],
            [[note, None, None, None, None, None]],
            max_width=80,
        )
    write_sheet(
        wb,
        "全部数字",
        ["报告", "文件", "关系", "结论", "公式", "表格复算", "原文", "详情"],
        _claims_rows(rows),
        live=(6,),
    )

    path = Path(path)
    _save(wb, path)
    return path


# Deflate level of summary.xlsx: a 500-report round's sheets are ~170 MB of XML, which zlib's default level 6
# compresses in ~2.8 s (to ~19.6 MB) and level 3 in ~1.0 s (to ~24 MB).
_LEVEL = 3


def _save(wb: Workbook, path: Path) -> None:
    """wb.save(path) (openpyxl's save_workbook: the same parts, in the same order) at deflate level _LEVEL."""
    if wb.write_only and not wb.worksheets:
        wb.create_sheet()
    wb.properties.modified = datetime.now(tz=UTC).replace(tzinfo=None)
    with ZipFile(path, "w", ZIP_DEFLATED, allowZip64=True, compresslevel=_LEVEL) as archive:
        ExcelWriter(wb, archive).save()


def _pair_columns(pairs) -> Iterator[tuple]:
    """(a, b, a_copied, b_copied, near_duplicate, chars) of every pair in order; a compared round's PairList gives
    them straight from its columns (no Pair made)."""
    if hasattr(pairs, "columns"):
        yield from pairs.columns()
        return
    for p in pairs:
        yield p.a, p.b, p.a_copied, p.b_copied, p.near_duplicate, p.chars


def _finding_rows(rows: list[Row], figures: list[list] | None = None) -> Iterator[list]:
    """The 问题 sheet: every finding of every report; and the 数字 sheet's rows (_figure_row) added to ``figures``,
    when given, as the figures findings go by."""
    for r in rows:
        if r.result is None:
            continue
        marked: set[str] = set()  # a heuristic rule's mark once per report, on its first row
        for f in r.result.findings:
            if figures is not None and f.code.startswith("N"):
                figures.append(_figure_row(r, f))
            hint = heuristic_note(f.code) if f.code not in marked else ""
            if hint:
                marked.add(f.code)
            yield [
                r.name,
                r.source,
                f.code,
                f.title_label,
                SEV_LABEL.get(f.severity, f.severity),
                f.message,
                f.line,
                f.column,
                f.page,
                f.excerpt,
                formula_of(f.data),
                evidence_text(f.data),
                hint or None,
            ]


def _figure_row(r: Row, f) -> list:
    """A figures finding's row of the 数字 sheet."""
    d = f.data or {}
    stated = next((d[k] for k in ("stated", "stated_value") if k in d), None)
    computed = next((d[k] for k in ("computed", "computed_value", "interval", "computed_interval") if k in d), None)
    return [
        r.name,
        r.source,
        f.code,
        f.title_label,
        f.where,
        f.excerpt,
        formula_of(d),
        excel_formula(d),
        fmt_value(stated) if stated is not None else None,
        fmt_value(computed) if computed is not None else None,
        fmt_value(d.get("diagnosis")) if d.get("diagnosis") else None,
        f.message,
        evidence_text(d),
    ]
