"""Character hashing for copy detection: the fingerprint alphabet and 64-bit k-gram hashes, vectorized with numpy."""

from __future__ import annotations

import unicodedata
import zlib
from pathlib import Path

import numpy as np

_M64 = np.uint64(0xFFFFFFFFFFFFFFFF)
# An impossible hash: k-grams that touch a masked formula get it and are never selected.
INVALID = np.uint64(0xFFFFFFFFFFFFFFFF)
_BASE = np.uint64(0x100000001B3)


def _build_table() -> np.ndarray:
    """Codepoint → fingerprint codepoint for the BMP; 0 drops the character.

    Letters and numbers are kept (ASCII lower-cased); every decimal digit becomes
    '0' so that a changed figure does not hide a copied sentence; punctuation,
    spaces and symbols are dropped.
    """
    table = np.zeros(0x10000, dtype=np.uint32)
    for cp in range(0x10000):
        ch = chr(cp)
        cat = unicodedata.category(ch)
        if cat == "Nd":
            table[cp] = ord("0")
        elif cat[0] in "LN":
            folded = unicodedata.normalize("NFKC", ch)  # full-width Ｇ → G
            if len(folded) == 1 and ord(folded) < 128:
                table[cp] = ord(folded.lower())
            else:
                table[cp] = cp
    # Paragraph breaks are kept (and masked): a run never crosses one, so a
    # generic title followed by a generic opening is not one "copied" passage.
    table[10] = 10
    return table


# The table as shipped: each entry's offset from its own codepoint (mostly 0 or
# -codepoint), zlib-compressed. Loading it costs about 1 ms; building it walks
# 65,536 characters through unicodedata (about 30 ms in every new process).
# Shipping it also keeps fingerprints stable if a newer Python brings a newer
# Unicode database. `python -m shuzhi.similarity.core.hashing` writes it again.
TABLE_FILE = Path(__file__).with_name("fingerprint_table.bin")

_TABLE: np.ndarray | None = None


def encode_table(table: np.ndarray) -> bytes:
    delta = table.astype(np.int64) - np.arange(table.size, dtype=np.int64)
    return zlib.compress(delta.astype("<i4").tobytes(), 9)


def decode_table(data: bytes) -> np.ndarray:
    delta = np.frombuffer(zlib.decompress(data), dtype="<i4")
    return (delta + np.arange(delta.size, dtype=np.int64)).astype(np.uint32)


def _table() -> np.ndarray:
    global _TABLE
    if _TABLE is None:
        try:
            _TABLE = decode_table(TABLE_FILE.read_bytes())
        except (OSError, zlib.error, ValueError):  # a broken install: build it here
            _TABLE = _build_table()
    return _TABLE


def codepoints(text: str) -> np.ndarray:
    return np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)


def fingerprint_codes(text: str) -> tuple[np.ndarray, np.ndarray]:
    """(codes, positions): the kept, mapped characters and their offsets in ``text``."""
    cps = codepoints(text)
    mapped = _table()[np.minimum(cps, 0xFFFF)]
    wide = cps > 0xFFFF
    if wide.any():  # outside the BMP: kept as they are (rare CJK extensions)
        mapped[wide] = cps[wide]
    keep = np.flatnonzero(mapped)
    return mapped[keep], keep


def fingerprint_text(text: str) -> str:
    codes, _ = fingerprint_codes(text)
    return codes.astype("<u4").tobytes().decode("utf-32-le")


def mix64(h: np.ndarray) -> np.ndarray:
    """splitmix64 finalizer: spreads a polynomial hash over all 64 bits (in place when it can)."""
    h = h.copy() if not h.flags.writeable or not h.flags.owndata else h
    h ^= h >> np.uint64(30)
    h *= np.uint64(0xBF58476D1CE4E5B9)
    h ^= h >> np.uint64(27)
    h *= np.uint64(0x94D049BB133111EB)
    h ^= h >> np.uint64(31)
    return h


def kgram_hashes(codes: np.ndarray, k: int) -> np.ndarray:
    """64-bit hash of every k-gram of ``codes`` (len(codes) − k + 1 values)."""
    n = len(codes) - k + 1
    if n <= 0:
        return np.zeros(0, dtype=np.uint64)
    c = codes.astype(np.uint64)
    h = c[:n].copy()
    for j in range(1, k):
        h *= _BASE
        h += c[j : j + n]
    return mix64(h)


if __name__ == "__main__":
    TABLE_FILE.write_bytes(encode_table(_build_table()))
    print(TABLE_FILE)
