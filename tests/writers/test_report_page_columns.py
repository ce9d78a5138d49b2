"""A report page's side-by-side rows made column by column from a compared round's arrays (#17): the same HTML as
the template's row-by-row loop, from a PassageMap and from Passages read back alike."""

from __future__ import annotations

import random
from types import SimpleNamespace

import pytest

from helpers.page_rows import old_rows_template, rendered, report_rows
from helpers.round_files import SEEDS_DIR, gov_paragraphs, swapped
from shuzhi.pipeline.copying import Passage, PassageMap, compare_round
from shuzhi.pipeline.runner import check_round
from shuzhi.rules.config import Config
from shuzhi.writers.dashboard import _copies_for, _share_texts
from shuzhi.writers.rows import pct


@pytest.fixture(scope="module")
def compared(tmp_path_factory):
    """12 reports on 4 seeds with paragraphs of the government work reports swapped in (as the benchmark's round),
    a few of them with characters to escape."""
    d = tmp_path_factory.mktemp("round")
    seeds = [p.read_text(encoding="utf-8").split("\n") for p in sorted(SEEDS_DIR.glob("0*.txt"))[:4]]
    pool = gov_paragraphs()
    rng = random.Random(23)
    for k in range(12):
        lines = swapped(seeds[k % 4], pool, rng)
        if k % 3 == 0:
            lines = [x.replace("和", "&").replace("的", "<的>") for x in lines]
        (d / f"r{k}.txt").write_text("\n".join(lines), encoding="utf-8")
    rnd = check_round([d], config=Config(), jobs=1)
    docs = [r.document for r in rnd.results]
    cp = compare_round(docs)
    assert isinstance(cp.passages, PassageMap)
    assert sum(len(cp.passages[i]) for i in cp.passages) >= 50
    return cp, [doc.text for doc in docs]


def test_columns_are_the_rows_transposed(compared):
    cp, texts = compared
    for i in range(len(texts) + 1):  # the last: a report with no passage
        columns = cp.passages.columns(i)
        assert len(columns) == 7 and all(isinstance(c, list) for c in columns)
        assert list(zip(*columns, strict=True)) == cp.passages.rows(i)
        assert cp.passages.rows(i) == [
            (p.start, p.end, p.other, p.other_start, p.other_end, p.chars, p.identity) for p in cp.passages.get(i, [])
        ]


@pytest.mark.parametrize("missing", [(), (1, 5)])
def test_rows_from_the_arrays_are_the_templatesreport_rows(compared, missing):
    cp, texts = compared
    rows = report_rows(texts, missing)
    from_map = SimpleNamespace(copying=SimpleNamespace(enabled=True, passages=cp.passages))
    read_back = {i: cp.passages[i] for i in cp.passages}  # as results.json gives them back
    from_list = SimpleNamespace(copying=SimpleNamespace(enabled=True, passages=read_back))
    old = old_rows_template()
    cache_map: dict = {}
    cache_list: dict = {}
    seen = 0
    for i, row in rows.items():
        marks, sides = _copies_for(from_map, row, rows, cache_map)
        marks_back, sides_back = _copies_for(from_list, row, rows, cache_list)
        assert marks == marks_back and str(sides) == str(sides_back)
        want = [p for p in read_back.get(i, []) if p.other in rows]
        assert marks == [(p.start, p.end, p.other) for p in want]
        expected = rendered(old, texts, rows, i, want)
        assert str(sides) == expected
        seen += len(want)
    assert seen >= 50


def test_identities_written_as_pct_writes_each():
    values = [1.0, 1.0, -0.0, 0.0, 0.876543, 1, True, None, float("nan"), float("nan"), 0.5, 1.0, 0.004999]
    assert _share_texts(values) == [pct(v) for v in values]
    assert _share_texts([-0.0, 0.0])[0] != _share_texts([-0.0, 0.0])[1]


def test_identities_read_back_as_ints_and_signed_zeros_are_shown_as_before():
    rng = random.Random(4)
    texts = ["政府工作报告&<>" * 20, "本人认真履职" * 30, "一二三四五六七八九十" * 20]
    rows = report_rows(texts)
    passages = {
        i: [
            Passage(a := rng.randint(0, 100), a + 20, o, b := rng.randint(0, 100), b + 20, 20, ident)
            for o in rows
            if o != i
            for ident in (1, 1.0, -0.0, 0.0, 0.66, None)
        ]
        for i in rows
    }
    rnd = SimpleNamespace(copying=SimpleNamespace(enabled=True, passages=passages))
    old = old_rows_template()
    for i, row in rows.items():
        marks, sides = _copies_for(rnd, row, rows, {})
        assert marks == [(p.start, p.end, p.other) for p in passages[i]]
        expected = rendered(old, texts, rows, i, passages[i])
        assert str(sides) == expected
        assert "相同度 -0%" in expected and "相同度 0%" in expected and "相同度 —" in expected
