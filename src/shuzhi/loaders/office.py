"""Legacy .doc/.wps files, converted to .docx with LibreOffice when it is installed."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from ..model.document import Document
from ..model.errors import LoadError

# LibreOffice gets this long per file; a hung conversion must not stop a batch.
CONVERT_TIMEOUT_S = 120
_CANNOT = "LibreOffice 无法转换该文件，文件可能已损坏或设置了密码。请用 Word/WPS 打开并另存为 .docx 后再检查。"


def find_soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def load_legacy(path: Path, source: str, *, max_bytes: int) -> Document:
    exe = find_soffice()
    if exe is None:
        raise LoadError(
            f"{path.suffix} 是旧版 Word/WPS 格式，需要安装 LibreOffice 才能读取"
            "（Debian/Ubuntu：apt-get install libreoffice-writer），或用 Word/WPS 另存为 .docx 后再检查。",
            code="E108",
        )
    with tempfile.TemporaryDirectory() as tmp:
        # A private profile: a running LibreOffice (or a parallel conversion) holds a
        # lock on the default one and makes --convert-to silently do nothing.
        profile = Path(tmp, "profile").as_uri()
        try:
            subprocess.run(
                [
                    exe,
                    f"-env:UserInstallation={profile}",
                    "--headless",
                    "--norestore",
                    "--convert-to",
                    "docx",
                    "--outdir",
                    tmp,
                    str(path),
                ],
                check=True,
                capture_output=True,
                timeout=CONVERT_TIMEOUT_S,
            )
        except subprocess.TimeoutExpired as e:
            raise LoadError(
                f"LibreOffice 转换超过 {CONVERT_TIMEOUT_S} 秒仍未完成。" + _CANNOT[_CANNOT.index("请") :], code="E103"
            ) from e
        except (subprocess.SubprocessError, OSError) as e:
            raise LoadError(_CANNOT, code="E103") from e
        out = Path(tmp) / (path.stem + ".docx")
        if not out.exists():
            raise LoadError(_CANNOT, code="E103")
        if out.stat().st_size > max_bytes:
            raise LoadError("转换后的 .docx 超过大小限制；如确需检查，请在配置中调大 max-file-size。", code="E107")
        from .docx import load_docx

        doc = load_docx(out, source)
        doc.path = str(path)
        doc.format = "docx"
        return doc
