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


# Seed 003 with a table of figures after its ninth paragraph, as tests/loaders/test_same_report_any_format.py builds it.
SEED_TABLE_AFTER = 8
SEED_TABLE = [["指标", "2023年完成情况"], ["地区生产总值", "XX亿元"], ["一般公共预算收入", "同比增长XX％"]]


def make_seed_docx(path: Path, paragraphs: list[str] | None = None) -> Path:
    """A real .docx of seed 003: 一、 headings as Word list numbering, a table of figures, a header and a footer."""
    import re

    import docx

    paras = paragraphs if paragraphs is not None else seed_paragraphs(3)
    w = docx.Document()
    add_numbering(w)
    w.sections[0].header.paragraphs[0].text = "某区2023年度述职述廉报告"
    w.sections[0].footer.paragraphs[0].text = "第 1 页"
    for i, para in enumerate(paras):
        m = re.match(r"^([一二三四五六七八九十]+)、", para)
        if m:
            set_numbering(w.add_paragraph(para[m.end() :]), 0)
        else:
            w.add_paragraph(para)
        if i == SEED_TABLE_AFTER:
            t = w.add_table(rows=len(SEED_TABLE), cols=2)
            for r, row in enumerate(SEED_TABLE):
                for c, cell in enumerate(row):
                    t.cell(r, c).text = cell
    w.save(path)
    return path


def soffice_convert(src: Path, outdir: Path, target: str) -> Path:
    """Convert with the real LibreOffice (``target`` e.g. "doc:MS Word 97", "odt", "rtf"); the path written."""
    import shutil
    import subprocess
    import tempfile

    exe = shutil.which("soffice")
    assert exe, "LibreOffice is installed by scripts/setup.d/50-libreoffice.sh"
    with tempfile.TemporaryDirectory() as profile:
        profile_arg = f"-env:UserInstallation={Path(profile).as_uri()}"
        subprocess.run(
            [exe, profile_arg, "--headless", "--norestore", "--convert-to", target, "--outdir", str(outdir), str(src)],
            check=True,
            capture_output=True,
            timeout=180,
        )
    out = outdir / (src.stem + "." + target.split(":")[0])
    assert out.exists()
    return out
