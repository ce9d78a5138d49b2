"""The persistent copy-detection index: posting arrays on disk behind the Index class (store.py).

The store (SQLite, the fingerprinting) is imported when one of its names is first asked for: `index add`
imports the light reader (from_files) before it starts its workers, and the store while they read."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__all__ = ["DocMeta", "Index", "text_key"]

if TYPE_CHECKING:  # pragma: no cover
    from .store import DocMeta, Index, text_key


def __getattr__(name: str) -> Any:
    if name not in __all__:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(".store", __name__), name)
    globals()[name] = value
    return value
