"""The seed corpus of the fuzz harnesses, made from the seed reports (../shared/corpus/seeds) as .txt, .docx and .pdf.

    python fuzz/make_corpus.py [OUT_DIR]      (default fuzz/corpus; one folder per harness)

- txt: pieces of 300–900 bytes of each seed (small inputs fuzz faster), as UTF-8, GB18030, UTF-16 (with a BOM) and Big5 where it encodes;
- docx: real .docx files (python-docx) of those pieces with Word list numbering (一、 （一） 1.), a table
  and a hyperlink run; and the same documents as "parts" (document.xml, numbering.xml, styles.xml joined by
  harness.PART_SEPARATOR), which the harness zips itself, so that mutations reach the XML;
- pdf: the pieces laid out by fpdf2 with the WenQuanYi font (what tests/loaders/docbuilders.py uses);
- ofd: real OFD packages of the pieces (tests/loaders/ofdbuilder.py) and the same as "parts" (OFD.xml,
  Document.xml, the first page's Content.xml joined by harness.PART_SEPARATOR);
- ocr: small page images (a few lines of a piece rendered at 100 dpi) as PNG, JPEG and TIFF, each behind the
  byte that picks its extension (small images keep an OCR run well under a second);
- office: the pieces as RTF (written here) and OpenDocument (.odt, zipped here), each behind its byte;
- pipeline: the .txt, .docx, .pdf and .ofd inputs, each behind the byte that makes the harness pick its format.
"""

from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SEEDS = ROOT.parent / "shared" / "corpus" / "seeds"
FONT = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NUMBERING = f"""
<w:abstractNum xmlns:w="{W_NS}" w:abstractNumId="90">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCountingThousand"/><w:lvlText w:val="（%2）"/></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>
</w:abstractNum>
"""

sys.path.insert(0, str(HERE))
from harness import OCR_SUFFIXES, OFD_PARTS, OFFICE_SUFFIXES, PART_SEPARATOR, PARTS  # noqa: E402


def pieces() -> list[str]:
    out = []
    for seed in sorted(SEEDS.glob("0*.txt")):
        lines = [ln for ln in seed.read_text(encoding="utf-8").splitlines() if ln.strip()]
        text, size = [], 0
        for ln in lines:
            text.append(ln)
            size += len(ln)
            if size > 150:
                out.append("\n".join(text))
                text, size = [], 0
                if len(out) % 4 == 0:
                    break
    return out


def txt_files(texts: list[str]) -> list[bytes]:
    out = []
    for i, t in enumerate(texts):
        enc = ("utf-8", "gb18030", "utf-16", "big5")[i % 4]
        try:
            out.append(t.encode(enc))
        except UnicodeEncodeError:
            out.append(t.encode("utf-8"))
    return out


def docx_file(text: str) -> bytes:
    import docx
    from docx.oxml import parse_xml

    d = docx.Document()
    numbering = d.part.numbering_part.element
    numbering.append(parse_xml(NUMBERING))
    numbering.append(parse_xml(f'<w:num xmlns:w="{W_NS}" w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    lines = text.split("\n")
    for i, line in enumerate(lines):
        p = d.add_paragraph(line)
        if i and i % 3 == 0:
            ppr = p._p.get_or_add_pPr()
            lvl = (i // 3) % 3
            ppr.insert(
                0, parse_xml(f'<w:numPr xmlns:w="{W_NS}"><w:ilvl w:val="{lvl}"/><w:numId w:val="90"/></w:numPr>')
            )
    t = d.add_table(rows=2, cols=2)
    for r, row in enumerate(("指标", "完成情况"), start=0):
        t.cell(r, 0).text = row
        t.cell(r, 1).text = "120亿元，同比增长5%"
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


STYLES = f"""<w:styles xmlns:w="{W_NS}">
<w:style w:type="paragraph" w:styleId="Heading1"><w:basedOn w:val="Normal"/>
<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="90"/></w:numPr></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="Normal"/></w:styles>"""


def docx_parts(data: bytes) -> bytes:
    """document.xml of a real .docx, with numbering.xml and styles.xml cut to what the loader reads (small inputs
    fuzz faster), and the package relationships."""
    z = zipfile.ZipFile(io.BytesIO(data))
    numbering = (
        f'<w:numbering xmlns:w="{W_NS}">{NUMBERING}<w:num w:numId="90"><w:abstractNumId w:val="90"/></w:num>'
        "</w:numbering>"
    )
    parts = {
        "word/document.xml": z.read("word/document.xml"),
        "word/numbering.xml": numbering.encode(),
        "word/styles.xml": STYLES.encode(),
        "_rels/.rels": z.read("_rels/.rels"),
    }
    return PART_SEPARATOR.join(parts[n] for n in PARTS)


def pdf_file(text: str) -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_font("wqy", fname=FONT)
    pdf.set_font("wqy", size=11)
    pdf.add_page()
    for para in text.split("\n")[:12]:
        pdf.multi_cell(0, 6, "\u3000\u3000" + para, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def ofd_file(text: str) -> bytes:
    sys.path.insert(0, str(ROOT / "tests"))
    import tempfile

    from loaders.ofdbuilder import write_ofd

    with tempfile.TemporaryDirectory() as d:
        return write_ofd(Path(d) / "seed.ofd", text.split("\n")[:10]).read_bytes()


def ofd_parts(data: bytes) -> bytes:
    z = zipfile.ZipFile(io.BytesIO(data))
    return PART_SEPARATOR.join(z.read(n) for n in OFD_PARTS)


def image_file(text: str, fmt: str) -> bytes:
    """Three lines of ``text`` rendered at 100 dpi on a strip of paper: small, so that OCR is quick."""
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(FONT, 17)
    lines = [ln[:24] for ln in text.split("\n")[:3]]
    img = Image.new("L", (460, 40 + 30 * len(lines)), 255)
    draw = ImageDraw.Draw(img)
    for i, ln in enumerate(lines):
        draw.text((20, 20 + 30 * i), ln, font=font, fill=0)
    buf = io.BytesIO()
    img.save(buf, {"png": "PNG", "jpg": "JPEG", "tif": "TIFF"}[fmt], dpi=(100, 100))
    return buf.getvalue()


def rtf_file(text: str) -> bytes:
    def esc(line: str) -> str:
        return "".join(
            c if ord(c) < 128 and c not in "\\{}" else f"\\u{ord(c) if ord(c) < 32768 else ord(c) - 65536}?"
            for c in line
        )

    body = "".join(f"{{\\pard {esc(ln)}\\par}}\n" for ln in text.split("\n"))
    return ("{\\rtf1\\ansi\\deff0{\\fonttbl{\\f0 SimSun;}}\n" + body + "}").encode("ascii")


def odt_file(text: str) -> bytes:
    from xml.sax.saxutils import escape

    ns = (
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
    )
    paras = "".join(f"<text:p>{escape(ln)}</text:p>" for ln in text.split("\n"))
    content = f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ns} office:version="1.2">'
    content += f"<office:body><office:text>{paras}</office:text></office:body></office:document-content>"
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
        'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>'
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.text", zipfile.ZIP_STORED)
        z.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
        z.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
    return buf.getvalue()


def main(out: Path) -> dict[str, int]:
    texts = pieces()
    corpus: dict[str, list[bytes]] = {"txt": txt_files(texts), "docx": [], "pdf": []}
    for i, t in enumerate(texts[:12]):
        d = docx_file(t)
        # Real .docx files (deflated, with python-docx's full styles) for a third; the parts of all.
        corpus["docx"] += [d, docx_parts(d)] if i % 3 == 0 else [docx_parts(d)]
    corpus["pdf"] = [pdf_file(t) for t in texts[:3]]
    corpus["ofd"] = []
    for i, t in enumerate(texts[:8]):
        o = ofd_file(t)
        corpus["ofd"] += [o, ofd_parts(o)] if i % 4 == 0 else [ofd_parts(o)]
    corpus["ocr"] = [
        bytes([OCR_SUFFIXES.index(fmt)]) + image_file(t, fmt) for t, fmt in zip(texts[:3], OCR_SUFFIXES, strict=False)
    ]
    corpus["office"] = [bytes([OFFICE_SUFFIXES.index("rtf")]) + rtf_file(t) for t in texts[:2]] + [
        bytes([OFFICE_SUFFIXES.index("odt")]) + odt_file(t) for t in texts[2:4]
    ]
    corpus["pipeline"] = (
        [b"\x00" + b for b in corpus["txt"][:8]]
        + [b"\x01" + b for b in corpus["docx"][:8]]
        + [b"\x02" + b for b in corpus["pdf"][:2]]
        + [b"\x03" + b for b in corpus["ofd"][:3]]
    )
    counts = {}
    for kind, files in corpus.items():
        d = out / kind
        d.mkdir(parents=True, exist_ok=True)
        for i, data in enumerate(files):
            (d / f"seed-{i:03d}").write_bytes(data)
        counts[kind] = len(files)
    return counts


if __name__ == "__main__":
    print(main(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "corpus"))
