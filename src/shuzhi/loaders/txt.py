"""Plain-text reports in any Chinese encoding (UTF-8/16, GB18030/GBK, Big5)."""
from __future__ import annotations

from pathlib import Path

from ..document import Document
from ..errors import LoadError
from ..normalize import build_document, units_from_lines


def _control_ratio(s: str) -> float:
    if not s:
        return 0.0
    bad = sum(1 for c in s[:20000] if (ord(c) < 32 and c not in "\n\r\t\f\v") or c == "\ufffd")
    return bad / min(len(s), 20000)


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode report bytes; return (text, encoding). Raises LoadError for non-text."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace"), "utf-16"
    try:
        text = data.decode("utf-8")
        enc = "utf-8"
    except UnicodeDecodeError:
        text, enc = _guess(data)
    if _control_ratio(text) > 0.02:
        raise LoadError(
            "文件不是可识别的文本（可能是二进制文件或编码损坏）。请用 Word 打开后另存为 .docx 或 UTF-8 文本。",
            code="E102",
        )
    return text, enc


def _guess(data: bytes) -> tuple[str, str]:
    # UTF-16 without BOM: every other byte is zero in ASCII-heavy text, and
    # Chinese text in UTF-16 decodes cleanly while GB bytes rarely pair up.
    if len(data) % 2 == 0 and data.count(b"\x00") > len(data) // 8:
        for enc in ("utf-16-le", "utf-16-be"):
            try:
                t = data.decode(enc)
            except UnicodeDecodeError:
                continue
            if _control_ratio(t) < 0.01:
                return t, enc
    candidates = []
    for enc in ("gb18030", "big5"):
        try:
            candidates.append((data.decode(enc), enc))
        except UnicodeDecodeError:
            pass
    if len(candidates) == 1:
        return candidates[0]
    if candidates:
        from charset_normalizer import from_bytes

        best = from_bytes(data, cp_isolation=["gb18030", "big5"]).best()
        if best is not None:
            enc = "big5" if "big5" in best.encoding else "gb18030"
            return data.decode(enc), enc
        return candidates[0]
    raise LoadError(
        "无法识别文件编码（不是 UTF-8、UTF-16、GB18030/GBK 或 Big5）。请用记事本或 Word 另存为 UTF-8 后再检查。",
        code="E102",
    )


def load_txt(path: Path, source: str) -> Document:
    data = path.read_bytes()
    text, enc = decode_bytes(data)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return build_document(text, units_from_lines(text), source=source, format="txt", path=str(path), encoding=enc)
