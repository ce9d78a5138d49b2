"""A report page's pieces made without the template's per-row loop or an escape per piece (#17): the same HTML."""

from __future__ import annotations

import random
from types import SimpleNamespace

from markupsafe import escape

from helpers.page_rows import old_rows_template, rendered, report_rows
from shuzhi.pipeline.copying import Passage
from shuzhi.writers.dashboard import Escaped, _copies_for, _near, _render_paragraph

ALPHABET = "ab政府工作&<>\"'\n "


def _text(rng, n):
    return "".join(rng.choice(ALPHABET) for _ in range(n))


def test_escaped_pieces_are_the_pieces_escaped():
    rng = random.Random(7)
    for _ in range(2000):
        s = _text(rng, rng.randint(0, 40)) if rng.random() < 0.8 else "政府工作报告" * rng.randint(0, 5)
        e = Escaped(s)
        for _ in range(20):
            i, j = rng.randint(0, len(s)), rng.randint(0, len(s))
            assert e[i:j] == str(escape(s[i:j])), (s, i, j)


def test_copies_near_a_paragraph_are_those_that_overlap_it_in_order():
    rng = random.Random(3)
    for _ in range(500):
        cuts = sorted(rng.sample(range(200), rng.randint(1, 12)))
        paras = list(zip([0, *cuts], [*cuts, 200], strict=True))
        if rng.random() < 0.3:  # empty paragraphs, and (rarely) paragraphs out of text order
            paras.insert(rng.randrange(len(paras) + 1), (c := rng.randint(0, 200), c))
        if rng.random() < 0.1:
            rng.shuffle(paras)
        copies = []
        for k in range(rng.randint(0, 30)):
            a = rng.randint(0, 199)
            copies.append((a, rng.randint(a + 1, 200), k))
        near = _near(paras, copies)
        for (a, b), got in zip(paras, near, strict=True):
            want = [c for c in copies if c[0] < b and c[1] > a]
            assert [c for c in got if c[0] < b and c[1] > a] == want


def test_render_paragraph_with_the_texts_escaped_once_is_the_same():
    rng = random.Random(5)
    for _ in range(300):
        text = _text(rng, 80)
        notes = []
        for k in range(rng.randint(0, 6)):
            a = rng.randint(0, 80)
            b = a if rng.random() < 0.3 else rng.randint(a, 80)
            notes.append(
                SimpleNamespace(k=k, start=a, end=b, severity="warning", code="P101", title="t", message="<m>")
            )
        copies = sorted((a, rng.randint(a, 80), rng.randint(0, 5)) for a in rng.sample(range(80), rng.randint(0, 8)))
        a = rng.randint(0, 60)
        b = rng.randint(a, 80)
        assert _render_paragraph(text, a, b, notes, copies, Escaped(text)) == _render_paragraph(
            text, a, b, notes, copies
        )
        plain = str(_render_paragraph(text, a, b, notes, copies))
        assert plain == _old_render(text, a, b, notes, copies)


def _old_render(text, a, b, notes, copies):
    """_render_paragraph's segments escaped one by one, as before."""
    from shuzhi.writers import dashboard

    saved = dashboard.Escaped
    try:
        dashboard.Escaped = _EscapeEach
        return str(dashboard._render_paragraph(text, a, b, notes, copies))
    finally:
        dashboard.Escaped = saved


class _EscapeEach:
    def __init__(self, text):
        self.text = text

    def __getitem__(self, piece):
        return str(escape(self.text[piece]))


def test_side_by_side_rows_are_the_templates_rows():
    rng = random.Random(11)
    texts = [_text(rng, 300) for _ in range(4)] + ["政府工作报告" * 50]
    rows = report_rows(texts)
    passages = {}
    for i in rows:
        ps = []
        for _ in range(40):
            other = rng.choice([k for k in [*rows, 99] if k != i])  # 99: a report not among the rows
            a, c = rng.randint(0, 250), rng.randint(0, 250)
            n = rng.randint(0, 50)
            ps.append(Passage(a, a + n, other, c, c + n, n, rng.choice([0.5, 1.0, 0.8765, float("nan")])))
        passages[i] = ps
    rnd = SimpleNamespace(copying=SimpleNamespace(enabled=True, passages=passages))
    old = old_rows_template()
    cache: dict = {}
    for i, row in rows.items():
        marks, sides = _copies_for(rnd, row, rows, cache)
        want = [p for p in passages[i] if p.other in rows]
        assert marks == [(p.start, p.end, p.other) for p in want]
        expected = rendered(old, texts, rows, i, want)
        assert str(sides) == expected
