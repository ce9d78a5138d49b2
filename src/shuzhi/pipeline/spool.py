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

import os
import pickle
import shutil
import tempfile
import weakref
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from ..model.document import Document, paragraph_spans

__all__ = ["FindingsFiles", "RoundText", "Spool", "SpooledFindings", "full_document"]

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


class FindingsFiles:
    """Each report's findings pickled to a file of their own, read back one report at a time.

    A 500-report round has ~38,000 findings (25,000 of them C301s, each with two excerpts): ~100 MB of Python
    objects if the parent kept them all. `review` writes a report's findings here as its result comes back, the
    copy rules' workers write them again with the copy findings added, and every writer reads one report's back
    when it gets to it. The directory is removed when no `SpooledFindings` refers to it any more (or at exit),
    so a Review's results stay readable as long as they are kept.
    """

    def __init__(self, parent: str | Path | None = None):
        self.dir = Path(tempfile.mkdtemp(prefix="shuzhi-findings-", dir=parent))
        weakref.finalize(self, _remove, str(self.dir), os.getpid())

    def write(self, key: str, findings) -> int:
        """Write the findings under ``key`` (from any process: a forked worker writes its report's); their number."""
        findings = list(findings)
        with open(self.dir / f"{key}.findings", "wb") as fh:
            pickle.dump(findings, fh, protocol=pickle.HIGHEST_PROTOCOL)
        return len(findings)

    def put(self, key: str, findings) -> SpooledFindings:
        return self.stand_in(key, self.write(key, findings))

    def stand_in(self, key: str, n: int) -> SpooledFindings:
        """The stand-in for the ``n`` findings written under ``key`` (by a worker, say)."""
        return SpooledFindings(self, key, n)

    def key_of(self, findings, default: str) -> str:
        """The key ``findings`` are spooled under when they are a stand-in of this directory, else ``default``."""
        return findings.key if isinstance(findings, SpooledFindings) and findings.files is self else default


def _remove(path: str, pid: int) -> None:
    if os.getpid() == pid:  # never from a forked worker that inherited the object
        shutil.rmtree(path, ignore_errors=True)


class SpooledFindings(Sequence):
    """A result's findings on disk: a read-only list whose items are read back each time it is iterated.

    Its length is known without reading; iterating, indexing or comparing reads the file (a writer that walks the
    findings several times takes ``list()`` of it once). Pickled, it is a plain list of the findings.
    """

    __slots__ = ("_n", "files", "key")

    def __init__(self, files: FindingsFiles, key: str, n: int):
        self.files, self.key, self._n = files, key, n  # files: keeps the directory while this is alive

    def load(self) -> list:
        with open(self.files.dir / f"{self.key}.findings", "rb") as fh:
            return pickle.load(fh)

    def __len__(self) -> int:
        return self._n

    def __iter__(self) -> Iterator:
        return iter(self.load())

    def __getitem__(self, k):
        return self.load()[k]

    def __eq__(self, other) -> bool:
        if isinstance(other, (list, SpooledFindings)):
            return self.load() == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # a list's

    def __reduce__(self):
        return (list, (self.load(),))

    def __repr__(self) -> str:
        return f"SpooledFindings({self._n} findings, {self.key!r} in {self.files.dir})"
