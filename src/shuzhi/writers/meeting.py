"""The round on one printed page for the 考核组 meeting: OUTDIR/round-summary.html (A4 print stylesheet) and its PDF.

What the committee decides on, nothing else: how many reports are 可提交 / 需修改 / 重点核查, the reports to look
at with their reasons and their authors, the groups of near-identical reports with their likely source, and the
problems most reports share. Lists are cut so that the round fits one A4 page — printed, the pages are counted and
the lists cut shorter until it does; the dashboard has the rest.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from .. import __version__
from ..pipeline.verdict import DECISIONS, FOCUS
from .pdf import print_to_pdf
from .rows import Row

HERE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Limits:
    """How many lines each list gets on the page; the rest is counted (“另有 N 份”) and left to the dashboard."""

    focus: int = 8
    clusters: int = 4
    members: int = 6  # of a cluster, by name
    problems: int = 5
    reasons: int = 3  # of a report to look at
    detail: int = 28  # characters of a writer's post and unit under the name


# Tried in turn until the printed page is one: the first fits a typical round; long names, many reasons and many
# clusters (a template-copied county) need the later ones.
LIMITS = (Limits(), Limits(6, 3, 5, 5, 2, 20), Limits(5, 2, 4, 4, 2, 14), Limits(4, 2, 3, 3, 1, 10))


@dataclass
class Cluster:
    size: int
    source: str  # the likely source: an indexed template, the earliest report, or the cluster's first report
    why: str  # how the source was chosen, in Chinese
    members: list[str] = field(default_factory=list)  # the others, by name (or file name)


@dataclass
class MeetingSummary:
    """What the page shows, computed from the round's rows (and so the same from `review --from`)."""

    n_files: int
    n_checked: int
    n_failed: int
    decisions: list[tuple[str, int]]
    focus: list[Row]
    focus_more: int  # lines left out (a cluster is one line)
    focus_total: int  # reports to look at, every member of a cluster counted
    focus_in_clusters: int  # of which in a cluster of near-identical reports (listed in the cluster table)
    clusters: list[Cluster]
    clusters_more: int
    problems: list[tuple[str, str, int, int]]  # (code, title, reports, occurrences)
    generated: str
    notes: list[str] = field(default_factory=list)
    limits: Limits = field(default_factory=Limits)


def _label(row: Row) -> str:
    return row.name if row.name != row.file else row.file


def who(row: Row, width: int) -> tuple[str, str]:
    """The writer's name, and their post and unit cut to ``width`` characters (姓名·职务·单位 → 姓名, 职务·单位)."""
    name, _, detail = row.name.partition("·")
    return name, (detail if len(detail) <= width else detail[: width - 1] + "…")


def _likely_source(rows: list[Row]) -> tuple[str, str]:
    """The likely source of a cluster: a template of the index its members copy, else the report of the earliest
    year, else (one year, or none known) the cluster's first report, said to be a representative only."""
    for r in rows:
        for s in ((r.result.profile.get("copy") or {}).get("sources") or []) if r.result else []:
            if s.get("kind") == "template" and (s.get("copied") or 0) >= 0.5:
                name = Path(str(s.get("source") or "")).name or f"索引文档 #{s.get('id')}"
                return f"模板《{name}》", "组内报告大部分文字见于索引中的这份模板"
    years = [(r.year, k) for k, r in enumerate(rows) if isinstance(r.year, int)]
    if len({y for y, _ in years}) > 1:
        y, k = min(years)
        return _label(rows[k]), f"组内年度最早（{y}年）的报告"
    return _label(rows[0]), "同一份文本，无法判断谁先写；列出本轮中的第一份"


def meeting_summary(
    rnd, rows: list[Row], *, notes: list[str] | None = None, limits: Limits = LIMITS[0]
) -> MeetingSummary:
    checked = [r for r in rows if r.result is not None]
    counts = Counter(r.decision for r in checked)
    order = {d: k for k, d in enumerate(DECISIONS)}
    by_result = {r.result_index: r for r in checked}
    cp = rnd.copying
    cluster_of = {}
    if cp is not None and getattr(cp, "enabled", False):
        cluster_of = {i: c for c in cp.clusters for i in c}
    # A cluster's members are in the cluster table (all of them, by name): here the reports outside clusters.
    focus_all = [r for r in checked if r.decision == FOCUS]
    in_clusters = [r for r in focus_all if r.result_index in cluster_of]
    focus = sorted((r for r in focus_all if r.result_index not in cluster_of), key=lambda r: (-len(r.reasons), r.index))
    clusters: list[Cluster] = []
    if cp is not None and getattr(cp, "enabled", False):
        for c in sorted(cp.clusters, key=len, reverse=True):
            members = [by_result[i] for i in c if i in by_result]
            if len(members) < 2:
                continue
            source, why = _likely_source(members)
            # The others by name alone (the file name where no name is known): a cluster can be long.
            others = [m.person or m.file for m in members if _label(m) != source]
            clusters.append(Cluster(len(members), source, why, others))
    per_code: dict[str, list] = {}
    for r in checked:
        for code, title, n, _sev in r.issues:
            d = per_code.setdefault(code, [title, 0, 0])
            d[1] += 1
            d[2] += n
    problems = sorted(((c, t, k, n) for c, (t, k, n) in per_code.items()), key=lambda x: (-x[2], -x[3], x[0]))
    return MeetingSummary(
        n_files=len(rows),
        n_checked=len(checked),
        n_failed=len(rows) - len(checked),
        decisions=sorted(((d, counts.get(d, 0)) for d in DECISIONS), key=lambda x: -order[x[0]]),
        focus=focus[: limits.focus],
        focus_more=max(0, len(focus) - limits.focus),
        focus_total=len(focus_all),
        focus_in_clusters=len(in_clusters),
        clusters=clusters[: limits.clusters],
        clusters_more=max(0, len(clusters) - limits.clusters),
        problems=problems[: limits.problems],
        generated=datetime.now(UTC).astimezone().strftime("%Y-%m-%d %H:%M"),
        notes=list(notes or []),
        limits=limits,
    )


def write_meeting_html(
    rnd, rows: list[Row], path: Path, *, notes: list[str] | None = None, limits: Limits = LIMITS[0]
) -> Path:
    """OUTDIR/round-summary.html: self-contained (its stylesheet inline), printable on one A4 page."""
    env = Environment(
        loader=FileSystemLoader(str(HERE / "templates")),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    css = (HERE / "assets" / "meeting.css").read_text(encoding="utf-8")
    page = env.get_template("meeting.html").render(
        s=meeting_summary(rnd, rows, notes=notes, limits=limits),
        css=css,
        version=__version__,
        DECISIONS=DECISIONS,
        who=who,
    )
    path = Path(path)
    path.write_text(page, encoding="utf-8")
    return path


def print_meeting(
    rnd, rows: list[Row], html_path: Path, pdf_path: Path, *, notes: list[str] | None = None
) -> str | None:
    """Write round-summary.html and print it to PDF on one page: when the printed page runs over, the lists are
    cut shorter (LIMITS) and it is printed again. None when printed, else why not (Chinese, for the notes)."""
    for limits in LIMITS:
        write_meeting_html(rnd, rows, html_path, notes=notes, limits=limits)
        why = print_to_pdf(html_path, pdf_path)
        if why is not None or pdf_pages(pdf_path) <= 1:
            return why
    return None  # still over a page with the shortest lists (very long notes): printed as it is


def pdf_pages(path: Path) -> int:
    import pypdfium2

    pdf = pypdfium2.PdfDocument(str(path))
    try:
        return len(pdf)
    finally:
        pdf.close()
