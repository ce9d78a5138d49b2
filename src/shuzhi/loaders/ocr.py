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
        with Image.open(path) as im:
            image_dpi = im.info.get("dpi", (DEFAULT_DPI, DEFAULT_DPI))[0] or DEFAULT_DPI
            for n, frame in enumerate(ImageSequence.Iterator(im), start=1):
                rgb = np.asarray(frame.convert("RGB"))
                pages.append(ocr_page(rgb, n, 72.0 / float(image_dpi)))
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError, ValueError) as e:
        if isinstance(e, Image.DecompressionBombError):
            raise LoadError(f"图片超过 {MAX_PIXELS // 1_000_000} 百万像素，已拒绝读取。", code="E107") from e
        raise LoadError("图片文件已损坏或格式无法识别。请重新扫描或另存为 PNG/JPG 后再检查。", code="E109") from e
    if not any(ln.text.strip() for p in pages for ln in p.lines):
        raise LoadError("图片中没有识别出文字。请确认扫描件清晰、方向正确后再检查。", code="E101")
    doc = build_from_pages(pages, source=source, fmt="image", path=str(path), ocr=True)
    doc.origin = origin_for(path.suffix.lower().lstrip("."), pages, list(range(1, len(pages) + 1)), None)
    return doc


def ocr_pdf_page(pdf, pno: int, at_dpi: int):
    """Render PDF page ``pno`` (0-based) with pdfium and read it by OCR; a pdf._Page in points."""
    import numpy as np

    page = pdf[pno]
    try:
        bitmap = page.render(scale=at_dpi / 72.0, rev_byteorder=True)  # RGB, not pdfium's BGR
        try:
            rgb = np.ascontiguousarray(bitmap.to_numpy()[..., :3])
        finally:
            bitmap.close()
    finally:
        page.close()
    return ocr_page(rgb, pno + 1, 72.0 / at_dpi)
