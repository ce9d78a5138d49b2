"""A per-report profile: measured numbers (coverage, agency, density), never a verdict."""

from __future__ import annotations

from typing import Any

from ..lexicons.loader import Lexicons
from ..model.document import Document
from .dimensions import analyse
from .signals import signals_of


def profile_of(doc: Document, lexicons: Lexicons | None = None) -> dict[str, Any]:
    """Numbers describing the report, for JSON/text output and the dashboard.

    - ``chars``: non-whitespace characters of the analysed text (as S304 counts).
    - ``coverage``: share of the body's characters counted for each dimension
      (学 德 能 勤 绩 责 廉 法, 问题, 打算); a paragraph may count for several.
    - ``unclassified``: share of the body in paragraphs no cue classified.
    - ``personal_agency``: sentences with the author as agent / (those + sentences
      with the unit as subject); null when there are neither.
    - ``fact_density``: figures, dates and named documents per 1,000 characters.
    - ``formula_density``: share of body characters inside stock formulas.
    """
    lexicons = lexicons or Lexicons()
    dims = analyse(doc, lexicons)
    sig = signals_of(doc, lexicons)
    share = sig.agency_share
    return {
        "chars": doc.char_count,
        "coverage": {d: round(v, 4) for d, v in dims.coverage.items()},
        "unclassified": round(dims.unclassified, 4),
        "personal_agency": None if share is None else round(share, 4),
        "personal_sentences": len(sig.personal),
        "unit_sentences": len(sig.unit),
        "fact_density": round(sig.fact_density, 2),
        "formula_density": round(sig.formula_density, 4),
    }
