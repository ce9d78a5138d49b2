"""CNKI-style copy report of one document: 总文字复制比, excluding own reports, 单篇最大复制比, sources."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..model.document import Document
from .compare import Comparison, ComparisonList, Match, _resolve, compare_fingerprints
from .core.formulas import formula_list
from .core.shingle import Fingerprint
from .core.shingle import fingerprint as fingerprint_text

REPORT_VERSION = 1


@dataclass
class Source:
    """One document the suspect copied from (or that copied from it)."""

    source: str | None
    copied: float  # share of the suspect's characters found in this source
    near_duplicate: float
    matches: list[Match]
    text: str = field(repr=False, default="")
    id: int | None = None
    person: str | None = None
    unit: str | None = None
    year: int | None = None
    round: str | None = None
    kind: str = "report"
    own: bool = False  # written by the suspect's own author (an earlier report)

    def paragraph_of(self, offset: int) -> int:
        """1-based paragraph number of an offset in the source's analysed text."""
        return self.text.count("\n", 0, offset) + 1

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "source": self.source,
            "person": self.person,
            "unit": self.unit,
            "year": self.year,
            "round": self.round,
            "kind": self.kind,
            "own": self.own,
            "copied": round(self.copied, 4),
            "near_duplicate": round(self.near_duplicate, 4),
            "passages": len(self.matches),
        }


@dataclass
class CopyReport:
    """What a reviewer reads at the top of a 查重 report."""

    chars: int
    total: float  # 总文字复制比
    excluding_own: float  # 去除本人已有报告的复制比
    max_single: float  # 单篇最大复制比
    sources: list[Source]
    # In a round: the other reports of this report's near-identical cluster (their sources, in the round's
    # order) and the cluster's representative (shuzhi.similarity.core.clusters); empty outside a cluster.
    cluster: list[str] = field(default_factory=list)
    representative: str | None = None

    @property
    def max_source(self) -> Source | None:
        return max(self.sources, key=lambda s: s.copied, default=None)

    def to_dict(self, limit: int | None = None) -> dict[str, Any]:
        """The report as results.json holds it. ``limit``: only the first ``limit`` sources (the largest shares
        copied) listed, and ``sources_total`` says how many there are (a round's report has every other report
        sharing a sentence as a source: hundreds in a large round)."""
        best = self.max_source
        listed = self.sources if limit is None else self.sources[:limit]
        out = {
            "version": REPORT_VERSION,
            "chars": self.chars,
            "total_copied": round(self.total, 4),
            "copied_excluding_own": round(self.excluding_own, 4),
            "max_single": round(self.max_single, 4),
            "max_single_source": best.source if best is not None and best.copied > 0 else None,
            "sources": [s.to_dict() for s in listed],
        }
        if limit is not None:
            out["sources_total"] = len(self.sources)
        if self.cluster:
            out["cluster"] = {
                "size": len(self.cluster) + 1,
                "representative": self.representative,
                "others": self.cluster,
            }
        return out


def _cover(fp: Fingerprint, matches: Sequence[Match]) -> np.ndarray:
    """The fingerprint characters of the matches' spans in A, formulas excluded: every span's first and last
    character looked up at once, the spans marked by a running count of those open (a round's report has
    hundreds of sources with a dozen matches each)."""
    if not matches:
        return np.zeros(len(fp.codes), dtype=bool)
    # Starts then ends, as flat lists of ints (a list of pairs is converted item by item).
    k = len(matches)
    ends = np.searchsorted(fp.pos, np.array([m.a_start for m in matches] + [m.a_end for m in matches]), "left")
    size = len(fp.codes) + 1
    opened = np.bincount(ends[:k], minlength=size) - np.bincount(ends[k:], minlength=size)
    return (np.cumsum(opened[:-1]) > 0) & ~fp.masked


def build_report(fp: Fingerprint, sources: list[Source]) -> CopyReport:
    """Union coverage over all sources, over others' sources only, and the largest single one."""
    n = fp.chars or 1
    # The cover of every source's matches at once is the union of their covers.
    union = _cover(fp, [m for s in sources for m in s.matches])
    # Without the author's own reports among the sources (a round's reports are all others'), the same cover.
    others = _cover(fp, [m for s in sources if not s.own for m in s.matches]) if any(s.own for s in sources) else union
    sources = sorted(sources, key=lambda s: (-s.copied, -s.near_duplicate))
    return CopyReport(
        chars=fp.chars,
        total=float(union.sum()) / n,
        excluding_own=float(others.sum()) / n,
        max_single=max((s.copied for s in sources), default=0.0),
        sources=sources,
    )


def check_against_index(
    text: str, index, *, person: str | None = None, exclude: Sequence[int] = (), max_candidates: int = 50
) -> CopyReport:
    """Find the sources of ``text`` in an index: candidates by shared fingerprints and
    LSH bands, each verified by alignment against its stored text."""
    fp = index.fingerprint(text)
    cands, common = index.candidates(fp, exclude=exclude)
    sources: list[Source] = []
    for doc_id, _shared, _bands in cands[:max_candidates]:
        info, src_text = index.doc(doc_id)
        fb = index.fingerprint(src_text)
        a_cov, _b_cov, nd, matches = compare_fingerprints(text, fp, src_text, fb, common)
        if not matches and nd < index.settings.near_duplicate:
            continue
        m = info.meta
        sources.append(
            Source(
                m.source,
                a_cov,
                nd,
                matches,
                src_text,
                info.id,
                m.person,
                m.unit,
                m.year,
                m.round,
                m.kind,
                own=bool(person) and m.person == person,
            )
        )
    return build_report(fp, sources)


def report_from_comparisons(
    doc: Document,
    comparisons: Sequence[Comparison],
    *,
    authors: dict[int, str | None] | None = None,
    settings=None,
    formulas: Sequence[str] | None = None,
    who: dict[int, dict] | None = None,
    fingerprint: Fingerprint | None = None,
) -> CopyReport:
    """A report for ``doc`` from compare_all results (a round without an index).

    ``authors`` maps a document's position in the round to its author, so that the
    author's own reports are told apart. ``who`` maps it to what else is known of the author
    (``unit``, ``year``), shown beside the source. ``formulas``: those the comparisons masked
    (a config's merged lists; the built-in ones by default); ``fingerprint``: doc's, when taken already
    with those settings and formulas.
    """
    s = _resolve(settings)
    fp = (
        fingerprint
        if fingerprint is not None
        else fingerprint_text(doc.text, s, tuple(formulas) if formulas is not None else formula_list())
    )
    me = None
    sources: list[Source] = []
    for c in comparisons:
        if c.a is doc:
            other, other_idx, matches, copied, me = c.b, c.b_index, c.matches, c.a_copied, c.a_index
        elif c.b is doc:
            other, other_idx, me = c.a, c.a_index, c.b_index
            matches = [Match(m.b_start, m.b_end, m.a_start, m.a_end, m.chars, m.identity) for m in c.matches]
            copied = c.b_copied
        else:
            continue
        person = (authors or {}).get(other_idx) if other_idx is not None else None
        more = (who or {}).get(other_idx) or {} if other_idx is not None else {}
        sources.append(
            Source(
                other.source if other is not None else None,
                copied,
                c.near_duplicate,
                matches,
                other.text if other is not None else "",
                other_idx,
                person,
                more.get("unit"),
                more.get("year"),
            )
        )
    mine = (authors or {}).get(me) if me is not None else None
    for src in sources:
        src.own = bool(mine) and src.person == mine
    return build_report(fp, sources)


def report_from_round(
    i: int,
    comparisons: ComparisonList,
    *,
    authors: dict[int, str | None] | None = None,
    who: dict[int, dict] | None = None,
    fingerprint: Fingerprint,
) -> CopyReport:
    """report_from_comparisons(docs[i], comparisons.involving(i), …) for document i of a compared round, its
    sources made straight from the round's columns (ComparisonList.seen_from): the same report."""
    docs = comparisons.docs
    authors, who = authors or {}, who or {}
    sources = []
    for other_idx, copied, near, matches in comparisons.seen_from(i):
        other = docs[other_idx]
        more = who.get(other_idx) or {}
        sources.append(
            Source(
                other.source if other is not None else None,
                copied,
                near,
                matches,
                other.text if other is not None else "",
                other_idx,
                authors.get(other_idx),
                more.get("unit"),
                more.get("year"),
            )
        )
    mine = authors.get(i) if sources else None
    for src in sources:
        src.own = bool(mine) and src.person == mine
    return build_report(fingerprint, sources)


def summary_line(result) -> str:
    """One line of CNKI-style metrics for the text output of `check --index`."""
    c = result.profile.get("copy")
    if not c:
        return f"{result.source}: 未做复制检测"
    line = (
        f"{result.source}: 总文字复制比 {c['total_copied']:.1%}，去除本人报告复制比 {c['copied_excluding_own']:.1%}，"
        f"单篇最大复制比 {c['max_single']:.1%}"
    )
    if c["max_single_source"]:
        line += f"（{c['max_single_source']}）"
    return line + f"，来源 {len(c['sources'])} 份"
