"""Scanning from the two-character strings every match starts with: the same matches as finditer."""

from __future__ import annotations

import random
import re

import pytest

from conftest import CORPUS
from shuzhi.lexicons.loader import builtin
from shuzhi.loaders.txt import decode_bytes
from shuzhi.text.fastre import compile_fast, prefixes, scan
from shuzhi.text.residue import _signals, find_residue

SIGNALS = builtin()["placeholders.residue_signals"]


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        ("(?:QQ|qq)群", {"QQ", "qq"}),
        ("a?bc", {"ab", "bc"}),
        ("(?=x)ab|^cd", {"ab", "cd"}),
        ("[ab]c{1,3}", {"ac", "bc"}),
        ("x[0-2]", {"x0", "x1", "x2"}),
        ("(?:ab)+c", {"ab"}),
        ("a", None),  # a match of one character
        (r"\d+元", None),  # a category
        ("[^。]{0,3}ab", None),  # a negated class
        ("a*bc", {"aa", "ab", "bc"}),
        ("x(?i:a)", None),  # case ignored in a group
        ("a(?:b|)", None),  # "a" alone
        ("(?i)ab", None),
    ],
)
def test_prefixes_lists_what_every_match_starts_with(pattern, expected):
    assert prefixes(pattern) == expected


def test_every_residue_signal_has_pairs():
    for pattern in SIGNALS:
        assert prefixes(pattern, re.M), pattern
    signals, _ = _signals()
    assert prefixes(signals.pattern, signals.flags)


def _spans(pattern, text, **kw):
    return [(m.start(), m.end(), m.lastgroup) for m in scan(pattern, text, **kw)]


def test_pair_scan_finds_what_finditer_finds_on_the_corpus():
    signals, _ = _signals()
    files = 0
    for d in ("seeds", "samples", "gov-reports", "laws"):
        for path in sorted((CORPUS / d).glob("*.txt")):
            text = decode_bytes(path.read_bytes())[0]
            expected = [(m.start(), m.end(), m.lastgroup) for m in signals.finditer(text)]
            assert _spans(signals, text, pairs=True) == expected, path.name
            files += 1
    assert files > 800


def test_pair_scan_finds_what_finditer_finds_on_random_residue():
    # Signals and their pieces mixed with text, overlapping candidates (微微信, QQQ), line ends, markers.
    signals, _ = _signals()
    pieces = [
        *"会员加我联系微信QQqq号群：:1234567 \n。文来",
        "QQ群：123456",
        "微信：abcdef12",
        "仅供学习交流",
        "更多下载www.x",
    ]
    rng = random.Random(3)
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 30)))
        expected = [(m.start(), m.end(), m.lastgroup) for m in signals.finditer(text)]
        assert _spans(signals, text, pairs=True) == expected, repr(text)
        lo = rng.randint(0, len(text))
        hi = rng.randint(lo, len(text))
        assert [m.span() for m in scan(signals, text, lo, hi, pairs=True)] == [
            m.span() for m in signals.finditer(text, lo, hi)
        ]


def test_a_config_signal_without_pairs_is_still_found():
    # A locality's own signal that starts with a category: no pairs, the scan falls back, same residue.
    table = {**SIGNALS, r"\d{3}-\d{4}热线": "contact"}
    pattern = compile_fast("|".join(f"(?:{p})" for p in table), re.M)
    assert prefixes(pattern.pattern, pattern.flags) is None
    text = "一、工作情况\n服务热线\n123-4567热线\n本人认真履职。"
    found = find_residue(text, table)
    assert [text[e.raw_start : e.raw_end] for e in found] == ["123-4567热线"]
