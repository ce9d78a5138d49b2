"""The light path of `index add`: the same analysed text and year as a full load, without the source map or outline."""

from __future__ import annotations

import random

import pytest

import shuzhi
from conftest import CORPUS
from shuzhi.loaders.txt import decode_bytes
from shuzhi.outline.meta import quick_year
from shuzhi.text.normalize import _HWS, _SPLIT_DIFFERS, analysed_text, prepare, units_from_lines

FILES = [p for d in ("seeds", "samples", "gov-reports", "laws") for p in sorted((CORPUS / d).glob("*.txt"))]


def _raw(path):
    raw, _ = decode_bytes(path.read_bytes())
    return raw.replace("\r\n", "\n").replace("\r", "\n")


def _full(raw: str) -> str:
    return prepare(raw, units_from_lines(raw))[1]


def test_the_corpus_has_files():
    assert len(FILES) > 800


@pytest.mark.parametrize("part", range(4))
def test_analysed_text_equals_the_full_load_on_the_corpus(part):
    for path in FILES[part::4]:
        raw = _raw(path)
        assert analysed_text(raw) == _full(raw), path.name


def test_analysed_text_equals_the_full_load_on_random_whitespace_and_residue():
    # Every kind of whitespace run (leading, trailing, between Chinese, between Latin words and digits,
    # holding newlines), full-width letters, NULs, vendor markers and contact lines, in random mixes.
    rng = random.Random(17)
    alphabet = [
        *"ab1.%中文，。 \t\u3000\n\x00Ｑ１％\xa0\u200b",
        "##paidbegin##",
        "QQ群：123456\n",
        "  \n \n",
        "繁體報告",
    ]
    for _ in range(5000):
        raw = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        assert analysed_text(raw) == _full(raw), repr(raw)


def test_split_differs_is_where_str_split_and_the_separator_disagree():
    # normalize_text cuts lines with str.split() unless one of these is in the text (then run by run).
    spaces = {chr(c) for c in range(0x110000) if chr(c).isspace()}
    assert set(_SPLIT_DIFFERS) == spaces ^ set(_HWS + "\n")


@pytest.mark.parametrize("odd", ["", "\u2028", "\x85", "\u2000", "\x1c", "\ufeff", "\u200b", "\x00", "\u202f"])
def test_analysed_text_equals_the_full_load_with_and_without_odd_whitespace(odd):
    # The lines cut by str.split() (no odd character) and run by run (one of them), on inner runs between
    # wordish and Chinese characters, full-width letters, leading and trailing runs and blank lines.
    rng = random.Random(odd)
    alphabet = [*"ab1.%中文，。 \t\u3000\xa0\u2002\u2003\u2009\f\v\nＱ１％", "  \n \n", "QQ群：123456\n"]
    if odd:
        alphabet.append(odd)
    for _ in range(3000):
        raw = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        assert analysed_text(raw) == _full(raw), repr(raw)


def test_traditional_text_is_analysed_through_its_simplified_view():
    raw = "二〇二三年度述職報告\n本人認真學習，帶領幹部群眾完成全年任務。" * 3
    assert analysed_text(raw) == _full(raw)
    assert "报告" in analysed_text(raw)


@pytest.mark.parametrize("part", range(4))
def test_quick_year_is_the_year_the_metadata_finds(part):
    for path in FILES[part::4]:
        doc = shuzhi.load(path)
        year, sure = quick_year(doc.text)
        if sure:
            assert year == doc.meta.year, path.name


def test_quick_year_defers_to_the_outline_when_the_opening_starts_with_a_year():
    doc = shuzhi.loads("某县副县长述职报告\n2022年，在县委的坚强领导下，本人认真履职。\n一、工作情况\n完成任务。")
    assert quick_year(doc.text) == (None, False)
    assert doc.meta.year == 2022
    titled = shuzhi.loads("2023年度县长述职述廉报告\n一年来，本人认真履职。")
    assert quick_year(titled.text) == (2023, True) and titled.meta.year == 2023
    assert quick_year("") == (None, True)


def test_quick_year_takes_the_body_year_of_a_document_whose_kind_is_told():
    # No year in the title or the opening: a report dates itself by the dates of its body.
    doc = shuzhi.loads(
        "某县副县长述职述廉报告\n一年来，在县委的领导下，本人认真履职。\n"
        "2023年3月，全县启动了农村公路建设。2023年5月，完成了危桥改造。\n特此报告。"
    )
    assert doc.meta.year_source == "body"
    assert quick_year(doc.text) == (doc.meta.year, True) == (2023, True)
