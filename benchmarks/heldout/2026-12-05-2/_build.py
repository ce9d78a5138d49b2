"""Write the 2026-12-05 held-out sets (TOML, the data of record) from _sentences.py and _pools.py.

Run once, seeded: python benchmarks/heldout/2026-12-05/_build.py
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import _pools as P
import _sentences as S


def q(s: str) -> str:
    return json.dumps(s, ensure_ascii=False)


def write(name: str, header: str, cases: list[dict]) -> None:
    out = [header.rstrip() + "\n"]
    for c in cases:
        out.append("\n[[case]]")
        for k, v in c.items():
            if isinstance(v, list):
                out.append(f"{k} = [{', '.join(q(x) for x in v)}]")
            else:
                out.append(f"{k} = {q(v)}")
    (HERE / f"{name}.toml").write_text("\n".join(out) + "\n", encoding="utf-8")


def sentences() -> None:
    cases = []
    n = {"pos": 0, "decoy": 0}
    for label, form, text in S.PLACEHOLDERS:
        n[label] += 1
        c = {"id": f"ph5b-{'p' if label == 'pos' else 'd'}{n[label]:02d}", "label": label, "form": form}
        if label == "pos":
            c["code"] = ["P101", "P102"]
        c["text"] = text
        cases.append(c)
    write(
        "placeholders",
        "# Held-out set 2026-12-05 (second), issue #13, written AFTER that day's fixes (README.md): placeholders of the forms real template sites leave (P101/P102),\n"
        "# second pass. Never tune on it.\n"
        "# label pos: some P101/P102 finding must fall in the text; decoy: none may (form lines of an appended\n"
        "# 测评表 are the evaluator's blanks, not the writer's, and are decoys here).",
        cases,
    )
    cases, n = [], {"pos": 0, "decoy": 0}
    for label, group, text, config in S.IDENTITIES:
        n[label] += 1
        c = {"id": f"id5b-{'p' if label == 'pos' else 'd'}{n[label]:02d}", "label": label, "group": group, "text": text}
        if config:
            c["config"] = config
        cases.append(c)
    write(
        "identities",
        "# Held-out set 2026-12-05 (second), issue #13, written AFTER that day's fixes (README.md): sums that hold by definition with no 合计/分别 (N206), beyond the\n"
        "# five built in on 2026-12-04 (户籍人口, 财政总收入, 人均可支配收入 by source, 党员, 粮食 by season, 男女),\n"
        "# and a locality's own identities given in the config (`config` holds a shuzhi.toml text; the\n"
        '# proposed key is [lexicons] "figures.identities", a list of {name, whole, parts}).\n'
        "# label pos: some N finding must fall in the text; decoy: none may. Sums checked by hand.",
        cases,
    )
    cases, n = [], {"pos": 0, "decoy": 0}
    for label, group, text in S.SHARED_NAMES:
        n[label] += 1
        cases.append(
            {"id": f"sn5b-{'p' if label == 'pos' else 'd'}{n[label]:02d}", "label": label, "group": group, "text": text}
        )
    write(
        "shared_names",
        "# Held-out set 2026-12-05 (second), issue #13, written AFTER that day's fixes (README.md): identity sums whose parts share one name in a 分别 list\n"
        "# (第一、二、三产业增加值分别为…; 税收收入和非税收入分别为…; 三次产业占比分别为… adding to 100%).\n"
        "# label pos: some N finding must fall in the text; decoy: none may. Sums checked by hand.",
        cases,
    )


def parts(rng: random.Random) -> None:
    shapes = ["with-plans"] * 12 + ["no-plans"] * 10 + ["subheadings"] * 8 + ["plans-paragraph"] * 6
    cases = []
    for label in ("pos", "decoy"):
        pool = P.SHORTCOMINGS if label == "pos" else P.NOT_SHORTCOMINGS
        for i, shape in enumerate(shapes):
            title, opening = P.OPENINGS[i % len(P.OPENINGS)]
            kind, para = pool[i % len(pool)]
            nk, nh, ntext = P.NEXT_PARTS[rng.randrange(len(P.NEXT_PARTS))]
            work = rng.sample(P.WORK, 3)
            lines = [title, opening, rng.choice(P.STUDY_HEADINGS), rng.choice(P.STUDY), rng.choice(P.WORK_HEADINGS)]
            if shape == "subheadings":
                lines += ["（一）抓项目建设", work[0], "（二）抓民生保障", work[1], work[2]]
            else:
                lines += work[:2]
            lines.append(para)
            lines += [nh, ntext]
            if shape in ("with-plans", "subheadings"):
                ph, pt = rng.choice(P.PLANS)
                lines += [ph, pt]
            elif shape == "plans-paragraph":
                lines.append("今后，我将针对存在的不足，在抓落实、重实效上下更大功夫，努力把各项工作做得更好。")
            lines.append(rng.choice(P.CLOSINGS))
            cases.append(
                {
                    "id": f"pu5b-{'p' if label == 'pos' else 'd'}{i + 1:02d}",
                    "label": label,
                    "shape": shape,
                    "kind": kind,
                    "next_part": nk,
                    "span": para,
                    "not_span": ntext,
                    "text": "\n".join(lines),
                }
            )
    write(
        "parts_unheaded",
        "# Held-out set 2026-12-05 (second), issue #13, written AFTER that day's fixes (README.md) (parts): an unheaded shortcomings paragraph at the end of the work\n"
        "# part, before a part that is NOT the plans part (三、廉洁自律 / 履行全面从严治党责任 / 作风建设 /\n"
        "# 意识形态), in four shapes (plans part after it, no plans, work part with （一）（二） sub-parts, a plans\n"
        "# paragraph instead of a plans part). Decoys put a paragraph that talks about problems but is work (problems\n"
        "# solved, hazards counted, rectification, others' shortfalls, thanks) in the same place.\n"
        "# pos: `span` must lie in a part the outline marks `shortcomings` AND `not_span` (the next part's text) must not;\n"
        "# decoy: `span` must not lie in a `shortcomings` part. Built by _build.py from _pools.py (seeded).",
        cases,
    )


def s301(rng: random.Random) -> None:
    titles = ["2023年度述职述责述廉报告", "述职述责述廉报告", "个人述职述廉述责报告", "2024年度述责述廉报告"]
    shapes = ["neutral-heading-2", "neutral-heading-1", "inside-work", "before-shortcomings"]
    ze_for_lian_decoys = [0, 1, 2, 3, 4, 6, 7, 8, 10, 11]  # not the ones about money (5, 9)
    cases = []
    n = {"pos": 0, "decoy": 0}
    for label in ("pos", "decoy"):
        for dim in ("廉", "责"):
            for i in range(18):
                shape = shapes[i % len(shapes)]
                title = titles[i % len(titles)]
                _t, opening = P.OPENINGS[(i + (dim == "责") * 3) % len(P.OPENINGS)]
                own = P.LIAN_PLAIN if dim == "廉" else P.ZE_PLAIN
                other = P.ZE_PLAIN if dim == "廉" else P.LIAN_PLAIN
                if label == "pos":
                    plain = [own[(2 * i) % len(own)], own[(2 * i + 1) % len(own)]]
                    if shape == "neutral-heading-1":
                        plain = plain[:1]
                    other_p = other[rng.randrange(len(other))] if dim == "责" else other[rng.choice(ze_for_lian_decoys)]
                else:
                    plain = []
                    other_p = other[rng.choice(ze_for_lian_decoys)] if dim == "廉" else other[rng.randrange(len(other))]
                work = rng.sample(P.WORK, 3)
                lines = [title, opening, rng.choice(P.STUDY_HEADINGS), rng.choice(P.STUDY), rng.choice(P.WORK_HEADINGS)]
                lines += work[:2]
                if shape == "inside-work":
                    lines += plain
                    lines += [P.NEUTRAL_HEADINGS[i % len(P.NEUTRAL_HEADINGS)], other_p]
                elif shape == "before-shortcomings":
                    lines += [P.NEUTRAL_HEADINGS[i % len(P.NEUTRAL_HEADINGS)], other_p] + plain
                else:
                    lines += [work[2], P.NEUTRAL_HEADINGS[i % len(P.NEUTRAL_HEADINGS)]] + plain + [other_p]
                _k, sc = P.SHORTCOMINGS[i % len(P.SHORTCOMINGS)]
                ph, pt = P.PLANS[i % 2]
                lines += ["四、存在的问题", sc, ph.replace("四", "五"), pt, rng.choice(P.CLOSINGS)]
                n[label] += 1
                cases.append(
                    {
                        "id": f"s5b-{'p' if label == 'pos' else 'd'}{n[label]:02d}",
                        "label": label,
                        "dimension": dim,
                        "shape": shape if label == "pos" else "absent",
                        "text": "\n".join(lines),
                    }
                )
    write(
        "s301_plain",
        "# Held-out set 2026-12-05 (second), issue #13, written AFTER that day's fixes (README.md) (S301): 廉 (one's own integrity) and 责 (responsibility for the team:\n"
        "# 管党治党) written in plain words with no usual cue (no 廉洁/廉政/八项规定/四风/纪律/主体责任/一岗双责 …), in\n"
        "# four shapes (two or one paragraph under a neutral heading, inside the work part, before the shortcomings).\n"
        "# label pos: the `dimension` is present; found = S301 does not name it AND profile.coverage[dimension] > 0\n"
        "# (the part is actually read as that dimension). label decoy: the title promises it, the report has no\n"
        "# paragraph on it (the other dimension is there in plain words); a false alarm = S301 does not name it.\n"
        "# Built by _build.py from _pools.py (seeded).",
        cases,
    )


if __name__ == "__main__":
    sentences()
    parts(random.Random(20261205))
    s301(random.Random(1205))
