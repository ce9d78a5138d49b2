"""The cases of this held-out set, written by hand; `python _cases.py` checks every completion label by
interval arithmetic and writes completion.toml and figures.toml (the data of record). Run once."""

from __future__ import annotations

from pathlib import Path

# (id, label, order, target, done, rate, kind, text)
# kind: "rate" = done / target, "excess" = (done - target) / target, "exact" = inconsistent only with an
# exact target; target_about = the target is written with 约/左右/近 (then it is read ±5 %, and at least
# half a unit of its last digit).
SENTENCES = [
    # the issue's own case, then the orders
    ("f-p01", "pos", "target-done-rate", "100", "100", "120", "rate", "目标为100万元，实际完成100万元，完成率为120%。"),
    (
        "f-d01",
        "decoy",
        "target-done-rate",
        "100",
        "120",
        "120",
        "rate",
        "目标为100万元，实际完成120万元，完成率为120%。",
    ),
    (
        "f-p02",
        "pos",
        "done-target-rate",
        "40",
        "45.6",
        "104",
        "rate",
        "全年完成固定资产投资45.6亿元，目标任务40亿元，完成率为104%。",
    ),
    (
        "f-d02",
        "decoy",
        "done-target-rate",
        "40",
        "45.6",
        "114",
        "rate",
        "全年完成固定资产投资45.6亿元，目标任务40亿元，完成率为114%。",
    ),
    (
        "f-p03",
        "pos",
        "rate-done-target",
        "1.5",
        "1.2",
        "95",
        "rate",
        "完成率达到95%，全年共完成造林面积1.2万亩，年度计划1.5万亩。",
    ),
    (
        "f-d03",
        "decoy",
        "rate-done-target",
        "1.5",
        "1.2",
        "80",
        "rate",
        "完成率达到80%，全年共完成造林面积1.2万亩，年度计划1.5万亩。",
    ),
    (
        "f-p04",
        "pos",
        "done-rate-target",
        "3.5",
        "3.2",
        "112",
        "rate",
        "全年一般公共预算收入完成3.2亿元，完成年度目标的112%，年度目标为3.5亿元。",
    ),
    (
        "f-d04",
        "decoy",
        "done-rate-target",
        "3.5",
        "3.2",
        "91.4",
        "rate",
        "全年一般公共预算收入完成3.2亿元，完成年度目标的91.4%，年度目标为3.5亿元。",
    ),
    (
        "f-p05",
        "pos",
        "target-done-excess",
        "2000",
        "2600",
        "60",
        "excess",
        "年度目标为2000万元，实际完成2600万元，超额完成任务60%。",
    ),
    (
        "f-d05",
        "decoy",
        "target-done-excess",
        "2000",
        "2600",
        "30",
        "excess",
        "年度目标为2000万元，实际完成2600万元，超额完成任务30%。",
    ),
    (
        "f-p06",
        "pos",
        "target-done-rate",
        "10",
        "8.5",
        "89",
        "exact",
        "招商引资目标10亿元，全年完成8.5亿元，完成率89%。",
    ),
    (
        "f-d06",
        "decoy",
        "target-done-rate",
        "10",
        "8.5",
        "85",
        "rate",
        "招商引资目标10亿元，全年完成8.5亿元，完成率85%。",
    ),
    (
        "f-p07",
        "pos",
        "done-target-rate",
        "10",
        "8.5",
        "89",
        "exact",
        "全年实现旅游综合收入8.5亿元，为年度目标10亿元的89%。",
    ),
    (
        "f-p08",
        "pos",
        "target-done-rate",
        "1.2",
        "9800",
        "92",
        "rate",
        "年度目标1.2亿元，实际完成9800万元，完成率为92%。",
    ),
    (
        "f-d08",
        "decoy",
        "target-done-rate",
        "1.2",
        "9800",
        "81.7",
        "rate",
        "年度目标1.2亿元，实际完成9800万元，完成率为81.7%。",
    ),
    (
        "f-p09",
        "pos",
        "target-done-rate",
        "120",
        "96",
        "90",
        "rate",
        "全年计划新建村级综合服务站120个，实际建成96个，完成率为90%。",
    ),
    (
        "f-d09",
        "decoy",
        "target-done-rate",
        "120",
        "96",
        "80",
        "rate",
        "全年计划新建村级综合服务站120个，实际建成96个，完成率为80%。",
    ),
    (
        "f-p10",
        "pos",
        "rate-target-done",
        "5000",
        "5800",
        "108",
        "rate",
        "完成率为108%，年度任务为5000万元，实际完成5800万元。",
    ),
    (
        "f-d10",
        "decoy",
        "rate-target-done",
        "5000",
        "5800",
        "116",
        "rate",
        "完成率为116%，年度任务为5000万元，实际完成5800万元。",
    ),
    ("f-p11", "pos", "target-done-rate", "800", "920", "85", "rate", "全年目标任务800户，实际完成920户，完成率为85%。"),
    (
        "f-d11",
        "decoy",
        "target-done-rate",
        "800",
        "920",
        "115",
        "rate",
        "全年目标任务800户，实际完成920户，完成率为115%。",
    ),
    (
        "f-p12",
        "pos",
        "done-target-rate",
        "1.2",
        "1.36",
        "125",
        "rate",
        "超额完成年度目标任务，全年完成1.36亿元，年度目标1.2亿元，完成率为125%。",
    ),
    (
        "f-d12",
        "decoy",
        "done-target-rate",
        "1.2",
        "1.36",
        "113",
        "rate",
        "超额完成年度目标任务，全年完成1.36亿元，年度目标1.2亿元，完成率为113%。",
    ),
    (
        "f-p13",
        "pos",
        "done-rate-target",
        "30",
        "26.8",
        "98",
        "rate",
        "全年完成社会消费品零售总额26.8亿元，完成年度目标任务30亿元的98%。",
    ),
    (
        "f-d13",
        "decoy",
        "done-rate-target",
        "30",
        "26.8",
        "89.3",
        "rate",
        "全年完成社会消费品零售总额26.8亿元，完成年度目标任务30亿元的89.3%。",
    ),
    # precision decides the interval: a round result is wide, a round target is exact unless 约/左右
    (
        "f-d14",
        "decoy",
        "done-target-rate",
        "9.6",
        "10",
        "106",
        "rate",
        "全年完成项目投资10亿元，年度目标9.6亿元，完成率为106%。",
    ),
    ("f-d15", "decoy", "target-done-rate", "3", "3.1", "103", "rate", "年度目标3亿元，实际完成3.1亿元，完成率为103%。"),
    (
        "f-d16",
        "decoy",
        "target-done-rate",
        "约10",
        "8.5",
        "89",
        "rate",
        "年度目标约10亿元，全年完成8.5亿元，完成率89%。",
    ),
    (
        "f-d17",
        "decoy",
        "target-done-rate",
        "10左右",
        "8.5",
        "89",
        "rate",
        "年度目标10亿元左右，全年完成8.5亿元，完成率89%。",
    ),
    (
        "f-p18",
        "pos",
        "target-done-rate",
        "50",
        "41.5",
        "84",
        "exact",
        "全年计划完成高标准农田建设50万亩，实际完成41.5万亩，完成率84%。",
    ),
    (
        "f-d18",
        "decoy",
        "target-done-rate",
        "50",
        "41.5",
        "83",
        "rate",
        "全年计划完成高标准农田建设50万亩，实际完成41.5万亩，完成率83%。",
    ),
]

# two claims in one sentence and sentences that are not completion claims (must stay quiet)
OTHER = [
    (
        "f-p19",
        "pos",
        "respectively",
        "全年招商引资、固定资产投资目标分别为10亿元、20亿元，分别完成9.5亿元、21亿元，完成率分别为105%、105%。",
    ),
    (
        "f-d19",
        "decoy",
        "respectively",
        "全年招商引资、固定资产投资目标分别为10亿元、20亿元，分别完成10.5亿元、21亿元，完成率分别为105%、105%。",
    ),
    ("f-d20", "decoy", "growth-not-completion", "全年完成地区生产总值120亿元，目标增长7%，实际增长7.5%。"),
    ("f-d21", "decoy", "rate-from-counts", "年度目标500件，实际办结492件，办结率98%以上。"),
    (
        "f-d22",
        "decoy",
        "progress-not-completion",
        "年度计划投资12亿元的重点项目已开工建设，形象进度达到65%，完成年度投资3.5亿元。",
    ),
]

# .docx tables: (id, label, order, bad_row, exact, caption, rows)
TABLES = [
    (
        "t-p01",
        "pos",
        "target-done-rate",
        2,
        False,
        "表1 2023年主要经济指标完成情况",
        [
            ["指标", "目标", "完成", "完成率"],
            ["地区生产总值（亿元）", "120", "126", "105%"],
            ["一般公共预算收入（亿元）", "8.5", "8.2", "103%"],
        ],
    ),
    (
        "t-d01",
        "decoy",
        "target-done-rate",
        0,
        False,
        "表1 2023年主要经济指标完成情况",
        [
            ["指标", "目标", "完成", "完成率"],
            ["地区生产总值（亿元）", "120", "126", "105%"],
            ["一般公共预算收入（亿元）", "8.5", "8.2", "96.5%"],
        ],
    ),
    (
        "t-p02",
        "pos",
        "target-done-rate",
        1,
        True,
        "招商引资完成情况如下表：",
        [
            ["指标", "目标（亿元）", "完成（亿元）", "完成率（%）"],
            ["招商引资到位资金", "10", "8.5", "89"],
            ["引进项目个数（个）", "20", "22", "110"],
        ],
    ),
    (
        "t-d02",
        "decoy",
        "target-done-rate",
        0,
        False,
        "招商引资完成情况如下表：",
        [
            ["指标", "目标（亿元）", "完成（亿元）", "完成率（%）"],
            ["招商引资到位资金", "10", "8.5", "85"],
            ["引进项目个数（个）", "20", "22", "110"],
        ],
    ),
    (
        "t-p03",
        "pos",
        "done-target-rate",
        1,
        False,
        "主要指标完成情况",
        [
            ["指标", "完成", "目标", "完成率"],
            ["固定资产投资（亿元）", "45.6", "40", "104%"],
            ["规上工业增加值（亿元）", "30.2", "30", "100.7%"],
        ],
    ),
    (
        "t-d03",
        "decoy",
        "done-target-rate",
        0,
        False,
        "主要指标完成情况",
        [
            ["指标", "完成", "目标", "完成率"],
            ["固定资产投资（亿元）", "45.6", "40", "114%"],
            ["规上工业增加值（亿元）", "30.2", "30", "100.7%"],
        ],
    ),
    (
        "t-p04",
        "pos",
        "before-after-growth",
        1,
        False,
        "财政收入情况",
        [
            ["指标", "单位", "上年", "本年", "增长（%）"],
            ["税收收入", "万元", "52000", "56160", "12.0"],
            ["非税收入", "万元", "18000", "18900", "5.0"],
        ],
    ),
    (
        "t-d04",
        "decoy",
        "before-after-growth",
        0,
        False,
        "财政收入情况",
        [
            ["指标", "单位", "上年", "本年", "增长（%）"],
            ["税收收入", "万元", "52000", "56160", "8.0"],
            ["非税收入", "万元", "18000", "18900", "5.0"],
        ],
    ),
    (
        "t-p05",
        "pos",
        "target-done-rate",
        1,
        False,
        "民生实事完成情况",
        [
            ["项目", "单位", "年度目标", "实际完成", "完成率（%）"],
            ["新增城镇就业", "人", "1500", "1620", "118"],
            ["农村劳动力转移就业", "人", "3000", "3150", "105"],
        ],
    ),
    (
        "t-d05",
        "decoy",
        "target-done-rate",
        0,
        False,
        "民生实事完成情况",
        [
            ["项目", "单位", "年度目标", "实际完成", "完成率（%）"],
            ["新增城镇就业", "人", "1500", "1620", "108"],
            ["农村劳动力转移就业", "人", "3000", "3150", "105"],
        ],
    ),
    (
        "t-d06",
        "decoy",
        "progress-not-completion",
        0,
        False,
        "重点项目推进情况",
        [
            ["序号", "项目名称", "总投资（亿元）", "年度投资（亿元）", "形象进度（%）"],
            ["1", "城东污水处理厂", "12", "3.5", "65"],
            ["2", "县城供热管网改造", "2.4", "1.1", "80"],
        ],
    ),
    (
        "t-d07",
        "decoy",
        "target-done-rate",
        0,
        False,
        "主要指标完成情况（单位：亿元）",
        [
            ["指标", "目标", "完成", "完成率"],
            ["招商引资到位资金", "10", "10.3", "103%"],
            ["外贸进出口总额", "—", "2.1", "—"],
        ],
    ),
    (
        "t-p08",
        "pos",
        "done-growth-target",
        2,
        False,
        "2023年经济运行情况",
        [
            ["指标名称", "完成值", "同比增长（%）", "年度目标", "完成率（%）"],
            ["地区生产总值（亿元）", "156.3", "5.2", "155", "100.8"],
            ["一般公共预算收入（亿元）", "11.6", "6.1", "12.5", "98.6"],
        ],
    ),
    (
        "t-d08",
        "decoy",
        "done-growth-target",
        0,
        False,
        "2023年经济运行情况",
        [
            ["指标名称", "完成值", "同比增长（%）", "年度目标", "完成率（%）"],
            ["地区生产总值（亿元）", "156.3", "5.2", "155", "100.8"],
            ["一般公共预算收入（亿元）", "11.6", "6.1", "12.5", "92.8"],
        ],
    ),
]

# #13 leftover: a sibling total after a 其中 list is not a part of the whole
SIBLINGS = [
    ("s-d01", "decoy", "sibling-total", "全县常住人口32.5万人，其中城镇人口18.6万人，户籍人口36.1万人。"),
    ("s-d02", "decoy", "sibling-total", "全区户籍人口28.4万人，其中农业人口16.2万人，常住人口31.7万人。"),
    ("s-d03", "decoy", "sibling-total", "全县耕地面积52万亩，其中基本农田45万亩，林地面积68万亩。"),
    ("s-d04", "decoy", "sibling-total", "全市森林面积150万亩，其中公益林80万亩，草原面积180万亩。"),
    (
        "s-d05",
        "decoy",
        "sibling-total",
        "全县常住人口32.5万人，其中城镇人口18.6万人；户籍人口36.1万人，其中乡村人口20.4万人。",
    ),
    ("s-d06", "decoy", "sibling-total", "年末全镇户籍人口4.2万人，其中女性2.1万人，常住人口4.6万人，城镇化率达到41%。"),
    ("s-p01", "pos", "part-over-whole", "全县常住人口32.5万人，其中城镇人口38.6万人。"),
    ("s-p02", "pos", "part-over-whole", "全县耕地面积52万亩，其中基本农田58万亩。"),
    ("s-p03", "pos", "part-over-whole", "全区常住人口31.7万人，其中城镇常住人口33.2万人，户籍人口28.4万人。"),
    ("s-p04", "pos", "part-over-whole", "全市森林面积150万亩，其中公益林160万亩，草原面积180万亩。"),
]


def _interval(written: str, kind: str) -> tuple[float, float]:
    """done/rate: half a unit of the last written digit; target: exact, or ±5 % if written as about."""
    about = written.startswith(("约", "近")) or written.endswith("左右")
    num = written.strip("约近左右")
    v = float(num)
    if kind == "target" and not about:
        return v, v
    d = len(num.split(".")[1]) if "." in num else 0
    h = 0.5 * 10 ** (-d)
    if about:
        h = max(h, 0.05 * v)
    return v - h, v + h


def _scale(target: str, done: str) -> float:
    """9800万元 against 1.2亿元: the target in the done's unit."""
    return 10000.0 if float(target.strip("约近左右")) < 100 and float(done) > 1000 else 1.0


def check_sentence(target, done, rate, kind, exact_target: bool) -> bool:
    """True when the stated rate is consistent with the figures."""
    t0, t1 = _interval(target, "target")
    if not exact_target:  # the reading issue #16 rejects: a round target taken as rounded
        t0, t1 = _interval(target.strip("约近左右"), "done")
    s = _scale(target, done)
    t0, t1 = t0 * s, t1 * s
    d0, d1 = _interval(done, "done")
    r0, r1 = _interval(rate, "done")
    if kind == "excess":
        lo, hi = (d0 - t1) / t1 * 100, (d1 - t0) / t0 * 100
    else:
        lo, hi = d0 / t1 * 100, d1 / t0 * 100
    return not (hi < r0 or lo > r1)


def main() -> None:
    out = [
        "# Held-out set of 2026-12-05 (figures part of #16): completion rates in every order of target /",
        "# done / rate, .docx tables (header-aware), precision-decided intervals, exact targets. Written by",
        "# hand before any figure code was changed; generated once by _cases.py (labels checked there).",
        "# Fields as in ../2026-12-04/completion.toml: id, label (pos = an N finding is expected, decoy = none",
        "# may be reported), relation, order, expected, and `text` or `table` (+ caption, bad_row).",
        "",
    ]
    for cid, label, order, target, done, rate, kind, text in SENTENCES:
        exact_only = kind == "exact"
        ok_exact = check_sentence(target, done, rate, kind, True)
        ok_rounded = check_sentence(target, done, rate, kind, False)
        about = target.startswith(("约", "近")) or target.endswith("左右")
        consistent = ok_rounded if about else ok_exact
        assert consistent == (label == "decoy"), (cid, ok_exact, ok_rounded)
        if exact_only:
            assert ok_rounded and not ok_exact, cid
        out += [
            "[[case]]",
            f'id = "{cid}"',
            f'label = "{label}"',
            f'relation = "{"excess" if kind == "excess" else "completion"}"',
            f'order = "{order}"',
            f'expected = "{"consistent" if label == "decoy" else "inconsistent"}"',
            f'target = "{target}"',
            f'done = "{done}"',
            f'rate = "{rate}"',
            f"exact_target_only = {'true' if exact_only else 'false'}",
            f'text = "{text}"',
            "",
        ]
    for cid, label, relation, text in OTHER:
        out += [
            "[[case]]",
            f'id = "{cid}"',
            f'label = "{label}"',
            f'relation = "{relation}"',
            'order = ""',
            f'expected = "{"consistent" if label == "decoy" else "inconsistent"}"',
            "exact_target_only = false",
            f'text = "{text}"',
            "",
        ]
    for cid, label, order, bad, exact, caption, rows in TABLES:
        out += [
            "[[case]]",
            f'id = "{cid}"',
            f'label = "{label}"',
            'relation = "table"',
            f'order = "{order}"',
            f'expected = "{"consistent" if label == "decoy" else "inconsistent"}"',
            f"bad_row = {bad}",
            f"exact_target_only = {'true' if exact else 'false'}",
            f'caption = "{caption}"',
            "table = [",
        ]
        out += ["  [" + ", ".join(f'"{c}"' for c in r) + "]," for r in rows]
        out += ["]", ""]
    Path(__file__).with_name("completion.toml").write_text("\n".join(out), encoding="utf-8")
    fig = [
        "# Held-out set of 2026-12-05 (#13 leftover): a total named after a 其中 list that is a sibling of the",
        "# whole (户籍人口 after 常住人口…其中城镇人口) is not a part of it; real parts larger than the whole are.",
        "# label pos = an N finding is expected, decoy = none may be reported.",
        "",
    ]
    for cid, label, relation, text in SIBLINGS:
        fig += ["[[case]]", f'id = "{cid}"', f'label = "{label}"', f'relation = "{relation}"', f'text = "{text}"', ""]
    Path(__file__).with_name("figures.toml").write_text("\n".join(fig), encoding="utf-8")


if __name__ == "__main__":
    main()
