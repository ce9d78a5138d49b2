"""The library's front door: load a report, check it (what `import shuzhi` offers)."""

from __future__ import annotations

import os

from .loaders import load as _load
from .loaders import loads as _loads
from .model.document import Document
from .model.findings import Result
from .rules.config import Config
from .rules.engine import check_document


def load(path: str | os.PathLike, *, config: Config | None = None, key: str | None = None) -> Document:
    """Load a .txt/.docx/.pdf report into a Document (raises LoadError on bad input).

    ``key`` names the document for stable finding ids; by default it is the file name
    without its extension.
    """
    cfg = config or Config()
    doc = _load(path, max_bytes=cfg.max_file_size, lexicons=cfg.lexicons)
    if key:
        doc.key = key
    return doc


def loads(text: str, *, source: str = "<string>", key: str | None = None, config: Config | None = None) -> Document:
    """A Document from a string (``source`` names it in findings; ``key`` keys its finding ids;
    ``config``'s word lists decide what is vendor residue)."""
    doc = _loads(text, source=source, lexicons=config.lexicons if config is not None else None)
    if key:
        doc.key = key
    return doc


def check(doc: Document | str | os.PathLike, config: Config | None = None) -> Result:
    """Check a Document (or a path) with every enabled rule."""
    if not isinstance(doc, Document):
        doc = load(doc, config=config)
    return check_document(doc, config)
