"""text.acscan.iter_long_many and search_ahead: the windows of many texts searched together give what each
window's own search gives (pyahocorasick's iter_long over it: the oracle), and pipeline.grouped uses them."""

from __future__ import annotations

import itertools
import random

from conftest import CORPUS, SEEDS
from shuzhi.analysis.dimensions import dimension_automaton
from shuzhi.analysis.signals import formula_automaton
from shuzhi.lexicons.loader import Lexicons
from shuzhi.loaders import load
from shuzhi.pipeline.grouped import check_files_safely
from shuzhi.rules.config import Config
from shuzhi.text import acscan

LEX = Lexicons()
AUTOMATA = [dimension_automaton(LEX), formula_automaton(LEX)]


def _texts() -> list[str]:
    paths = [*SEEDS, *sorted((CORPUS / "gov-reports").glob("*.txt"))[:8], *sorted((CORPUS / "laws").glob("*.txt"))[:80]]
    return [load(p).text for p in paths]


def _oracle(automaton, windows):
    return [list(automaton.iter_long(t, a, b)) for t, a, b in windows]


def test_whole_texts_and_their_bodies_searched_together():
    texts = _texts()
    for automaton in AUTOMATA:
        for windows in ([(t, 0, len(t)) for t in texts], [(t, min(40, len(t)), len(t)) for t in texts]):
            got = acscan.iter_long_many(automaton, windows)
            assert got == _oracle(automaton, windows)
            assert sum(map(len, got)) > 0


def test_windows_cut_anywhere_even_inside_a_phrase():
    # Consecutive windows of one text, cut at random points: a phrase across a cut is found by neither window
    # (a separator that is not a barrier would find it), windows of every length, empty ones too.
    rnd = random.Random(17)
    texts = _texts()
    phrases = [w for w in AUTOMATA[0] if len(w) >= 2][:300]
    texts.append("。".join("".join(rnd.choice(phrases) for _ in range(rnd.randint(1, 6))) for _ in range(3000)))
    for automaton in AUTOMATA:
        for text in rnd.sample(texts, 25) + texts[-1:]:
            cuts = sorted({0, len(text), *(rnd.randint(0, len(text)) for _ in range(rnd.randint(1, 12)))})
            windows = [(text, a, b) for a, b in itertools.pairwise(cuts)] + [(text, 5, 5)]
            rnd.shuffle(windows)
            assert acscan.iter_long_many(automaton, windows) == _oracle(automaton, windows)


def test_what_is_searched_ahead_is_handed_out_once_for_the_same_window_of_the_same_text():
    texts = [t for t in _texts() if len(t) > 3 * acscan.MIN_SCAN][:5]
    automaton = AUTOMATA[0]
    windows = [(t, 0, len(t)) for t in texts]
    acscan.search_ahead([(automaton, windows)])
    kept = [acscan._ahead[(id(automaton), id(t), a, b)][2] for t, a, b in windows]
    assert acscan.iter_long(automaton, texts[0], 0, len(texts[0])) is kept[0]
    again = acscan.iter_long(automaton, texts[0], 0, len(texts[0]))  # handed out once: computed again
    assert again == kept[0] and again is not kept[0]
    copy = "".join(list(texts[1]))  # equal, not the same object
    assert copy is not texts[1]
    assert acscan.iter_long(automaton, copy, 0, len(copy)) == kept[1]
    assert (
        acscan.iter_long(automaton, texts[2], 1, len(texts[2])) == _oracle(automaton, [(texts[2], 1, len(texts[2]))])[0]
    )
    acscan.search_ahead([])
    assert not acscan._ahead


def test_a_group_s_cues_and_formulas_are_searched_together(monkeypatch):
    laws = [p for p in sorted((CORPUS / "laws").glob("*.txt")) if p.stat().st_size > 4 * acscan.MIN_SCAN][:12]
    calls = []
    real = acscan._search

    def counting(automaton, t, codes, offset=0):
        calls.append(len(codes))
        return real(automaton, t, codes, offset)

    monkeypatch.setattr(acscan, "_search", counting)
    out = check_files_safely([(p, str(p)) for p in laws], Config())
    assert all(not hasattr(o, "code") for o in out)
    assert len(calls) == 2  # one search for the twelve texts' cues, one for their formulas (24 one by one)
    assert not acscan._ahead


def test_nothing_is_kept_after_an_interrupted_group(monkeypatch):
    from shuzhi.pipeline import grouped

    def interrupted(*a, **kw):
        raise KeyboardInterrupt

    monkeypatch.setattr(grouped, "analyse", interrupted)  # after the search ahead, before its windows are asked for
    laws = sorted((CORPUS / "laws").glob("*.txt"))[:3]
    try:
        check_files_safely([(p, str(p)) for p in laws], Config())
    except KeyboardInterrupt:
        pass
    else:
        raise AssertionError("the interruption was swallowed")
    assert not acscan._ahead
