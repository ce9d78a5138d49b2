"""Context scans of the T and P rules look at a bounded window (issue #15: quadratic on one long line)."""

from __future__ import annotations

import random

from shuzhi.rules.placeholder_scan import _is_label
from shuzhi.rules.terms import SENTENCE_WINDOW, _sentence_bounds


def _is_label_whole_line(text: str, a: int) -> bool:
    """The check as it was: the whole line around text[a] searched for every bare %."""
    start = text.rfind("\n", 0, a) + 1
    end = text.find("\n", a)
    line = text[start : end if end >= 0 else len(text)]
    return len(line) <= 10 and not any(c in line for c in "，。；,;")


def test_the_table_label_check_is_the_same_on_short_and_long_lines():
    rng = random.Random(15)
    pieces = ["增长", "%", "\n", "，", "完成", "率", "。", "单位", "x"]
    for _ in range(2000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 30)))
        for a in range(len(text)):
            assert _is_label(text, a) == _is_label_whole_line(text, a), (text, a)


def test_sentence_bounds_are_the_sentence_in_ordinary_text():
    text = "2023年工作总结。本人认真学习贯彻党的十九大精神，取得成效；下一步继续努力。"
    a = text.index("十九大")
    s, e = _sentence_bounds(text, a, a + 3)
    assert text[s:e] == "本人认真学习贯彻党的十九大精神，取得成效"


def test_sentence_bounds_stop_at_the_window_on_one_long_line():
    # Every mention on a line without 。；！？ searched the whole text on both sides.
    text = "认真学习贯彻党的十九大精神，" * 5000
    a = len(text) // 2
    s, e = _sentence_bounds(text, a, a + 3)
    assert s == a - SENTENCE_WINDOW and e == a + 3 + SENTENCE_WINDOW
