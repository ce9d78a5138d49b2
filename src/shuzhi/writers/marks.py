"""The heuristic mark, said once per rule group (not on every line): 启发式判断，实测精确率 96%，请人工复核."""

from __future__ import annotations

from functools import lru_cache

from ..rules.registry import Registry


@lru_cache(maxsize=1)
def _rules() -> Registry:
    return Registry.default()


def heuristic_note(code: str) -> str:
    """The mark of a heuristic rule with its measured precision; "" for a deterministic check or an unknown code.

    Read from the current rules, not from a finding's stored flag, so results written before a rule was
    reclassified (a plain XX was once marked heuristic) are shown as the rule now stands.
    """
    r = _rules().get(code)
    return r.heuristic_note if r is not None else ""


def heuristic_notes(codes) -> list[tuple[str, str, str]]:
    """(code, title, measured precision) of each heuristic rule among ``codes``, once each, in code order."""
    out = []
    for code in sorted(set(codes)):
        r = _rules().get(code)
        if r is not None and r.heuristic and r.precision is not None:
            out.append((code, r.title, r.precision.short()))
    return out
