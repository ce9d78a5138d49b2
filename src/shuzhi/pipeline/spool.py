"""A review round's checked documents kept on disk, not in memory: each spilled as its report finishes.

A checked document (its raw text, the map of every character back to the source, its units and analyses) is
about 200 KB in memory for a report of 10,000 characters; a round of hundreds would keep them all until its
Word files are written. Instead, the moment a report's findings come back, its document is written to a
spool file and replaced on the Result by a `RoundText`: what the round still reads from every report at
once (its text for the copy comparison and the passages shown beside each other, its metadata and
figures for the summary rows) without the rest. The steps that need the whole document again — the copy
rules of one report, its Word file and its page — read it back with `full_document`, one report at a time.
"""

from __future__ import annotations

import pickle
import shutil
import tempfile
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from ..model.document import Document, paragraph_spans

__all__ = ["RoundText", "Spool", "full_document"]

_MISSING = object()


@dataclass(eq=False)
class RoundText:
    """A spooled document's light stand-in: the text and the small analyses the round reads from every report.

    Anything else (positions, units, the raw text) is the full document's: `full_document` reads it back.
    """

    source: str
    key: str
    format: str
    text: str
    meta: Any
    path: str  # the spool file holding the whole document
    _claims: Any = _MISSING

    @classmethod
    def of(cls, doc: Document, path: Path) -> RoundText:
        try:
            claims = doc.claims  # type: ignore[attr-defined]  # computed by the figures rules (AnalysedDocument)
        except Exception:  # a document without claims: the summary skips it, as it did the whole document
            claims = _MISSING
        return cls(doc.source, doc.key, doc.format, doc.text, getattr(doc, "meta", None), str(path), claims)

    @property
    def claims(self):
        if self._claims is _MISSING:
            raise AttributeError("claims")
        return self._claims

    @cached_property
    def paragraphs(self) -> list[tuple[int, int]]:
        return paragraph_spans(self.text)

    @cached_property
    def char_count(self) -> int:
        return Document.char_count.func(self)  # type: ignore[attr-defined]  # the same count as the document's

    def load(self) -> Document:
        with open(self.path, "rb") as fh:
            return pickle.load(fh)


def full_document(result) -> Document:
    """The whole document of a result: read back from the spool when the round spilled it."""
    doc = result.document
    return doc.load() if isinstance(doc, RoundText) else doc


class Spool:
    """A temporary directory of pickled documents, one file per report; removed by ``close``."""

    def __init__(self, parent: str | Path | None = None):
        self.dir = Path(tempfile.mkdtemp(prefix="shuzhi-round-", dir=parent))

    def put(self, i: int, doc: Document) -> RoundText:
        path = self.dir / f"{i}.pickle"
        with open(path, "wb") as fh:
            pickle.dump(doc, fh, protocol=pickle.HIGHEST_PROTOCOL)
        return RoundText.of(doc, path)

    def close(self) -> None:
        shutil.rmtree(self.dir, ignore_errors=True)

    def __enter__(self) -> Spool:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
