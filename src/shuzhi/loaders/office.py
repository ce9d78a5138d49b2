""".doc, .wps, .rtf and .odt reports, converted to .docx by LibreOffice headless and read as a .docx."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path

from ..model.document import Document
from ..model.errors import LoadError

# Formats LibreOffice converts for us, with what a reviewer calls them.
CONVERTED = {
    ".doc": "Word 97–2003 文档（.doc）",
    ".wps": "WPS 文字文档（.wps）",
    ".rtf": "RTF 文档（.rtf）",
    ".odt": "OpenDocument 文档（.odt）",
}
# LibreOffice gets this long per file; a hung conversion must not stop a batch.
CONVERT_TIMEOUT_S = 120
# At most this many LibreOffice processes at once on the machine, whatever the number of
# workers or shuzhi processes: each takes ~150 MB and a second of CPU to start.
DEFAULT_SLOTS = 2
SLOTS_ENV = "SHUZHI_SOFFICE_SLOTS"
# How long a conversion waits for a free slot before giving up on the file.
SLOT_WAIT_S = 600
_CANNOT = "LibreOffice 无法转换该文件，文件可能已损坏或设置了密码。请用 Word/WPS 打开并另存为 .docx 后再检查。"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def find_soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def missing_message(suffix: str) -> str:
    return (
        f"{suffix} 是 Word/WPS 等办公软件的格式，需要安装 LibreOffice 才能读取"
        "（Debian/Ubuntu：apt-get install libreoffice-writer-nogui），或用 Word/WPS 另存为 .docx 后再检查。"
    )


def slot_count() -> int:
    try:
        return max(1, int(os.environ.get(SLOTS_ENV, DEFAULT_SLOTS)))
    except ValueError:
        return DEFAULT_SLOTS


SLOT_DIR_ENV = "SHUZHI_SOFFICE_SLOT_DIR"


def _slot_dir() -> Path:
    """Where the slots' lock files live: shared by every shuzhi process of this user (or SHUZHI_SOFFICE_SLOT_DIR)."""
    given = os.environ.get(SLOT_DIR_ENV)
    if given:
        d = Path(given)
        d.mkdir(parents=True, exist_ok=True)
        return d
    d = Path(tempfile.gettempdir()) / f"shuzhi-soffice-slots-{os.getuid() if hasattr(os, 'getuid') else 0}"
    d.mkdir(mode=0o700, exist_ok=True)
    return d


@contextlib.contextmanager
def conversion_slot(wait_s: float = SLOT_WAIT_S):
    """Hold one of slot_count() machine-wide slots (flock on a lock file) while LibreOffice runs.

    flock locks belong to an open file, so they bound threads, forked workers and separate
    shuzhi processes alike, and the kernel releases them when a process dies.
    """
    try:
        import fcntl
    except ImportError:  # Windows: no flock; one conversion at a time in this process
        yield
        return
    n = slot_count()
    d = _slot_dir()
    deadline = time.monotonic() + wait_s
    while True:
        for i in range(n):
            fh = open(d / f"slot-{i}.lock", "a")  # noqa: SIM115 - held for the whole conversion
            try:
                fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                fh.close()
                continue
            try:
                yield
            finally:
                fcntl.flock(fh, fcntl.LOCK_UN)
                fh.close()
            return
        if time.monotonic() > deadline:
            raise LoadError(
                f"等待 LibreOffice 转换超过 {wait_s:g} 秒（同时转换的文件过多）。请稍后重新检查该文件。", code="E103"
            )
        time.sleep(0.1)


def _input_name(path: Path) -> str:
    """The name the file gets in the temporary folder: ASCII, and .doc for an OLE-format .wps.

    Kingsoft WPS Writer saves .wps files in the Word 97 binary format (an OLE compound file
    with a WordDocument stream); LibreOffice detects that from the content either way, but the
    .doc name keeps it from trying its Microsoft Works filter first.
    """
    ext = path.suffix.lower()
    if ext == ".wps":
        with path.open("rb") as fh:
            if fh.read(8) == _OLE:
                ext = ".doc"
    return "report" + ext


_WORD_STREAM = "WordDocument".encode("utf-16-le")
_WORKS_STREAM = "CONTENTS".encode("utf-16-le")  # Microsoft Works .wps, read by LibreOffice's libwps
_NOT_OFFICE = "文件内容不是有效的{what}（可能已损坏，或扩展名与内容不符）。请用 Word/WPS 打开并另存为 .docx 后再检查。"


def check_signature(path: Path) -> None:
    """Refuse, before LibreOffice sees it, a file whose content is no document of its kind: E103.

    LibreOffice imports anything it cannot recognise as plain text, so a damaged .doc would
    otherwise be "read" as a page of random characters and checked.
    """
    ext = path.suffix.lower()
    data = path.read_bytes()
    head = data[:64].lstrip(b"\xef\xbb\xbf \t\r\n")
    what = CONVERTED.get(ext, ext)
    if head.startswith(_OLE):
        ok = ext in (".doc", ".wps") and (_WORD_STREAM in data or (ext == ".wps" and _WORKS_STREAM in data))
    elif head.startswith(b"{\\rtf"):
        ok = ext in (".doc", ".rtf", ".wps")  # Word and WPS save RTF under .doc too
    elif head.startswith(b"PK\3\4"):
        ok = True  # a .docx or .odt renamed: LibreOffice reads both; a broken zip fails conversion (E103)
    elif ext == ".doc" and head[:20].lower().startswith((b"<html", b"<!doctype", b"<?xml", b"mime-version")):
        ok = True  # Word's "web page" and XML documents saved as .doc
    else:
        ok = False
    if not ok:
        raise LoadError(_NOT_OFFICE.format(what=what), code="E103")


def convert_to_docx(path: Path, outdir: Path, *, timeout: float | None = None) -> Path:
    """Convert ``path`` into ``outdir``/report.docx with LibreOffice; LoadError (E108/E103) if it cannot."""
    timeout = CONVERT_TIMEOUT_S if timeout is None else timeout
    exe = find_soffice()
    if exe is None:
        raise LoadError(missing_message(path.suffix.lower()), code="E108")
    work = outdir / "in"
    work.mkdir()
    src = work / _input_name(path)
    shutil.copyfile(path, src)
    # A private profile: a running LibreOffice (or a parallel conversion) holds a lock on
    # the default one and makes --convert-to silently do nothing.
    profile = (outdir / "profile").as_uri()
    cmd = [
        exe,
        f"-env:UserInstallation={profile}",
        "--headless",
        "--norestore",
        "--nolockcheck",
        "--convert-to",
        "docx:MS Word 2007 XML",
        "--outdir",
        str(outdir),
        str(src),
    ]
    with conversion_slot():
        # Its own session, so that a timeout kills soffice.bin too, not only the wrapper script.
        proc = subprocess.Popen(
            cmd,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            start_new_session=True,
            env={**os.environ, "HOME": str(outdir)},
        )
        try:
            proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired as e:
            _kill_group(proc)
            raise LoadError(
                f"LibreOffice 转换超过 {int(timeout)} 秒仍未完成，已停止。请用 Word/WPS 打开并另存为 .docx 后再检查。",
                code="E103",
            ) from e
        finally:
            _kill_group(proc)  # a conversion that finished leaves nothing behind
    out = outdir / "report.docx"
    if proc.returncode != 0 or not out.exists() or out.stat().st_size == 0:
        raise LoadError(_CANNOT, code="E103")
    return out


def _kill_group(proc: subprocess.Popen) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError, OSError):
        os.killpg(proc.pid, signal.SIGKILL)
    with contextlib.suppress(Exception):
        proc.wait(timeout=5)


def load_converted(path: Path, source: str, *, max_bytes: int) -> Document:
    """Read a .doc/.wps/.rtf/.odt file through LibreOffice: paragraphs numbered as in the converted .docx."""
    from .docx import load_docx

    suffix = path.suffix.lower()
    if find_soffice() is None:
        raise LoadError(missing_message(suffix), code="E108")
    check_signature(path)
    tmp = tempfile.mkdtemp(prefix="shuzhi-convert-")
    try:
        out = convert_to_docx(path, Path(tmp))
        if out.stat().st_size > max_bytes:
            raise LoadError("转换后的 .docx 超过大小限制；如确需检查，请在配置中调大 max-file-size。", code="E107")
        doc = load_docx(out, source)
        doc.docx_bytes = out.read_bytes()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    doc.path = str(path)
    doc.format = "docx"
    note = (
        f"原文件是{CONVERTED.get(suffix, suffix)}，已用 LibreOffice 转换为 .docx 后检查；"
        "位置中的“行”是转换后文档的段落序号，带批注的审查文件为 .docx。"
    )
    doc.origin = {
        **doc.origin,
        "format": suffix.lstrip("."),
        "converted": "libreoffice",
        "notes": [note, *doc.origin.get("notes", [])],
    }
    return doc


# The name callers used before .rtf/.odt were added.
load_legacy = load_converted
