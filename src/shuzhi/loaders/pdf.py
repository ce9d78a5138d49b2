"""PDF reports with a text layer, via pypdfium2: lines joined into paragraphs, headers/footers/page numbers left out."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from ..analysis.document import build_document
from ..model.document import Document, Unit
from ..model.errors import LoadError

# Lines this close to the top/bottom edge (share of page height) may be running
# headers, footers or page numbers; inside the body nothing is ever dropped.
EDGE_ZONE = 0.15
# Of the lines in that zone, only the outermost few on each side are candidates.
EDGE_LINES = 2
# A running header/footer is repeated on at least this share of the pages.
REPEAT_SHARE = 0.5
# A gap wider than this many characters inside a line separates table cells (or
# columns): each side is its own paragraph. Word spacing is never this wide.
CELL_GAP = 2.5
_INNER_SPACE = re.compile(r"(?<=\S)[ \t\u3000\xa0]+(?=\S)")

_PAGE_NUMBER = re.compile(
    r"^(?:[-—–－~\s]*\d{1,4}[-—–－~\s]*"  # 3   - 3 -   — 3 —
    r"|第\s*[\d一二三四五六七八九十百]+\s*页(?:\s*[,，/／]?\s*共\s*[\d一二三四五六七八九十百]+\s*页)?"  # 第3页 共10页
    r"|\d{1,4}\s*[/／]\s*\d{1,4}"  # 3/10
    r"|(?:page|Page|PAGE)\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?)$"
)
_BARE_NUMBER = re.compile(r"^\d{1,4}$")
# A line ending in one of these (closing quotes and brackets aside) ends a
# sentence, so the break after it may be real.
_FINAL = tuple("。！？；：…!?;:")
_CLOSERS = "”’」』）)】》"


def _ends_sentence(text: str) -> bool:
    return text.rstrip().rstrip(_CLOSERS).endswith(_FINAL)


@dataclass
class _Line:
    page: int  # 1-based
    number: int  # 1-based line number on its page, as pdfium orders them
    text: str
    left: float | None = None
    right: float | None = None
    top: float | None = None
    bottom: float | None = None
    char: float = 0.0  # width of one character at this line's size
    drop: bool = False
    cells: bool = False  # split into table cells: never a wrapped line
    # The placed character behind each character of ``text`` (None for inserted spaces and breaks),
    # for lines made from glyphs (OFD, OCR, two-column PDF pages): OCR confidences come from them.
    glyphs: list | None = None
    column: int = 0  # 0 on a one-column page; 1, 2 for the columns of a two-column page (0: full width)


@dataclass
class _Page:
    width: float
    height: float
    lines: list[_Line]


def _open(path: Path):
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as e:
        if "password" in str(e).lower():
            raise LoadError(
                "PDF 已加密（设置了打开密码），无法读取。请用 PDF 阅读器输入密码后另存为不加密的 PDF，或解除密码保护后再检查。",
                code="E105",
            ) from e
        raise LoadError("PDF 文件已损坏，无法打开。请重新导出或另存 PDF 后再检查。", code="E109") from e


def _read_page(pdf, pno: int) -> _Page:
    page = pdf[pno]
    try:
        width, height = page.get_size()
        tp = page.get_textpage()
        try:
            n = tp.count_chars()
            text = tp.get_text_range() if n > 0 else ""
            # Boxes are addressed by character index; that only works when the text
            # has one character per index (pdfium's own line breaks included).
            boxes_ok = len(text) == n
            lines = []
            pos = 0
            for number, seg in enumerate(re.split(r"\r\n|\r|\n", text), start=1):
                start = text.find(seg, pos) if seg else pos
                pos = start + len(seg)
                line = _Line(pno + 1, number, seg.replace("\x02", "-").replace("\ufffe", "-"))
                stripped = seg.strip()
                if boxes_ok and stripped:
                    a = start + (len(seg) - len(seg.lstrip()))
                    b = start + len(seg.rstrip()) - 1
                    l0, b0, r0, t0 = tp.get_charbox(a, loose=True)
                    l1, b1, r1, t1 = tp.get_charbox(b, loose=True)
                    line.left, line.right = l0, r1
                    line.top, line.bottom = max(t0, t1), min(b0, b1)
                    line.char = max(r1 - l1, t1 - b1, 1.0)
                    _split_cells(tp, line, start)
                lines.append(line)
            if boxes_ok and _may_have_columns(lines, width):
                columns = _column_page(tp, text, pno, width, height)
                if columns is not None:
                    return columns
        finally:
            tp.close()
    finally:
        page.close()
    return _Page(width, height, lines)


def _may_have_columns(lines: list[_Line], width: float) -> bool:
    """Cheap test before placing every character: lines split at a wide gap, or starting right of the middle."""
    hits = sum(1 for ln in lines if ln.cells or (ln.left is not None and ln.left > 0.4 * width))
    return hits >= 4


def _column_page(tp, text: str, pno: int, width: float, height: float) -> _Page | None:
    """A two-column page read column by column from its character boxes; None when it is not two columns.

    pdfium joins characters on one baseline into one line, so a page whose columns are written line by
    line across the page reads "left 1, right 1, left 2 …"; the boxes give the columns back. Tables are
    not columns (layout.find_gutter): their rows stay rows, each cell its own paragraph.
    """
    from .layout import Glyph, find_gutter, lines_from_glyphs, rows_of

    glyphs = []
    for i, ch in enumerate(text):
        if ch.isspace():
            continue
        left, bottom, right, top = tp.get_charbox(i, loose=True)
        glyphs.append(
            Glyph("-" if ch in "\x02\ufffe" else ch, left, height - bottom, max(top - bottom, 1.0), w=right - left)
        )
    if find_gutter(rows_of(glyphs), width) is None:
        return None
    return lines_from_glyphs(glyphs, pno + 1, width, height)


def _split_cells(tp, line: _Line, start: int) -> None:
    """Turn wide gaps inside a line into paragraph breaks, keeping the line's length (and columns)."""
    text = line.text
    cuts = []
    for m in _INNER_SPACE.finditer(text):
        before = tp.get_charbox(start + m.start() - 1, loose=True)
        after = tp.get_charbox(start + m.end(), loose=True)
        if after[0] - before[2] > CELL_GAP * line.char:
            cuts.append(m.start())
    if cuts:
        chars = list(text)
        for i in cuts:
            chars[i] = "\n"
        line.text = "".join(chars)
        line.cells = True


def _edge_candidates(page: _Page) -> list[_Line]:
    """The outermost content lines at the top and bottom of a page, outermost first."""
    content = [ln for ln in page.lines if ln.text.strip()]
    if not content:
        return []
    if all(ln.top is not None for ln in content):
        by_y = sorted(content, key=lambda ln: -ln.top)
        top = [ln for ln in by_y[:EDGE_LINES] if ln.top >= page.height * (1 - EDGE_ZONE)]
        bottom = [ln for ln in reversed(by_y[-EDGE_LINES:]) if ln.bottom <= page.height * EDGE_ZONE]
    else:  # no geometry: trust the reading order
        top, bottom = content[:1], content[-1:]
    out = top + [ln for ln in bottom if ln not in top]
    return out


def _key(text: str) -> str:
    # "第 3 页" on one page and "第 4 页" on the next are the same running line.
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", text))


def mark_page_furniture(pages: list[_Page]) -> None:
    """Mark running headers, footers and page numbers (drop=True): they are not report text."""
    edges = [_edge_candidates(p) for p in pages]
    counts: Counter[str] = Counter()
    for cands in edges:
        counts.update({_key(ln.text) for ln in cands})
    need = max(2, REPEAT_SHARE * len(pages))
    bare: list[_Line] = []
    for cands in edges:
        dropped_keys: set[str] = set()
        for ln in cands:
            t = ln.text.strip()
            key = _key(t)
            if len(pages) >= 2 and counts[key] >= need:
                # Only the outermost line with that text: a title under a running
                # header that repeats the title is content.
                if key not in dropped_keys:
                    ln.drop = True
                    dropped_keys.add(key)
            elif _BARE_NUMBER.match(t):
                bare.append(ln)
            elif _PAGE_NUMBER.match(t):
                ln.drop = True
    # A bare number is a page number only if it counts with the pages (3 on the
    # third page, or 2 on the third when the cover is unnumbered).
    if bare:
        offsets = Counter(int(ln.text.strip()) - ln.page for ln in bare)
        offset, seen = offsets.most_common(1)[0]
        if len(pages) == 1 or seen >= 2:
            for ln in bare:
                if int(ln.text.strip()) - ln.page == offset:
                    ln.drop = True


def mark_soft_breaks(pages: list[_Page]) -> list[tuple[_Line, bool]]:
    """The content lines in order, each with whether the break after it only wraps the paragraph."""
    content: list[tuple[_Line, _Page]] = [(ln, p) for p in pages for ln in p.lines if not ln.drop and ln.text.strip()]
    # Margins per page and column: on a two-column page a line is full when it reaches its column's edge.
    margins: dict[tuple[int, int], tuple[float, float]] = {}
    for p in pages:
        for col in {ln.column for ln in p.lines}:
            geo = [ln for ln in p.lines if not ln.drop and ln.left is not None and ln.column == col]
            if geo:
                margins[id(p), col] = (min(ln.left for ln in geo), _right_margin(geo))

    def full(ln: _Line, p: _Page) -> bool:
        m = margins.get((id(p), ln.column))
        return m is not None and ln.right is not None and ln.right >= m[1] - 2.0 * ln.char

    def indented(ln: _Line, p: _Page) -> bool:
        m = margins.get((id(p), ln.column))
        return m is not None and ln.left is not None and ln.left > m[0] + 0.9 * ln.char

    # Does this document mark paragraphs with a first-line indent (公文 style)? Then
    # the line after a sentence end is indented when, and only when, a paragraph starts.
    after_end = [indented(*content[i]) for i in range(1, len(content)) if _ends_sentence(content[i - 1][0].text)]
    indent_style = len(after_end) >= 3 and sum(after_end) >= 0.6 * len(after_end)

    # Or with space between paragraphs (Word's default "space after")? Then a gap
    # clearly wider than the usual line pitch is a paragraph break, and only that.
    pitches = [_pitch(content[i], content[i + 1]) for i in range(len(content) - 1)]
    known = sorted(x for x in pitches if x is not None)
    usual = known[len(known) // 2] if known else None

    def spaced(i: int) -> bool:
        return usual is not None and pitches[i] is not None and pitches[i] > 1.25 * usual

    after_end_gap = [spaced(i) for i in range(len(content) - 1) if _ends_sentence(content[i][0].text)]
    spacing_style = len(after_end_gap) >= 3 and sum(after_end_gap) >= 0.6 * len(after_end_gap)

    out = []
    for i, (ln, p) in enumerate(content):
        soft = False
        if i + 1 < len(content) and not ln.cells and full(ln, p) and not spaced(i):
            nxt, np_ = content[i + 1]
            if not indented(nxt, np_):
                soft = indent_style or spacing_style or not _ends_sentence(ln.text)
        out.append((ln, soft))
    return out


def _right_margin(lines: list[_Line]) -> float:
    """The right edge most full lines reach: the rightmost edge shared (within a character) by at least two
    lines or a fifth of them. Punctuation hanging into the margin (避头尾 layout), or one overlong line in a
    scan, is then not taken for the margin, which would make no line look full."""
    rights = sorted((ln.right for ln in lines), reverse=True)
    need = max(2, len(lines) // 5)
    for r in rights:
        tol = max(ln.char for ln in lines)
        if sum(1 for x in rights if abs(x - r) <= tol) >= need:
            return r
    return rights[0]


def _pitch(a: tuple[_Line, _Page], b: tuple[_Line, _Page]) -> float | None:
    """Vertical distance from one line to the next on the same page (None across pages)."""
    la, lb = a[0], b[0]
    if a[1] is not b[1] or la.top is None or lb.top is None:
        return None
    d = la.top - lb.top
    return d if d > 0 else None


def load_pdf(path: Path, source: str) -> Document:
    pdf = _open(path)
    scanned: list[int] = []
    at_dpi = None
    try:
        pages = [_read_page(pdf, pno) for pno in range(len(pdf))]
        # Pages with no text but an image are scans (often the whole report, or a signed last page).
        blank = [i for i, p in enumerate(pages) if not any(ln.text.strip() for ln in p.lines) and _has_image(pdf, i)]
        if blank:
            from . import ocr

            if ocr.ocr_available():
                ocr.check_ocr_pages(len(blank))
                at_dpi = ocr.dpi()
                for i in blank:
                    pages[i] = ocr.ocr_pdf_page(pdf, i, at_dpi)
                scanned = [i + 1 for i in blank]
            elif len(blank) == len(pages):
                raise LoadError(ocr.missing_message("PDF 没有文字层（是扫描件或图片）"), code="E111")
    except LoadError:
        raise
    except Exception as e:  # pdfium raises its own errors on broken page trees
        raise LoadError("PDF 文件已损坏，无法读取其中的页面。请重新导出或另存 PDF 后再检查。", code="E109") from e
    finally:
        pdf.close()
    if not any(ln.text.strip() for p in pages for ln in p.lines):
        what = "PDF 中没有识别出文字" if scanned else "PDF 没有文字层"
        raise LoadError(f"{what}，请先进行OCR（文字识别）后再检查：它可能是扫描件或图片。", code="E106")
    doc = build_from_pages(pages, source=source, fmt="pdf", path=str(path), ocr=bool(scanned))
    if scanned:
        from . import ocr

        doc.origin = ocr.origin_for("pdf", pages, scanned, at_dpi)
    elif blank:
        doc.origin = {
            "format": "pdf",
            "notes": [
                f"第 {'、'.join(str(i + 1) for i in blank)} 页是扫描图像，未安装文字识别组件，这些页未检查"
                "（pip install 'shuzhi[ocr]' 后可识别）。"
            ],
        }
    return doc


def _has_image(pdf, pno: int) -> bool:
    import pypdfium2.raw as pdfium_c

    page = pdf[pno]
    try:
        return any(True for _ in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=3))
    finally:
        page.close()


def build_from_pages(pages: list[_Page], *, source: str, fmt: str, path: str, ocr: bool = False) -> Document:
    """The Document of a fixed-layout file's lines: page furniture left out, wrapped lines joined.

    With ``ocr``, ``Document.char_confidence`` holds each raw character's recognition confidence.
    """
    import numpy as np

    mark_page_furniture(pages)
    pieces: list[str] = []
    units: list[Unit] = []
    confidences: list = []
    pos = 0
    for ln, soft in mark_soft_breaks(pages):
        text = ln.text
        units.append(Unit(pos, pos + len(text), ln.number, page=ln.page, soft_break=soft))
        pieces.append(text)
        if ocr:
            glyphs = ln.glyphs or [None] * len(text)
            confidences.append(np.array([1.0 if g is None else g.conf for g in glyphs] + [1.0], dtype=np.float32))
        pos += len(text) + 1
    raw = "\n".join(pieces)
    if not raw.strip():
        what = {"pdf": "PDF 没有文字层", "ofd": "OFD 文档中没有正文文字"}.get(fmt, "没有识别出正文文字")
        raise LoadError(f"{what}，请先进行OCR（文字识别）后再检查：它只有页眉、页脚或页码是文字。", code="E106")
    doc = build_document(raw, units, source=source, format=fmt, path=path)
    if ocr:
        conf = np.concatenate(confidences)[: len(raw)] if confidences else np.ones(0, dtype=np.float32)
        doc.char_confidence = conf
    return doc
