"""Word lists as data: TOML files in shuzhi/lexicons, extendable from a locality's config."""

from __future__ import annotations

import json
import tomllib
from collections import OrderedDict
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


# What is built from the word lists (automata, compiled patterns) depends only on the extensions,
# so configs with the same extensions share it: a second Config() (a benchmark's run, a web request)
# does not compile everything again. Bounded: a process rarely sees more than a few distinct configs.
_SHARED_CACHES: OrderedDict[str, dict[tuple, Any]] = OrderedDict()
_MAX_SHARED_CACHES = 16


def _cache_for(extend: dict[str, Any]) -> dict[tuple, Any]:
    try:
        key = json.dumps(extend, sort_keys=True, ensure_ascii=False)
    except (TypeError, ValueError):  # not plain data: this config keeps its own cache
        return {}
    cache = _SHARED_CACHES.get(key)
    if cache is None:
        cache = _SHARED_CACHES[key] = {}
        if len(_SHARED_CACHES) > _MAX_SHARED_CACHES:
            _SHARED_CACHES.popitem(last=False)
    else:
        _SHARED_CACHES.move_to_end(key)
    return cache


class Lexicons:
    """Built-in lists merged with a config's extensions; derived automata are cached (shared by every
    Lexicons with the same extensions)."""

    def __init__(self, extend: dict[str, list] | None = None):
        self._extend = dict(extend or {})
        self._cache: dict[tuple, Any] = _cache_for(self._extend)

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
        """Memoize something built from lexicons (a regex, an automaton) for this config's word lists."""
        try:
            return self._cache[key]
        except KeyError:
            v = self._cache[key] = build()
            return v
