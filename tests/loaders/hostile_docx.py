"""Builders for hostile .docx files: hand-made zips with broken streams, odd numbering and entity references.

Real files, written byte by byte as a careless tool or a hostile sender would; nothing is mocked.
"""

from __future__ import annotations

import io
import struct
import zipfile
from pathlib import Path

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"'
    ' Target="word/document.xml"/></Relationships>'
)


def paragraph(text: str, num_id: str | None = None, ilvl: str = "0") -> str:
    numpr = f'<w:pPr><w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr></w:pPr>' if num_id else ""
    return f"<w:p>{numpr}<w:r><w:t>{text}</w:t></w:r></w:p>"


def document_xml(body: str, doctype: str = "") -> str:
    return f'<?xml version="1.0" encoding="UTF-8"?>{doctype}<w:document xmlns:w="{W_NS}"><w:body>{body}</w:body></w:document>'


def numbering_xml(
    start: str, fmt: str = "decimal", ilvl: str = "0", text: str = "%1、", override: str | None = None
) -> str:
    ov = f'<w:lvlOverride w:ilvl="{ilvl}"><w:startOverride w:val="{override}"/></w:lvlOverride>' if override else ""
    return (
        f'<w:numbering xmlns:w="{W_NS}"><w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="{ilvl}">'
        f'<w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/></w:lvl></w:abstractNum>'
        f'<w:num w:numId="1"><w:abstractNumId w:val="1"/>{ov}</w:num></w:numbering>'
    )


def write_docx(path: Path, document: str, numbering: str | None = None) -> Path:
    """A minimal real .docx: the package relationship, the main part and (optionally) numbering.xml."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("_rels/.rels", RELS)
        z.writestr("word/document.xml", document)
        if numbering is not None:
            z.writestr("word/numbering.xml", numbering)
    path.write_bytes(buf.getvalue())
    return path


def report_docx(path: Path) -> Path:
    body = "".join(paragraph(t) for t in ("2023年度述职述廉报告", "一年来，本人认真履行职责，完成各项任务。"))
    return write_docx(path, document_xml(body))


def _entries(data: bytes, name: str) -> tuple[int, int]:
    """(local header offset, central directory entry offset) of member ``name``."""
    info = zipfile.ZipFile(io.BytesIO(data)).getinfo(name)
    i = 0
    while True:
        i = data.index(b"PK\x01\x02", i)
        n = struct.unpack("<H", data[i + 28 : i + 30])[0]
        if data[i + 46 : i + 46 + n] == name.encode():
            return info.header_offset, i
        i += 4


def patch_member(
    path: Path,
    name: str,
    *,
    method: int | None = None,
    version: int | None = None,
    flags: int | None = None,
    garble: bool = False,
) -> Path:
    """Rewrite one member's zip headers in place: compression method, version needed, flags, or its data."""
    data = bytearray(path.read_bytes())
    local, central = _entries(bytes(data), name)
    if method is not None:
        data[local + 8 : local + 10] = struct.pack("<H", method)
        data[central + 10 : central + 12] = struct.pack("<H", method)
    if version is not None:
        data[local + 4 : local + 6] = struct.pack("<H", version)
        data[central + 6 : central + 8] = struct.pack("<H", version)
    if flags is not None:
        data[local + 6 : local + 8] = struct.pack("<H", flags)
        data[central + 8 : central + 10] = struct.pack("<H", flags)
    if garble:
        info = zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo(name)
        n, m = struct.unpack("<HH", data[local + 26 : local + 30])
        start = local + 30 + n + m
        for i in range(start, start + info.compress_size, 7):
            data[i] ^= 0xFF
    path.write_bytes(bytes(data))
    return path
