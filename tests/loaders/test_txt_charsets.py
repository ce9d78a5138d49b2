"""The character sets that tell GBK from Big5 in short files: built by runs of pairs, equal to one pair at a time."""

from __future__ import annotations

import contextlib
import random

import pytest

from shuzhi.loaders import txt


def _one_by_one(codec: str, pairs: list[bytes]) -> set[str]:
    out = set()
    for p in pairs:
        with contextlib.suppress(UnicodeDecodeError):
            out.add(p.decode(codec))
    return out


@pytest.mark.parametrize("codec", ["gb2312", "big5"])  # double-byte codecs: what _charsets decodes
def test_decodable_is_each_pair_decoded_alone(codec):
    rng = random.Random(17)
    # Whole rows as _charsets uses them, then random pairs: invalid, ASCII and single-byte ones among them.
    rows = [bytes((a, b)) for a in range(0x81, 0xFF, 7) for b in range(0x40, 0xFF)]
    noise = [bytes((rng.randrange(256), rng.randrange(256))) for _ in range(3000)]
    for pairs in (rows, noise, noise[:1], []):
        out: set[str] = set()
        txt._decodable(codec, pairs, out)
        assert out == _one_by_one(codec, pairs)


def test_charsets_are_the_standards_levels():
    gb_trails = range(0xA1, 0xFF)
    big5_trails = [*range(0x40, 0x7F), *range(0xA1, 0xFF)]

    def block(codec, leads, trails):
        return frozenset(_one_by_one(codec, [bytes((a, b)) for a in leads for b in trails]))

    expected = (
        block("gb2312", range(0xB0, 0xD8), gb_trails),
        block("gb2312", range(0xD8, 0xF8), gb_trails),
        block("big5", range(0xA4, 0xC6), big5_trails) | block("big5", [0xC6], range(0x40, 0x7F)),
        block("big5", range(0xC9, 0xFA), big5_trails),
    )
    txt._charsets.cache_clear()
    txt._utf_sets.cache_clear()
    assert txt._charsets() == expected
    assert [len(s) for s in expected] == [3755, 3008, 5401, 7652]  # GB2312 levels 1/2, Big5 levels 1/2
