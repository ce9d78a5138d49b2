"""The round compared with itself: similar pairs, copied passages and each report's copy ratio."""

from __future__ import annotations

import copy
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field

from ..model.errors import ShuzhiError
from ..model.findings import disambiguate_ids
from ..rules.engine import run_rules
from ..rules.registry import Registry
from ..similarity.compare import compare_round_docs
from ..similarity.core.formulas import formula_list
from ..similarity.sources import report_from_comparisons
from .runner import fork_context
from .spool import full_document


@dataclass
class Passage:
    """A passage of one report found in another: offsets into each report's text."""

    start: int
    end: int
    other: int  # index (into the round's results) of the other report
    other_start: int
    other_end: int
    chars: int
    identity: float


@dataclass
class Pair:
    a: int
    b: int
    a_copied: float
    b_copied: float
    near_duplicate: float
    chars: int  # characters of a covered by matches with b

    @property
    def score(self) -> float:
        return max(self.a_copied, self.b_copied)


@dataclass
class RoundCopying:
    enabled: bool  # False only when the comparison failed: ``note`` says why
    note: str = ""
    pairs: list[Pair] = field(default_factory=list)
    passages: dict[int, list[Passage]] = field(default_factory=dict)
    # Per report: copied characters (union over all sources) / its length.
    ratio: dict[int, float] = field(default_factory=dict)
    # Per report: the largest share copied from a single other report.
    largest: dict[int, float] = field(default_factory=dict)
    comparisons: list = field(default_factory=list, repr=False)  # compare_round_docs's, for the copy rules
    # Near-identical reports (positions in the round, the representative first): one template, many copies.
    clusters: list[list[int]] = field(default_factory=list)

    def cluster_of(self, i: int) -> list[int] | None:
        for c in self.clusters:
            if i in c:
                return c
        return None

    def to_dict(self) -> dict:
        """What the writers read (not the comparisons): stored in a review's results.json."""
        return {
            "enabled": self.enabled,
            "note": self.note,
            # Field by field (dataclasses.asdict deep-copies every value: seconds for a round's thousands).
            "pairs": [
                {
                    "a": p.a,
                    "b": p.b,
                    "a_copied": p.a_copied,
                    "b_copied": p.b_copied,
                    "near_duplicate": p.near_duplicate,
                    "chars": p.chars,
                }
                for p in self.pairs
            ],
            "passages": [
                [
                    i,
                    [
                        {
                            "start": x.start,
                            "end": x.end,
                            "other": x.other,
                            "other_start": x.other_start,
                            "other_end": x.other_end,
                            "chars": x.chars,
                            "identity": x.identity,
                        }
                        for x in ps
                    ],
                ]
                for i, ps in self.passages.items()
            ],
            "ratio": [[i, v] for i, v in self.ratio.items()],
            "largest": [[i, v] for i, v in self.largest.items()],
            "clusters": [list(c) for c in self.clusters],
        }

    @classmethod
    def from_dict(cls, d: dict) -> RoundCopying:
        return cls(
            enabled=bool(d.get("enabled")),
            note=d.get("note") or "",
            pairs=[Pair(**p) for p in d.get("pairs", [])],
            passages={int(i): [Passage(**x) for x in ps] for i, ps in d.get("passages", [])},
            ratio={int(i): v for i, v in d.get("ratio", [])},
            largest={int(i): v for i, v in d.get("largest", [])},
            clusters=[[int(i) for i in c] for c in d.get("clusters", [])],
        )

    def pair_score(self, i: int, j: int) -> float | None:
        for p in self.pairs:
            if {p.a, p.b} == {i, j}:
                return p.score
        return None


def _union_length(spans: list[tuple[int, int]]) -> int:
    total = 0
    end = -1
    for a, b in sorted(spans):
        if b <= end:
            continue
        total += b - max(a, end)
        end = b
    return total


def compare_round(docs: list, settings=None, *, jobs: int = 1, formulas=None, fingerprints=None) -> RoundCopying:
    """Compare every report with every other via shuzhi.similarity.compare_round_docs (nothing learnt as
    common language from the round itself; near-identical reports as clusters, through their representative).

    ``formulas``: the formulas masked before fingerprinting (a config's merged lists, the built-in
    ones by default); add_copy_findings must be given the same. ``fingerprints``: the documents'
    fingerprints when already taken with those formulas and the default settings (`review` takes them
    as each report comes back).

    A failure of the comparison is returned as a disabled RoundCopying with a note:
    the round's other outputs are still worth writing.
    """
    if len(docs) < 2:
        return RoundCopying(enabled=True, note="本轮能读取的报告不足两份，没有可相互比对的报告。")
    try:
        compared = compare_round_docs(docs, settings, jobs=jobs, formulas=formulas, fingerprints=fingerprints)
    except ShuzhiError as e:  # a coded error has a Chinese message worth showing (a bad setting)
        return RoundCopying(enabled=False, note=f"复制检测出错，相似度未计算：{e.code} {e.message}")
    except Exception:  # never the Python exception's English text in a note
        return RoundCopying(enabled=False, note="复制检测出错，相似度未计算：程序内部出错；其余结果不受影响。")
    out = summarize(compared.comparisons, docs)
    out.comparisons = list(compared.comparisons)
    out.clusters = compared.clusters
    return out


def add_copy_findings(results: list, copying: RoundCopying, config, *, jobs: int = 1, fingerprints=None) -> list[int]:
    """Run the copy rules (C301, C302: rules that need "index") on each report against the rest of the round.

    The rules read a shuzhi.similarity.sources.CopyReport from ctx.extra["copy"]; the
    report's metrics go to profile["copy_round"]. Returns the positions of the results
    that gained findings. ``jobs`` > 1 runs the reports in that many forked processes. A result whose
    document was spooled (pipeline.spool) has it read back for its own rules, one report at a time;
    ``fingerprints`` (the round's, when taken already) spare fingerprinting each report again.
    """
    global _COPY_JOB
    changed: list[int] = []
    if not copying.enabled or not copying.comparisons:
        return changed
    copy_rules = [r for r in config.registry if "index" in r.needs]
    if not copy_rules:
        return changed
    by_doc: dict[int, list] = {}
    for c in copying.comparisons:
        by_doc.setdefault(c.a_index, []).append(c)
        by_doc.setdefault(c.b_index, []).append(c)
    todo = [i for i in range(len(results)) if by_doc.get(i)]
    sources = [r.document.source for r in results]
    cluster_of = {i: [sources[j] for j in c if j != i] for c in copying.clusters for i in c}
    representative = {i: sources[c[0]] for c in copying.clusters for i in c}
    # A review's identities (pipeline.authors): the same person's reports are 本人, not copying, and every
    # source is named with its author.
    ids = {i: r.identity for i, r in enumerate(results) if isinstance(getattr(r, "identity", None), dict)}
    authors = {i: d.get("person") for i, d in ids.items() if d.get("person")}
    who = {i: {"unit": d.get("unit"), "year": d.get("year")} for i, d in ids.items()}
    _COPY_JOB = (results, by_doc, config, copy_rules, cluster_of, representative, authors, who, fingerprints)
    try:
        ctx = fork_context()
        if jobs > 1 and ctx is not None and len(todo) >= 8:
            try:
                with ProcessPoolExecutor(jobs, mp_context=ctx) as pool:
                    done = list(pool.map(_copy_one, todo, chunksize=max(1, len(todo) // (8 * jobs))))
            except BrokenProcessPool:  # a worker died: here, one by one
                done = [_copy_one(i) for i in todo]
        else:
            done = [_copy_one(i) for i in todo]
    finally:
        _COPY_JOB = None
    for i, (found, report) in zip(todo, done, strict=True):
        if report is None:
            continue
        result = results[i]
        if found:
            result.findings = sorted(result.findings + found, key=lambda f: (f.start, f.end, f.code))
            disambiguate_ids(result.findings)
            changed.append(i)
        result.profile["copy_round"] = report
    return changed


# (results, comparisons per report, config, copy rules, cluster members, representatives, authors and what else is
# known of them, the round's fingerprints): inherited by forked workers, never pickled.
_COPY_JOB: tuple | None = None


def _copy_one(i: int) -> tuple[list, dict | None]:
    """The copy findings of report i and its copy metrics (None: no copy rule enabled for it)."""
    results, by_doc, config, copy_rules, cluster_of, representative, authors, who, fingerprints = _COPY_JOB
    doc = results[i].document  # the object the comparisons name (a spooled report's stand-in)
    enabled = config.enabled_codes(doc.source)
    codes = [r.code for r in copy_rules if r.code in enabled]
    if not codes:
        return [], None
    crash = [r for r in (config.registry.get("X001"),) if r is not None]
    # Only the copy rules run here: the others already ran in the workers.
    cfg = copy.copy(config)
    cfg.registry = Registry(copy_rules + crash)
    cfg.select, cfg.ignore, cfg.per_file_ignores = codes + [r.code for r in crash], [], {}
    report = report_from_comparisons(
        doc,
        by_doc[i],
        formulas=formula_list(lexicons=config.lexicons),
        authors=authors,
        who=who,
        fingerprint=fingerprints[i] if fingerprints is not None else None,
    )
    report.cluster, report.representative = cluster_of.get(i, []), representative.get(i)
    found = run_rules(full_document(results[i]), cfg, provides=("index",), extra={"copy": report})
    return found, report.to_dict()


def summarize(comparisons, docs: list) -> RoundCopying:
    """Pairs, passages both ways, and per-report copy ratios from compare_all's Comparisons."""
    out = RoundCopying(enabled=True)
    spans: dict[int, list[tuple[int, int]]] = {i: [] for i in range(len(docs))}
    for c in comparisons:
        a, b = c.a_index, c.b_index
        matches = c.matches
        chars_a = _union_length([(m.a_start, m.a_end) for m in matches])
        out.pairs.append(Pair(a, b, float(c.a_copied), float(c.b_copied), c.near_duplicate, chars_a))
        for m in matches:
            out.passages.setdefault(a, []).append(
                Passage(m.a_start, m.a_end, b, m.b_start, m.b_end, m.chars, m.identity)
            )
            out.passages.setdefault(b, []).append(
                Passage(m.b_start, m.b_end, a, m.a_start, m.a_end, m.chars, m.identity)
            )
            spans[a].append((m.a_start, m.a_end))
            spans[b].append((m.b_start, m.b_end))
        out.largest[a] = max(out.largest.get(a, 0.0), float(c.a_copied))
        out.largest[b] = max(out.largest.get(b, 0.0), float(c.b_copied))
    for i, doc in enumerate(docs):
        n = len(doc.text) or 1
        out.ratio[i] = _union_length(spans[i]) / n
        out.largest.setdefault(i, 0.0)
    for lst in out.passages.values():
        lst.sort(key=lambda p: (p.start, p.end))
    out.pairs.sort(key=lambda p: -p.score)
    return out
