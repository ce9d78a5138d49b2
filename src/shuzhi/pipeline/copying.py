"""The round compared with itself: similar pairs, copied passages and each report's copy ratio."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field

import numpy as np

from ..model.errors import ShuzhiError
from ..model.findings import disambiguate_ids
from ..rules.engine import run_rules
from ..rules.registry import Registry
from ..similarity.compare import ComparisonList, Found, compare_round_docs, union_length
from ..similarity.core.formulas import formula_list
from ..similarity.sources import report_from_comparisons, report_from_round
from .runner import fork_context
from .spool import full_document


@dataclass(slots=True)
class Passage:
    """A passage of one report found in another: offsets into each report's text."""

    start: int
    end: int
    other: int  # index (into the round's results) of the other report
    other_start: int
    other_end: int
    chars: int
    identity: float


@dataclass(slots=True)
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
    # Lists and a dict when read back from results.json; for a compared round, a PairList and a PassageMap over
    # its Found (each Pair and Passage made when read).
    pairs: Sequence[Pair] = field(default_factory=list)
    passages: Mapping[int, list[Passage]] = field(default_factory=dict)
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

    def json_chunks(self, batch: int = 4096) -> Iterator[str]:
        """json.dumps(self.to_dict()) in its compact form (separators "," and ":"), a few thousand pairs or one
        report's passages at a time: a big round's comparison is written without ever being a dict in memory."""
        compact = {"ensure_ascii": False, "separators": (",", ":")}
        d = self.to_dict(pairs=False, passages=False)
        yield '{"enabled":' + json.dumps(d["enabled"]) + ',"note":' + json.dumps(d["note"], **compact) + ',"pairs":['
        n = len(self.pairs)
        for lo in range(0, n, batch):
            hi = min(n, lo + batch)
            text = self.pairs.json_rows(lo, hi) if isinstance(self.pairs, PairList) else None
            if text is None:
                text = json.dumps([_pair_dict(self.pairs[k]) for k in range(lo, hi)], **compact)[1:-1]
            yield ("," if lo else "") + text
        yield '],"passages":['
        for k, i in enumerate(self.passages):
            text = self.passages.json_of(i) if isinstance(self.passages, PassageMap) else None
            if text is None:
                text = json.dumps([i, [_passage_dict(x) for x in self.passages[i]]], **compact)
            yield ("," if k else "") + text
        yield "]"
        for key in ("ratio", "largest", "clusters"):
            yield f',"{key}":' + json.dumps(d[key], **compact)
        yield "}"

    def to_dict(self, *, pairs: bool = True, passages: bool = True) -> dict:
        """What the writers read (not the comparisons): stored in a review's results.json."""
        return {
            "enabled": self.enabled,
            "note": self.note,
            # Field by field (dataclasses.asdict deep-copies every value: seconds for a round's thousands).
            "pairs": [_pair_dict(p) for p in self.pairs] if pairs else None,
            "passages": [[i, [_passage_dict(x) for x in ps]] for i, ps in self.passages.items()] if passages else None,
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
        if isinstance(self.pairs, PairList):
            return self.pairs.score_of(i, j)
        for p in self.pairs:
            if {p.a, p.b} == {i, j}:
                return p.score
        return None


# Field by field (dataclasses.asdict deep-copies every value: seconds for a round's thousands).
def _pair_dict(p: Pair) -> dict:
    return {
        "a": p.a,
        "b": p.b,
        "a_copied": p.a_copied,
        "b_copied": p.b_copied,
        "near_duplicate": p.near_duplicate,
        "chars": p.chars,
    }


def _passage_dict(x: Passage) -> dict:
    return {
        "start": x.start,
        "end": x.end,
        "other": x.other,
        "other_start": x.other_start,
        "other_end": x.other_end,
        "chars": x.chars,
        "identity": x.identity,
    }


_union_length = union_length

# A pair's and a passage's compact JSON (json.dumps of _pair_dict / _passage_dict with separators "," and ":"),
# filled in from the Found's columns: an int as str() writes it, a float as repr() (what the json encoder writes
# for a finite float).
_PAIR_JSON = '{"a":%s,"b":%s,"a_copied":%s,"b_copied":%s,"near_duplicate":%s,"chars":%s}'
_PASSAGE_JSON = '{"start":%s,"end":%s,"other":%s,"other_start":%s,"other_end":%s,"chars":%s,"identity":%s}'


def _float_texts(x: np.ndarray) -> list[str] | None:
    """repr() of every float of ``x`` (each distinct value once: a round's identities are mostly 1.0), or None when
    one is not finite (NaN, inf: the json encoder writes those its own way)."""
    x = np.ascontiguousarray(x, dtype=np.float64)
    if not np.isfinite(x).all():
        return None
    # Distinct by their bits, not by value: 0.0 and -0.0 are written differently.
    bits, inverse = np.unique(x.view(np.int64), return_inverse=True)
    texts = [repr(v) for v in bits.view(np.float64).tolist()]
    return [texts[j] for j in inverse.tolist()]


class PairList(Sequence):
    """The round's pairs, by score (highest first; ties in (a, b) order), each Pair made when read."""

    def __init__(self, found: Found):
        self.found = found
        self.order = np.argsort(-np.maximum(found.a_copied, found.b_copied), kind="stable")
        self._at: dict | None = None

    def __len__(self) -> int:
        return len(self.order)

    def __getitem__(self, k):
        if isinstance(k, slice):
            return [self[x] for x in range(*k.indices(len(self)))]
        f, p = self.found, int(self.order[k])
        return Pair(
            int(f.a[p]), int(f.b[p]), float(f.a_copied[p]), float(f.b_copied[p]), float(f.near[p]), int(f.chars[p])
        )

    def __eq__(self, other) -> bool:
        return (
            isinstance(other, Sequence)
            and len(other) == len(self)
            and all(x == y for x, y in zip(self, other, strict=True))
        )

    __hash__ = None  # type: ignore[assignment]

    def json_rows(self, lo: int, hi: int) -> str | None:
        """Pairs lo to hi as JSON objects joined by "," (what json.dumps of their _pair_dict writes between the
        brackets), straight from the columns; None when a score is not finite."""
        f, p = self.found, self.order[lo:hi]
        floats = [_float_texts(x[p]) for x in (f.a_copied, f.b_copied, f.near)]
        if any(t is None for t in floats):
            return None
        return ",".join(
            map(_PAIR_JSON.__mod__, zip(f.a[p].tolist(), f.b[p].tolist(), *floats, f.chars[p].tolist(), strict=True))
        )

    def columns(self, batch: int = 8192) -> Iterator[tuple]:
        """(a, b, a_copied, b_copied, near_duplicate, chars) of each pair in order, as the Pair would hold them,
        straight from the columns (a few thousand at a time)."""
        f = self.found
        for lo in range(0, len(self), batch):
            k = self.order[lo : lo + batch]
            yield from zip(*(x[k].tolist() for x in (f.a, f.b, f.a_copied, f.b_copied, f.near, f.chars)), strict=True)

    def score_of(self, i: int, j: int) -> float | None:
        if self._at is None:
            f = self.found
            self._at = {(a, b): k for k, (a, b) in enumerate(zip(f.a.tolist(), f.b.tolist(), strict=True))}
        p = self._at.get((min(i, j), max(i, j)))
        return None if p is None else max(float(self.found.a_copied[p]), float(self.found.b_copied[p]))


class PassageMap(Mapping):
    """Per report, the passages it shares with the others (both ways), by (start, end); made when read.

    Entry 2k of the round is match k seen from its A, entry 2k + 1 the same match seen from its B; each report's
    entries are sorted by (start, end), ties in the order of the matches. Reports in the order they first meet
    a match (a dict filled match by match would have that order).
    """

    def __init__(self, found: Found):
        self.found = found
        f = found
        pair_of = np.repeat(np.arange(len(f), dtype=np.int64), np.diff(f.m_start))
        m = len(pair_of)
        own = np.empty(2 * m, np.int64)
        own[0::2], own[1::2] = f.a[pair_of], f.b[pair_of]
        start = np.empty(2 * m, np.int64)
        start[0::2], start[1::2] = f.m[:, 0], f.m[:, 2]
        end = np.empty(2 * m, np.int64)
        end[0::2], end[1::2] = f.m[:, 1], f.m[:, 3]
        self.entries = np.lexsort((end, start, own))  # stable: ties keep the matches' order
        own_sorted = own[self.entries]
        keys, first = np.unique(own, return_index=True)
        self.keys = keys[np.argsort(first, kind="stable")].tolist()
        self.bounds = {
            k: (int(lo), int(hi))
            for k, lo, hi in zip(
                keys.tolist(),
                np.searchsorted(own_sorted, keys, "left").tolist(),
                np.searchsorted(own_sorted, keys, "right").tolist(),
                strict=True,
            )
        }
        self._pair_of = pair_of

    def __len__(self) -> int:
        return len(self.keys)

    def __iter__(self):
        return iter(self.keys)

    def __contains__(self, i) -> bool:
        return i in self.bounds

    def spans(self, i: int) -> tuple[np.ndarray, np.ndarray]:
        """(starts, ends) of report i's passages, in their order."""
        lo, hi = self.bounds.get(i, (0, 0))
        e = self.entries[lo:hi]
        k, side = e // 2, e % 2
        return self.found.m[k, 2 * side], self.found.m[k, 2 * side + 1]

    def json_of(self, i: int) -> str | None:
        """json.dumps([i, [_passage_dict(x) for x in self[i]]]) in its compact form, straight from the arrays (no
        Passage, no dict); None when an identity is not finite."""
        lo, hi = self.bounds[i]
        f = self.found
        e = self.entries[lo:hi]
        k, side = e >> 1, (e & 1).astype(bool)
        identity = _float_texts(f.identity[k])
        if identity is None:
            return None
        m, p = f.m[k], self._pair_of[k]
        own, other = np.where(side[:, None], m[:, 2:4], m[:, 0:2]), np.where(side[:, None], m[:, 0:2], m[:, 2:4])
        columns = (
            *own.T.tolist(),
            np.where(side, f.a[p], f.b[p]).tolist(),
            *other.T.tolist(),
            m[:, 4].tolist(),
            identity,
        )
        return f"[{i},[" + ",".join(map(_PASSAGE_JSON.__mod__, zip(*columns, strict=True))) + "]]"

    def rows(self, i: int) -> list[tuple]:
        """(start, end, other, other_start, other_end, chars, identity) of each of report i's passages, in the order
        of ``self[i]``, straight from the arrays (no Passage made)."""
        return list(zip(*self.columns(i), strict=True))

    def columns(self, i: int) -> tuple[list, ...]:
        """``rows(i)`` as seven lists, one a column (start, end, other, other_start, other_end, chars, identity)."""
        lo, hi = self.bounds.get(i, (0, 0))
        f = self.found
        e = self.entries[lo:hi]
        k, side = e >> 1, (e & 1).astype(bool)
        m, p = f.m[k], self._pair_of[k]
        own, other = np.where(side[:, None], m[:, 2:4], m[:, 0:2]), np.where(side[:, None], m[:, 0:2], m[:, 2:4])
        return (
            *own.T.tolist(),
            np.where(side, f.a[p], f.b[p]).tolist(),
            *other.T.tolist(),
            m[:, 4].tolist(),
            f.identity[k].tolist(),
        )

    def __getitem__(self, i: int) -> list[Passage]:
        if i not in self.bounds:
            raise KeyError(i)
        lo, hi = self.bounds[i]
        f = self.found
        out = []
        for e in self.entries[lo:hi].tolist():
            k, side = e >> 1, e & 1
            a0, a1, b0, b1, chars = f.m[k].tolist()
            p = int(self._pair_of[k])
            ident = float(f.identity[k])
            if side:
                out.append(Passage(b0, b1, int(f.a[p]), a0, a1, chars, ident))
            else:
                out.append(Passage(a0, a1, int(f.b[p]), b0, b1, chars, ident))
        return out


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
    if isinstance(compared.comparisons, ComparisonList):
        out = summarize_found(compared.comparisons.found, docs)
    else:
        out = summarize(compared.comparisons, docs)
    out.comparisons = compared.comparisons
    out.clusters = compared.clusters
    return out


def add_copy_findings(
    results: list, copying: RoundCopying, config, *, jobs: int = 1, fingerprints=None, findings_files=None
) -> list[int]:
    """Run the copy rules (C301, C302: rules that need "index") on each report against the rest of the round.

    The rules read a shuzhi.similarity.sources.CopyReport from ctx.extra["copy"]; the
    report's metrics go to profile["copy_round"]. Returns the positions of the results
    that gained findings. ``jobs`` > 1 runs the reports in that many forked processes. A result whose
    document was spooled (pipeline.spool) has it read back for its own rules, one report at a time;
    ``fingerprints`` (the round's, when taken already) spare fingerprinting each report again.
    ``findings_files`` (pipeline.spool.FindingsFiles, whose stand-ins the results carry): each report's findings,
    the copy findings added, are written there by the worker that made them, never sent back to this process.
    """
    global _COPY_JOB, _COPY_FILES
    changed: list[int] = []
    if not copying.enabled or not copying.comparisons:
        return changed
    copy_rules = [r for r in config.registry if "index" in r.needs]
    if not copy_rules:
        return changed
    comparisons = copying.comparisons
    if isinstance(comparisons, ComparisonList):
        # Each report's comparisons made when its copy rules run (in its worker), not all kept at once.
        by_doc = comparisons
        todo = [i for i in range(len(results)) if comparisons.positions(i)]
    else:
        by_doc = {}
        for c in comparisons:
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
    _COPY_FILES = findings_files
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
        _COPY_JOB = _COPY_FILES = None
    for i, (found, report) in zip(todo, done, strict=True):
        if report is None:
            continue
        result = results[i]
        if isinstance(found, int):  # written to findings_files by the worker: how many were added
            if found:
                key = findings_files.key_of(result.findings, f"copy-{i}")
                result.findings = findings_files.stand_in(key, len(result.findings) + found)
                changed.append(i)
        elif found:
            result.findings = sorted(result.findings + found, key=lambda f: (f.start, f.end, f.code))
            disambiguate_ids(result.findings)
            changed.append(i)
        result.profile["copy_round"] = report
    return changed


# (results, comparisons per report, config, copy rules, cluster members, representatives, authors and what else is
# known of them, the round's fingerprints): inherited by forked workers, never pickled.
_COPY_JOB: tuple | None = None
_COPY_FILES = None  # add_copy_findings' findings_files


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
    if isinstance(by_doc, ComparisonList) and fingerprints is not None:
        # From the round's columns (the same report as from its Comparisons).
        report = report_from_round(i, by_doc, authors=authors, who=who, fingerprint=fingerprints[i])
    else:
        report = report_from_comparisons(
            doc,
            by_doc.involving(i) if isinstance(by_doc, ComparisonList) else by_doc[i],
            formulas=formula_list(lexicons=config.lexicons),
            authors=authors,
            who=who,
            fingerprint=fingerprints[i] if fingerprints is not None else None,
        )
    report.cluster, report.representative = cluster_of.get(i, []), representative.get(i)
    found = run_rules(full_document(results[i]), cfg, provides=("index",), extra={"copy": report})
    if _COPY_FILES is not None:  # the report's findings written here, in the worker: only their number goes back
        if found:
            merged = sorted(list(results[i].findings) + found, key=lambda f: (f.start, f.end, f.code))
            disambiguate_ids(merged)
            _COPY_FILES.write(_COPY_FILES.key_of(results[i].findings, f"copy-{i}"), merged)
        return len(found), report.to_dict(limit=ROUND_SOURCES)
    return found, report.to_dict(limit=ROUND_SOURCES)


# How many sources a report's round copy profile (profile["copy_round"]) lists: the largest shares; the findings
# name their own sources whatever their rank. Unbounded, a 500-report round held ~200,000 source entries (~150 MB).
ROUND_SOURCES = 20


def summarize_found(found: Found, docs: list) -> RoundCopying:
    """What summarize makes of the same comparisons, from their columns: pairs and passages read on demand."""
    out = RoundCopying(enabled=True, pairs=PairList(found), passages=PassageMap(found))
    n = len(docs)
    # largest: per report, the largest share copied from one other report; keys in the order a dict filled
    # comparison by comparison (A, then B) would have, then every other report with 0.0.
    own = np.empty(2 * len(found), np.int64)
    own[0::2], own[1::2] = found.a, found.b
    val = np.empty(2 * len(found), np.float64)
    val[0::2], val[1::2] = found.a_copied, found.b_copied
    best = np.zeros(n, np.float64)
    np.maximum.at(best, own, val)
    keys, first = np.unique(own, return_index=True)
    met = keys[np.argsort(first, kind="stable")].tolist()
    seen = set(met)
    best_list = best.tolist()
    largest = {i: best_list[i] for i in met}
    # ratio: the union of each report's passages over its length (spans sorted by (start, end) per report).
    pm = out.passages
    assert isinstance(pm, PassageMap)
    for i in range(n):
        starts, ends = pm.spans(i)
        out.ratio[i] = _sorted_union(starts, ends) / (len(docs[i].text) or 1)
        if i not in seen:
            largest[i] = 0.0
    out.largest = largest
    return out


def _sorted_union(starts: np.ndarray, ends: np.ndarray) -> int:
    """union_length of spans already sorted by (start, end)."""
    if not len(starts):
        return 0
    prev = np.maximum.accumulate(np.r_[-1, ends[:-1]])
    return int(np.maximum(0, ends - np.maximum(starts, prev)).sum())


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
