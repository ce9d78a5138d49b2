"""Scanned pages for the tests and the OCR benchmark: a report rendered to images with a CJK font, wrapped as PDF."""

from __future__ import annotations

from pathlib import Path

from loaders.ofdbuilder import BOTTOM, LEFT, PAGE_H, PAGE_W, TEXT_W, TOP, wrap

FONT = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
MM_PER_INCH = 25.4


def render_pages(
    paragraphs: list[str],
    *,
    dpi: int = 200,
    size_mm: float = 4.2,
    pitch_mm: float = 7.0,
    indent: int = 2,
    page_numbers: bool = True,
    tables: dict[int, list[list[str]]] | None = None,
    noise: float = 0.0,
    seed: int = 0,
    with_text: bool = False,
):
    """A4 page images (PIL, greyscale) of ``paragraphs`` laid out like ofdbuilder.write_ofd lays them out.

    ``noise`` adds scanner speckle: that share of pixels flipped to a random grey. With ``with_text``,
    returns (images, the printed lines of each page) — the ground truth of an OCR benchmark.
    """
    import random

    from PIL import Image, ImageDraw, ImageFont

    px = dpi / MM_PER_INCH
    font = ImageFont.truetype(FONT, round(size_mm * px))
    small = ImageFont.truetype(FONT, round(3.5 * px))
    pages = []
    printed: list[list[str]] = []

    def new_page():
        img = Image.new("L", (round(PAGE_W * px), round(PAGE_H * px)), 255)
        pages.append((img, ImageDraw.Draw(img)))
        printed.append([])

    new_page()
    y = TOP

    def line(x_mm, text, f=font):
        pages[-1][1].text((x_mm * px, y * px), text, font=f, fill=0)
        printed[-1].append(text)

    def advance():
        nonlocal y
        y += pitch_mm
        if y + size_mm > PAGE_H - BOTTOM:
            new_page()
            y = TOP

    for i, para in enumerate(paragraphs):
        for dx, text in wrap(para, size_mm, TEXT_W, indent):
            line(LEFT + dx, text)
            advance()
        for row in (tables or {}).get(i, []):
            cell_w = TEXT_W / len(row)
            for k, cell in enumerate(row):
                line(LEFT + k * cell_w + 1.0, cell)
            advance()
    out = []
    rnd = random.Random(seed)
    for n, (img, draw) in enumerate(pages, start=1):
        if page_numbers:
            label = f"- {n} -"
            w = draw.textlength(label, font=small) / px
            draw.text(((PAGE_W - w) / 2 * px, (PAGE_H - 22) * px), label, font=small, fill=0)
        if noise:
            pix = img.load()
            for _ in range(int(noise * img.width * img.height)):
                pix[rnd.randrange(img.width), rnd.randrange(img.height)] = rnd.randrange(256)
        out.append(img)
    return (out, printed) if with_text else out


def write_scan_pdf(path: Path, paragraphs: list[str], *, dpi: int = 200, **kw) -> Path:
    """A PDF with no text layer: each page one image, as a scanner writes it."""
    pages = render_pages(paragraphs, dpi=dpi, **kw)
    pages[0].save(path, "PDF", resolution=dpi, save_all=True, append_images=pages[1:])
    return path
