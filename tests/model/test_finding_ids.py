"""Stable finding ids: the same report gives the same ids; an edit changes only the ids next to it."""

from __future__ import annotations

import json

import pytest

import shuzhi
from conftest import SEEDS
from shuzhi.model.document import key_from_source
from shuzhi.model.findings import SCHEMA_VERSION, Finding, Result


def _check(text: str, source: str) -> Result:
    return shuzhi.check(shuzhi.loads(text, source=source))


@pytest.fixture(scope="module")
def seed_texts() -> list[tuple[str, str]]:
    return [(str(p), p.read_text(encoding="utf-8").replace("\r\n", "\n")) for p in SEEDS]


def test_every_finding_has_a_distinct_id_and_checking_twice_gives_the_same_ids():
    for path in SEEDS:
        first = shuzhi.check(shuzhi.load(path))
        second = shuzhi.check(shuzhi.load(path))
        ids = [f.id for f in first.findings]
        assert ids and all(len(i) == 16 for i in ids)
        assert len(set(ids)) == len(ids), path.name
        assert ids == [f.id for f in second.findings]


def test_the_document_key_is_the_file_name_not_the_text():
    assert key_from_source("/a/b/2023年述职报告.docx") == "2023年述职报告"
    assert key_from_source(r"C:\reports\张三.pdf") == "张三"
    a = shuzhi.loads("第一段。", source="r/张三.txt")
    b = shuzhi.loads("完全不同的一段。", source="elsewhere/张三.txt")
    assert a.key == b.key == "张三"
    assert shuzhi.loads("x", source="r/张三.txt", key="2023-张三").key == "2023-张三"


def test_the_same_words_in_another_document_get_another_id():
    text = "关于XX同志的述职报告\n本人XX，现任XX。\n"
    a = _check(text, "a.txt").findings
    b = _check(text, "b.txt").findings
    assert [f.code for f in a] == [f.code for f in b]
    assert not {f.id for f in a} & {f.id for f in b}


@pytest.mark.parametrize("n", range(len(SEEDS)))
def test_deleting_a_paragraph_changes_only_the_ids_in_or_next_to_it(seed_texts, n):
    source, raw = seed_texts[n]
    doc = shuzhi.loads(raw, source=source)
    before = shuzhi.check(doc).findings
    paras = doc.paragraphs
    i = len(paras) // 2  # a paragraph in the middle: findings on both sides stay
    a, b = paras[i]
    ra, rb = doc.raw_span(a, b)
    edited = raw[:ra] + raw[rb + 1 :]  # the paragraph's line and its line break
    cut = b + 1 - a
    after = shuzhi.check(shuzhi.loads(edited, source=source)).findings
    assert len({f.id for f in after}) == len(after)

    # "Next to": the paragraphs on either side, which an id's few characters of context may reach.
    lo = paras[i - 1][0]
    hi = paras[i + 1][1] if i + 1 < len(paras) else len(doc.text)

    def near(start: int, end: int) -> bool:
        return end >= lo and start <= hi

    def what(f: Finding) -> tuple:  # findings of one rule on the same words differ in what they are about
        return f.code, f.data.get("dimension"), f.data.get("source")

    at = {(*what(g), g.start, g.end): g for g in after}
    far = [f for f in before if not near(f.start, f.end)]
    shift = [cut if f.start > b else 0 for f in far]
    matched = [(f, at.get((*what(f), f.start - d, f.end - d))) for f, d in zip(far, shift, strict=True)]
    matched = [(f, g) for f, g in matched if g is not None]
    assert far and len(matched) >= 0.8 * len(far)
    assert [f.id for f, _ in matched] == [g.id for _, g in matched]
    # New ids after the edit belong to findings in or next to the cut (or about the whole report).
    before_ids = {f.id for f in before}
    for g in after:
        if g.id not in before_ids and g.start != g.end:
            assert near(g.start, g.end + cut) or g.code[0] in "SF", (g.code, g.start, a)


def test_results_round_trip_through_json():
    result = shuzhi.check(shuzhi.load(SEEDS[0]))
    wire = json.loads(json.dumps(result.to_dict(), ensure_ascii=False))
    assert wire["schema_version"] == SCHEMA_VERSION and wire["key"] == SEEDS[0].stem
    assert all("id" in f for f in wire["findings"])
    back = Result.from_dict(wire)
    assert back.document is None
    assert json.loads(json.dumps(back.to_dict(), ensure_ascii=False)) == wire
    f = result.findings[0]
    assert Finding.from_dict(json.loads(json.dumps(f.to_dict()))).id == f.id


def test_a_newer_schema_is_refused():
    with pytest.raises(ValueError, match="schema version"):
        Result.from_dict({"schema_version": SCHEMA_VERSION + 1, "source": "x", "findings": []})
