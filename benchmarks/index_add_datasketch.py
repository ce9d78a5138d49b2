"""The competitor of `shuzhi index add` in benchmarks/index_add_bench.py: datasketch MinHash + MinHashLSH from files.

    python benchmarks/index_add_datasketch.py DIR

Reads every .txt under DIR (UTF-8), takes the character 5-grams of the text without whitespace,
builds a MinHash of 128 permutations per file and inserts it into a MinHashLSH (threshold 0.5).
Prints the number of files indexed.

datasketch's own bulk paths, as its documentation gives them for many sketches: ``MinHash.generator``
(one MinHash's permutations drawn once and copied for every file: the same hash values as
``MinHash(num_perm=128)`` per file, whose random draw cost 140-180 us a file, a fifth of the 3,000
chunks' time) and ``MinHashLSH.insertion_session`` (docs/bench/user-wait.md §3g).
"""

from __future__ import annotations

import sys
from pathlib import Path

from datasketch import MinHash, MinHashLSH


def shingles(files: list[Path]):
    for p in files:
        text = "".join(p.read_text(encoding="utf-8").split())
        yield list({text[j : j + 5].encode("utf-8") for j in range(max(1, len(text) - 4))})


def main() -> int:
    files = sorted(p for p in Path(sys.argv[1]).rglob("*.txt") if p.name != "MANIFEST.tsv")
    lsh = MinHashLSH(threshold=0.5, num_perm=128)
    with lsh.insertion_session() as session:
        for i, m in enumerate(MinHash.generator(shingles(files), num_perm=128)):
            session.insert(str(i), m)
    print(len(files))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
