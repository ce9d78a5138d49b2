"""What a report must cover and what may hide it: the 述 kinds its title claims, the dimensions they require,
and the share of the body too weakly worded to classify (read by S301/S302 and the coverage table)."""

from __future__ import annotations

import re
from typing import Any

from ..lexicons.loader import Lexicons
from ..model.document import Document
from .dimensions import _GATE_FIGURE_RE, DimensionAnalysis


def unclassified_share(doc: Document, analysis: DimensionAnalysis, hints: list[str] | None = None) -> float:
    """Share of the body in unclassified paragraphs (30+ characters, opening and closing formula excepted)
    that may hide a dimension.

    With ``hints=None`` every such paragraph counts (DimensionAnalysis.unclassified). With the
    hint words of one dimension, a paragraph counts unless it reports a figure ("修通断头路6.5
    公里", "排查整改隐患318处": work too weakly worded to classify) and holds none of the hints. "公车只用于公务"
    (a hint) and "坚持说真话、报实情" (no figure: it may be anything) count.
    """
    if hints is None:
        return analysis.unclassified
    text, opening = doc.text, doc.outline.opening
    formula = doc.outline.closing_formula
    hidden = 0
    for blk in analysis.blocks:
        if blk.label is not None or blk.end - blk.start < 30 or (opening and blk.start == opening[0]):
            continue
        para = text[blk.start : blk.end]
        if formula and blk.start < formula[1] and formula[0] < blk.end:
            # "以上是我的述职报告，不妥之处，请批评指正": the closing formula hides nothing; the rest
            # of its paragraph is judged on its own.
            para = text[blk.start : max(blk.start, formula[0])] + text[min(blk.end, formula[1]) : blk.end]
            if len(para) < 30:
                continue
        if not _GATE_FIGURE_RE.search(para) or any(h in para for h in hints):
            hidden += len(para)
    return hidden / analysis.body_chars


def unclassified_cues(analysis: DimensionAnalysis, dim: str) -> list[str]:
    """Cues of ``dim`` in paragraphs too weak to classify ("…亲戚朋友送的红包全部退回": one cue point)."""
    # The title and title-like lines ("…述职述廉述责报告") name the dimensions, they do not cover them.
    return [
        ph
        for blk in analysis.blocks
        if blk.label is None
        for _, _, ph, t in blk.evidence
        if t == dim and not _KIND_RE.match(ph)
    ]


# ---- what the title asks for ------------------------------------------------------
_KIND_RE = re.compile(r"述(?:学|德|职|责|廉|法)")
_TITLE_LIKE_RE = re.compile(r"述(?:学|德|职|责|廉|法).{0,12}(?:报告|材料)")


def report_kinds(doc: Document) -> list[str]:
    """The 述 kinds the report claims: doc.meta.kinds, else a title-like line among the first ones."""
    # Asked up to four times per document (required_dimensions, and rules.structure.is_personal_report for
    # four rules): found once, a new list each time.
    kept = doc.__dict__.get("_report_kinds")
    if kept is None:
        kept = doc.__dict__["_report_kinds"] = tuple(_report_kinds(doc))
    return list(kept)


def _report_kinds(doc: Document) -> list[str]:
    kinds = list(doc.meta.kinds)
    if kinds:
        return kinds
    # Vendor residue can push the real title down (seed 002): look at the first short lines.
    for a, b in doc.paragraphs[:15]:
        line = doc.text[a:b]
        if len(line) <= 60 and _TITLE_LIKE_RE.search(line):
            out = []
            for m in _KIND_RE.finditer(line):
                if m.group() not in out:
                    out.append(m.group())
            return out
    return []


def required_dimensions(doc: Document, lexicons: Lexicons, campaign: dict[str, Any]) -> dict[str, str]:
    """Required dimension -> the 述 kind that requires it (campaign config overrides the built-in map)."""
    mapping = dict(lexicons.get("dimensions.kinds"))
    override = campaign.get("required-dimensions") or {}
    mapping.update(override)
    out: dict[str, str] = {}
    for kind in report_kinds(doc):
        for d in mapping.get(kind, []):
            out.setdefault(d, kind)
    return out
