"""A finding's evidence lines made once while a report's Word comments and page are written (#17: review's
_one_report), the same lines as made each time."""

from __future__ import annotations

import shuzhi.writers.evidence as evidence
from shuzhi.writers.evidence import evidence_lines, evidence_remembered

C301 = {
    "source": "/round/r0330.docx",
    "source_paragraph": 2,
    "source_excerpt": "一年来，本人认真贯彻党的XX大精神",
    "chars": 107,
    "identity": 1.0,
    "other_sources": [f"r{k:04d}.docx" for k in range(12)],
    "other_sources_total": 98,
}


def _counting(monkeypatch) -> list:
    made = []
    real = evidence._lines

    def counted(data):
        made.append(data)
        return real(data)

    monkeypatch.setattr(evidence, "_lines", counted)
    return made


def test_the_same_data_made_once_inside(monkeypatch):
    want = evidence_lines(C301)
    made = _counting(monkeypatch)
    other = dict(C301)  # equal, another object: made on its own
    with evidence_remembered():
        first = evidence_lines(C301)
        first.append(("改", "动"))  # each call has its own list
        assert evidence_lines(C301) == want
        assert evidence_lines(other) == want
        assert evidence_lines(None) == [] and evidence_lines({}) == []
    assert first[:-1] == want
    assert [id(d) for d in made] == [id(C301), id(other)]
    evidence_lines(C301)  # outside: made every time
    evidence_lines(C301)
    assert len(made) == 4


def test_nested_and_left_behind(monkeypatch):
    made = _counting(monkeypatch)
    with evidence_remembered():
        evidence_lines(C301)
        with evidence_remembered():
            evidence_lines(C301)  # a new memory inside
        evidence_lines(C301)  # the outer one's again
    assert len(made) == 2
    assert evidence._REMEMBERED is None
    try:
        with evidence_remembered():
            raise ValueError
    except ValueError:
        pass
    assert evidence._REMEMBERED is None
