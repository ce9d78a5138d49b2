"""text.digits.ascii_digits keeps its answers for the texts asked about lately (by identity), within bounds.

pipeline.grouped runs each analysis over a group of documents in turn, so the dimension figures, the signals'
facts and the quantities ask about a group's texts one after another: one kept answer (e162396's ``_last``)
was computed again for every analysis of every text.
"""

from __future__ import annotations

from conftest import CORPUS
from shuzhi.pipeline.batch import check_paths
from shuzhi.text import digits


class _Counting:
    """digits._MAYBE, counting its lookups (one per text whose answer is computed)."""

    def __init__(self, table):
        self.table, self.calls = table, 0

    def take(self, *a, **kw):
        self.calls += 1
        return self.table.take(*a, **kw)


def test_each_text_of_a_batch_is_looked_at_once(monkeypatch):
    laws = sorted((CORPUS / "laws").glob("*.txt"))[:80]  # two groups
    counting = _Counting(digits._MAYBE)
    monkeypatch.setattr(digits, "_MAYBE", counting)
    # Nothing kept from the tests before (in the whole suite the memory may be near its bound, and emptied
    # half-way through a group the texts asked about before would be computed again).
    monkeypatch.setattr(digits, "_kept", {})
    monkeypatch.setattr(digits, "_kept_chars", 0)
    batch = check_paths([str(p) for p in laws])
    texts = [r.document.text for r in batch.results]
    assert len(texts) == 80
    assert counting.calls == sum(not t.isascii() for t in texts)


def test_answers_are_right_kept_by_identity_and_bounded():
    odd = "第٣条 规定" + "。" * 10  # an Arabic-Indic digit: \d matches more than 0-9
    plain = "第3条规定" + "。" * 10
    assert digits.ascii_digits(odd) is False and digits.ascii_digits(plain) is True
    assert digits.ascii_digits(odd) is False and digits.ascii_digits(plain) is True  # kept
    many = [f"第{i}条，共{i}项。" for i in range(3 * digits._KEPT_TEXTS)]
    assert all(digits.ascii_digits(t) for t in many)
    assert len(digits._kept) <= digits._KEPT_TEXTS
    long = ["条" * (digits._KEPT_CHARS // 3) for _ in range(5)]
    assert all(digits.ascii_digits(t) for t in long)
    assert digits._kept_chars <= digits._KEPT_CHARS + len(long[0]) and len(digits._kept) <= 3
    assert digits.ascii_digits(odd) is False
