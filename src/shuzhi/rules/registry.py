"""The rule registry: the built-in rules, found by name in the family modules of shuzhi.rules."""

from __future__ import annotations

import functools
import importlib
from collections.abc import Iterable, Iterator

from .base import Rule

# The modules that define built-in rules, one per family (P N S F T C H X). A new rule family
# module is added here: an explicit list, so what is registered never depends on import order.
RULE_MODULES = ("placeholders", "numbers", "structure", "formalism", "terms", "copying", "history", "internal")


class Registry:
    """An ordered set of rules, by code. Not a global: make one per use."""

    def __init__(self, rules: Iterable[Rule] = ()):
        self._rules: dict[str, Rule] = {}
        self._by_name: dict[str, Rule] = {}
        for r in rules:
            self.add(r)

    def add(self, r: Rule) -> None:
        if r.code in self._rules:
            raise ValueError(f"duplicate rule code {r.code}")
        if r.name in self._by_name:
            raise ValueError(f"duplicate rule name {r.name}")
        self._rules[r.code] = r
        self._by_name[r.name] = r

    @classmethod
    def default(cls) -> Registry:
        """All built-in rules: each module of shuzhi.rules exports Rule objects (a new registry each call)."""
        return cls(_builtin_rules())

    def __iter__(self) -> Iterator[Rule]:
        return iter(self._rules.values())

    def __len__(self) -> int:
        return len(self._rules)

    def __contains__(self, code: str) -> bool:
        return code in self._rules

    def get(self, code_or_name: str) -> Rule | None:
        key = code_or_name.strip()
        return self._rules.get(key.upper()) or self._by_name.get(key.lower())

    def matching(self, selector: str) -> list[Rule]:
        """Rules a selector names: a code (P101), a prefix (P, P1), a name, or ALL."""
        s = selector.strip()
        if s.upper() == "ALL":
            return list(self)
        r = self._by_name.get(s.lower())
        if r:
            return [r]
        return [r for r in self if r.code.startswith(s.upper())]


@functools.cache
def _builtin_rules() -> tuple[Rule, ...]:
    """The built-in rules, found once per process (every Config() makes a registry of them)."""
    found: list[Rule] = []
    for name in RULE_MODULES:
        m = importlib.import_module(f"shuzhi.rules.{name}")
        for v in vars(m).values():
            if isinstance(v, Rule) and v not in found:
                found.append(v)
    found.sort(key=lambda r: r.code)
    return tuple(found)
