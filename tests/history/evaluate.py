"""Scoring the year-over-year checks against a corpus with ground truth (the demonstration and the held-out set).

Every report goes into a real index with its person and year (as `shuzhi index add --person --year` does),
every person's history is computed by the library (`person_history`, what `shuzhi history` prints), and each
finding is matched to the planted items by where it points.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from shuzhi.loaders import load
from shuzhi.pipeline.person_history import person_history
from shuzhi.rules.config import Config
from shuzhi.similarity.index.store import DocMeta, Index


@dataclass
class Planted:
    """One report with its planted items (id -> text)."""

    person: str
    year: int
    filename: str
    text: str
    items: dict[str, str]


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    wrong: list = field(default_factory=list)  # (kind, detail) of every false positive and miss

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    def line(self, name: str) -> str:
        return (
            f"{name}: {self.tp} found, {self.fp} false, {self.fn} missed — "
            f"precision {self.precision:.2f}, recall {self.recall:.2f}"
        )


def build_index(reports: Iterable[Planted], folder: Path, config: Config | None = None) -> Index:
    """Write the reports as files and add them to a new index in folder/index, each with its person and year."""
    folder.mkdir(parents=True, exist_ok=True)
    files = []
    for r in reports:
        p = folder / r.filename
        p.write_text(r.text, encoding="utf-8")
        files.append((p, r))
    ix = Index(folder / "index", create=True)
    items = []
    for p, r in files:
        doc = load(p)
        items.append((doc.text, DocMeta(source=str(p), person=r.person, year=r.year)))
    ix.add(items)
    return ix


def _item_at(r: Planted, text: str, offset: int, excerpt: str | None = None) -> str | None:
    """The planted item a finding points at (by its span in the analysed text, or by its quoted text)."""
    for iid, t in r.items.items():
        if excerpt is not None and excerpt.strip() == t:
            return iid
        at = text.find(t)
        if at >= 0 and at <= offset < at + len(t):
            return iid
    return None


def histories(reports: list[Planted], ix: Index, config: Config | None = None) -> dict[str, object]:
    cfg = config or Config()
    return {p: person_history(ix, p, cfg) for p in sorted({r.person for r in reports})}


def score_repeats(reports: list[Planted], hist: dict, truth: dict[tuple[str, int, str], tuple[int, str]]) -> Score:
    """H601 findings against (person, year, item) -> (earlier year, earlier item)."""
    by_key = {(r.person, r.year): r for r in reports}
    s = Score()
    found = set()
    for person, ph in hist.items():
        for e in ph.entries:
            r = by_key[(person, e.year)]
            text = e.result.document.text
            for f in e.history_findings:
                if f.code != "H601":
                    continue
                now = _item_at(r, text, f.start)
                ey = f.data["earlier_year"]
                then = _item_at(by_key[(person, ey)], "", -1, f.data["earlier_excerpt"])
                key = (person, e.year, now)
                if truth.get(key) == (ey, then):
                    s.tp += 1
                    found.add(key)
                else:
                    s.fp += 1
                    s.wrong.append(("false", key, (ey, then), f.message))
    for key in truth:
        if key not in found:
            s.fn += 1
            s.wrong.append(("missed", key, truth[key], ""))
    return s


def score_figures(hist: dict, truth: set[tuple[str, int, str]]) -> Score:
    """H604 findings against (person, year, indicator)."""
    s = Score()
    found = set()
    for person, ph in hist.items():
        for e in ph.entries:
            for f in e.history_findings:
                if f.code != "H604":
                    continue
                key = (person, e.year, f.data["indicator"])
                if key in truth:
                    s.tp += 1
                    found.add(key)
                else:
                    s.fp += 1
                    s.wrong.append(("false", key, f.message))
    for key in truth - found:
        s.fn += 1
        s.wrong.append(("missed", key, ""))
    return s


def links_between_people(hist: dict) -> list[str]:
    """Findings whose earlier report is not the same person's: must be none."""
    bad = []
    for person, ph in hist.items():
        for e in ph.entries:
            for c in e.context.earlier:
                if c.person != person:
                    bad.append(f"{person} {e.year} ↔ {c.source}")
    return bad


def demo_planted() -> list[Planted]:
    from history import demo

    return [Planted(r.person, r.year, r.filename, r.text, r.items) for r in demo.reports()]


def heldout_planted() -> list[Planted]:
    from history import heldout_20261204 as h

    return [Planted(p, y, fn, text, items) for p, y, _u, _post, fn, text, items in h.reports()]


def heldout_truth() -> dict[tuple[str, int, str], tuple[int, str]]:
    from history import heldout_20261204 as h

    return {k: (y, k[2]) for k, y in h.repeats().items()}
