"""A loaded report with its shared analyses — outline, metadata, sentences, figures, claims — computed once, on first use."""

from __future__ import annotations

import dataclasses
from functools import cached_property
from typing import TYPE_CHECKING

from ..lexicons.loader import Lexicons
from ..model.document import Document, Unit
from ..outline.meta import Meta, extract_meta
from ..outline.parse import Outline, parse_outline
from ..text.normalize import prepare
from ..text.residue import residue_signals
from ..text.sentences import split_sentences

if TYPE_CHECKING:  # pragma: no cover
    from ..figures.claims import Claim
    from ..figures.quantities import Quantity


class AnalysedDocument(Document):
    """A Document (shuzhi.model) with the analyses every rule shares attached.

    ``Document`` itself imports nothing above ``shuzhi.model``; the analyses live here,
    one layer above the outline and the figures, and each is computed once per document
    the first time a rule, the profile or a writer asks for it.
    """

    @cached_property
    def outline(self) -> Outline:
        return parse_outline(self)

    @cached_property
    def meta(self) -> Meta:
        return extract_meta(self)

    @cached_property
    def sentences(self) -> list[tuple[int, int]]:
        return split_sentences(self.text)

    @cached_property
    def quantities(self) -> list[Quantity]:
        """Every figure of the text (shuzhi.figures.quantities), extracted once and shared by the N rules."""
        # The figures are imported on first use: a document loaded for its text and year alone (`shuzhi
        # index add`, the outline's year of a .txt) spares their 40 ms of imports.
        from ..figures.quantities import extract

        return extract(self.text)

    @cached_property
    def claims(self) -> list[Claim]:
        """The recomputable claims between those figures (shuzhi.figures), checked once."""
        from ..figures.extract import extract_claims

        return extract_claims(self)


def build_document(
    raw: str,
    units: list[Unit],
    *,
    source: str,
    format: str,
    path: str | None = None,
    encoding: str | None = None,
    warnings: list[str] | None = None,
    key: str = "",
    lexicons: Lexicons | None = None,
) -> AnalysedDocument:
    """Find vendor residue, normalize, and assemble a document whose analyses are computed on demand.

    ``lexicons``: a config's word lists; its placeholders.residue_signals decide what is vendor residue."""
    script, text, to_raw, excluded = prepare(raw, units, residue_signals(lexicons))
    return AnalysedDocument(
        source=source,
        format=format,
        raw=raw,
        units=units,
        text=text,
        to_raw=to_raw,
        excluded=excluded,
        encoding=encoding,
        path=path,
        warnings=list(warnings or []),
        script=script,
        key=key,
    )


def with_lexicons(doc: Document, lexicons: Lexicons | None) -> Document:
    """``doc`` as if loaded with a config's word lists: built again from its raw text when the config's
    residue signals differ from the built-in ones (what the format loader built used those), else ``doc``."""
    signals = residue_signals(lexicons)
    if signals is None:
        return doc
    script, text, to_raw, excluded = prepare(doc.raw, doc.units, signals)
    fields = {f.name: getattr(doc, f.name) for f in dataclasses.fields(doc)}
    fields.update(script=script, text=text, to_raw=to_raw, excluded=excluded)
    return AnalysedDocument(**fields)
