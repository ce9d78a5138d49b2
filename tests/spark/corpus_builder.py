"""A test corpus of a few hundred reports on disk: real texts from ../shared/corpus and reports assembled from
their paragraphs, with planted copies (near-duplicates, copied passages), one .docx, and bad files."""

from __future__ import annotations

import random
import shutil
from dataclasses import dataclass, field
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"


@dataclass
class Planted:
    near_duplicates: list[tuple[str, str]] = field(default_factory=list)  # (original, edited copy)
    passages: list[tuple[str, str]] = field(default_factory=list)  # (source, the report a passage went into)
    bad: dict[str, str] = field(default_factory=dict)  # file -> the error code it must get
    files: int = 0


def paragraphs(text: str, min_len: int = 30) -> list[str]:
    return [p.strip() for p in text.split("\n") if len(p.strip()) >= min_len]


def chunks(text: str, size: int = 5000) -> list[str]:
    """A long text cut at paragraph ends into pieces of about ``size`` characters."""
    out, cur = [], []
    n = 0
    for p in text.split("\n"):
        cur.append(p)
        n += len(p)
        if n >= size:
            out.append("\n".join(cur))
            cur, n = [], 0
    if n > 500:
        out.append("\n".join(cur))
    return out


def edit(text: str, rng: random.Random, changes: int = 6) -> str:
    """A light edit: a few characters replaced (a figure, a place), as a copier hides a copy."""
    chars = list(text)
    for _ in range(changes):
        i = rng.randrange(len(chars))
        if chars[i] != "\n":
            chars[i] = rng.choice("甲乙丙丁某县镇区村")
    return "".join(chars)


def build(
    root: Path, *, gov_files: int = 16, chunks_per_file: int = 6, assembled: int = 150, seed: int = 12
) -> Planted:
    """Write the corpus under ``root`` and say what was planted."""
    rng = random.Random(seed)
    planted = Planted()
    root.mkdir(parents=True, exist_ok=True)

    def write(rel: str, text: str) -> str:
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")
        planted.files += 1
        return rel

    pool: list[str] = []
    for p in sorted((CORPUS / "seeds").glob("0*.txt")):
        shutil.copyfile(p, root / f"seed_{p.name}")
        planted.files += 1
        pool += paragraphs(p.read_text(encoding="utf-8"))
    sample = (CORPUS / "samples" / "shuzhi_baogao_fanwen.txt").read_bytes()  # GB18030: the loaders detect it
    (root / "samples").mkdir()
    (root / "samples" / "fanwen.txt").write_bytes(sample)
    planted.files += 1
    gov = sorted((CORPUS / "gov-reports").glob("gwr_*.txt"))
    step = max(1, len(gov) // gov_files)
    for g in gov[::step][:gov_files]:
        for i, c in enumerate(chunks(g.read_text(encoding="utf-8"))[:chunks_per_file]):
            write(f"gov/{g.stem}_{i:02d}.txt", c)
            pool += paragraphs(c)

    reports: list[tuple[str, str]] = []
    for i in range(assembled):
        year = rng.choice(range(2019, 2025))
        body = rng.sample(pool, rng.randint(6, 12))
        text = f"{year}年度个人述职述廉报告\n" + "\n".join(body)
        reports.append((write(f"assembled/{year}/r{i:03d}.txt", text), text))
    for i in range(25):  # near-duplicates: a report handed in again with a few characters changed
        rel, text = reports[rng.randrange(len(reports))]
        copy = write(f"copies/dup{i:02d}.txt", edit(text, rng))
        planted.near_duplicates.append((rel, copy))
    for i in range(25):  # a 300-character passage of one report inside another
        (src, stext), (_, dtext) = rng.sample(reports, 2)
        start = rng.randrange(max(1, len(stext) - 300))
        passage = stext[start : start + 300].replace("\n", "")
        lines = dtext.split("\n")
        lines.insert(rng.randrange(1, len(lines)), passage)
        planted.passages.append((src, write(f"copies/passage{i:02d}.txt", "\n".join(lines))))

    from docx import Document as Docx

    d = Docx()
    for line in reports[0][1].split("\n"):
        d.add_paragraph(line)
    (root / "word").mkdir()
    d.save(root / "word" / "r000.docx")
    planted.files += 1
    planted.near_duplicates.append((reports[0][0], "word/r000.docx"))

    (root / "bad").mkdir()
    (root / "bad" / "empty.txt").write_bytes(b"")
    (root / "bad" / "broken.docx").write_bytes(b"PK\x03\x04 this is not really a zip archive")
    planted.bad = {"bad/empty.txt": "E101", "bad/broken.docx": "E103"}
    planted.files += 2
    # Not reports: skipped by `review` and by `corpus` alike.
    (root / ".hidden").mkdir()
    (root / ".hidden" / "x.txt").write_text("隐藏目录中的文件不是报告。" * 20, encoding="utf-8")
    (root / "notes.md").write_text("# 说明\n", encoding="utf-8")
    return planted
