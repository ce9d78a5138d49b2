"""Recall and precision of copy detection on a generated test set (see docs/bench/copy.md).

Positives: a passage of 50–300 characters taken from a real document (seeds, the
sample report, government work reports) is pasted into new text (paragraphs of
laws), verbatim, lightly edited or moderately edited. Negatives: pairs of reports
that share only mandatory formulas, and the five seeds against each other.

    PYTHONPATH=src python benchmarks/copy_eval.py [--cases 300] [--seed 1]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

import shuzhi
from shuzhi.similarity.compare import compare
from shuzhi.similarity.core.formulas import formula_list

CORPUS = ROOT.parent / "shared" / "corpus"
PLACES = ["城关镇", "东山乡", "河西区", "新华县", "临江市", "北坪村", "南湖街道"]
CJK = "的一是在了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经"


def paragraphs(paths, lo=60):
    out = []
    for p in paths:
        doc = shuzhi.load(p)
        out.extend((doc, s, e) for s, e in doc.paragraphs if e - s >= lo)
    return out


def light_edit(t: str, rng: random.Random) -> str:
    """Changed figures, a changed place name, about one replaced character in 40."""
    t = re.sub(r"\d+(\.\d+)?", lambda m: str(rng.randint(2, 999)), t)
    t = re.sub(r"X+|某某|××", lambda m: rng.choice(PLACES), t)
    chars = list(t)
    for _ in range(max(1, len(t) // 40)):
        i = rng.randrange(len(chars))
        if "\u4e00" <= chars[i] <= "\u9fff":
            chars[i] = rng.choice(CJK)
    return "".join(chars)


def moderate_edit(t: str, rng: random.Random) -> str:
    """Light edits plus one replaced character in 15, a few inserted/deleted, two clauses swapped."""
    t = light_edit(t, rng)
    chars = list(t)
    for _ in range(max(1, len(t) // 15)):
        i = rng.randrange(len(chars))
        op = rng.random()
        if op < 0.6:
            chars[i] = rng.choice(CJK)
        elif op < 0.8:
            chars.insert(i, rng.choice(CJK))
        elif len(chars) > 20:
            del chars[i]
    t = "".join(chars)
    cl = re.split("(?<=[，；])", t)
    if len(cl) >= 3:
        i = rng.randrange(len(cl) - 1)
        cl[i], cl[i + 1] = cl[i + 1], cl[i]
    return "".join(cl)


def cut(text: str, s: int, e: int, length: int, rng: random.Random) -> tuple[int, int]:
    if e - s <= length:
        return s, e
    a = rng.randrange(s, e - length)
    return a, a + length


def run(cases: int, seed: int) -> dict:
    rng = random.Random(seed)
    sources = (
        sorted((CORPUS / "seeds").glob("0*.txt"))
        + sorted((CORPUS / "samples").glob("*.txt"))
        + sorted((CORPUS / "gov-reports").glob("gwr_20*.txt"))[-6:]
    )
    src_paras = paragraphs(sources)
    filler = [d.text[s:e] for d, s, e in paragraphs(sorted((CORPUS / "laws").glob("0*.txt"))[100:160])]
    res: dict = {"positives": {}, "negatives": {}}
    t0 = time.perf_counter()
    for variant in ("verbatim", "light", "moderate"):
        found = 0
        detected_chars = planted_chars = flagged_chars = flagged_in = 0
        by_len = {"50-99": [0, 0], "100-199": [0, 0], "200-300": [0, 0]}
        for _ in range(cases):
            doc, s, e = rng.choice(src_paras)
            length = rng.randint(50, 300)
            a, b = cut(doc.text, s, e, length, rng)
            passage = doc.text[a:b]
            if variant == "light":
                passage = light_edit(passage, rng)
            elif variant == "moderate":
                passage = moderate_edit(passage, rng)
            before = "\n".join(rng.sample(filler, 2))
            after = "\n".join(rng.sample(filler, 2))
            suspect = shuzhi.loads(before + "\n" + passage + "\n" + after)
            p0 = suspect.text.index(passage)
            p1 = p0 + len(passage)
            c = compare(suspect, doc)
            hit_chars = 0
            ok = False
            for m in c.matches:
                inside = max(0, min(m.a_end, p1) - max(m.a_start, p0))
                flagged_chars += m.a_end - m.a_start
                flagged_in += inside
                hit_chars += inside
                # the source side must point into the passage's origin
                if inside and max(0, min(m.b_end, b) - max(m.b_start, a)) > 0:
                    ok = True
            found += ok
            detected_chars += min(hit_chars, p1 - p0)
            planted_chars += p1 - p0
            key = "50-99" if b - a < 100 else "100-199" if b - a < 200 else "200-300"
            by_len[key][0] += ok
            by_len[key][1] += 1
        res["positives"][variant] = {
            "cases": cases,
            "recall_passages": round(found / cases, 4),
            "recall_chars": round(detected_chars / planted_chars, 4),
            "precision_chars": round(flagged_in / flagged_chars, 4) if flagged_chars else None,
            "recall_by_length": {k: round(v[0] / v[1], 4) if v[1] else None for k, v in by_len.items()},
        }
    # Negatives 1: two reports that share only mandatory formulas, each in its own sentences.
    # The surrounding text of the two comes from unrelated genres (1950s–70s government
    # reports vs. laws) so that the formulas are all they share.
    formulas = [f for f in formula_list() if len(re.sub(r"\W", "", f)) >= 13]
    old = [d.text[s:e] for d, s, e in paragraphs(sorted((CORPUS / "gov-reports").glob("gwr_19[5-7]*.txt")))]
    fp_pairs = 0
    examples = []
    for _ in range(cases):
        fs = rng.sample(formulas, 4)
        x = "\n".join(f"{rng.choice(old)[:60]}，坚持{f}，{rng.choice(old)[:40]}" for f in fs)
        y = "\n".join(f"我们始终{f}。{rng.choice(filler)[-50:]}" for f in fs)
        X, Y = shuzhi.loads(x), shuzhi.loads(y)
        ms = compare(X, Y).matches
        if ms:
            fp_pairs += 1
            examples.extend(X.text[m.a_start : m.a_end] for m in ms)
    res["negatives"]["formula_only_pairs"] = {
        "pairs": cases,
        "pairs_with_a_match": fp_pairs,
        "matched_text": examples[:10],
    }
    seeds = [shuzhi.load(p) for p in sorted((CORPUS / "seeds").glob("0*.txt"))]
    seed_matches = sum(len(compare(seeds[i], seeds[j]).matches) for i in range(5) for j in range(i + 1, 5))
    res["negatives"]["seed_pairs"] = {"pairs": 10, "matches": seed_matches}
    res["seconds"] = round(time.perf_counter() - t0, 1)
    return res


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cases", type=int, default=300)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    print(json.dumps(run(args.cases, args.seed), ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
