"""Rules: the rule model (base), the registry, the context a rule sees, config, the engine, one module per family."""

from __future__ import annotations

from .base import FAMILIES, Rule, rule
from .registry import Registry

__all__ = ["FAMILIES", "Registry", "Rule", "rule"]
