"""shuzhi: audit 述职述廉 reports offline — placeholders, figures, coverage, formalism, copying."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# The public API, imported on first use: `import shuzhi.model.document` (a Spark executor, the
# web app's models) then loads the model alone, not every rule and analysis above it.
_EXPORTS = {
    "Config": "shuzhi.rules.config",
    "ConfigError": "shuzhi.model.errors",
    "Document": "shuzhi.model.document",
    "Finding": "shuzhi.model.findings",
    "LoadError": "shuzhi.model.errors",
    "Registry": "shuzhi.rules.registry",
    "Result": "shuzhi.model.findings",
    "ShuzhiError": "shuzhi.model.errors",
    "check": "shuzhi.api",
    "check_document": "shuzhi.rules.engine",
    "load": "shuzhi.api",
    "load_config": "shuzhi.rules.config",
    "loads": "shuzhi.api",
}

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

if TYPE_CHECKING:  # pragma: no cover
    from .api import check, load, loads
    from .model.document import Document
    from .model.errors import ConfigError, LoadError, ShuzhiError
    from .model.findings import Finding, Result
    from .rules.config import Config, load_config
    from .rules.registry import Registry


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'shuzhi' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_EXPORTS})
