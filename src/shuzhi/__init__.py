"""shuzhi: audit 述职述廉 reports offline — placeholders, figures, coverage, formalism, copying."""

from __future__ import annotations

from .config import Config, load_config
from .document import Document
from .engine import check_document
from .errors import ConfigError, LoadError, ShuzhiError
from .findings import Finding, Result
from .loaders import load as _load
from .loaders import loads
from .rules import Registry

__version__ = "0.1.0"

__all__ = [
    "Config",
    "ConfigError",
    "Document",
    "Finding",
    "LoadError",
    "Registry",
    "Result",
    "ShuzhiError",
    "__version__",
    "check",
    "load",
    "load_config",
    "loads",
]


def load(path, *, config: Config | None = None) -> Document:
    """Load a .txt/.docx/.pdf report into a Document (raises LoadError on bad input)."""
    cfg = config or Config()
    return _load(path, max_bytes=cfg.max_file_size)


def check(doc: Document | str, config: Config | None = None) -> Result:
    """Check a Document (or a path) with every enabled rule."""
    if not isinstance(doc, Document):
        doc = load(doc, config=config)
    return check_document(doc, config)
