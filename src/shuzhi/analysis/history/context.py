"""What the H rules get besides the document: the person, the year, the earlier reports and what was
gathered from the index about them (``extra={"history": HistoryContext}``)."""

from __future__ import annotations

from dataclasses import dataclass, field

from .identity import Identity
from .link import Earlier, Recycled


@dataclass
class HistoryContext:
    identity: Identity
    year: int | None
    earlier: list[Earlier] = field(default_factory=list)
    common: frozenset[str] = frozenset()  # masked contents of items other people also wrote (common language)
    phrases: tuple[str, ...] = ()  # stock phrases masked before items are compared
    recycled: list[Recycled] = field(default_factory=list)  # passages aligned with earlier reports' duties
    note: str | None = None  # why there is no history, in Chinese

    def to_dict(self) -> dict:
        return {
            "person": self.identity.person,
            "year": self.year,
            "identity": self.identity.to_dict(),
            "earlier": [{"year": e.year, "source": e.source, "id": e.id} for e in self.earlier],
            "note": self.note,
        }
