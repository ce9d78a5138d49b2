"""compile_fast: the first-character lookahead must never change what a pattern matches."""

from __future__ import annotations

import re

import pytest

from shuzhi.text.fastre import compile_fast, first_chars

TEXT = "（一）坚持党的XX大精神，7×24小时，免费QQ群：123456，a?b，某某县、ZZ纪律，“1+X”。\n仅供学习"


@pytest.mark.parametrize(
    "pattern,chars",
    [
        (r"中国[*＊×]{2,}", {"中"}),
        (r"(?<![A-Za-z])ZZ(?=纪律)", {"Z"}),
        (r"(?:免费)?(?:QQ|微信)群", {"免", "Q", "微"}),
        (r"[1-3]x", {"1", "2", "3"}),
        (r"(?>ab|c)×{1,6}+", {"a", "c"}),
        (r"a?", None),  # can match the empty string: no lookahead possible
        (r"[^a]b", None),  # negated class: unknown
        (r"\w+", None),
    ],
)
def test_first_chars(pattern, chars):
    assert first_chars(pattern) == chars


@pytest.mark.parametrize(
    "pattern",
    [
        r"(?P<a>某某+)|(?P<b>[○◯〇]{2,})|(?P<c>[【\[［][^】\n]{0,5}】)",
        r"(?<![A-Za-z0-9])(?:[Xx]{1,6}|×{1,6}|[*＊]{1,6})(?![A-Za-z0-9])",
        r"(?:免费)?(?:QQ|qq|微信)群\s*[:：]\s*(?:$|[0-9])|仅供(?:学习|内部)",
        r"a?b",
    ],
)
def test_same_matches_as_plain_re(pattern):
    fast = compile_fast(pattern, re.M)
    plain = re.compile(pattern, re.M)
    assert [(m.span(), m.lastgroup) for m in fast.finditer(TEXT)] == [
        (m.span(), m.lastgroup) for m in plain.finditer(TEXT)
    ]
