"""Word lists as data: TOML files in shuzhi/lexicons, extendable from a locality's config."""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from typing import Any

DATA_PACKAGE = "shuzhi.lexicons"


@cache
def builtin() -> dict[str, Any]:
    """Every built-in list, keyed "file.table" (e.g. "formalism.slogans")."""
    out: dict[str, Any] = {}
    for entry in sorted(resources.files(DATA_PACKAGE).iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".toml"):
            continue
        stem = entry.name[:-5]
        with entry.open("rb") as f:
            data = tomllib.load(f)
        for key, value in data.items():
            out[f"{stem}.{key}"] = value
    return out


class Lexicons:
    """Built-in lists merged with a config's extensions; derived automata are cached."""

    def __init__(self, extend: dict[str, list] | None = None):
        self._extend = dict(extend or {})
        self._cache: dict[tuple, Any] = {}

    def get(self, name: str) -> Any:
        base = builtin()
        if name not in base:
            raise KeyError(f"unknown lexicon {name!r}")
        value = base[name]
        extra = self._extend.get(name)
        if extra:
            if isinstance(value, list):
                value = list(value) + [x for x in extra if x not in value]
            elif isinstance(value, dict) and isinstance(extra, dict):
                value = {**value, **extra}
        return value

    def cached(self, key: tuple, build):
        """Memoize something built from lexicons (a regex, an automaton) for this config."""
        try:
            return self._cache[key]
        except KeyError:
            v = self._cache[key] = build()
            return v
