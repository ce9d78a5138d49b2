"""A per-report profile: measured numbers (coverage, agency, density), never a verdict."""
from __future__ import annotations

from typing import Any

from .document import Document


def profile_of(doc: Document) -> dict[str, Any]:
    """Numbers describing the report, for JSON/text output and the dashboard."""
    return {"chars": doc.char_count}
