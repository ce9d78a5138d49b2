"""The offline dashboard: OUTDIR/index.html, a page per report, bundled JS/CSS (no network)."""

from __future__ import annotations

import math
import re
import shutil
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import pairwise
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup, escape

from .. import __version__
from ..model.findings import severity_rank
from ..pipeline.verdict import DECISIONS
from .evidence import evidence_lines, formula_of
from .marks import heuristic_note, heuristic_notes
from .rows import FAMILIES, FAMILY_LABELS, PROFILE_LABELS, Row, dimensions, extra_keys, is_share, pct

HERE = Path(__file__).resolve().parent
SEV_LABEL = {"error": "错误", "warning": "警告", "info": "提示"}
# A round larger than this shows its similar pairs as a list; the matrix would be unreadable.
MATRIX_MAX = 40
# The "先看这些" lists at the top of index.html stop here; the full list is in the table below and in Excel.
FOCUS_MAX = 50
# Missing parts the report's own title or kind requires (a 述廉 report with no 廉 part, ...).
MISSING_PART_CODES = ("S301",)


def _env() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(HERE / "templates")),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["pct"] = pct
    env.globals.update(
        is_share=is_share,
        SEV_LABEL=SEV_LABEL,
        FAMILIES=FAMILIES,
        FAMILY_LABELS=FAMILY_LABELS,
        DECISIONS=DECISIONS,
        version=__version__,
    )
    return env


@dataclass
class Note:
    """A finding as shown on a report page."""

    k: int
    code: str
    title: str
    severity: str
    message: str
    where: str
    excerpt: str
    formula: str
    evidence: list[tuple[str, str]]
    start: int
    end: int


@dataclass
class Para:
    html: Markup
    notes: list[Note] = field(default_factory=list)


def _where(f) -> str:
    return f.where


def _notes(result) -> list[Note]:
    out = []
    for k, f in enumerate(result.findings):
        out.append(
            Note(
                k,
                f.code,
                f.title_label,
                f.severity,
                f.message,
                _where(f),
                f.excerpt,
                formula_of(f.data),
                evidence_lines(f.data),
                f.start,
                f.end,
            )
        )
    return out


def _render_paragraph(
    text: str, a: int, b: int, notes: list[Note], copies: list[tuple[int, int, int]], escaped: Escaped | None = None
) -> Markup:
    """The paragraph text[a:b] with findings marked and copied passages underlined (``copies``: any that may
    overlap it, in the round's order; ``escaped``: the text's Escaped, when made once for all its paragraphs)."""
    escaped = Escaped(text) if escaped is None else escaped
    spans = [n for n in notes if n.end > n.start and n.start < b and n.end > a]
    pins = [n for n in notes if n.end <= n.start and a <= n.start <= b]
    cps = [c for c in copies if c[0] < b and c[1] > a]
    cuts = {a, b}
    for n in spans:
        cuts.update((max(a, n.start), min(b, n.end)))
    for c in cps:
        cuts.update((max(a, c[0]), min(b, c[1])))
    for n in pins:
        cuts.add(n.start)
    cuts = sorted(cuts)
    parts: list[str] = []
    for x, y in zip(cuts, [*cuts[1:], None], strict=False):
        for n in pins:
            if n.start == x:
                parts.append(
                    f'<a class="pin sev-{n.severity}" href="#f{n.k}" title="{escape(n.message)}">▲{n.code}</a>'
                )
        if y is None or y <= x:
            continue
        seg = escaped[x:y]
        active = [n for n in spans if n.start <= x and n.end >= y]
        # The first copy over the segment (a pool paragraph's segments are under the copies of dozens of reports).
        cp = next((c for c in cps if c[0] <= x and c[1] >= y), None)
        if cp is not None:
            seg = f'<span class="copied" data-src="{cp[2]}" title="与其他报告相同的段落">{seg}</span>'
        if active:
            worst = max(active, key=lambda n: severity_rank(n.severity))
            title = escape("\n".join(f"{n.code} {n.title}：{n.message}" for n in active))
            ks = " ".join(str(n.k) for n in active)
            seg = f'<a class="hl sev-{worst.severity}" href="#f{active[0].k}" data-f="{ks}" title="{title}">{seg}</a>'
        parts.append(seg)
    return Markup("".join(parts))


def _near(paras: list[tuple[int, int]], copies: list[tuple[int, int, int]]) -> list[list[tuple[int, int, int]]]:
    """Per paragraph (a, b), the copies that overlap it (start < b and end > a), in their order: a report's
    ~2,000 passages are not each tested against each of its paragraphs. Paragraphs in text order (their starts and
    their ends each ascending) are found by bisection; otherwise every copy is offered to every paragraph."""
    starts, ends = [a for a, _ in paras], [b for _, b in paras]
    if any(x > y for x, y in pairwise(starts)) or any(x > y for x, y in pairwise(ends)):
        return [copies] * len(paras)
    out: list[list] = [[] for _ in paras]
    for c in copies:
        for j in range(bisect_right(ends, c[0]), bisect_left(starts, c[1])):
            out[j].append(c)
    return out


def _notes_near(paras: list[tuple[int, int]], notes: list[Note]) -> list[list[Note]]:
    """Per paragraph (a, b), in their order, the notes that may be drawn in it or listed after it: a span (end >
    start) overlapping it, a pin (end <= start) with a <= start <= b — a superset of what _render_paragraph and
    _paragraphs pick, which test each again. Found by bisection where the paragraphs are in text order (a page's ~80
    notes were each tested against each of its ~50 paragraphs three times); otherwise every note for every one."""
    starts, ends = [a for a, _ in paras], [b for _, b in paras]
    if any(x > y for x, y in pairwise(starts)) or any(x > y for x, y in pairwise(ends)):
        return [notes] * len(paras)
    out: list[list] = [[] for _ in paras]
    for n in notes:
        if n.end > n.start:
            lo, hi = bisect_right(ends, n.start), bisect_left(starts, n.end)
        else:
            lo, hi = bisect_left(ends, n.start), bisect_right(starts, n.start)
        for j in range(lo, hi):
            out[j].append(n)
    return out


def _paragraphs(doc, notes: list[Note], copies) -> list[Para]:
    paras = doc.paragraphs or [(0, len(doc.text))]
    near = _near(paras, copies)
    escaped = Escaped(doc.text)
    out = []
    placed: set[int] = set()
    for (a, b), cps, mine in zip(paras, near, _notes_near(paras, notes), strict=True):
        here = [n for n in mine if n.k not in placed and (a <= n.start < b or (n.start == n.end == b))]
        placed.update(n.k for n in here)
        out.append(Para(_render_paragraph(doc.text, a, b, mine, cps, escaped), here))
    rest = [n for n in notes if n.k not in placed]
    if rest and out:
        out[-1].notes.extend(rest)
    return out


# One row of the side-by-side table of a report page's copied passages, as report.html wrote it row by row
# (~2,000 rows on a page of a 500-report round: made here, not by the template's loop).
_SIDE = (
    '<tr><td><div class="sub">本报告第 {}–{} 字，{} 字，相同度 {}</div>{}</td>\n'
    '<td><div class="sub"><a href="{}.html">{}</a></div>{}</td></tr>\n'
)


class Escaped:
    """A text whose pieces are escaped for HTML: ``Escaped(text)[i:j] == str(escape(text[i:j]))``, with an escape
    call only for a piece that holds a character to replace (a report page shows ~2,000 pieces of the round's
    texts, most of them with none). Keeps the text and where those characters are, never an escaped copy."""

    __slots__ = ("at", "text")

    def __init__(self, text: str):
        self.text = text
        self.at = None
        if "&" in text or "<" in text or ">" in text or '"' in text or "'" in text:
            self.at = [m.start() for m in _SPECIAL.finditer(text)]

    def __getitem__(self, piece: slice) -> str:
        i, j = piece.start, piece.stop
        at = self.at
        if at is None or (i < j and bisect_left(at, i) == bisect_left(at, j)):
            return self.text[i:j]
        return str(escape(self.text[i:j]))


# The characters markupsafe.escape replaces.
_SPECIAL = re.compile("[&<>\"']")


def _passage_columns(passages, i: int) -> tuple[list, ...]:
    """(start, end, other, other_start, other_end, chars, identity) of report i's passages, a list each: from a
    compared round's PassageMap's arrays, or from the Passages read back from results.json."""
    if hasattr(passages, "columns"):
        return passages.columns(i)
    ps = passages.get(i, [])
    return tuple(
        [getattr(p, k) for p in ps] for k in ("start", "end", "other", "other_start", "other_end", "chars", "identity")
    )


def _share_texts(identity: list) -> list[str]:
    """str(escape(pct(x))) of every identity, each distinct one written once (a round's are mostly 1.0); distinct by
    their bits where they are floats (0.0 and -0.0 are written differently)."""
    memo: dict = {}
    out = []
    for x in identity:
        key = (x, math.copysign(1.0, x)) if isinstance(x, float) else (x, type(x))
        text = memo.get(key)
        if text is None:
            text = memo[key] = str(escape(pct(x)))
        out.append(text)
    return out


def _copies_for(
    rnd, row: Row, rows_by_result: dict[int, Row], escaped: dict[int, Escaped] | None = None
) -> tuple[list[tuple[int, int, int]], Markup]:
    """The marks of report ``row``'s copied passages (start, end, other) and its side-by-side table's rows.
    ``escaped``: per report of the round, its text's Escaped, filled as they are met (kept across pages).

    Column by column (a page of a 500-report round has ~2,000 rows): each other report's head made once, each
    distinct identity written once, a text sliced as it is where it holds nothing to escape."""
    escaped = {} if escaped is None else escaped
    cp = rnd.copying
    if cp is None or not cp.enabled or row.result_index is None:
        return [], Markup("")
    start, end, other, other_start, other_end, chars, identity = _passage_columns(cp.passages, row.result_index)
    heads: dict[int, tuple] = {}  # per other report: what slices its text, its escaped id and name
    for i in dict.fromkeys(other):
        r = rows_by_result.get(i)
        if r is None:
            continue
        text = escaped.get(i)
        if text is None:
            text = escaped[i] = Escaped(r.result.document.text)
        heads[i] = (text.text if text.at is None else text, escape(r.id), escape(r.name))
    if len(heads) < len(set(other)):  # passages from a report with no row: left out
        keep = [k for k, i in enumerate(other) if i in heads]
        start, end, other, other_start, other_end, chars, identity = (
            [c[k] for k in keep] for c in (start, end, other, other_start, other_end, chars, identity)
        )
    mine = Escaped(row.result.document.text)  # the whole document's, not its light stand-in's (kept in escaped)
    cut = mine.text if mine.at is None else mine
    got = [heads[i] for i in other]
    sides = map(
        _SIDE.format,
        start,
        end,
        chars,
        _share_texts(identity),
        [cut[a:b] for a, b in zip(start, end, strict=True)],
        [h[1] for h in got],
        [h[2] for h in got],
        [h[0][a:b] for h, a, b in zip(got, other_start, other_end, strict=True)],
    )
    return list(zip(start, end, other, strict=True)), Markup("".join(sides))


def _clusters(rnd, rows: list[Row]) -> list[dict]:
    """The round's groups of near-identical reports (one template, many copies), the largest first."""
    cp = rnd.copying
    if cp is None or not cp.enabled:
        return []
    by_result = {r.result_index: r for r in rows if r.result_index is not None}
    out = [{"rows": [by_result[i] for i in c if i in by_result]} for c in getattr(cp, "clusters", ())]
    return sorted((c for c in out if c["rows"]), key=lambda c: -len(c["rows"]))


def _focus(rows: list[Row], rnd=None) -> dict[str, list[dict]]:
    """What a reviewer looks at first: copies of one text (clusters, then C302), figures that do not add up (N)
    and required parts missing (S301).

    They are a handful among hundreds of placeholders, so index.html lists them on their own, each
    linked to its explanation on the report page.
    """
    figures, missing, whole = [], [], []
    clusters = _clusters(rnd, rows) if rnd is not None else []
    clustered = {id(r) for c in clusters for r in c["rows"]}
    for row in rows:
        if row.result is None:
            continue
        text = row.result.document.text
        for k, f in enumerate(row.result.findings):
            item = {
                "row": row,
                "k": k,
                "code": f.code,
                "message": f.message,
                "flagged": text[f.start : f.end] or f.excerpt,
            }
            if f.code.startswith("N"):
                figures.append(item)
            elif f.code in MISSING_PART_CODES:
                missing.append(item)
            elif f.code == "C302" and id(row) not in clustered:  # a cluster's members are listed as the cluster
                whole.append(item)
    return {"clusters": clusters, "whole": whole, "figures": figures, "missing": missing}


def prepare_dashboard(outdir: Path) -> None:
    """OUTDIR/reports/ and OUTDIR/assets/ (the bundled JS and CSS)."""
    outdir = Path(outdir)
    (outdir / "reports").mkdir(parents=True, exist_ok=True)
    assets = outdir / "assets"
    assets.mkdir(exist_ok=True)
    for f in (HERE / "assets").iterdir():
        if f.suffix in (".js", ".css"):
            shutil.copyfile(f, assets / f.name)


class ReportPages:
    """Writes OUTDIR/reports/<id>.html one report at a time (in the review's worker processes)."""

    def __init__(self, rnd, rows: list[Row], outdir: Path):
        self.rnd, self.rows, self.outdir = rnd, rows, Path(outdir)
        self.rows_by_result = {r.result_index: r for r in rows if r.result_index is not None}
        self.dims = dimensions(rows)
        self.page = _env().get_template("report.html")
        self.escaped: dict[int, Escaped] = {}  # per report, its text escaped once (_copies_for)

    def write(self, row: Row) -> Path:
        notes = _notes(row.result)
        marks, sides = _copies_for(self.rnd, row, self.rows_by_result, self.escaped)
        html = self.page.render(
            row=row,
            notes=notes,
            paras=_paragraphs(row.result.document, notes, marks),
            sides=sides,
            heuristics=heuristic_notes(n.code for n in notes),
            copying=self.rnd.copying,
            dims=self.dims,
        )
        path = self.outdir / "reports" / f"{row.id}.html"
        path.write_text(html, encoding="utf-8")
        return path


def write_dashboard(rnd, rows: list[Row], outdir: Path, *, extra_files: dict[str, str] | None = None) -> Path:
    """Write index.html, reports/<id>.html and assets/ under ``outdir``; return index.html's path."""
    prepare_dashboard(outdir)
    pages = ReportPages(rnd, rows, outdir)
    for row in rows:
        if row.result is not None:
            pages.write(row)
    return write_index(rnd, rows, outdir, extra_files=extra_files)


def write_index(rnd, rows: list[Row], outdir: Path, *, extra_files: dict[str, str] | None = None) -> Path:
    """OUTDIR/index.html alone (the report pages are written by ReportPages)."""
    outdir = Path(outdir)
    env = _env()
    rows_by_result = {r.result_index: r for r in rows if r.result_index is not None}
    dims = dimensions(rows)
    extras = extra_keys(rows, table=True)
    by_rule: dict[str, dict] = {}
    for row in rows:
        for code, title, n, sev in row.issues:
            d = by_rule.setdefault(
                code,
                {"code": code, "title": title, "count": 0, "rows": [], "severity": sev, "note": heuristic_note(code)},
            )
            d["count"] += n
            d["rows"].append(row)
    cp = rnd.copying
    results_rows = [r for r in rows if r.result_index is not None]
    matrix = None
    if cp is not None and cp.enabled and 1 < len(results_rows) <= MATRIX_MAX:
        matrix = [
            [None if a is b else cp.pair_score(a.result_index, b.result_index) for b in results_rows]
            for a in results_rows
        ]
    pairs = []
    if cp is not None and cp.enabled:
        for p in cp.pairs[:300]:
            if p.score <= 0:
                continue
            pairs.append(
                {
                    "a": rows_by_result[p.a],
                    "b": rows_by_result[p.b],
                    "a_copied": p.a_copied,
                    "b_copied": p.b_copied,
                    "near": p.near_duplicate,
                    "chars": p.chars,
                }
            )

    # Grouped by family (P, N, S, ...), the most severe first in each: the few N rows are not lost
    # below hundreds of placeholders.
    def family_then_severity(d):
        fam = d["code"][0]
        return (FAMILIES.index(fam) if fam in FAMILIES else len(FAMILIES), -severity_rank(d["severity"]), d["code"])

    html = env.get_template("index.html").render(
        rows=rows,
        dims=dims,
        extras=extras,
        PROFILE_LABELS=PROFILE_LABELS,
        by_rule=sorted(by_rule.values(), key=family_then_severity),
        focus=_focus(rows, rnd),
        FOCUS_MAX=FOCUS_MAX,
        copying=cp,
        matrix=matrix,
        matrix_rows=results_rows,
        pairs=pairs,
        errors=rnd.errors,
        notes=rnd.notes,
        jobs=rnd.jobs,
        n_results=len(results_rows),
        n_findings=sum(len(r.result.findings) for r in results_rows),
        generated=datetime.now(UTC).astimezone().strftime("%Y-%m-%d %H:%M"),
        files=extra_files or {},
        decisions=[(d, n) for d in DECISIONS if (n := sum(1 for r in results_rows if r.decision == d))],
    )
    index = outdir / "index.html"
    index.write_text(html, encoding="utf-8")
    return index
