"""Scanned reports (image-only PDF pages, .png/.jpg/.tif page images) read by OCR: RapidOCR's PP-OCRv4 models.

The models ship inside the `rapidocr-onnxruntime` wheel (the `ocr` extra): nothing is downloaded
at run time. Every recognised character keeps its box and its recognition confidence; boxes
become placed characters (layout.Glyph, in points) and go through the same line pipeline as a
PDF's text, so positions are page and line. Document.char_confidence holds each raw
character's confidence: findings on OCR'd text say so, and low-confidence characters never
make a placeholder or figure finding on their own (engine.py).
"""

from __future__ import annotations

import importlib.util
import os
import statistics
import warnings
from pathlib import Path

from ..model.document import OCR_LOW_CONFIDENCE, Document
from ..model.errors import LoadError
from .layout import Glyph, lines_from_glyphs

# Pages are rendered at this resolution for OCR (docs/benchmarks.md: error rate and time at 150 and 300 dpi).
DEFAULT_DPI = 200
DPI_ENV = "SHUZHI_OCR_DPI"
THREADS_ENV = "SHUZHI_OCR_THREADS"
# An image of a page larger than this (pixels) is refused: a 600 dpi A4 scan is 35 M.
MAX_PIXELS = 60_000_000
# A scanned PDF page is rendered at dpi() but never into more pixels than this (A3 at 300 dpi is 17 M): a
# PDF page may legally be 200 inches square (14,400 pt), which at 200 dpi is a 1.6-gigapixel bitmap.
MAX_RENDER_PIXELS = 16_000_000
# Scanned pages (image frames, image-only PDF pages) read by OCR in one file: a report is a few dozen.
MAX_OCR_PAGES = 200
ENGINE_NAME = "RapidOCR（PP-OCRv4）"
_ENGINE = None


def ocr_available() -> bool:
    try:
        return importlib.util.find_spec("rapidocr_onnxruntime") is not None
    except (ImportError, ValueError):  # a broken or blocked installation counts as none
        return False


def missing_message(what: str) -> str:
    return (
        f"{what}，需要文字识别（OCR）组件才能读取，当前未安装。"
        "请运行 pip install 'shuzhi[ocr]' 安装（识别模型随安装包提供，无需联网），"
        "或提供 Word/WPS 原文件后再检查。"
    )


def dpi() -> int:
    try:
        return max(72, min(600, int(os.environ.get(DPI_ENV, DEFAULT_DPI))))
    except ValueError:
        return DEFAULT_DPI


def engine():
    """The OCR engine, made once per process (loading the models takes about a second)."""
    global _ENGINE
    if _ENGINE is None:
        from rapidocr_onnxruntime import RapidOCR

        threads = int(os.environ.get(THREADS_ENV, "0") or 0) or min(2, os.cpu_count() or 1)
        _ENGINE = RapidOCR(intra_op_num_threads=threads, inter_op_num_threads=1)
    return _ENGINE


def recognise(rgb, scale: float) -> list[Glyph]:
    """The characters OCR finds in an RGB image (numpy array), placed in points (pixels × ``scale``)."""
    # No direction classifier: pages are upright, and it turns some upright lines upside down (seen on
    # lines full of “” quotes, read back as a few commas).
    result, _ = engine()(rgb, return_word_box=True, use_cls=False)
    glyphs: list[Glyph] = []
    for item in result or []:
        box, text, score = item[0], item[1], float(item[2])
        if not text:
            continue
        xs = [p[0] for p in box]
        ys = [p[1] for p in box]
        x0, x1, bottom = min(xs), max(xs), max(ys)
        size = max(1.0, bottom - min(ys))
        char_boxes = item[3] if len(item) > 5 else None
        chars = item[4] if len(item) > 5 else None
        confs = item[5] if len(item) > 5 else None
        per_char = (
            char_boxes is not None
            and len(char_boxes) == len(chars) == len(confs) == len(text)
            and "".join(chars) == text
        )
        if per_char:
            lefts = [min(p[0] for p in b) for b in char_boxes]
            rights = [max(p[0] for p in b) for b in char_boxes]
        else:  # spread the characters over the box, half width for Latin characters and digits
            units = [0.5 if ord(c) < 0x2000 else 1.0 for c in text]
            step = (x1 - x0) / max(sum(units), 0.5)
            lefts, pos = [], x0
            for u in units:
                lefts.append(pos)
                pos += u * step
            rights = [*lefts[1:], x1]
            confs = [score] * len(text)
        for i, ch in enumerate(text):
            # The advance runs to the next character, so that no space is invented inside a recognised line.
            advance = (lefts[i + 1] if i + 1 < len(text) else rights[i]) - lefts[i]
            glyphs.append(
                Glyph(
                    ch,
                    lefts[i] * scale,
                    bottom * scale,
                    size * scale,
                    w=max(advance, 0.1) * scale,
                    conf=float(confs[i]),
                )
            )
    return glyphs


def ocr_page(rgb, page_no: int, scale: float):
    """A pdf._Page of the lines OCR reads on one page image."""
    h, w = rgb.shape[:2]
    return lines_from_glyphs(recognise(rgb, scale), page_no, w * scale, h * scale)


def origin_for(fmt: str, pages, ocr_pages: list[int], at_dpi: int | None) -> dict:
    """Document.origin of an OCR'd file: engine, pages, mean confidence, low-confidence characters; said in Chinese."""
    confs = [g.conf for p in pages for ln in p.lines for g in (ln.glyphs or []) if g is not None]
    mean = statistics.fmean(confs) if confs else 0.0
    low = sum(1 for c in confs if c < OCR_LOW_CONFIDENCE)
    pages_label = "全部页面" if len(ocr_pages) == len(pages) else "第 " + "、".join(map(str, ocr_pages)) + " 页"
    res = f"（按 {at_dpi} dpi 渲染）" if at_dpi else ""
    notes = [
        f"{pages_label}是扫描图像，文字由OCR识别{res}，平均识别置信度 {round(mean * 100)}%，"
        f"低置信度（低于 {round(OCR_LOW_CONFIDENCE * 100)}%）的字 {low} 个；"
        "识别所得文字上的问题都注明置信度，低置信度的字不单独产生占位符或数字问题。请对照原件核实。"
    ]
    return {
        "format": fmt,
        "ocr": {
            "engine": ENGINE_NAME,
            "pages": ocr_pages,
            "dpi": at_dpi,
            "characters": len(confs),
            "mean_confidence": round(mean, 4),
            "low_confidence_characters": low,
        },
        "notes": notes,
    }


def load_image(path: Path, source: str) -> Document:
    """A page image (or a multi-page TIFF) read by OCR: one page per image frame."""
    from .pdf import build_from_pages

    if not ocr_available():
        raise LoadError(missing_message("图片文件（扫描件）"), code="E111")
    try:
        from PIL import Image, ImageSequence, UnidentifiedImageError
    except ImportError as e:  # Pillow comes with the ocr extra
        raise LoadError(missing_message("图片文件（扫描件）"), code="E111") from e
    import numpy as np

    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    pages = []
    try:
        with Image.open(path) as im, warnings.catch_warnings():
            # Pillow only warns between MAX_IMAGE_PIXELS and twice that: each frame's size is checked here.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image_dpi = _image_dpi(im.info.get("dpi"))
            check_ocr_pages(getattr(im, "n_frames", 1))
            for n, frame in enumerate(ImageSequence.Iterator(im), start=1):
                check_ocr_pages(n)
                if frame.size[0] * frame.size[1] > MAX_PIXELS:
                    raise Image.DecompressionBombError(frame.size)
                rgb = np.asarray(frame.convert("RGB"))
                pages.append(ocr_page(rgb, n, 72.0 / image_dpi))
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError, ValueError) as e:
        if isinstance(e, Image.DecompressionBombError):
            raise LoadError(f"图片超过 {MAX_PIXELS // 1_000_000} 百万像素，已拒绝读取。", code="E107") from e
        raise LoadError("图片文件已损坏或格式无法识别。请重新扫描或另存为 PNG/JPG 后再检查。", code="E109") from e
    if not any(ln.text.strip() for p in pages for ln in p.lines):
        raise LoadError("图片中没有识别出文字。请确认扫描件清晰、方向正确后再检查。", code="E101")
    doc = build_from_pages(pages, source=source, fmt="image", path=str(path), ocr=True)
    doc.origin = origin_for(path.suffix.lower().lstrip("."), pages, list(range(1, len(pages) + 1)), None)
    return doc


def _image_dpi(value) -> float:
    """The resolution an image states (dpi), or DEFAULT_DPI when it states none or nonsense (0, NaN, 1e300)."""
    try:
        d = float(value[0] if isinstance(value, (tuple, list)) else value)
    except (TypeError, ValueError, IndexError):
        return float(DEFAULT_DPI)
    return d if 1.0 <= d <= 10_000.0 else float(DEFAULT_DPI)


def _too_many_pages() -> str:
    return f"扫描页超过 {MAX_OCR_PAGES} 页，不像是一份报告，已拒绝读取。请拆分文件或提供 Word/WPS 原文件。"


def check_ocr_pages(n: int) -> None:
    """Refuse a file with more scanned pages than MAX_OCR_PAGES (E107) before any is read."""
    if n > MAX_OCR_PAGES:
        raise LoadError(_too_many_pages(), code="E107")


def render_scale(width_pt: float, height_pt: float, at_dpi: int) -> float:
    """Pixels per point to render a page at ``at_dpi``, lowered so that the page stays within MAX_RENDER_PIXELS."""
    scale = at_dpi / 72.0
    area = max(width_pt, 1.0) * max(height_pt, 1.0)
    if area * scale * scale > MAX_RENDER_PIXELS:
        scale = (MAX_RENDER_PIXELS / area) ** 0.5
    return scale


def ocr_pdf_page(pdf, pno: int, at_dpi: int):
    """Render PDF page ``pno`` (0-based) with pdfium and read it by OCR; a pdf._Page in points."""
    import numpy as np

    page = pdf[pno]
    try:
        scale = render_scale(*page.get_size(), at_dpi)
        bitmap = page.render(scale=scale, rev_byteorder=True)  # RGB, not pdfium's BGR
        try:
            rgb = np.ascontiguousarray(bitmap.to_numpy()[..., :3])
        finally:
            bitmap.close()
    finally:
        page.close()
    return ocr_page(rgb, pno + 1, 1.0 / scale)
