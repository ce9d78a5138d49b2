"""Word .docx reports: body paragraphs and table text in order, with run positions."""
from __future__ import annotations

import zipfile
from pathlib import Path

from ..document import Document, Unit
from ..errors import LoadError
from ..normalize import build_document


def _paragraph_texts(path: Path):
    import docx  # python-docx
    from docx.oxml.ns import qn

    try:
        d = docx.Document(str(path))
    except (zipfile.BadZipFile, KeyError, ValueError) as e:
        raise LoadError("文件已损坏或不是有效的 .docx 文档。请用 Word 打开并另存为 .docx 后再检查。", code="E103") from e
    body = d.element.body
    for el in body.iterchildren():
        if el.tag == qn("w:p"):
            yield el
        elif el.tag == qn("w:tbl"):
            for p in el.iter(qn("w:p")):
                yield p


def _runs(p_el):
    from docx.oxml.ns import qn

    for r in p_el.iter(qn("w:r")):
        parts = []
        for c in r.iterchildren():
            if c.tag == qn("w:t"):
                parts.append(c.text or "")
            elif c.tag == qn("w:tab"):
                parts.append("\t")
            elif c.tag in (qn("w:br"), qn("w:cr")):
                parts.append(" ")
        yield "".join(parts)


def load_docx(path: Path, source: str) -> Document:
    pieces: list[str] = []
    units: list[Unit] = []
    pos = 0
    for n, p in enumerate(_paragraph_texts(path), start=1):
        runs = []
        buf = []
        rel = 0
        for t in _runs(p):
            runs.append(rel)
            buf.append(t)
            rel += len(t)
        line = "".join(buf)
        units.append(Unit(pos, pos + len(line), n, runs=tuple(runs) or None))
        pieces.append(line)
        pos += len(line) + 1
    raw = "\n".join(pieces)
    return build_document(raw, units, source=source, format="docx", path=str(path))
