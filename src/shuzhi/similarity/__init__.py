"""Copy detection: document-level MinHash, passage-level winnowing, alignment, an on-disk index."""

from __future__ import annotations

from .compare import Comparison, Match, compare, compare_all
from .settings import Settings

__all__ = ["Comparison", "Match", "Settings", "compare", "compare_all"]
