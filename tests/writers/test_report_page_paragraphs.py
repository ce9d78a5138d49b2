"""A report page's paragraphs with each note offered only to the paragraphs it can be in, and the first copy over a
segment found without listing every copy over it (#17): the same HTML and the same notes under each paragraph as
testing every note against every paragraph."""

from __future__ import annotations

import random
from types import SimpleNamespace

from markupsafe import Markup, escape

from shuzhi.model.findings import severity_rank
from shuzhi.writers.dashboard import Escaped, _near, _notes_near, _paragraphs

ALPHABET = "ab政府工作&<\n"


def _old_render(text, a, b, notes, copies, escaped):
    """_render_paragraph as it was before: every note of the page tested, every copy over a segment listed."""
    spans = [n for n in notes if n.end > n.start and n.start < b and n.end > a]
    pins = [n for n in notes if n.end <= n.start and a <= n.start <= b]
    cps = [c for c in copies if c[0] < b and c[1] > a]
    cuts = {a, b}
    for n in spans:
        cuts.update((max(a, n.start), min(b, n.end)))
    for c in cps:
        cuts.update((max(a, c[0]), min(b, c[1])))
    for n in pins:
        cuts.add(n.start)
    cuts = sorted(cuts)
    parts = []
    for x, y in zip(cuts, [*cuts[1:], None], strict=False):
        for n in pins:
            if n.start == x:
                parts.append(
                    f'<a class="pin sev-{n.severity}" href="#f{n.k}" title="{escape(n.message)}">▲{n.code}</a>'
                )
        if y is None or y <= x:
            continue
        seg = escaped[x:y]
        active = [n for n in spans if n.start <= x and n.end >= y]
        cp = [c for c in cps if c[0] <= x and c[1] >= y]
        if cp:
            seg = f'<span class="copied" data-src="{cp[0][2]}" title="与其他报告相同的段落">{seg}</span>'
        if active:
            worst = max(active, key=lambda n: severity_rank(n.severity))
            title = escape("\n".join(f"{n.code} {n.title}：{n.message}" for n in active))
            ks = " ".join(str(n.k) for n in active)
            seg = f'<a class="hl sev-{worst.severity}" href="#f{active[0].k}" data-f="{ks}" title="{title}">{seg}</a>'
        parts.append(seg)
    return Markup("".join(parts))


def _old_paragraphs(doc, notes, copies):
    """_paragraphs as it was before: (html, the ks of the notes listed after it) per paragraph."""
    paras = doc.paragraphs or [(0, len(doc.text))]
    escaped = Escaped(doc.text)
    out, placed = [], set()
    for (a, b), cps in zip(paras, _near(paras, copies), strict=True):
        here = [n for n in notes if n.k not in placed and (a <= n.start < b or (n.start == n.end == b))]
        placed.update(n.k for n in here)
        out.append((str(_old_render(doc.text, a, b, notes, cps, escaped)), [n.k for n in here]))
    rest = [n.k for n in notes if n.k not in placed]
    if rest and out:
        out[-1][1].extend(rest)
    return out


def _case(rng):
    n = rng.randint(0, 120)
    text = "".join(rng.choice(ALPHABET) for _ in range(n))
    cuts = sorted(rng.sample(range(n + 1), min(n + 1, rng.randint(0, 8))))
    paras = list(zip([0, *cuts], [*cuts, n], strict=True))
    if rng.random() < 0.3:  # empty paragraphs, and (rarely) paragraphs out of text order
        paras.insert(rng.randrange(len(paras) + 1), (c := rng.randint(0, n), c))
    if rng.random() < 0.1:
        rng.shuffle(paras)
    if rng.random() < 0.1:
        paras = []  # the whole text as one paragraph
    notes = []
    for k in range(rng.randint(0, 12)):
        a = rng.choice([rng.randint(0, n), *(x for p in paras for x in p)])
        b = a if rng.random() < 0.3 else rng.randint(a, n)
        if rng.random() < 0.05:
            a, b = b, max(0, b - rng.randint(1, 5))  # end before start: a pin
        notes.append(
            SimpleNamespace(
                k=k,
                start=a,
                end=b,
                severity=rng.choice(["error", "warning", "info"]),
                code=rng.choice(["P101", "N201", "C301"]),
                title="t",
                message=rng.choice(["<m>", "说明", "a&b"]),
            )
        )
    if rng.random() < 0.7:
        notes.sort(key=lambda x: (x.start, x.end))
    copies = []
    for _ in range(rng.randint(0, 15)):
        if copies and rng.random() < 0.4:  # the same span from another report
            c = rng.choice(copies)
            copies.append((c[0], c[1], rng.randint(0, 9)))
            continue
        a = rng.randint(0, max(0, n - 1))
        copies.append((a, rng.randint(a, n), rng.randint(0, 9)))
    if rng.random() < 0.7:
        copies.sort(key=lambda c: (c[0], c[1]))
    doc = SimpleNamespace(text=text, paragraphs=paras)
    return doc, notes, copies


def test_paragraphs_are_the_same_as_testing_every_note_and_copy():
    rng = random.Random(17)
    seen = 0
    for _ in range(1500):
        doc, notes, copies = _case(rng)
        got = [(str(p.html), [n.k for n in p.notes]) for p in _paragraphs(doc, notes, copies)]
        assert got == _old_paragraphs(doc, notes, copies), (doc, notes, copies)
        seen += sum(len(k) for _, k in got)
    assert seen > 2500


def test_notes_near_a_paragraph_hold_those_in_it_in_order():
    rng = random.Random(29)
    for _ in range(1000):
        doc, notes, _ = _case(rng)
        paras = doc.paragraphs or [(0, len(doc.text))]
        near = _notes_near(paras, notes)
        for (a, b), got in zip(paras, near, strict=True):
            want = [
                n
                for n in notes
                if (n.end > n.start and n.start < b and n.end > a) or (n.end <= n.start and a <= n.start <= b)
            ]
            assert [n for n in got if n in want] == want
            at = [notes.index(n) for n in got]
            assert at == sorted(set(at))  # each once, in the notes' order
