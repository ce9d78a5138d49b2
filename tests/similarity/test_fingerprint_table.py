"""The fingerprint alphabet ships as a file; it must be the table the code defines."""

from __future__ import annotations

import fnmatch
import tomllib
from pathlib import Path

import numpy as np

from shuzhi.similarity.core import hashing

ROOT = Path(__file__).resolve().parents[2]


def test_shipped_table_is_the_defined_alphabet():
    shipped = hashing.decode_table(hashing.TABLE_FILE.read_bytes())
    built = hashing._build_table()
    assert shipped.dtype == built.dtype and shipped.shape == (0x10000,)
    differ = np.flatnonzero(shipped != built)
    assert differ.size == 0, f"run `python -m shuzhi.similarity.core.hashing`: {differ[:10].tolist()} differ"


def test_table_file_is_package_data():
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    globs = data["tool"]["setuptools"]["package-data"]["shuzhi"]
    relative = hashing.TABLE_FILE.relative_to(ROOT / "src" / "shuzhi").as_posix()
    assert any(fnmatch.fnmatch(relative, g) for g in globs)


def test_encoding_round_trips_and_a_broken_file_falls_back(tmp_path, monkeypatch):
    built = hashing._build_table()
    assert np.array_equal(hashing.decode_table(hashing.encode_table(built)), built)
    broken = tmp_path / "fingerprint_table.bin"
    broken.write_bytes(b"not zlib")
    monkeypatch.setattr(hashing, "TABLE_FILE", broken)
    monkeypatch.setattr(hashing, "_TABLE", None)
    assert np.array_equal(hashing._table(), built)
    assert hashing.fingerprint_text("第１２项ＡＢ，工作") == "第00项ab工作"
