"""Reading files for the index on a light path: decode, normalize, the year (pipeline.indexing runs it per file).

The index stores a document's analysed text, its fingerprints and a little metadata (the year among it).
`shuzhi.load` builds everything a check needs (a map of every character back to its line, units, the
outline for the metadata); here a .txt gets only its analysed text — the same text, character for
character (normalize.analysed_text) — and its year from the title without an outline (meta.quick_year).
Other formats go through `shuzhi.load` as before.
"""

from __future__ import annotations

import os
import stat as _stat
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ...loaders import DEFAULT_MAX_BYTES, SUPPORTED, check_path, os_reason
from ...loaders.txt import decode_bytes
from ...model.errors import LoadError, ShuzhiError
from ...outline.meta import quick_year
from ...text.normalize import analysed_text
from ...text.residue import residue_signals

if TYPE_CHECKING:  # pragma: no cover
    from ...model.document import Document


@dataclass
class Read:
    """One file as the index needs it: its analysed text and year, or the error that stopped it."""

    source: str
    text: str | None = None
    year: int | None = None
    error: dict | None = None
    doc: Document | None = None  # the whole document, when asked for (full=True)
    prints: tuple | None = None  # (its list's ListPrints, its number there): see fingerprint_reads

    def __reduce__(self):
        # Sent back from a worker for every file: its fields in order, not a dict keyed by their names
        # (3,000 chunks: 19 -> 11 ms of pickling and unpickling). A list's ListPrints is pickled once.
        return Read, (self.source, self.text, self.year, self.error, self.doc, self.prints)


def _checked_ext(path: Path, source: str, max_bytes: int, st: os.stat_result | None) -> str:
    """check_path(), without asking the file system again when ``st`` (its os.stat) shows an ordinary file
    of a known format and an acceptable size; any other case goes through check_path and its messages."""
    if st is not None and _stat.S_ISREG(st.st_mode) and 0 < st.st_size <= max_bytes:
        ext = path.suffix.lower()
        if ext in SUPPORTED:
            return ext
    return check_path(path, source, max_bytes)


def read_for_index(
    path: Path,
    source: str,
    max_bytes: int = DEFAULT_MAX_BYTES,
    *,
    full: bool = False,
    lexicons=None,
    stat: os.stat_result | None = None,
) -> Read:
    """The analysed text and year of one file (``full``: and the whole document); a bad file becomes a
    Read with a coded error. A crash of shuzhi itself is raised: pipeline.indexing reads files in
    killable workers, within a time budget, and makes it E113. ``lexicons``: a config's word lists (its
    residue signals decide what is vendor residue, as in a check). ``stat``: the file's os.stat, when the
    caller has asked for it already."""
    try:
        ext = _checked_ext(path, source, max_bytes, stat)
        if ext != ".txt" or full:
            from ...loaders import load

            doc = load(path, max_bytes=max_bytes, source=source, lexicons=lexicons)
            return Read(source, doc.text, doc.meta.year, doc=doc if full else None)
        try:
            raw, _ = decode_bytes(path.read_bytes())
        except LoadError as e:
            e.source = source
            raise
        except OSError as e:
            raise LoadError(f"无法读取文件：{os_reason(e)}", code="E110", source=source) from e
        if "\r" in raw:
            raw = raw.replace("\r\n", "\n").replace("\r", "\n")
        text = analysed_text(raw, residue_signals(lexicons))
        if not text.strip():
            raise LoadError("文件中没有文字内容（可能只有空白或图片）。", code="E101", source=source)
        year, sure = quick_year(text)
        if not sure:  # the opening starts with a year: the outline decides (rare)
            from ...loaders import load

            year = load(path, max_bytes=max_bytes, source=source, lexicons=lexicons).meta.year
        return Read(source, text, year)
    except ShuzhiError as e:
        return Read(source, error={"source": source, "code": e.code, "message": e.message})


def warm(lexicons=None, prints: tuple | None = None) -> None:
    """Build, in this process, what read_for_index builds on its first .txt (compiled patterns, tables):
    done before the workers are forked, they share it instead of each building it again (12 ms a worker).
    ``prints`` (settings, formulas): also what fingerprint_reads imports and builds (the fingerprint table,
    the formulas' automaton: 15-20 ms a worker), which the index's store then finds imported too."""
    text = analysed_text("2024年度述职报告\n本人认真履职。\n", residue_signals(lexicons))
    quick_year(text)
    if prints is not None:
        fingerprint_reads([Read("", text)], *prints)


def fingerprint_reads(reads: list, settings, formulas: tuple[str, ...]) -> None:
    """Give the texts read (a worker's list of them) their fingerprints' parts (similarity.core.parts), as
    the index with these settings and formulas stores them; Index.add joins them without fingerprinting
    again. Anything going wrong leaves them without (Index.add then fingerprints those texts itself)."""
    texts = [r for r in reads if isinstance(r, Read) and r.error is None and r.text is not None]
    if not texts or any("\n" in f for f in formulas):  # a formula across a paragraph break: not parted
        return
    try:
        from ..core.parts import list_prints
        from .files import text_key

        lp = list_prints([r.text for r in texts], settings, formulas)
        lp.text_keys = [text_key(r.text) for r in texts]  # read here too: the index need not hash them again
    except Exception:  # the texts themselves are fine: the index fingerprints them
        return
    for i, r in enumerate(texts):
        r.prints = (lp, i)


def default_jobs() -> int:
    return max(1, min(os.cpu_count() or 1, 8))
