"""The one place the Spark package reaches into shuzhi: loading, checking, fingerprints, alignment, copy rules, ids.

Everything here is plain Python over one document or one pair, called on the
executors; the Spark plans in the sibling modules never import shuzhi directly.
"""

from __future__ import annotations

import copy
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from ..figures.claims import RELATION_NAMES, computed_text
from ..loaders import SUPPORTED, load, loads
from ..model.errors import LoadError, ShuzhiError
from ..model.findings import Finding, Result
from ..rules.config import Config, load_config
from ..rules.engine import check_document, run_rules
from ..rules.registry import Registry
from ..similarity.compare import Match, align_in_bulk
from ..similarity.core.allpairs import _ranges, given_pairs
from ..similarity.core.clusters import agreement_needed
from ..similarity.core.contexts import seed_contexts
from ..similarity.core.formulas import formula_list
from ..similarity.core.minhash import band_keys
from ..similarity.core.settings import DEFAULT, Settings
from ..similarity.core.shingle import Fingerprint, fingerprint
from ..similarity.index.store import text_key
from ..similarity.sources import Source, build_report

__all__ = [
    "DEFAULT",
    "SUPPORTED",
    "Settings",
    "ShuzhiError",
    "agreement_needed",
    "check_loaded",
    "claim_records",
    "copy_findings",
    "finding_records",
    "load_bytes",
    "load_text",
    "prints",
    "text_key",
]

# One config per executor process: rules are not picklable, so each worker reads the same config file.
_CONFIGS: dict[str | None, Config] = {}


def config_for(config_path: str | None) -> Config:
    if config_path not in _CONFIGS:
        _CONFIGS[config_path] = load_config(config_path)
    return _CONFIGS[config_path]


def load_bytes(content: bytes, source: str, config: Config):
    """A report file's bytes loaded by shuzhi's own loaders (via a temporary file of the same suffix).

    The document key (what finding ids derive from) is the file name, as when the file is loaded from disk.
    """
    suffix = Path(source).suffix.lower()
    if suffix not in SUPPORTED:
        # load() says which formats are supported.
        return load(source, max_bytes=config.max_file_size, source=source, lexicons=config.lexicons)
    with tempfile.TemporaryDirectory(prefix="shuzhi-") as tmp:
        path = os.path.join(tmp, "report" + suffix)
        with open(path, "wb") as fh:
            fh.write(content)
        return load(path, max_bytes=config.max_file_size, source=source, lexicons=config.lexicons)


def load_text(text: str | None, source: str, key: str, lexicons=None):
    """A text column's value as a Document (a table row, keyed by its id), refused like an empty file when blank.

    ``lexicons``: the config's word lists (its residue signals decide what is vendor residue, as for a file)."""
    if text is None or not text.strip():
        raise LoadError("文本为空，没有可检查的内容。", code="E101", source=source)
    doc = loads(text, source=source, lexicons=lexicons)
    doc.key = key
    return doc


def error_of(e: BaseException, source: str) -> tuple[str, str]:
    """(code, Chinese message) of a failure to load or check one document."""
    if isinstance(e, ShuzhiError):
        return e.code, e.message
    return "E110", f"读取或检查该文件时出错（{type(e).__name__}: {e}）。请用 Word 打开并另存后再检查。"


def check_loaded(doc, config: Config) -> Result:
    return check_document(doc, config)


def finding_records(findings: list[Finding]) -> list[dict[str, Any]]:
    """Findings as flat records (evidence as JSON), with their stable ids (Finding.id)."""
    out = []
    for f in findings:
        out.append(
            {
                "id": f.id,
                "code": f.code,
                "name": f.name,
                "severity": f.severity,
                "message": f.message,
                "start": f.start,
                "end": f.end,
                "line": f.line,
                "column": f.column,
                "end_line": f.end_line,
                "end_column": f.end_column,
                "page": f.page,
                "excerpt": f.excerpt,
                "heuristic": f.heuristic,
                "data": json.dumps(f.data, ensure_ascii=False, default=str),
            }
        )
    return out


def claim_records(doc) -> list[dict[str, Any]]:
    """Every recomputable figure claim of the document, as `shuzhi claims` lists them."""
    out = []
    for c in doc.claims:
        pos = doc.position(c.start)
        out.append(
            {
                "code": c.code,
                "relation": RELATION_NAMES[c.relation],
                "verdict": c.verdict,
                "formula": c.formula,
                "computed": computed_text(c),
                "stated": c.stated.text if c.stated is not None else c.extra.get("stated_text", ""),
                "diagnosis": c.diagnosis or c.reason or "",
                "start": c.start,
                "end": c.end,
                "line": pos.line,
                "column": pos.column,
                "excerpt": doc.excerpt(c.start, c.end, 8),
                "data": json.dumps(c.to_dict(), ensure_ascii=False, default=str),
            }
        )
    return out


# ---- copy detection ---------------------------------------------------------------------------


def formulas(config: Config | None = None) -> tuple[str, ...]:
    """The formulas masked before fingerprinting, as `review` masks them: the config's merged lists
    ([lexicons] "formulas.mandatory" / "formulas.stock"), the built-in ones without a config."""
    return formula_list(lexicons=config.lexicons if config is not None else None)


def _fingerprint(text: str, settings: Settings, fl: tuple[str, ...] | None = None) -> Fingerprint:
    return fingerprint(text, settings, fl if fl is not None else formulas())


def _signed(h: np.ndarray) -> list[int]:
    return h.astype(np.uint64).view(np.int64).tolist()


@dataclass
class Prints:
    fps: list[int]  # unique 64-bit winnowed fingerprints (as signed longs)
    bands: list[int]  # the LSH band keys (32-bit, band number mixed in); empty when the text has no k-gram
    signature: list[int]  # the MinHash signature (32-bit slots); empty when the text has no k-gram
    # Per fingerprint (same order as fps), the hash of the characters around it, or None when it is selected more
    # than once (shuzhi.similarity.core.contexts): what a pair sharing only it must also share to hold a passage.
    contexts: list[int | None]


def prints(text: str, settings: Settings, fl: tuple[str, ...] | None = None) -> Prints:
    """The passage fingerprints and the LSH band keys of a text (``fl``: the formulas masked), as compare_all
    computes them."""
    fp = _fingerprint(text, settings, fl)
    unique, contexts = seed_contexts(fp)
    fps = _signed(unique)
    if not len(fp.shingles):
        return Prints(fps, [], [], contexts)
    sig = fp.signature
    bands = band_keys(sig, settings.bands).astype(np.int64).tolist()
    return Prints(fps, bands, sig.astype(np.int64).tolist(), contexts)


# Candidate pairs of a partition aligned at once (given_pairs): bounds the seed and Jaccard arrays of one batch.
PAIR_BATCH = 100_000


def align_pairs_arrow(
    pairs: list[tuple[str, str]],
    texts: dict[str, str],
    fps: dict[str, Fingerprint],
    settings: Settings,
    fl: tuple[str, ...] | None = None,
    common: np.ndarray | None = None,
):
    """ALIGNED rows of the candidate pairs (a, b) of one partition — only the pairs with a passage or a
    near-duplicate score — as Arrow record batches (aligned_arrow_schema), one per batch of PAIR_BATCH pairs that
    keeps a pair: built from the alignment's arrays, with no Python object per pair or per passage — what a cell
    hands back to Spark (shuzhi.spark.copying.align_candidates, mapInArrow).

    ``common``: the 32-bit fingerprints that are common language (in the reports of more than max_authors
    authors): they seed no run, as the copy index ignores them when it aligns (check --index, compare_all).

    ``fps``: the partition's fingerprints by key, filled here (each text fingerprinted once per partition).
    The exact runs and Jaccard of every pair come from one bulk computation per batch of PAIR_BATCH pairs
    (given_pairs, as round_pairs does for a round); only the pairs whose runs reach min_chars characters in all
    or whose Jaccard reaches the near-duplicate threshold are aligned, as `review` aligns a round.
    """
    keys = sorted({k for ab in pairs for k in ab})
    at = {k: i for i, k in enumerate(keys)}
    numbered = np.array([(at[a], at[b]) for a, b in pairs], dtype=np.int64).reshape(-1, 2)
    yield from align_numbered_arrow(keys, numbered, texts, fps, settings, fl, common)


def align_numbered_arrow(
    keys: list[str],
    pairs: np.ndarray,
    texts: dict[str, str],
    fps: dict[str, Fingerprint],
    settings: Settings,
    fl: tuple[str, ...] | None = None,
    common: np.ndarray | None = None,
):
    """align_pairs_arrow for pairs given as numbers: ``pairs`` (P, 2) positions in ``keys`` (ascending: a batch's
    documents in the order of their keys, as align_pairs_arrow numbers them) — what a Spark cell holds, with no
    Python tuple per pair (shuzhi.spark.copying._align_parts)."""
    names = np.array(keys, dtype=object)
    for batch, aligned in _aligned_batches(names, pairs, texts, fps, settings, fl, common):
        out = _aligned_arrow(batch, *aligned)
        if out is not None:
            yield out


def _aligned_batches(names: np.ndarray, pairs: np.ndarray, texts, fps, settings: Settings, fl, common):
    """Per batch of PAIR_BATCH pairs (``pairs``: positions in ``names``, ascending): (the batch's keys (P, 2), its
    alignment: the matches, Jaccards as floats and the pairs kept of compare.align_in_bulk, over the batch's pairs
    worth aligning, or None when none is)."""
    for lo in range(0, len(pairs), PAIR_BATCH):
        batch = pairs[lo : lo + PAIR_BATCH]
        used, local = np.unique(batch, return_inverse=True)
        local = local.reshape(-1, 2).astype(np.int64)
        keys = names[used].tolist()
        for k in keys:
            if k not in fps:
                fps[k] = _fingerprint(texts[k], settings, fl).compact(signature=False)  # no band keys here
        held = [fps[k] for k in keys]
        rp = given_pairs(held, local, common=common)
        keep = np.flatnonzero((rp.matched_bound() >= settings.min_chars) | (rp.jaccard >= settings.near_duplicate))
        if not len(keep):
            continue
        counts = rp.run_start[keep + 1] - rp.run_start[keep]
        rows = np.repeat(rp.run_start[keep], counts) + _ranges(counts)
        run_start = np.r_[0, np.cumsum(counts)].astype(np.int64)
        texts_held = [texts[k] for k in keys]
        mt, near, out = align_in_bulk(
            rp.pairs[keep], rp.jaccard[keep], run_start, rp.runs[rows], texts_held, held, settings
        )
        yield names[batch], (keep, mt, near, out, _paragraphs(rp.pairs[keep], mt, texts_held))


def _paragraphs(pairs: np.ndarray, mt, texts: list[str]) -> np.ndarray:
    """Per match of ``mt`` (pairs ``pairs`` of local document numbers into ``texts``): the paragraph number of its
    start in A and in B, 1 + the newlines of the raw text before the offset (what the copy rules print: Source.
    paragraph_of), as an (n, 2) array. All of a batch's matches at once: every text's newline offsets in one sorted
    array, each document's shifted past the previous ones."""
    n = int(np.sum(mt.count))
    if not n:
        return np.zeros((0, 2), np.int64)
    m = np.asarray(mt.m, dtype=np.int64).reshape(-1, 5)
    docs = np.repeat(np.asarray(pairs, dtype=np.int64).reshape(-1, 2), mt.count, axis=0)
    base = np.zeros(len(texts) + 1, np.int64)
    base[1:] = np.cumsum([len(t) + 1 for t in texts])
    lines = np.concatenate(
        [np.zeros(0, np.int64)]
        + [
            base[d] + np.flatnonzero(np.frombuffer(texts[d].encode("utf-32-le"), np.uint32) == 10)
            for d in np.unique(docs).tolist()
        ]
    )
    lines.sort()
    out = np.empty((n, 2), np.int64)
    for side, col in ((0, 0), (1, 2)):
        d = docs[:, side]
        out[:, side] = np.searchsorted(lines, base[d] + m[:, col], "left") - np.searchsorted(lines, base[d], "left") + 1
    return out


def aligned_arrow_schema():
    """The Arrow form of schema.ALIGNED, as Spark's mapInArrow expects it back."""
    import pyarrow as pa

    i32, f64 = pa.int32(), pa.float64()
    ends = ("a_start", "a_end", "b_start", "b_end", "chars")
    passage = pa.struct([(n, i32) for n in ends] + [("identity", f64), ("a_paragraph", i32), ("b_paragraph", i32)])
    return pa.schema(
        [
            ("a", pa.string()),
            ("b", pa.string()),
            ("a_copied", f64),
            ("b_copied", f64),
            ("near_duplicate", f64),
            ("a_chars", i32),
            ("b_chars", i32),
            ("matches", pa.list_(passage)),
        ]
    )


def _aligned_arrow(batch: np.ndarray, keep: np.ndarray, mt, near: np.ndarray, out: np.ndarray, paragraphs: np.ndarray):
    """The pairs ``keep`` of ``batch`` kept by compare.align_in_bulk (``out``), as one Arrow record batch of ALIGNED
    rows (None when no pair is kept): the same rows as compare_fingerprints and _covered pair by pair
    (tests/spark/test_bulk_alignment.py), column by column."""
    import pyarrow as pa

    q = np.flatnonzero(out)
    if not len(q):
        return None
    pos = keep[q]
    first = np.r_[0, np.cumsum(mt.count)].astype(np.int64)
    counts = mt.count[q].astype(np.int64)
    rows = np.repeat(first[q], counts) + _ranges(counts)
    m = np.asarray(mt.m, dtype=np.int64).reshape(-1, 5)[rows]
    schema = aligned_arrow_schema()
    passage = schema.field("matches").type.value_type
    cols = [pa.array(m[:, j].astype(np.int32), pa.int32()) for j in range(5)]
    cols.append(pa.array(np.asarray(mt.identity, dtype=np.float64)[rows], pa.float64()))
    cols += [pa.array(paragraphs[rows, j].astype(np.int32), pa.int32()) for j in range(2)]
    matches = pa.ListArray.from_arrays(
        pa.array(np.r_[0, np.cumsum(counts)].astype(np.int32), pa.int32()),
        pa.StructArray.from_arrays(cols, fields=list(passage)),
        type=schema.field("matches").type,
    )
    return pa.RecordBatch.from_arrays(
        [
            pa.array(batch[pos, 0].tolist(), pa.string()),
            pa.array(batch[pos, 1].tolist(), pa.string()),
            pa.array(np.asarray(mt.a_copied, dtype=np.float64)[q], pa.float64()),
            pa.array(np.asarray(mt.b_copied, dtype=np.float64)[q], pa.float64()),
            pa.array(near[q].astype(np.float64), pa.float64()),
            pa.array(np.asarray(mt.a_counted)[q].astype(np.int32), pa.int32()),
            pa.array(np.asarray(mt.b_counted)[q].astype(np.int32), pa.int32()),
            matches,
        ],
        schema=schema,
    )


def paragraph_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


class _PassageText(str):
    """The other report's text as the copy rules read it, from its passages only: ``text[b_start:b_end]`` and
    ``text.count("\\n", 0, b_start)`` of every passage (Source.paragraph_of), nothing else."""

    def __new__(cls, matches, passages):
        obj = super().__new__(cls, "")
        obj.spans = {(m.b_start, m.b_end): p["text"] for m, p in zip(matches, passages, strict=True)}
        obj.lines = {m.b_start: p["paragraph"] - 1 for m, p in zip(matches, passages, strict=True)}
        return obj

    def __getitem__(self, k):
        return self.spans[(k.start, k.stop)]

    def count(self, sub, start=None, end=None):
        if sub != "\n" or start not in (0, None):
            raise ValueError("only the newlines before a passage are known")
        return self.lines[end]


def copy_findings(
    doc,
    sides: list[dict],
    config: Config,
    settings: Settings,
    person: str | None,
    cluster: list[str] | None = None,
    representative: str | None = None,
):
    """C301/C302 for one document from its copy sources (one side of every pair it is in), as `review` runs them.

    ``sides``: dicts with other (its key), other_source, other_person, other_unit, other_year,
    copied, near_duplicate, matches (a_* on this document's side), and other_passages (per match, the paragraph
    number and the text of its b side in the other report) — or other_text, the other report's whole text. ``cluster``: the sources of
    the other members of its near-identical cluster, in the corpus order; ``representative``: the cluster's.
    Returns (finding records, the copy report as a dict for the profile).
    """
    fp = _fingerprint(doc.text, settings, formulas(config))
    sources = []
    for s in sides:
        matches = [
            Match(m["a_start"], m["a_end"], m["b_start"], m["b_end"], m["chars"], m["identity"]) for m in s["matches"]
        ]
        sources.append(
            Source(
                s["other_source"],
                s["copied"],
                s["near_duplicate"],
                matches,
                s["other_text"] or "" if "other_text" in s else _PassageText(matches, s["other_passages"]),
                s["other"],
                s["other_person"],
                s["other_unit"],
                s["other_year"],
                own=bool(person) and s["other_person"] == person,
            )
        )
    report = build_report(fp, sources)
    report.cluster, report.representative = list(cluster or ()), representative
    copy_rules = [r for r in config.registry if "index" in r.needs]
    enabled = config.enabled_codes(doc.source)
    codes = [r.code for r in copy_rules if r.code in enabled]
    found: list[Finding] = []
    if codes:
        crash = [r for r in (config.registry.get("X001"),) if r is not None]
        cfg = copy.copy(config)
        cfg.registry = Registry(copy_rules + crash)
        cfg.select, cfg.ignore, cfg.per_file_ignores = codes + [r.code for r in crash], [], {}
        found = run_rules(doc, cfg, provides=("index",), extra={"copy": report})
    return found, report.to_dict()


def rule_titles(config_path: str | None = None) -> dict[str, str]:
    """Each rule's Chinese title by code (for the summary page)."""
    return {r.code: r.title for r in config_for(config_path).registry}
