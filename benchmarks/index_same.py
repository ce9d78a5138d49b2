"""Whether two copy indexes hold the same documents and fingerprints, however their segments are cut.

    python benchmarks/index_same.py INDEX_A INDEX_B

Compares what a query reads: every document row but its time of adding (id, content key, source, person,
unit, year, round, kind, characters, removed, text), the authors, each document's author id, and the
postings of all segments together — (fingerprint, document) and (band key, document) pairs, sorted — and
the settings and formulas. Two builds of the same files by different versions of `index add` (batches of
other sizes, merged differently) must agree on all of it. Exit 0 when identical, 1 with the differences.
"""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

import numpy as np


def content(ix: Path) -> dict[str, object]:
    db = sqlite3.connect(f"file:{ix / 'index.sqlite'}?mode=ro", uri=True)
    out: dict[str, object] = {}
    meta = dict(db.execute("SELECT key, value FROM meta"))
    out["settings"] = meta["settings"]
    out["formulas"] = meta["formulas"]
    cols = "id, key, source, person, unit, year, round, kind, chars, removed, text"
    out["docs"] = list(db.execute(f"SELECT {cols} FROM docs ORDER BY id"))
    out["authors"] = list(db.execute("SELECT id, name FROM authors ORDER BY id"))
    n = len(out["docs"])
    authors = np.fromfile(ix / "authors.u32", dtype="<u4") if (ix / "authors.u32").exists() else np.zeros(0, "<u4")
    ids = np.array([d[0] for d in out["docs"]], dtype=np.int64)
    out["doc authors"] = authors[ids].tolist() if n else []
    for key, doc in (("fp", "fpdoc"), ("band", "banddoc")):
        ks, ds = [], []
        for (name,) in db.execute("SELECT name FROM segments WHERE docs > 0"):
            ks.append(np.load(ix / f"{name}.{key}.npy").astype(np.uint64))
            ds.append(np.load(ix / f"{name}.{doc}.npy").astype(np.uint64))
        pairs = np.sort((np.concatenate(ks) << np.uint64(32)) | np.concatenate(ds)) if ks else np.zeros(0, np.uint64)
        out[f"{key} postings"] = pairs
    db.close()
    return out


def main() -> int:
    a, b = (content(Path(p)) for p in sys.argv[1:3])
    differ = []
    for k in a:
        same = np.array_equal(a[k], b[k]) if isinstance(a[k], np.ndarray) else a[k] == b[k]
        if not same:
            differ.append(k)
    docs = len(a["docs"])
    print(
        f"{docs} documents, {len(a['fp postings']):,} passage postings, {len(a['band postings']):,} band postings: "
        + ("identical" if not differ else "DIFFERENT in " + ", ".join(differ))
    )
    return 1 if differ else 0


if __name__ == "__main__":
    raise SystemExit(main())
