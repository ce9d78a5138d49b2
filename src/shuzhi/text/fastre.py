"""Fast scanning with regex alternations: a lookahead on the characters a match can start with."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

try:  # Python 3.11+
    from re import _constants as _c
    from re import _parser as _p
except ImportError:  # pragma: no cover - Python < 3.11
    import sre_constants as _c  # type: ignore[no-redef]
    import sre_parse as _p  # type: ignore[no-redef]


def _class_chars(av) -> set[str] | None:
    """The characters of a parsed character class; None when they cannot be listed (a negated class, a
    category, a range of 256 characters or more)."""
    chars: set[str] = set()
    for kind, v in av:
        if kind is _c.LITERAL:
            chars.add(chr(v))
        elif kind is _c.RANGE and v[1] - v[0] < 256:
            chars.update(chr(x) for x in range(v[0], v[1] + 1))
        else:
            return None
    return chars


def _item_first(op, av):
    """(chars, nullable) for one parsed item; chars None when unknown."""
    if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
        return set(), True  # zero-width: the next item decides
    if op is _c.LITERAL:
        return {chr(av)}, False
    if op is _c.IN:
        return _class_chars(av), False
    if op is _c.SUBPATTERN:
        return _seq_first(av[-1])
    if op is _c.BRANCH:
        out: set[str] = set()
        nullable = False
        for alt in av[1]:
            f, n = _seq_first(alt)
            if f is None:
                return None, False
            out |= f
            nullable |= n
        return out, nullable
    if op is getattr(_c, "ATOMIC_GROUP", None):
        return _seq_first(av)
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None)):
        lo, _, sub = av
        f, n = _seq_first(sub)
        return f, n or lo == 0
    return None, False


def _seq_first(items):
    """(chars, nullable) for a sequence: the first items' characters up to the first non-nullable one."""
    out: set[str] = set()
    for op, av in items:
        f, nullable = _item_first(op, av)
        if f is None:
            return None, False
        out |= f
        if not nullable:
            return out, False
    return out, True


def first_chars(pattern: str, flags: int = 0) -> set[str] | None:
    """The set of characters every match of ``pattern`` starts with, or None if it cannot be told."""
    try:
        chars, nullable = _seq_first(_p.parse(pattern, flags))
        return None if nullable else chars
    except Exception:
        return None


def compile_fast(pattern: str, flags: int = 0) -> re.Pattern:
    """Compile ``pattern`` behind a lookahead on its first characters when they are known.

    Python's regex engine tries a long alternation at every position; a leading
    character class lets it skip the positions where no match can start (10x on
    the gov-reports corpus). The matches are the same. The engine is also told the
    class itself (compile_skipping): it then skips in its own search loop.
    """
    chars = first_chars(pattern, flags)
    if not chars:
        return re.compile(pattern, flags)
    cls = "".join(re.escape(c) for c in sorted(chars))
    return compile_skipping(f"(?=[{cls}])(?:{pattern})", flags)


def _leading_class(parsed) -> list | None:
    """The items of the class in a leading lookahead ``(?=[...])``, or None."""
    items = list(parsed)
    if not items:
        return None
    op, av = items[0]
    if op is not _c.ASSERT or av[0] != 1:  # (direction, pattern): 1 is a lookahead
        return None
    inner = list(av[1])
    if len(inner) != 1:
        return None
    op, av = inner[0]
    if op is _c.IN and not any(o is _c.NEGATE for o, _ in av):
        return list(av)
    if op is _c.LITERAL:
        return [(op, av)]
    return None


def _compiled_with_charset(pattern: str, flags: int, parsed, items: list, _compiler) -> re.Pattern:
    """The pattern compiled as ``_compiler.compile`` does, with an info block that names ``items`` as the
    characters a match can start with — built here, not by swapping the compiler's own functions: a
    ``re.compile`` in another thread meanwhile would get the swapped class and be cached with it."""
    flags = parsed.state.flags | flags
    head: list[int] = []
    _compiler._compile_info(head, parsed, flags)
    if len(head) != 5 or head[0] != _c.INFO or head[2] != 0:  # [INFO, skip, mask, min, max]: no prefix, no class
        raise ValueError("unexpected info block")
    charset, hascased = _compiler._optimize_charset(items)
    if hascased:
        raise ValueError("a cased class")
    info = [_c.INFO, 0, _c.SRE_INFO_CHARSET, head[3], head[4]]
    _compiler._compile_charset(charset, flags, info)
    info[1] = len(info) - 1
    code = info
    _compiler._compile(code, parsed.data, flags)
    code.append(_c.SUCCESS)
    groupindex = parsed.state.groupdict
    indexgroup = [None] * parsed.state.groups
    for k, i in groupindex.items():
        indexgroup[i] = k
    return _compiler._sre.compile(pattern, flags, code, parsed.state.groups - 1, groupindex, tuple(indexgroup))


def compile_skipping(pattern: str, flags: int = 0) -> re.Pattern:
    """``re.compile(pattern, flags)``, the regex engine told which characters a match can start with.

    CPython's engine skips to a possible start in a tight loop of its own only when a pattern opens
    with a literal, a class or an alternation of literals; a pattern that opens with a lookahead
    (compile_fast's ``(?=[...])``, QUANTITY_RE) or a lookbehind makes it start a match attempt at
    every character: ~10 ns a character, 15 ms a pass over gov-reports however rare the class. Here
    the compiled pattern's search-info block is given the class of the leading lookahead (or the
    first characters, first_chars()), as the compiler gives it for a pattern that opens with a class
    (built beside the compiler, which is left untouched: _compiled_with_charset):
    a match can only start at one of them, so the matches are the same (tests/text/test_fast_scans_
    checkfast3.py); 3x faster for a rare class. The plain compile wherever the class is not known,
    the pattern already has such a block, or the compiler's internals are not those of CPython 3.11+.
    """
    plain = re.compile(pattern, flags)
    try:
        from re import _compiler
    except ImportError:  # pragma: no cover - Python < 3.11
        return plain
    if flags & re.IGNORECASE or not hasattr(_compiler, "_get_charset_prefix"):
        return plain
    try:
        parsed = _p.parse(pattern, flags)
        if parsed.state.flags & re.IGNORECASE:
            return plain
        prefix, _, _ = _compiler._get_literal_prefix(parsed, flags)
        if prefix or _compiler._get_charset_prefix(parsed, flags) or parsed.getwidth()[0] == 0:
            return plain  # the engine skips already, or the pattern can match the empty string
        items = _leading_class(parsed)
        if items is None:
            chars = first_chars(pattern, flags)
            if not chars:
                return plain
            items = [(_c.LITERAL, ord(c)) for c in sorted(chars)]
        fast = _compiled_with_charset(pattern, flags, parsed, items, _compiler)
    except Exception:  # any surprise in the internals: the plain pattern
        return plain
    return fast if fast.groupindex == plain.groupindex and fast.groups == plain.groups else plain


# prefixes() gives up past this many strings (a class of many characters in the first places).
_MAX_PREFIXES = 4096


class _Unknown(Exception):
    """An item whose characters prefixes() cannot list (a category, a negated class, a wide range...)."""


def _prefixes(items: list, k: int) -> set[str]:
    """Every string of the first ``k`` characters a match of the parsed ``items`` can start with (shorter
    when a match can end before). Zero-width items (anchors, lookarounds) are passed over: a superset."""
    if k == 0 or not items:
        return {""}
    op, av = items[0]
    rest = items[1:]
    if op is _c.LITERAL:
        return {chr(av) + s for s in _prefixes(rest, k - 1)}
    if op is _c.IN:
        chars = _class_chars(av)
        if chars is None:
            raise _Unknown
        tails = _prefixes(rest, k - 1)
        if len(chars) * len(tails) > _MAX_PREFIXES:
            raise _Unknown
        return {c + s for c in chars for s in tails}
    if op is _c.SUBPATTERN:
        if av[1] & re.IGNORECASE:  # (?i:...)
            raise _Unknown
        return _prefixes([*av[-1], *rest], k)
    if op is _c.BRANCH:
        out: set[str] = set()
        for alt in av[1]:
            out |= _prefixes([*alt, *rest], k)
            if len(out) > _MAX_PREFIXES:
                raise _Unknown
        return out
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None)):
        lo, hi, sub = av
        if "" in _prefixes(list(sub), 1):
            raise _Unknown  # a repeated item that can match nothing
        out = _prefixes(rest, k) if lo == 0 else set()
        if hi != 0:
            more = [] if hi == 1 else [(op, (max(lo - 1, 0), hi if hi == _c.MAXREPEAT else hi - 1, sub))]
            out |= _prefixes([*sub, *more, *rest], k)
        return out
    if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
        return _prefixes(rest, k)
    raise _Unknown


def prefixes(pattern: str, flags: int = 0, k: int = 2) -> set[str] | None:
    """The strings of ``k`` characters that every match of ``pattern`` starts with (a superset), or None
    when they cannot be listed: a match may be shorter than ``k``, an item is no literal or small class,
    there are more than _MAX_PREFIXES, or the pattern ignores case."""
    if flags & re.IGNORECASE:
        return None
    try:
        parsed = _p.parse(pattern, flags)
        if parsed.state.flags & re.IGNORECASE:  # (?i) at the start
            return None
        out = _prefixes(list(parsed), k)
    except (_Unknown, RecursionError, re.error):
        return None
    return out if out and all(len(s) == k for s in out) else None


# needles() lists a class's characters as needles up to this many (a wider class says little).
_MAX_CLASS_NEEDLES = 8


def _seq_needles(items) -> set[str] | None:
    """Strings one of which every match of the parsed sequence ``items`` contains, or None."""
    found: list[set[str]] = []
    run = ""
    for op, av in [*items, (None, None)]:
        if op is _c.LITERAL:
            run += chr(av)  # consecutive literals stand side by side in every match
            continue
        if run:
            found.append({run})
            run = ""
        need: set[str] | None = None
        if op is _c.SUBPATTERN and not av[1] & re.IGNORECASE:
            need = _seq_needles(av[-1])
        elif op is _c.BRANCH:  # a match takes one branch: the union of what each one needs
            alts = [_seq_needles(alt) for alt in av[1]]
            need = set().union(*alts) if all(alts) else None
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None)) and av[0] >= 1:
            need = _seq_needles(av[2])
        elif op is _c.IN:
            chars = _class_chars(av)
            need = chars if chars and len(chars) <= _MAX_CLASS_NEEDLES else None
        if need:
            found.append(need)
    # The rarest-looking choice: the set whose shortest string is longest, then the smallest set, then
    # the last (a pattern's end is often its most specific part: 本人.{0,30}述职).
    return max(reversed(found), key=lambda n: (min(map(len, n)), -len(n))) if found else None


def needles(pattern: str, flags: int = 0) -> frozenset[str] | None:
    """Strings one of which every match of ``pattern`` contains, or None when none can be told (the pattern
    ignores case, or a match may consist of characters no literal, repeated item or small class fixes).

    ``any(n in text for n in needles)`` is false only where ``pattern`` cannot match: a test in C of a few
    substrings instead of a match attempt at every character (a pattern that opens with a common
    character and a ``.{0,24}`` costs ten times more than the substrings)."""
    if flags & re.IGNORECASE:
        return None
    try:
        parsed = _p.parse(pattern, flags)
        if parsed.state.flags & re.IGNORECASE:
            return None
        found = _seq_needles(list(parsed))
    except (RecursionError, re.error):
        return None
    return frozenset(found) if found and "" not in found else None


@lru_cache(maxsize=256)
def _pair_finder(pattern: re.Pattern) -> re.Pattern | None:
    """An alternation of the two-character strings every match of ``pattern`` starts with, or None."""
    pairs = prefixes(pattern.pattern, pattern.flags, 2)
    return re.compile("|".join(re.escape(p) for p in sorted(pairs))) if pairs else None


@lru_cache(maxsize=256)
def _finder(pattern: re.Pattern) -> re.Pattern | None:
    """A one-class regex for the characters every match of ``pattern`` starts with, or None."""
    chars = first_chars(pattern.pattern, pattern.flags)
    if not chars or pattern.flags & re.IGNORECASE:
        return None
    return re.compile("[" + "".join(re.escape(c) for c in sorted(chars)) + "]")


def scan(
    pattern: re.Pattern, text: str, pos: int = 0, endpos: int | None = None, *, pairs: bool = False
) -> Iterator[re.Match]:
    """The matches of ``pattern.finditer(text, pos, endpos)``, for patterns whose first characters are rare.

    A pattern that opens with a lookahead or an alternation of groups still makes the regex
    engine start a match attempt at every character; a one-class regex jumps from candidate to
    candidate in C and the pattern is tried only there (2-3x faster for the P101 patterns). The
    same matches: a pattern with known first characters never matches the empty string, so
    after a match the search goes on at its end, as finditer does. Slower where the first
    characters are common (a tenth of the text): there, use finditer — or ``pairs``: the candidates are
    where one of the two-character strings every match starts with stands (prefixes(); the regex engine
    finds an alternation of literals about as fast as one class), else finditer.
    """
    finder = _pair_finder(pattern) if pairs else _finder(pattern)
    end = len(text) if endpos is None else endpos
    if finder is None:
        yield from pattern.finditer(text, pos, end)
        return
    search, match = finder.search, pattern.match
    while True:
        c = search(text, pos, end)
        if c is None:
            return
        m = match(text, c.start(), end)
        if m is None:
            pos = c.start() + 1
        else:
            yield m
            pos = m.end()
