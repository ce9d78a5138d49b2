"""Vendor-residue detection is linear on one long line full of residue signals (issue #15)."""

from __future__ import annotations

from shuzhi.text.residue import MAX_LINE, find_residue


def test_residue_lines_are_found_as_before():
    raw = "2023年度述职报告\n仅供学习交流\n本人认真履行职责。\n微信：wx12345678\n"
    kinds = {raw[e.raw_start : e.raw_end]: e.kind for e in find_residue(raw)}
    assert kinds == {"仅供学习交流": "watermark", "微信：wx12345678": "contact"}


def test_a_long_line_full_of_signals_is_no_residue_and_is_read_once():
    # Each signal on one long line recomputed the line's text (with markers removed): 50,000 signals on a
    # 1.2-million-character line was 50,000 copies of it. The line is longer than MAX_LINE: no residue.
    line = "本人仅供学习交流，##paidbegin##" * 50_000
    assert len(line) > 1_000_000 > MAX_LINE
    found = find_residue("2023年度述职报告\n" + line + "\n特此报告。")
    assert {e.kind for e in found} == {"paid-marker"} and len(found) == 50_000
