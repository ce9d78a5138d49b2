"""The blocks of the dimension analysis (a paragraph, or the piece of one inside a shortcomings/plans part, and
its class), as a sequence that makes the empty ones only when they are read, and the heading priors over them."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache


@lru_cache(maxsize=8192)  # asked for every cue of every sentence: ~450 times a seed report
def cue_weight(phrase: str) -> int:
    """A specific cue (八项规定, 一岗双责: four characters or more) counts double a short one (调研)."""
    return 2 if len(phrase) >= 4 and not phrase[0].isdigit() else 1


@dataclass(slots=True)  # a law has ~100, the laws 73,000: 31,700 made with the analysis, the rest when read
class Block:
    """A paragraph (or the piece of one inside a shortcomings/plans part) and its class."""

    start: int
    end: int
    label: str | None  # 学 德 职 责 廉 法, 问题, 打算, or None (opening, closing, unclear)
    scores: dict[str, float] = field(default_factory=dict)
    dims: tuple[str, ...] = ()  # the dimensions it counts for (职 → the 能/勤/绩 it shows)
    evidence: list[tuple[int, int, str, str]] = field(default_factory=list)  # (start, end, phrase, dim)


class Blocks(Sequence):
    """The blocks of a document, in text order: a list of ``Block`` to whoever reads it.

    Only the blocks that count for something (a class, a part, a cue that may classify a sentence) are
    objects from the start; those with no cue and no prior (``Block(start, end, None)``) or one weak cue
    and no prior (no class) are made when they are read. Equal to the list of the same blocks, and
    its repr is that list's.
    """

    __slots__ = ("hits", "made", "pieces", "weak")

    def __init__(self, pieces, made: dict[int, Block], weak: dict[int, int] | None = None, hits=()):
        self.pieces = pieces  # (start, end, part label or None) of every block
        self.made = made  # index -> block, for the blocks counted by the analysis, in text order
        # index -> the one cue of a block with one weak cue and no prior (no class), in ``hits``: the
        # (start, end, phrase, tags) of the document's cues
        self.weak = weak or {}
        self.hits = hits

    def __len__(self) -> int:
        return len(self.pieces)

    def _at(self, i: int) -> Block:
        blk = self.made.get(i)
        if blk is not None:
            return blk
        j = self.weak.get(i)
        if j is None:
            return Block(self.pieces[i][0], self.pieces[i][1], None, {}, (), [])
        x, y, ph, (t,) = self.hits[j]
        return Block(self.pieces[i][0], self.pieces[i][1], None, {t: cue_weight(ph)}, (), [(x, y, ph, t)])

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self._at(k) for k in range(*i.indices(len(self)))]
        if i < 0:
            i += len(self)
        if not 0 <= i < len(self):
            raise IndexError("block index out of range")
        return self._at(i)

    def __iter__(self):
        for i in range(len(self.pieces)):
            yield self._at(i)

    def scored(self) -> list[Block]:
        """The blocks that count for a class or cite a cue in one (all but those with no cue and no prior,
        or one weak cue and no prior), in text order."""
        return list(self.made.values())

    def __eq__(self, other) -> bool:
        if isinstance(other, (Blocks, list)):
            return list(self) == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return repr(list(self))


class PriorSweep:
    """The heading priors whose section contains an offset, in their original order.

    Offsets are asked in increasing order (paragraphs in text order), so the sections
    are swept once instead of testing every section for every paragraph, and the answer
    is made again only when a section begins or ends (a law has ~100 paragraphs and a
    few sections with a prior).
    """

    def __init__(self, priors: list[tuple[int, int, dict[str, float]]]):
        self.priors = priors
        self.by_start = sorted(range(len(priors)), key=lambda i: priors[i][0])
        self._restart()

    def _restart(self) -> None:
        self.next = 0
        self.active: list[int] = []
        self.first_end = math.inf  # where the first of the active sections ends
        self.current: list[dict[str, float]] = []
        self.last = None

    def at(self, a: int) -> list[dict[str, float]]:
        if self.last is not None and a < self.last:  # not expected; start the sweep over
            self._restart()
        self.last = a
        priors, order = self.priors, self.by_start
        changed = a >= self.first_end
        while self.next < len(order) and priors[order[self.next]][0] <= a:
            self.active.append(order[self.next])
            self.next += 1
            changed = True
        if changed:
            self.active = [i for i in self.active if a < priors[i][1]]
            self.first_end = min((priors[i][1] for i in self.active), default=math.inf)
            self.current = [priors[i][2] for i in sorted(self.active)]
        return self.current

    def valid_until(self) -> float:
        """Up to where (excluded) at() gives what it gave last: the next section start or end."""
        nxt = self.priors[self.by_start[self.next]][0] if self.next < len(self.by_start) else math.inf
        return min(self.first_end, nxt)
