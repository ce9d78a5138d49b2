"""Plain-text reports in any Chinese encoding (UTF-8/16, GB18030/GBK, Big5)."""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from pathlib import Path

from ..model.document import Document
from ..model.errors import LoadError
from ..text.normalize import units_from_lines


def _not_text_error() -> LoadError:
    # A new exception each time: raising one module-level instance again and again chains every
    # traceback (with the frames and the file's bytes) onto it, a leak in a long-running worker.
    return LoadError(
        "文件不是可识别的文本（可能是二进制文件，或编码不是 UTF-8、UTF-16、GB18030/GBK、Big5）。"
        "请用记事本或 Word 打开后另存为 UTF-8 文本或 .docx 再检查。",
        code="E102",
    )


# How many characters of a decoding are scored: enough to decide, cheap on big files.
_SAMPLE = 20000
# A decoding must look this much like ordinary Chinese (or ASCII) text to be accepted.
_MIN_SCORE = 0.8
# A GB18030 decoding this plausible is taken at once (Big5 or UTF-16 bytes read as
# GB18030 score about 0.5).
_SURE = 0.97
# A lossy decoding (a few broken bytes) is accepted only when breakage is this rare.
_MAX_REPLACED = 0.002

_PUNCT = set("，。、；：？！“”‘’（）《》〈〉【】—…·％／　「」『』﹏～－")


@lru_cache(maxsize=1)
def _charsets() -> tuple[frozenset, frozenset, frozenset, frozenset]:
    """Common characters of each standard: GB2312 level 1/2, Big5 level 1/2.

    Chinese text decoded with the right codec is almost all level-1 characters and
    ordinary punctuation; the same bytes decoded with the wrong codec land on kana,
    box drawing, Bopomofo, rare characters or level 2 about half of the time. That is
    what tells short GBK from Big5, where statistical detectors guess.
    """

    def block(codec, leads, trails):
        out: set[str] = set()
        _decodable(codec, [bytes((a, b)) for a in leads for b in trails], out)
        return frozenset(out)

    gb_trails = range(0xA1, 0xFF)
    big5_trails = [*range(0x40, 0x7F), *range(0xA1, 0xFF)]
    gb1 = block("gb2312", range(0xB0, 0xD8), gb_trails)
    gb2 = block("gb2312", range(0xD8, 0xF8), gb_trails)
    b5_1 = block("big5", range(0xA4, 0xC6), big5_trails) | block("big5", [0xC6], range(0x40, 0x7F))
    b5_2 = block("big5", range(0xC9, 0xFA), big5_trails)
    return gb1, gb2, b5_1, b5_2


def _decodable(codec: str, pairs: list[bytes], out: set[str]) -> None:
    """Add to ``out`` what each two-byte entry of ``pairs`` decodes to alone in ``codec``, a double-byte
    codec (GB2312, Big5: not UTF-8 or GB18030, whose longer sequences can span two pairs).

    Runs of pairs are decoded at once and halved only where one fails (a double-byte codec is stateless
    and a strict decoding fails at an undecodable pair): the same as one decoding per pair, which
    cost 17 ms of CPU in every worker process that met a short file (the sets are built on first use).
    """
    try:
        chars = b"".join(pairs).decode(codec)
    except UnicodeDecodeError:
        chars = None
    if chars is not None and len(pairs) == 1:
        out.add(chars)
    elif chars is not None and len(chars) == len(pairs):
        out.update(chars)
    elif len(pairs) > 1:
        half = len(pairs) // 2
        _decodable(codec, pairs[:half], out)
        _decodable(codec, pairs[half:], out)


def _score(text: str, common: frozenset, rare: frozenset) -> float:
    """Share of characters that are plausible in a report (ASCII, punctuation, common Hanzi)."""
    sample = text[:_SAMPLE]
    if not sample:
        return 0.0
    good = 0.0
    # Score each distinct character once: a report uses a few thousand of them.
    for c, k in Counter(sample).items():
        o = ord(c)
        if o < 128:
            if o >= 32 or c in "\n\r\t":
                good += k
        elif c in common or c in _PUNCT or 0xFF01 <= o <= 0xFF5E or 0x2000 <= o <= 0x24FF or 0x3000 <= o <= 0x303F:
            good += k
        elif c in rare:
            good += 0.5 * k
    return good / len(sample)


@lru_cache(maxsize=1)
def _utf_sets() -> tuple[frozenset, frozenset]:
    gb1, gb2, b5_1, b5_2 = _charsets()
    return gb1 | b5_1, gb2 | b5_2


def _binary_error() -> LoadError:
    return LoadError(
        "文件内容大多是控制字符或无法解码的字节，不是文字报告（可能是图片、压缩包或其他二进制文件被改成了 .txt）。"
        "请确认提交的是报告本身，或用 Word 打开后另存为 .docx 再检查。",
        code="E102",
    )


# Characters no report is made of: C0 controls other than tab, line feed, carriage return, vertical
# tab and form feed (Word puts the last two in copied text, as line and page breaks), DEL and the C1
# controls, and U+FFFD (bytes a decoding could not read).
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ufffd]")
# Vertical tabs and form feeds: a few are Word's breaks, a text made mostly of them is not a report.
_BREAKS = re.compile("[\x0b\x0c]")
_MAX_BREAKS = 0.5
# Private-use characters: a few are symbol-font glyphs, a text made of them is not a report.
_PRIVATE = re.compile("[\ue000-\uf8ff]")
_MAX_CONTROL = 0.02
_MAX_PRIVATE = 0.3


def _sample(s: str) -> str:
    """The beginning, middle and end of a decoding: binary appended to a text must not hide behind it."""
    if len(s) <= 3 * _SAMPLE // 2:
        return s
    third = _SAMPLE // 2
    mid = len(s) // 2
    return s[:third] + s[mid - third // 2 : mid + third // 2] + s[-third:]


def _control_ratio(s: str) -> float:
    """Share of control characters (and U+FFFD) in a sample of a decoding."""
    sample = _sample(s)
    return len(_CONTROL.findall(sample)) / len(sample) if sample else 0.0


# Any of the three above: a text without one (nearly every report) is text, in one scan instead of three.
_ODD = re.compile("[\x00-\x08\x0b-\x0c\x0e-\x1f\x7f-\x9f\ufffd\ue000-\uf8ff]")


def _not_text(s: str) -> bool:
    """Whether a decoding is mostly control, undecodable or private-use characters: binary, not a report."""
    if _ODD.search(_sample(s)) is None:
        return False
    if _control_ratio(s) > _MAX_CONTROL:
        return True
    sample = _sample(s)
    if not sample:
        return False
    if len(_BREAKS.findall(sample)) / len(sample) > _MAX_BREAKS:
        return True
    return len(_PRIVATE.findall(sample)) / len(sample) > _MAX_PRIVATE


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode report bytes; return (text, encoding). Raises LoadError (E102) for non-text."""
    if data.startswith(b"\xef\xbb\xbf"):
        text, enc = _lossy(data[3:], "utf-8"), "utf-8-sig"
    elif data.startswith(b"\xff\xfe"):
        text, enc = _lossy(data[2:], "utf-16-le"), "utf-16-le"
    elif data.startswith(b"\xfe\xff"):
        text, enc = _lossy(data[2:], "utf-16-be"), "utf-16-be"
    else:
        try:
            text, enc = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            text, enc = _guess(data)
        else:
            # Valid UTF-8 full of control bytes is something else: short UTF-16
            # without a BOM is often valid ASCII ("N*gQ" is 个村 in UTF-16-BE).
            # And GBK bytes are sometimes valid UTF-8 too (平前 reads as "ƽǰ"):
            # text that does not look like Chinese or ASCII is decoded again.
            # (Only short files: GBK bytes stop being valid UTF-8 by chance after a
            # few dozen characters, so long files skip the scoring.)
            binary = _not_text(text)
            short = len(data) - len(text) < 600
            if binary or (short and not text.isascii() and _score(text, *_utf_sets()) < _MIN_SCORE):
                try:
                    text, enc = _guess(data)
                except LoadError:
                    if binary:
                        raise _binary_error() from None
                return _checked(text, enc)
            return text, enc
    return _checked(text, enc)


def _checked(text: str, enc: str) -> tuple[str, str]:
    if _not_text(text):
        raise _binary_error()
    return text, enc


def _lossy(data: bytes, enc: str) -> str:
    text = data.decode(enc, errors="replace")
    if text.count("\ufffd") > max(2, len(text) * _MAX_REPLACED):
        raise _not_text_error()
    return text


def _guess(data: bytes) -> tuple[str, str]:
    gb1, gb2, b5_1, b5_2 = _charsets()
    common_any, rare_any = _utf_sets()
    # (codec, common set, rare set); GB18030 first, so that it wins ties: GBK is what
    # officials' machines write by default.
    # GBK holds traditional characters too (some official archives are traditional).
    trials = [
        ("gb18030", gb1 | b5_1, gb2),
        ("big5", b5_1, b5_2),
        ("utf-16-le", common_any, rare_any),
        ("utf-16-be", common_any, rare_any),
    ]
    best: tuple[float, str, str] | None = None
    for enc, common, rare in trials:
        if enc.startswith("utf-16") and len(data) % 2:
            continue
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        s = _score(text, common, rare)
        if best is None or s > best[0]:
            best = (s, text, enc)
        if enc == "gb18030" and s >= _SURE:
            break  # GBK that reads as ordinary Chinese: no other codec will do better
    if best is None or best[0] < _MIN_SCORE:
        # No (plausible) strict decoding: accept a file with a few broken bytes (a truncated
        # copy, one bad sector) when one codec explains nearly all of it.
        for enc, common, rare in trials[:2] + [("utf-8", common_any, rare_any)]:
            text = data.decode(enc, errors="replace")
            if text.count("\ufffd") <= max(2, len(text) * _MAX_REPLACED):
                s = _score(text, common, rare)
                if best is None or s > best[0]:
                    best = (s, text, enc)
    if best is None or best[0] < _MIN_SCORE:
        raise _not_text_error()
    return best[1], best[2]


def load_txt(path: Path, source: str) -> Document:
    from ..analysis.document import build_document

    data = path.read_bytes()
    text, enc = decode_bytes(data)
    warnings = []
    if "\ufffd" in text:
        warnings.append(f"文件中有 {text.count(chr(0xFFFD))} 处无法解码的字节，已显示为“\ufffd”。")
    # CRLF and lone CR end lines too; doing it before units keeps file line numbers right.
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return build_document(
        text, units_from_lines(text), source=source, format="txt", path=str(path), encoding=enc, warnings=warnings
    )
