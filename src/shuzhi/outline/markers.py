"""Numbered heading markers at the start of a paragraph (一、 （一） 1. ①…) and vendors' lines: what the title
search needs of the headings (outline.title; `index add` reads each file's year from its title without
the outline, so it does not import the heading parser, outline.heads, and its cues)."""

from __future__ import annotations

import re

from ..text.fastre import first_chars
from .enumerations import CN_DIGITS as _CN

# Heading markers at the start of a paragraph, by family, with their rank
# (1: 一、  2: （一）  3: 1.  4: （1）  5: ①). "第一，" gets its rank from context
# (see _numbered_heads). A digit right after the marker means a number, not a heading:
# "1.5亿元", "3、4月份".
# "一、二季度", "一、二、三产业", "第一、二批" count quarters and sectors: no heading.
_NOT_AFTER_CN = rf"(?![{_CN}](?:、|季度|产|批|类|级|期))"
_FAMILIES = (
    ("cn", 1, re.compile(rf"(?P<num>[{_CN}]{{1,3}})(?:、|\.(?!\d)){_NOT_AFTER_CN}")),
    ("di", 0, re.compile(rf"第(?P<num>[{_CN}]{{1,3}})(?:部分)?[，、,：:]{_NOT_AFTER_CN}")),
    ("pcn", 2, re.compile(rf"[（(](?P<num>[{_CN}]{{1,3}})[）)]")),
    ("ar", 3, re.compile(r"(?P<num>\d{1,2})(?:、|\.)(?![\d%])")),
    ("par", 4, re.compile(r"[（(](?P<num>\d{1,2})[）)]")),
    ("circ", 5, re.compile(r"(?P<num>[①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳])")),
    # 其一，其二，… like 第一，(rank from context); only a series that counts 1, 2 (see _series_only).
    ("qi", 0, re.compile(rf"其(?P<num>[{_CN}]{{1,2}})[，、,：:]{_NOT_AFTER_CN}")),
    # Roman numerals Ⅰ、 / I. only before a Chinese word: "Ⅱ、Ⅲ类", "Ⅲ级响应", "I型" are no headings.
    (
        "roman",
        0,
        re.compile(
            r"(?P<num>[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩⅪⅫ]|VIII|VII|VI|IV|IX|XII|XI|III|II|I|V|X)[、.]"
            r"(?=\s*[\u4e00-\u9fff])(?![ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ]|[类级期型度号])"
        ),
    ),
)


def _families_by_first_character():
    """The families a paragraph starting with a character may open, in _FAMILIES order: a paragraph is
    matched against those only (most paragraphs start with no marker's first character)."""
    firsts = [first_chars(rx.pattern, rx.flags) for _, _, rx in _FAMILIES]
    anywhere = tuple(f for f, chars in zip(_FAMILIES, firsts, strict=True) if chars is None)  # \d: any digit
    # Those are the families opening with \d: they can match only at a decimal digit (str.isdecimal is
    # re's \d), so a paragraph opening with 第 or （ is not tried against them.
    assert all(rx.pattern.startswith("(?P<num>\\d") for _, _, rx in anywhere), anywhere
    by_char = {
        ch: tuple(
            f
            for f, chars in zip(_FAMILIES, firsts, strict=True)
            if (chars is None and ch.isdecimal()) or ch in (chars or ())
        )
        for chars in firsts
        for ch in chars or ()
    }
    return by_char, anywhere


_FAMILIES_BY_FIRST, _FAMILIES_ANYWHERE = _families_by_first_character()


def opens_numbered(line: str) -> bool:
    """Whether ``line`` starts with a numbered heading's marker of any family: any(rx.match(line) for
    _FAMILIES), trying only the families its first character may open (the title is looked for among
    the first twenty paragraphs of every file `index add` reads: eight matches a paragraph cost more
    than the rest of the search)."""
    if not line:
        return False
    families = _FAMILIES_BY_FIRST.get(line[0])
    if families is None:
        families = _FAMILIES_ANYWHERE if line[0].isdecimal() else ()
    return any(rx.match(line) for _, _, rx in families)


_VENDOR = re.compile(r"仅供|禁止外传|QQ|微信|会员|订阅|咨询|下载|整理|版权|【")
