"""Benchmark: sentence splitting, outline and metadata over the gov-reports and seeds corpus."""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

import shuzhi
from shuzhi.outline.meta import extract_meta
from shuzhi.outline.parse import parse_outline
from shuzhi.text.sentences import split_sentences

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"


def best_of(fn, repeat=5):
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times), statistics.median(times)


def main() -> None:
    paths = sorted((CORPUS / "gov-reports").glob("*.txt")) + sorted((CORPUS / "seeds").glob("0*.txt"))
    docs = [shuzhi.load(p) for p in paths]
    chars = sum(len(d.text) for d in docs)
    print(f"{len(docs)} documents, {chars:,} characters of analysed text")

    best, med = best_of(lambda: [split_sentences(d.text) for d in docs])
    print(f"sentences: best {best * 1000:.1f} ms, median {med * 1000:.1f} ms, {chars / best / 1e6:.1f} M chars/s")

    def outline_and_meta():
        for d in docs:
            d.__dict__.pop("outline", None)
            d.__dict__.pop("meta", None)
            parse_outline(d)
            extract_meta(d)

    best, med = best_of(outline_and_meta)
    print(
        f"outline+meta: best {best * 1000:.1f} ms, median {med * 1000:.1f} ms, "
        f"{best / len(docs) * 1000:.2f} ms per document, {chars / best / 1e6:.1f} M chars/s"
    )


if __name__ == "__main__":
    sys.exit(main())
