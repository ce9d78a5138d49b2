"""Loading reports into Documents: .txt, .docx, .pdf, OFD, office formats via LibreOffice, scans via OCR."""

from __future__ import annotations

import json
import os
from pathlib import Path

from ..analysis.document import build_document
from ..model.document import Document
from ..model.errors import LoadError
from ..text.normalize import units_from_lines

# Read directly; converted by LibreOffice; page images read by OCR (the `ocr` extra).
DIRECT = (".txt", ".docx", ".pdf", ".ofd")
CONVERTED = (".doc", ".wps", ".rtf", ".odt")
IMAGES = (".png", ".jpg", ".jpeg", ".tif", ".tiff")
SUPPORTED = DIRECT + CONVERTED + IMAGES
# The formats as a user reads them in messages.
SUPPORTED_LABEL = "、".join(s for s in SUPPORTED if s not in (".jpeg", ".tiff"))
DEFAULT_MAX_BYTES = 50 * 1024 * 1024


def load(path: str | os.PathLike, *, max_bytes: int = DEFAULT_MAX_BYTES, source: str | None = None) -> Document:
    """Load one report. Raises LoadError with a coded, Chinese message on bad input."""
    p = Path(path)
    src = source if source is not None else str(path)
    if not p.exists():
        raise LoadError(f"文件不存在：{src}。请检查路径是否正确。", code="E001", source=src)
    if p.is_dir():
        raise LoadError(f"{src} 是目录，请用 shuzhi check 目录 逐个检查其中的报告。", code="E003", source=src)
    ext = p.suffix.lower()
    if ext not in SUPPORTED:
        raise LoadError(
            f"不支持的文件格式“{ext or '无扩展名'}”：支持 .txt、.docx、.pdf、.ofd；"
            ".doc、.wps、.rtf、.odt 需安装 LibreOffice；扫描件图片（.png、.jpg、.tif）需安装文字识别组件。",
            code="E003",
            source=src,
        )
    try:
        size = p.stat().st_size
    except OSError as e:
        raise LoadError(f"无法读取文件：{e.strerror}。", code="E110", source=src) from e
    if size == 0:
        raise LoadError("文件为空（0 字节），请确认是否提交了正确的文件。", code="E101", source=src)
    if size > max_bytes:
        raise LoadError(
            f"文件大小 {_sizes(size, max_bytes)[0]} 超过限制 {_sizes(size, max_bytes)[1]}；"
            "如确需检查，请在配置中调大 max-file-size。",
            code="E107",
            source=src,
        )
    try:
        if ext == ".txt":
            from .txt import load_txt

            doc = load_txt(p, src)
        elif ext == ".docx":
            from .docx import load_docx

            doc = load_docx(p, src)
        elif ext == ".pdf":
            from .pdf import load_pdf

            doc = load_pdf(p, src)
        elif ext == ".ofd":
            from .ofd import load_ofd

            doc = load_ofd(p, src)
        elif ext in IMAGES:
            from .ocr import load_image

            doc = load_image(p, src)
        else:
            from .office import load_converted

            doc = load_converted(p, src, max_bytes=max_bytes)
    except LoadError as e:
        e.source = src
        raise
    except MemoryError as e:
        raise LoadError("文件过大，内存不足，无法读取。", code="E107", source=src) from e
    except OSError as e:
        raise LoadError(f"无法读取文件：{e.strerror or e}。", code="E110", source=src) from e
    if not doc.text.strip():
        raise LoadError("文件中没有文字内容（可能只有空白或图片）。", code="E101", source=src)
    return doc


def loads(text: str, *, source: str = "<string>") -> Document:
    """Make a Document from a string (tests, rule examples, the library API)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return build_document(text, units_from_lines(text), source=source, format="string")


def iter_report_paths(path: str | os.PathLike) -> list[Path]:
    """The report files under a directory, sorted; the path itself for a file.

    Hidden folders (.git, .venv …) and the output folders of an earlier `shuzhi review` are not entered:
    their annotated/*.docx are copies of the reports and would be read again, each "copied" from its original.
    A folder named on the command line is always read.
    """
    p = Path(path)
    if not p.is_dir():
        return [p]
    found = []
    for root, dirs, files in os.walk(p):
        here = Path(root)
        dirs[:] = [d for d in dirs if not d.startswith(".") and not is_review_output(here / d)]
        found.extend(
            here / f
            for f in files
            if Path(f).suffix.lower() in SUPPORTED and not f.startswith(("~$", ".")) and (here / f).is_file()
        )
    return sorted(found)


def is_review_output(folder: Path) -> bool:
    """Whether ``folder`` is what `shuzhi review -o` wrote: an annotated/ folder and shuzhi's results.json."""
    results = folder / "results.json"
    if not (results.is_file() and (folder / "annotated").is_dir()):
        return False
    try:
        with open(results, encoding="utf-8", errors="replace") as f:
            data = json.load(f)
    except (OSError, ValueError):
        return False
    tool = data.get("tool") if isinstance(data, dict) else None
    return isinstance(tool, dict) and tool.get("name") == "shuzhi"


def _sizes(size: int, limit: int) -> tuple[str, str]:
    """A size and a limit as the user reads them, never the same text for two different numbers."""
    a, b = _human_size(size), _human_size(limit)
    if a == b and size >= 1048576:
        a, b = f"{size / 1048576:.3f} MB", f"{limit / 1048576:.3f} MB"
    if a == b:
        a, b = f"{size:,} 字节", f"{limit:,} 字节"
    return a, b


def _human_size(n: int) -> str:
    """Bytes as MB or KB so that small limits from max-file-size do not print as "0 MB"."""
    if n >= 1048576:
        return f"{n / 1048576:.1f} MB".replace(".0 MB", " MB")
    if n >= 1024:
        return f"{n / 1024:.1f} KB".replace(".0 KB", " KB")
    return f"{n} 字节"
