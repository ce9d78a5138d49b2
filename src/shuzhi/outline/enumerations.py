"""Inline enumerations in running text (一是…二是…, 首先…其次…, 第一，…) and Chinese numerals."""

from __future__ import annotations

import bisect
import re

from ..text.fastre import compile_fast

CN_DIGITS = "一二三四五六七八九十"
_CN = CN_DIGITS

# Inline enumerations. A marker counts only after a boundary, so "统一是" is not one.
# compile_fast: the leading boundary test is zero-width, so the engine would try every character.
_ITEM = compile_fast(
    rf"(?:^|(?<=[。；！？：:\n，,）)”]))(?P<m>(?P<cn>[{_CN}]{{1,3}})是|(?P<seq>首先|其次|再次|最后)(?=[，,])"
    rf"|第(?P<di>[{_CN}]{{1,3}})[，,：:])"
)


def cn_number(s: str) -> int | None:
    """一 → 1, 十二 → 12, 二十 → 20 (up to 九十九); None if not a numeral."""
    # Every marker's number is one to three of these characters: looked up (a law has a hundred
    # （一） items, the laws 20,000), the rest read by _read_cn_number.
    n = _CN_NUMBERS.get(s, _UNLISTED)
    return _read_cn_number(s) if n is _UNLISTED else n


def _read_cn_number(s: str) -> int | None:
    if not s or any(c not in _CN for c in s):
        return None
    if "十" not in s:
        return _CN.index(s) + 1 if len(s) == 1 else None
    tens, _, ones = s.partition("十")
    if len(tens) > 1 or len(ones) > 1:
        return None
    t = _CN.index(tens) + 1 if tens else 1
    o = _CN.index(ones) + 1 if ones else 0
    return t * 10 + o


_UNLISTED = object()
_CN_NUMBERS = {a + b + c: _read_cn_number(a + b + c) for a in _CN for b in ("", *_CN) for c in ("", *_CN) if b or not c}


def find_items(text: str) -> list[tuple[int, int, str]]:
    """Inline enumerations 一是…二是…, 首先…其次…, 第一，…第二，… in runs that count up."""
    raw = []
    for m in _ITEM.finditer(text):
        if m.group("cn"):
            n, fam = cn_number(m.group("cn")), "shi"
        elif m.group("di"):
            n, fam = cn_number(m.group("di")), "di"
        else:
            n, fam = ("首先", "其次", "再次", "最后").index(m.group("seq")) + 1, "seq"
        if n:
            raw.append((m.start("m"), m.group("m"), n, fam))
    # The previous and the next marker of the same family, for each marker (two passes).
    prevs: list = []
    last: dict[str, tuple] = {}
    for r in raw:
        prevs.append(last.get(r[3]))
        last[r[3]] = r
    nexts: list = []
    last = {}
    for r in reversed(raw):
        nexts.append(last.get(r[3]))
        last[r[3]] = r
    nexts.reverse()
    keep = []
    for i, (pos, marker, n, fam) in enumerate(raw):
        prev, nxt = prevs[i], nexts[i]
        # A run counts up within a few thousand characters: a lone "二是" is no enumeration.
        follows = (
            prev is not None
            and (prev[2] == n - 1 or (fam == "seq" and n == 4 and prev[2] >= 2))
            and pos - prev[0] < 3000
        )
        leads = n == 1 and nxt is not None and nxt[2] == 2 and nxt[0] - pos < 3000
        if follows or leads:
            keep.append((pos, marker))
    out = []
    # Paragraph ends looked up, not searched for from every marker (quadratic on one long line).
    breaks = [m.start() for m in re.finditer("\n", text)] if keep else []
    for j, (pos, marker) in enumerate(keep):
        k = bisect.bisect_left(breaks, pos)
        para_end = breaks[k] if k < len(breaks) else len(text)
        end = para_end
        if j + 1 < len(keep) and keep[j + 1][0] < para_end:
            end = keep[j + 1][0]
        out.append((pos, end, marker))
    return out
