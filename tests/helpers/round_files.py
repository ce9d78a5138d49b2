"""Building a small real round for the review tests: the seeds plus broken files in a temporary folder."""

from __future__ import annotations

import shutil
from pathlib import Path

SEEDS_DIR = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "seeds"


def make_round(tmp: Path) -> Path:
    """tmp/round: the five seeds, a corrupt .docx and an empty .txt."""
    d = tmp / "round"
    d.mkdir()
    for p in sorted(SEEDS_DIR.glob("0*.txt")):
        shutil.copyfile(p, d / p.name)
    (d / "broken.docx").write_bytes(b"PK\x03\x04 this is not really a zip archive")
    (d / "empty.txt").write_bytes(b"")
    return d


def gov_paragraphs(min_len: int = 80) -> list[str]:
    """The distinct paragraphs of at least ``min_len`` characters of the government work reports (gwr_*), in
    file order: material for rounds whose reports share chosen paragraphs."""
    seen, out = set(), []
    for f in sorted((SEEDS_DIR.parent / "gov-reports").glob("gwr_*.txt")):
        for p in f.read_text(encoding="utf-8").split("\n"):
            p = p.strip()
            if len(p) >= min_len and p not in seen:
                seen.add(p)
                out.append(p)
    return out


def swapped(lines: list[str], pool: list[str], rng) -> list[str]:
    """``lines`` with about half of the long ones after the fourth swapped for paragraphs of ``pool`` (as
    benchmarks/review_speed.py makes its rounds): reports that share chosen paragraphs."""
    return [rng.choice(pool) if n > 3 and len(x) > 60 and rng.random() < 0.5 else x for n, x in enumerate(lines)]
