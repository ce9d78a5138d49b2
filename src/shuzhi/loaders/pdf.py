"""PDF reports with a text layer, via pypdfium2."""
from __future__ import annotations

from pathlib import Path

from ..document import Document, Unit
from ..errors import LoadError
from ..normalize import build_document


def load_pdf(path: Path, source: str) -> Document:
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as e:
        msg = str(e)
        if "password" in msg.lower():
            raise LoadError("PDF 已加密，请先解除密码保护（或另存为未加密的 PDF）后再检查。", code="E105") from e
        raise LoadError("PDF 文件已损坏，无法打开。请重新导出 PDF 后再检查。", code="E109") from e
    pieces: list[str] = []
    units: list[Unit] = []
    pos = 0
    try:
        for pno in range(len(pdf)):
            page = pdf[pno]
            tp = page.get_textpage()
            text = tp.get_text_range().replace("\r\n", "\n").replace("\r", "\n")
            for i, line in enumerate(text.split("\n"), start=1):
                units.append(Unit(pos, pos + len(line), i, page=pno + 1))
                pieces.append(line)
                pos += len(line) + 1
    finally:
        pdf.close()
    raw = "\n".join(pieces)
    if not raw.strip():
        raise LoadError("PDF 没有文字层（可能是扫描件），请先进行OCR后再检查。", code="E106")
    return build_document(raw, units, source=source, format="pdf", path=str(path))
