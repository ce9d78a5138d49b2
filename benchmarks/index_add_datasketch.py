"""The competitor of `shuzhi index add` in benchmarks/index_add_bench.py: datasketch MinHash + MinHashLSH from files.

    python benchmarks/index_add_datasketch.py DIR

Reads every .txt under DIR (UTF-8), takes the character 5-grams of the text without whitespace,
builds a MinHash of 128 permutations per file (update_batch) and inserts it into a MinHashLSH
(threshold 0.5). Prints the number of files indexed.
"""

from __future__ import annotations

import sys
from pathlib import Path

from datasketch import MinHash, MinHashLSH


def main() -> int:
    files = sorted(p for p in Path(sys.argv[1]).rglob("*.txt") if p.name != "MANIFEST.tsv")
    lsh = MinHashLSH(threshold=0.5, num_perm=128)
    for i, p in enumerate(files):
        text = "".join(p.read_text(encoding="utf-8").split())
        grams = {text[j : j + 5].encode("utf-8") for j in range(max(1, len(text) - 4))}
        m = MinHash(num_perm=128)
        m.update_batch(list(grams))
        lsh.insert(str(i), m)
    print(len(files))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
