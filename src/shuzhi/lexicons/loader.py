"""Word lists as data: TOML files in shuzhi/lexicons, extendable from a locality's config."""

from __future__ import annotations

import json
import pkgutil
import tomllib
from collections import OrderedDict
from functools import cache
from typing import Any

DATA_PACKAGE = "shuzhi.lexicons"


@cache
def _stems() -> tuple[str, ...]:
    """The built-in word-list files, without ".toml", in the order of their names."""
    # importlib.resources (7 ms of imports, tempfile among them) only where the files are listed: the
    # lists a command reads are read through the package's loader (pkgutil.get_data), as zip-safe.
    from importlib import resources

    names = sorted(e.name for e in resources.files(DATA_PACKAGE).iterdir())
    return tuple(n[:-5] for n in names if n.endswith(".toml"))


@cache
def _lexicon_file(stem: str) -> dict[str, Any]:
    """The tables of one built-in word-list file, parsed once."""
    data = pkgutil.get_data(DATA_PACKAGE, f"{stem}.toml")
    assert data is not None  # a package imported from files or a zip has a loader that reads its data
    return tomllib.loads(data.decode("utf-8"))


@cache
def builtin() -> dict[str, Any]:
    """Every built-in list, keyed "file.table" (e.g. "formalism.slogans")."""
    out: dict[str, Any] = {}
    for stem in _stems():
        for key, value in _lexicon_file(stem).items():
            out[f"{stem}.{key}"] = value
    return out


def builtin_list(name: str) -> Any:
    """builtin()[name] (the same object), parsing only the file that holds it: `index add` reads two lists
    of two files, and parsing all six cost 12 ms of CPU in every process. KeyError for an unknown name."""
    stem, _, key = name.partition(".")
    try:
        tables = _lexicon_file(stem) if stem.isidentifier() else {}
    except FileNotFoundError:  # no such file: no such list
        tables = {}
    if key in tables:
        return tables[key]
    raise KeyError(name)


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
        try:
            value = builtin_list(name)
        except KeyError:
            raise KeyError(f"unknown lexicon {name!r}") from None
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
