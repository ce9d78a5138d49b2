"""Builders for real .docx and .pdf test files: python-docx with Word list numbering, fpdf2 with the WenQuanYi font."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FONT = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

# Word list definitions used by the builders: the usual 公文 levels.
NUMBERING_XML = f"""
<w:abstractNum xmlns:w="{W_NS}" w:abstractNumId="90">
  <w:multiLevelType w:val="multilevel"/>
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCountingThousand"/><w:lvlText w:val="（%2）"/></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>
  <w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="（%4）"/></w:lvl>
  <w:lvl w:ilvl="4"><w:start w:val="1"/><w:numFmt w:val="ideographTraditional"/><w:lvlText w:val="%5."/></w:lvl>
</w:abstractNum>
"""
NUM_ID = "90"


def add_numbering(document) -> None:
    """Give a python-docx document the list definition NUM_ID (abstractNum before the nums, as Word wants)."""
    from docx.oxml import parse_xml

    numbering = document.part.numbering_part.element
    first_num = numbering.find(f"{{{W_NS}}}num")
    abstract = parse_xml(NUMBERING_XML)
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    numbering.append(parse_xml(f'<w:num xmlns:w="{W_NS}" w:numId="{NUM_ID}"><w:abstractNumId w:val="90"/></w:num>'))


def set_numbering(paragraph, level: int, num_id: str = NUM_ID) -> None:
    from docx.oxml import parse_xml

    ppr = paragraph._p.get_or_add_pPr()
    ppr.insert(
        0, parse_xml(f'<w:numPr xmlns:w="{W_NS}"><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>')
    )


def make_pdf(
    path: Path,
    paragraphs: list[str],
    *,
    header: str | None = None,
    page_numbers: str | None = None,
    indent: bool = True,
    size: int = 12,
    tables: dict[int, list[list[str]]] | None = None,
) -> Path:
    """A real PDF: wrapped paragraphs, a running header and a page-number footer on every page.

    ``page_numbers`` is a format such as "- {n} -" or "第{n}页 共{total}页". ``tables`` maps a
    paragraph index to rows drawn as a bordered table after that paragraph.
    """
    from fpdf import FPDF

    class Pdf(FPDF):
        def header(self):
            if header:
                self.set_font("wqy", size=9)
                self.cell(0, 8, header, align="C")
                self.ln(12)

        def footer(self):
            if page_numbers:
                self.set_y(-15)
                self.set_font("wqy", size=9)
                self.cell(0, 10, page_numbers.format(n=self.page_no(), total="{nb}"), align="C")

    pdf = Pdf()
    pdf.add_font("wqy", fname=FONT)
    pdf.set_font("wqy", size=size)
    pdf.add_page()
    for i, para in enumerate(paragraphs):
        text = ("\u3000\u3000" if indent else "") + para
        pdf.multi_cell(0, size * 0.6, text, new_x="LMARGIN", new_y="NEXT")
        for row_cells in (tables or {}).get(i, []):
            for cell in row_cells:
                pdf.cell(60, 8, cell, border=1)
            pdf.ln(8)
    pdf.output(str(path))
    return path


CORPUS = ROOT.parent / "shared" / "corpus"


def seed_paragraphs(n: int, *which: int) -> list[str]:
    """The non-blank lines of seed report n (stripped); only those at the indexes ``which`` if given."""
    path = sorted((CORPUS / "seeds").glob("0*.txt"))[n]
    lines = [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]
    return [lines[i] for i in which] if which else lines
