"""Writing real OFD files (GB/T 33190) for the tests: a minimal but complete package, text laid out like a 公文."""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

NS = "http://www.ofdspec.org/2016"
PAGE_W, PAGE_H = 210.0, 297.0
LEFT, TOP, BOTTOM = 28.0, 37.0, 35.0
TEXT_W = PAGE_W - 2 * LEFT


def _advance(ch: str, size: float) -> float:
    # Latin letters, digits and ASCII punctuation are half width; Chinese, full-width forms and the
    # curly quotes “” (full width in every Chinese font) take a whole character.
    return size * (0.5 if ord(ch) < 0x2000 else 1.0)


def wrap(text: str, size: float, width: float, indent: int) -> list[tuple[float, str]]:
    """(x offset, text) of each printed line of a paragraph: the first indented by ``indent`` characters."""
    import re

    lines = []
    x0 = indent * size
    cur, w = "", x0
    # Chinese breaks between any two characters, but never inside a Latin word or a number (as Word/WPS lay out).
    for tok in re.findall(r"[A-Za-z0-9.%]+|.", text):
        a = sum(_advance(ch, size) for ch in tok)
        if w + a > width + 1e-6 and cur:
            lines.append((x0 if not lines else 0.0, cur))
            cur, w = "", 0.0
        cur += tok
        w += a
    if cur or not lines:
        lines.append((x0 if not lines else 0.0, cur))
    return lines


def _text_object(oid: int, x: float, y: float, text: str, size: float, font: str = "1") -> str:
    """One TextObject: its Boundary at (x, y - size), one TextCode at the baseline with per-character DeltaX."""
    adv = [_advance(c, size) for c in text]
    width = sum(adv) + size
    if len(set(adv[:-1])) <= 1 and len(adv) > 1:
        delta = f"g {len(adv) - 1} {adv[0]:g}"
    else:
        delta = " ".join(f"{a:g}" for a in adv[:-1])
    return (
        f'<ofd:TextObject ID="{oid}" Boundary="{x:.2f} {y - size:.2f} {width:.2f} {size * 1.4:.2f}" '
        f'Font="{font}" Size="{size:g}"><ofd:TextCode X="0" Y="{size:g}"'
        + (f' DeltaX="{delta}"' if len(text) > 1 else "")
        + f">{escape(text)}</ofd:TextCode></ofd:TextObject>"
    )


def write_ofd(
    path: Path,
    paragraphs: list[str],
    *,
    size: float = 4.2,
    pitch: float = 7.0,
    indent: int = 2,
    header: str | None = None,
    page_numbers: bool = True,
    tables: dict[int, list[list[str]]] | None = None,
    columns: int = 1,
) -> Path:
    """An OFD of ``paragraphs``: wrapped lines, tables as rows of cells, a running header on a template page
    (not page content, as OFD writers do it), page numbers "- n -" at the bottom; ``columns=2`` sets the
    body in two columns."""
    col_gap = 8.0
    col_w = (TEXT_W - col_gap * (columns - 1)) / columns
    pages: list[list[str]] = [[]]
    oid = [100]

    def obj(x, y, text, s=size):
        oid[0] += 1
        pages[-1].append(_text_object(oid[0], x, y, text, s))

    col = 0
    y = TOP + size

    def newline():
        nonlocal y, col
        y += pitch
        if y > PAGE_H - BOTTOM:
            col += 1
            y = TOP + size
            if col >= columns:
                col = 0
                pages.append([])

    for i, para in enumerate(paragraphs):
        for dx, text in wrap(para, size, col_w, indent):
            obj(LEFT + col * (col_w + col_gap) + dx, y, text)
            newline()
        for row in (tables or {}).get(i, []):
            cell_w = TEXT_W / len(row)
            for k, cell in enumerate(row):
                obj(LEFT + k * cell_w + 1.0, y, cell)
            newline()
    if page_numbers:
        for n, objs in enumerate(pages, start=1):
            oid[0] += 1
            label = f"- {n} -"
            w = sum(_advance(c, 3.5) for c in label)
            objs.append(_text_object(oid[0], (PAGE_W - w) / 2, PAGE_H - 20, label, 3.5))

    files = {}
    files["OFD.xml"] = (
        f'<ofd:OFD xmlns:ofd="{NS}" Version="1.0" DocType="OFD"><ofd:DocBody>'
        "<ofd:DocInfo><ofd:DocID>0c2ab2e1d4c94a8f9f2bd2a3c7e8f001</ofd:DocID><ofd:Title>述职述廉报告</ofd:Title>"
        "<ofd:Creator>shuzhi tests</ofd:Creator></ofd:DocInfo>"
        "<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>"
    )
    page_refs = "".join(f'<ofd:Page ID="{10 + n}" BaseLoc="Pages/Page_{n}/Content.xml"/>' for n in range(len(pages)))
    template = '<ofd:TemplatePage ID="2" BaseLoc="Tpls/Tpl_0/Content.xml"/>' if header else ""
    files["Doc_0/Document.xml"] = (
        f'<ofd:Document xmlns:ofd="{NS}"><ofd:CommonData><ofd:MaxUnitID>{oid[0] + 1}</ofd:MaxUnitID>'
        f"<ofd:PageArea><ofd:PhysicalBox>0 0 {PAGE_W:g} {PAGE_H:g}</ofd:PhysicalBox></ofd:PageArea>"
        f"<ofd:PublicRes>PublicRes.xml</ofd:PublicRes>{template}</ofd:CommonData>"
        f"<ofd:Pages>{page_refs}</ofd:Pages></ofd:Document>"
    )
    files["Doc_0/PublicRes.xml"] = (
        f'<ofd:Res xmlns:ofd="{NS}" BaseLoc="Res"><ofd:Fonts>'
        '<ofd:Font ID="1" FontName="宋体" FamilyName="宋体"/></ofd:Fonts></ofd:Res>'
    )
    if header:
        w = sum(_advance(c, 3.5) for c in header)
        files["Doc_0/Tpls/Tpl_0/Content.xml"] = (
            f'<ofd:Page xmlns:ofd="{NS}"><ofd:Content><ofd:Layer ID="3">'
            + _text_object(4, (PAGE_W - w) / 2, 20, header, 3.5)
            + "</ofd:Layer></ofd:Content></ofd:Page>"
        )
    for n, objs in enumerate(pages):
        tpl = '<ofd:Template TemplateID="2"/>' if header else ""
        # Half of each page's objects sit in a PageBlock, as some writers group them.
        half = len(objs) // 2
        files[f"Doc_0/Pages/Page_{n}/Content.xml"] = (
            f'<ofd:Page xmlns:ofd="{NS}">{tpl}<ofd:Content><ofd:Layer ID="{5 + n}">'
            + "".join(objs[:half])
            + '<ofd:PageBlock ID="9">'
            + "".join(objs[half:])
            + "</ofd:PageBlock></ofd:Layer></ofd:Content></ofd:Page>"
        )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, xml in files.items():
            z.writestr(name, '<?xml version="1.0" encoding="UTF-8"?>' + xml)
    return path
