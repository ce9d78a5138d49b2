"""Legacy .doc/.wps files, converted to .docx with LibreOffice when it is installed."""
from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from ..document import Document
from ..errors import LoadError


def find_soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def load_legacy(path: Path, source: str, *, max_bytes: int) -> Document:
    exe = find_soffice()
    if exe is None:
        raise LoadError(
            f"{path.suffix} 是旧版 Word/WPS 格式，需要安装 LibreOffice 才能读取"
            "（Debian/Ubuntu：apt-get install libreoffice-writer），或用 Word/WPS 另存为 .docx。",
            code="E108",
        )
    with tempfile.TemporaryDirectory() as tmp:
        try:
            subprocess.run(
                [exe, "--headless", "--convert-to", "docx", "--outdir", tmp, str(path)],
                check=True, capture_output=True, timeout=120,
            )
        except (subprocess.SubprocessError, OSError) as e:
            raise LoadError("LibreOffice 无法转换该文件，文件可能已损坏。请用 Word/WPS 另存为 .docx。", code="E103") from e
        out = Path(tmp) / (path.stem + ".docx")
        if not out.exists():
            raise LoadError("LibreOffice 无法转换该文件，文件可能已损坏。请用 Word/WPS 另存为 .docx。", code="E103")
        from .docx import load_docx

        doc = load_docx(out, source)
        doc.path = str(path)
        doc.format = "docx"
        return doc
