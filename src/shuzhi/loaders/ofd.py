"""OFD reports (GB/T 33190, the national fixed-layout format): text objects placed into lines in reading order.

An OFD file is a zip of XML: OFD.xml names each document's Document.xml (DocBody/DocRoot); a
Document.xml lists its pages (Pages/Page/@BaseLoc) and the page size (CommonData/PageArea);
each page's Content.xml holds layers of TextObjects (Boundary "x y w h" in mm, Size in mm,
optional CTM) whose TextCodes give a start point (X, Y: the baseline, relative to the
Boundary, y downwards) and the advance of each following character (DeltaX, where
"g 3 4.2" means 4.2 three times). Glyphs are grouped into lines by baseline, lines are read
top to bottom (columns left to right, as in a PDF), and then treated exactly like a PDF's
lines: running headers and page numbers left out, wrapped lines joined.
Template pages (the page background: letterheads, running heads), annotations, signatures
and attachments are not read.
"""

from __future__ import annotations

import contextlib
import posixpath
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from ..model.document import Document
from ..model.errors import LoadError
from .docx import _CORRUPT, _UNSUPPORTED, check_zip
from .layout import Glyph, lines_from_glyphs
from .pdf import _Page, build_from_pages

_BROKEN = "文件已损坏或不是有效的 OFD 文档。请用 OFD 阅读器打开并另存为 OFD 或 PDF 后再检查。"
# Limits on what one file may make us parse (a page with a million text objects is not a report).
MAX_PAGES = 2000
MAX_XML_BYTES = 20 * 1024 * 1024
_NUM = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")


@dataclass
class _Ctx:
    zf: zipfile.ZipFile
    members: dict


def _local(tag) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _children(el, name: str):
    return [c for c in el if _local(c.tag) == name]


def _child(el, name: str):
    for c in el:
        if _local(c.tag) == name:
            return c
    return None


def _read_xml(ctx: _Ctx, name: str):
    from lxml import etree

    info = ctx.members.get(name)
    if info is None:
        # Paths in OFD are case-insensitive in practice (Windows writers); look once more.
        lower = {k.lower(): v for k, v in ctx.members.items()}
        info = lower.get(name.lower())
    if info is None:
        raise LoadError(_BROKEN + f"（缺少 {name}）", code="E103")
    if info.file_size > MAX_XML_BYTES:
        raise LoadError(f"OFD 中的 {name} 解压后超过 {MAX_XML_BYTES // 1048576} MB，已拒绝读取。", code="E104")
    try:
        with ctx.zf.open(info) as f:
            data = f.read(info.file_size + 1)
    except (*_CORRUPT, *_UNSUPPORTED) as e:  # a damaged deflate stream is zlib.error (found by the fuzzer)
        raise LoadError(_BROKEN, code="E103") from e
    if len(data) > info.file_size:
        raise LoadError("文件中的压缩成员大小与声明不符，疑似压缩炸弹，已拒绝读取。", code="E104")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False)
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError as e:
        raise LoadError(_BROKEN, code="E103") from e


def _resolve(base_dir: str, loc: str) -> str:
    loc = (loc or "").strip().replace("\\", "/")
    if loc.startswith("/"):
        return posixpath.normpath(loc.lstrip("/"))
    return posixpath.normpath(posixpath.join(base_dir, loc))


def _floats(s: str | None) -> list[float]:
    return [float(x) for x in _NUM.findall(s or "")]


def parse_delta(s: str | None) -> list[float]:
    """DeltaX/DeltaY: numbers, where "g N V" stands for V repeated N times (GB/T 33190 §11.3)."""
    out: list[float] = []
    toks = (s or "").split()
    i = 0
    while i < len(toks):
        if toks[i] == "g" and i + 2 < len(toks):
            with contextlib.suppress(ValueError):  # a malformed repeat is skipped, not fatal
                out.extend([float(toks[i + 2])] * min(int(float(toks[i + 1])), 100000))
            i += 3
            continue
        with contextlib.suppress(ValueError):
            out.append(float(toks[i]))
        i += 1
    return out


def _page_size(document) -> tuple[float, float]:
    common = _child(document, "CommonData")
    area = _child(common, "PageArea") if common is not None else None
    box = _child(area, "PhysicalBox") if area is not None else None
    nums = _floats(box.text if box is not None else None)
    if len(nums) == 4 and nums[2] > 0 and nums[3] > 0:
        return nums[2], nums[3]
    return 210.0, 297.0  # A4, the default of every 公文


def _text_objects(el, ctm=(1.0, 0.0, 0.0, 1.0, 0.0, 0.0)):
    """Every TextObject under a layer or page block (blocks nest)."""
    for c in el:
        name = _local(c.tag)
        if name == "TextObject":
            yield c
        elif name in ("PageBlock", "Layer", "Content"):
            yield from _text_objects(c)


def page_glyphs(content) -> list[Glyph]:
    """The glyphs of one page's Content.xml: position (mm, y down), size and character."""
    glyphs: list[Glyph] = []
    body = _child(content, "Content")
    if body is None:
        return glyphs
    for obj in _text_objects(body):
        bx, by = [*_floats(obj.get("Boundary")), 0.0, 0.0][:2]
        size = (_floats(obj.get("Size")) or [3.5])[0]
        ctm = _floats(obj.get("CTM"))
        sx, sy = (ctm[0], ctm[3]) if len(ctm) == 6 else (1.0, 1.0)
        tx, ty = (ctm[4], ctm[5]) if len(ctm) == 6 else (0.0, 0.0)
        x = y = 0.0
        for code in _children(obj, "TextCode"):
            text = code.text or ""
            if code.get("X") is not None:
                x = (_floats(code.get("X")) or [0.0])[0]
            if code.get("Y") is not None:
                y = (_floats(code.get("Y")) or [0.0])[0]
            dx = parse_delta(code.get("DeltaX"))
            dy = parse_delta(code.get("DeltaY"))
            cx, cy = x, y
            for i, ch in enumerate(text):
                if i > 0:
                    cx += dx[i - 1] if i - 1 < len(dx) else size
                    cy += dy[i - 1] if i - 1 < len(dy) else 0.0
                gx = bx + tx + cx * sx
                gy = by + ty + cy * sy
                glyphs.append(Glyph(ch, gx, gy, size * abs(sx or 1.0), size * abs(sy or 1.0)))
            # The next TextCode without X/Y continues after this one.
            if text:
                x = cx + (dx[len(text) - 1] if len(text) - 1 < len(dx) else size)
                y = cy
    return glyphs


def load_ofd(path: Path, source: str) -> Document:
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, *_UNSUPPORTED) as e:
        raise LoadError(_BROKEN, code="E103") from e  # NotImplementedError: a zip version no writer uses
    pages: list[_Page] = []
    with zf:
        ctx = _Ctx(zf, check_zip(zf))
        root = _read_xml(ctx, "OFD.xml")
        if _local(root.tag) != "OFD":
            raise LoadError(_BROKEN, code="E103")
        bodies = _children(root, "DocBody")
        if not bodies:
            raise LoadError(_BROKEN + "（没有文档）", code="E103")
        # One OFD may bundle several documents; the first is the report (the others are usually attachments).
        doc_root = _child(bodies[0], "DocRoot")
        if doc_root is None or not (doc_root.text or "").strip():
            raise LoadError(_BROKEN + "（没有文档）", code="E103")
        doc_path = _resolve("", doc_root.text)
        document = _read_xml(ctx, doc_path)
        width, height = _page_size(document)
        base = posixpath.dirname(doc_path)
        pages_el = _child(document, "Pages")
        page_list = _children(pages_el, "Page") if pages_el is not None else []
        if len(page_list) > MAX_PAGES:
            raise LoadError(f"OFD 文档有 {len(page_list)} 页，超过 {MAX_PAGES} 页上限，不像是一份报告。", code="E107")
        for pno, page_el in enumerate(page_list, start=1):
            content = _read_xml(ctx, _resolve(base, page_el.get("BaseLoc", "")))
            w, h = width, height
            area = _child(content, "Area")
            if area is not None:
                nums = _floats(_child(area, "PhysicalBox").text if _child(area, "PhysicalBox") is not None else "")
                if len(nums) == 4 and nums[2] > 0 and nums[3] > 0:
                    w, h = nums[2], nums[3]
            pages.append(lines_from_glyphs(page_glyphs(content), pno, w, h))
    if not any(ln.text.strip() for p in pages for ln in p.lines):
        raise LoadError(
            "OFD 文档中没有文字（可能是扫描件图片）。请先进行OCR（文字识别），或提供 Word 原文件后再检查。",
            code="E106",
        )
    doc = build_from_pages(pages, source=source, fmt="ofd", path=str(path))
    doc.origin = {"format": "ofd", "notes": ["OFD 版式文档：位置为页码和页内行号（页眉、页脚、页码不计入正文）。"]}
    return doc
