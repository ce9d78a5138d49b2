"""What every fuzz harness checks: a file is a Result or a coded error, never an exception, never out of bounds.

Used by the atheris harnesses (fuzz_*.py), by the regression test that replays every crash ever found
(tests/fuzz/test_regressions.py) and by the hypothesis property test. Plain Python: no atheris needed.
"""

from __future__ import annotations

import io
import os
import re
import tempfile
import time
import zipfile
from pathlib import Path

KINDS = ("txt", "docx", "pdf", "pipeline", "ofd", "ocr", "office")
_TMP = Path("/dev/shm") if Path("/dev/shm").is_dir() else Path(tempfile.gettempdir())
_CODE = re.compile(r"^E\d{3}$")
# "docx" inputs that do not start like a zip are XML parts joined by this separator, zipped here:
# byte mutations then reach the XML (a stored or deflated member with a changed byte only fails its CRC).
PART_SEPARATOR = b"\n<!--part-->\n"
PARTS = ("word/document.xml", "word/numbering.xml", "word/styles.xml", "_rels/.rels")
# The same for "ofd" inputs: the package's three XML files that the loader reads.
OFD_PARTS = ("OFD.xml", "Doc_0/Document.xml", "Doc_0/Pages/Page_0/Content.xml")
# "ocr" inputs are page images, "office" inputs LibreOffice documents; the first byte picks the extension.
OCR_SUFFIXES = ("png", "jpg", "tif")
OFFICE_SUFFIXES = ("doc", "rtf", "odt", "wps")


# CPU seconds one input may take (the whole process: every thread, OCR's included). CPU time, not wall time:
# on a shared machine a niced fuzzer waits for the CPU far longer than it computes, and waiting is no defect.
# libFuzzer's own -timeout (wall time, fuzz/run_all.py) stays as the backstop for a loop that never returns.
CPU_LIMIT_S = 20.0
CPU_LIMITS = {"ocr": 60.0}


class Finding(AssertionError):
    """A fuzz finding: the input broke shuzhi's promise (uncaught exception, bad error, bad offsets)."""


def docx_bytes(data: bytes, parts: tuple[str, ...] = PARTS) -> bytes:
    """The .docx (or .ofd, with OFD_PARTS) the harness reads for ``data``: the bytes themselves if they are a
    zip, else the parts zipped."""
    if data[:2] == b"PK":
        return data
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, part in zip(parts, data.split(PART_SEPARATOR), strict=False):
            z.writestr(name, part)
    return buf.getvalue()


def write_input(kind: str, data: bytes, directory: Path | None = None) -> Path:
    """Write a fuzz input as the file the loader reads (pipeline inputs pick their format by their first byte)."""
    suffix = kind
    if kind == "pipeline":
        suffix = ("txt", "docx", "pdf", "ofd")[data[0] % 4] if data else "txt"
        data = data[1:]
    elif kind in ("ocr", "office"):
        choices = OCR_SUFFIXES if kind == "ocr" else OFFICE_SUFFIXES
        suffix = choices[data[0] % len(choices)] if data else choices[0]
        data = data[1:]
    if suffix == "docx":
        data = docx_bytes(data)
    elif suffix == "ofd":
        data = docx_bytes(data, OFD_PARTS)
    fd, name = tempfile.mkstemp(suffix="." + suffix, dir=directory or _TMP)
    with os.fdopen(fd, "wb") as f:
        f.write(data)
    return Path(name)


def check_error(err) -> None:
    d = err.to_dict() if hasattr(err, "to_dict") else err
    if not _CODE.match(str(d.get("code", ""))):
        raise Finding(f"error without a code: {d!r}")
    msg = d.get("message") or ""
    if not re.search(r"[\u4e00-\u9fff]", msg):
        raise Finding(f"error message is not Chinese: {d!r}")
    if "Traceback" in msg or re.search(r"\b[A-Z][a-z]+Error\b", msg):
        raise Finding(f"error message carries a Python exception: {d!r}")


def check_document(doc) -> None:
    """Offsets point inside the source: every unit inside the raw text, to_raw inside it."""
    n_raw = len(doc.raw)
    last = 0
    for u in doc.units:
        if not (last <= u.raw_start <= u.raw_end <= n_raw):
            raise Finding(f"unit {u} outside the raw text of {n_raw} characters or out of order")
        if u.prefix > u.raw_end - u.raw_start or any(not 0 <= r <= u.raw_end - u.raw_start for r in u.runs or ()):
            raise Finding(f"unit {u}: label or runs outside the unit")
        last = u.raw_end
    if len(doc.to_raw) != len(doc.text) + 1:
        raise Finding(f"to_raw has {len(doc.to_raw)} entries for a text of {len(doc.text)} characters")
    if len(doc.to_raw) and (int(doc.to_raw.min()) < 0 or int(doc.to_raw.max()) > n_raw):
        raise Finding("to_raw points outside the raw text")


def check_result(result) -> None:
    doc = result.document
    n = len(doc.text)
    for f in result.findings:
        if not (0 <= f.start <= f.end <= n):
            raise Finding(f"finding {f.code} at {f.start}-{f.end} outside a text of {n} characters")
        if f.code == "X001":
            raise Finding(f"a rule crashed: {f.message}")
        if f.line is not None and f.line < 1:
            raise Finding(f"finding {f.code} on line {f.line}")


def run(kind: str, data: bytes, *, budget: float | None = 0) -> object:
    """Load (``txt``/``docx``/``pdf``/``ofd``/``ocr``/``office``) or load and check (``pipeline``) one input;
    raise Finding on a broken promise, or when it took more than its CPU limit (CPU_LIMITS).

    ``budget`` is the pipeline's own time budget (wall seconds, isolation.check_file_safely; 0: none, the CPU
    limit applies). Returns the Document, Result or coded error. Any exception other than Finding escaping
    from here is a crash.
    """
    cpu = time.process_time()
    out = _run(kind, data, budget)
    cpu = time.process_time() - cpu
    if cpu > CPU_LIMITS.get(kind, CPU_LIMIT_S):
        raise Finding(f"{cpu:.1f} s of CPU for one input, over the limit of {CPU_LIMITS.get(kind, CPU_LIMIT_S):g} s")
    return out


def _run(kind: str, data: bytes, budget: float | None) -> object:
    from shuzhi.loaders import load
    from shuzhi.model.errors import ShuzhiError
    from shuzhi.pipeline.isolation import FileError, check_file_safely
    from shuzhi.rules.config import Config

    path = write_input(kind, data)
    try:
        if kind == "pipeline":
            out = check_file_safely(path, Config(), budget)
            if isinstance(out, FileError):
                check_error(out)
                if out.code == "E113":
                    raise Finding(f"internal error: {out.detail}")
                if out.code == "E114":
                    raise Finding(f"over the time budget of {budget} s")
            else:
                check_document(out.document)
                check_result(out)
            return out
        try:
            doc = load(path)
        except ShuzhiError as e:
            check_error(e)
            return e
        check_document(doc)
        return doc
    finally:
        path.unlink(missing_ok=True)
