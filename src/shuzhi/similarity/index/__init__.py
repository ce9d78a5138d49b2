"""The persistent copy-detection index: posting arrays on disk behind the Index class (store.py)."""

from __future__ import annotations

from .store import DocMeta, Index, text_key

__all__ = ["DocMeta", "Index", "text_key"]
