"""`shuzhi check --index`: a document checked with every rule and its copy report against the index."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ..model.document import Document
from ..rules.engine import check_document
from ..similarity.index.store import text_key
from ..similarity.sources import check_against_index


def check_with_index(
    doc: Document,
    config,
    index,
    *,
    provides: Sequence[str] = (),
    extra: dict | None = None,
    person: str | None = None,
):
    """`shuzhi check --index`: every rule, C301/C302 included, with the document's copy report.

    ``provides``/``extra`` add context for further rules that need it (the H rules' history). ``person`` (a
    review's identity of the author) decides which indexed reports are the author's own, before the index's record.

    A document already in the index (same text, added from the same file) is not its own source, and its
    indexed person decides which sources are the author's own earlier reports.
    """
    me = index.find_key(text_key(doc.text))
    if me is not None and not _same_file(me.meta.source, doc.source):
        # Same text under another file is a copy (e.g. a colleague's indexed report handed in again), not itself.
        me = None
    person = person or (me.meta.person if me else None)
    report = check_against_index(doc.text, index, person=person, exclude=[me.id] if me else [])
    result = check_document(doc, config, provides=("index", *provides), extra={"copy": report, **(extra or {})})
    result.profile["copy"] = report.to_dict()
    return result


def _same_file(indexed_source, source) -> bool:
    """Whether the indexed document was added from this very file (paths compared resolved)."""
    if not indexed_source or not source:
        return True  # nothing to tell them apart by: keep treating identical text as the document itself
    if str(indexed_source) == str(source):
        return True
    try:
        return Path(indexed_source).resolve() == Path(source).resolve()
    except (OSError, ValueError):
        return False
