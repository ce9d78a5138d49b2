"""Loading reports into Documents: .txt, .docx, .pdf, OFD, office formats via LibreOffice, scans via OCR."""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path

from ..lexicons.loader import Lexicons
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


def check_path(p: Path, src: str, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """The checks every file passes before it is read (exists, a file, a known format, not empty, not too
    large); returns its lower-case extension. Raises LoadError."""
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
        raise LoadError(f"无法读取文件：{os_reason(e)}", code="E110", source=src) from e
    if size == 0:
        raise LoadError("文件为空（0 字节），请确认是否提交了正确的文件。", code="E101", source=src)
    if size > max_bytes:
        raise LoadError(
            f"文件大小 {_sizes(size, max_bytes)[0]} 超过限制 {_sizes(size, max_bytes)[1]}；"
            "如确需检查，请在配置中调大 max-file-size。",
            code="E107",
            source=src,
        )
    return ext


def load(
    path: str | os.PathLike,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    source: str | None = None,
    lexicons: Lexicons | None = None,
) -> Document:
    """Load one report. Raises LoadError with a coded, Chinese message on bad input.

    ``lexicons``: a config's word lists (config.lexicons); its residue signals decide what is vendor residue."""
    p = Path(path)
    src = source if source is not None else str(path)
    ext = check_path(p, src, max_bytes)
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
        raise LoadError(f"无法读取文件：{os_reason(e)}", code="E110", source=src) from e
    from ..analysis.document import with_lexicons

    doc = with_lexicons(doc, lexicons)
    if not doc.text.strip():
        raise LoadError("文件中没有文字内容（可能只有空白或图片）。", code="E101", source=src)
    return doc


def loads(text: str, *, source: str = "<string>", lexicons: Lexicons | None = None) -> Document:
    """Make a Document from a string (tests, rule examples, the library API)."""
    from ..analysis.document import build_document

    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return build_document(text, units_from_lines(text), source=source, format="string", lexicons=lexicons)


def iter_report_paths(path: str | os.PathLike) -> list[Path]:
    """The report files under a directory, sorted; the path itself for a file (see walk_reports)."""
    return walk_reports(path)[0]


def walk_reports(path: str | os.PathLike, links: set[Path] | None = None) -> tuple[list[Path], list[LoadError]]:
    """The report files under a directory, sorted, and a notice for each file left out that a user would miss.

    Hidden folders (.git, .venv …) and the output folders of an earlier `shuzhi review` are not entered:
    their annotated/*.docx are copies of the reports and would be read again, each "copied" from its original.
    A folder named on the command line is always read. Not read, each with a notice:

    - a symbolic link (to a file or a folder) that leads out of the folder given (E005): a submitted
      folder must not make shuzhi read, and print, a file it was not given;
    - a report-like file whose name starts with "." (E006), such as the ._ copies macOS leaves.

    Links inside the folder are read where they lead (a file named twice is checked once); links to folders
    are not entered (their files are reached by their own path). ``links``: a set that gets the files found
    that are links (the walk knows it; pipeline.paths then asks no file but those where it leads).
    """
    p = Path(path)
    if not p.is_dir():
        return [p], []
    try:
        top = p.resolve()
    except OSError:
        top = p.absolute()
    found: list[Path] = []
    notices: list[LoadError] = []
    # os.walk's walk (top-down, a link to a folder listed but not entered, unreadable folders passed over)
    # over os.scandir's entries, which know from the directory itself whether a name is a folder, a file
    # or a link: no lstat and stat per file and no Path per name that is not a report (3,000 files: 60 ms).
    stack = [os.fspath(p)]
    while stack:
        root = stack.pop()
        try:
            with os.scandir(root) as it:
                entries = list(it)
        except OSError:
            continue
        here = Path(root)
        dirs, files = [], []
        for e in entries:
            (dirs if _is_dir(e) else files).append(e)
        for d in dirs:
            if d.is_symlink() and not _inside(here / d.name, top):
                notices.append(_outside_link(here / d.name, folder=True))
        stack.extend(
            d.path
            for d in reversed(dirs)
            if not d.name.startswith(".") and not d.is_symlink() and not is_review_output(here / d.name)
        )
        # A review's output folder named on the command line: its annotated reports are read, its printed
        # round summary is not a report.
        own = (
            {"round-summary.pdf"} if any(e.name == "results.json" for e in files) and is_review_output(here) else set()
        )
        for e in files:
            f = e.name
            if os.path.splitext(f)[1].lower() not in SUPPORTED or f.startswith("~$") or f in own:
                continue
            q = here / f
            if f.startswith("."):
                notices.append(
                    LoadError(
                        "文件名以“.”开头，是隐藏文件（如 macOS 拷贝时生成的 ._ 文件），未检查。"
                        "如确是报告，请去掉文件名开头的“.”后再检查。",
                        code="E006",
                        source=str(q),
                    )
                )
                continue
            link = e.is_symlink()
            if link and not _inside(q, top):
                notices.append(_outside_link(q, folder=False))
                continue
            if _is_file(e):
                found.append(q)
                if link and links is not None:
                    links.add(q)
    # In Path order (part by part), by each path's tuple of parts: Path.__lt__ itself, called 30,000 times
    # for 3,000 files, cost more than the walk.
    return sorted(found, key=_parts), sorted(notices, key=lambda e: e.source or "")


def _parts(q: Path) -> tuple[str, ...]:
    return q.parts


def _is_dir(e: os.DirEntry) -> bool:
    try:
        return e.is_dir()
    except OSError:
        return False


def _is_file(e: os.DirEntry) -> bool:
    try:
        return e.is_file()
    except OSError:
        return False


def _inside(link: Path, top: Path) -> bool:
    """Whether a symbolic link leads to a place inside ``top`` (a dangling or looping link does not)."""
    try:
        target = link.resolve(strict=True)
    except (OSError, RuntimeError):
        return False
    return target == top or top in target.parents


def _outside_link(link: Path, *, folder: bool) -> LoadError:
    what = "文件夹" if folder else "文件"
    return LoadError(
        f"这是一个指向所给目录之外（或已失效）的符号链接{what}，出于安全没有读取：检查只读所给目录里的文件。"
        f"如确需检查它指向的{what}，请直接在命令中给出那个路径。",
        code="E005",
        source=str(link),
    )


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


_OS_REASONS = {
    errno.ENOENT: "文件不存在（可能已被移动或删除）。",
    errno.EACCES: "没有读取该文件的权限。请检查文件权限，或复制到自己的目录后再检查。",
    errno.EPERM: "没有读取该文件的权限。请检查文件权限，或复制到自己的目录后再检查。",
    errno.EISDIR: "这是一个目录，不是文件。",
    errno.ELOOP: "符号链接循环引用，无法找到真正的文件。",
    errno.ENAMETOOLONG: "文件名或路径过长。请缩短文件名后再检查。",
    errno.EIO: "磁盘读写出错（文件可能位于损坏的磁盘或断开的网络盘上）。",
    errno.ENOMEM: "内存不足。",
    errno.EMFILE: "同时打开的文件过多。请稍后重试。",
}


def os_reason(e: OSError) -> str:
    """Why an OSError happened, in Chinese: the system's own text (strerror) is English."""
    reason = _OS_REASONS.get(e.errno) if e.errno is not None else None
    if reason:
        return reason
    code = f"（系统错误号 {e.errno}）" if e.errno is not None else ""
    return f"系统无法读取该文件{code}。请确认文件可以正常打开，复制一份后再检查。"


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
