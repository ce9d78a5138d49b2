"""Writes benchmarks/data/claims_testset.tsv: claim sentences in report phrasing, half consistent, half not.

Independent of shuzhi (it imports nothing from it): each phrasing below was written by hand from the way
述职 and government reports state figures; numbers are drawn with a fixed seed, and every label is decided
here by exact arithmetic over the operands' rounding intervals (corners of the box: every formula used is
monotone in each operand). Inconsistent sentences carry a realistic slip (a digit dropped, 万↔亿, the wrong
base, % for 个百分点, a mistyped figure), never a borderline rounding case.

    python benchmarks/make_claims_testset.py   # rewrites the TSV deterministically
"""

from __future__ import annotations

import itertools
import random
from pathlib import Path

OUT = Path(__file__).resolve().parent / "data" / "claims_testset.tsv"
rng = random.Random(20261121)

MONEY = [
    "一般公共预算收入",
    "税收收入",
    "财政总收入",
    "固定资产投资",
    "社会消费品零售总额",
    "招商引资到位资金",
    "外贸进出口总额",
    "旅游综合收入",
    "民生支出",
    "项目建设投资",
    "村集体经济收入",
    "农业产业化销售收入",
]
RATES = [
    "城镇化率",
    "森林覆盖率",
    "优良天数比例",
    "义务教育巩固率",
    "农村自来水普及率",
    "高中阶段毛入学率",
    "政务服务网上可办率",
    "城镇居民医保参保率",
    "一般公共预算支出中民生支出比重",
    "税收占比",
]


def fmt(x: float, d: int) -> str:
    s = f"{x:.{d}f}"
    return s


def half(d: int) -> float:
    return 0.5 * 10 ** (-d)


def rng_of(value: float, d: int) -> tuple[float, float]:
    return value - half(d), value + half(d)


def span(f, *ivs):
    vals = [f(*c) for c in itertools.product(*ivs)]
    return min(vals), max(vals)


def clearly_off(computed, stated, d):
    lo, hi = stated - half(d), stated + half(d)
    gap = max(lo - computed[1], computed[0] - hi)
    return gap > 2 * half(d) and gap > 0.02 * abs(stated)


def round_half_up(x: float, d: int) -> float:
    from decimal import ROUND_HALF_UP, Decimal

    return float(Decimal(repr(x)).quantize(Decimal(1).scaleb(-d), rounding=ROUND_HALF_UP))


rows: list[tuple[str, str, str, str]] = []  # pattern, expected, code, sentence


def add(pattern, ok, code, sentence):
    rows.append((pattern, "consistent" if ok else "inconsistent", "" if ok else code, sentence))


def wrong_value(true: float, d: int, kind: str) -> float:
    """A realistic slip of a stated percentage."""
    while True:
        if kind == "digit":
            v = round_half_up(true / 10, d) if true > 20 else round_half_up(true * 10, d)
        elif kind == "swap":
            s = fmt(true, d)
            digits = [c for c in s if c.isdigit()]
            if len(set(digits)) < 2:
                kind = "off"
                continue
            v = float(s[::-1].lstrip("0") or "0") if "." not in s else float(s.split(".")[1] + "." + s.split(".")[0])
        else:
            v = round_half_up(true * rng.choice([0.6, 0.7, 0.75, 1.3, 1.4, 1.6]), d)
        if v > 0:
            return v
        kind = "off"


# ---- completion: p = A / B ----------------------------------------------------------------------
COMPLETION = [
    "今年，{ind}完成{A}亿元，为年度预算{B}亿元的{p}%。",
    "全年{ind}完成{A}万元，完成计划{B}万元的{p}%。",
    "{ind}实现{A}亿元、完成预算{B}亿元的{p}%，创历史新高。",
    "截至11月底，累计完成{ind}{A}亿元，占年度目标任务{B}亿元的{p}%。",
    "{ind}达到{A}亿元，为年初计划{B}亿元的{p}%。",
    "我镇完成{ind}{A}万元，是年度任务{B}万元的{p}%，超额完成任务。",
    "分管的{ind}完成{A}亿元，完成年度预算{B}亿元的{p}%。",
]
for i, t in enumerate(COMPLETION * 4):
    unit_d = 2 if "亿" in t else 0
    B = round(rng.uniform(3, 60) if unit_d else rng.uniform(300, 9000), unit_d)
    A = round(B * rng.uniform(0.85, 1.25), unit_d)
    d = rng.choice([0, 1, 1])
    true = span(lambda a, b: a / b * 100, rng_of(A, unit_d), rng_of(B, unit_d))
    ok = i % 2 == 0
    p = round_half_up(A / B * 100, d)
    if not ok:
        p = wrong_value(p, d, rng.choice(["off", "digit", "off"]))
        if not clearly_off(true, p, d):
            p = round_half_up(A / B * 100 * 1.35, d)
    add("completion", ok, "N201", t.format(ind=rng.choice(MONEY), A=fmt(A, unit_d), B=fmt(B, unit_d), p=fmt(p, d)))

# ---- growth with increment: g = Δ / (A − Δ) -------------------------------------------------------
GROWTH = [
    "{ind}完成{A}亿元、同比增收{D}亿元，增长{g}%。",
    "{ind}达到{A}亿元，比上年增加{D}亿元，增长{g}%。",
    "全年实现{ind}{A}亿元，较上年增加{D}亿元，增长{g}%。",
    "{ind}完成{A}万元，同比减少{D}万元，下降{g}%。",
    "{ind}达{A}万元，同比增加{D}万元，增长{g}%，增幅居全市第一。",
    "{ind}完成{A}亿元，同比增收{D}万元，增长{g}%。",
    "{ind}{A}亿元，比上年增长{g}%，增加{D}亿元。",
]
for i, t in enumerate(GROWTH * 4):
    ok = i % 2 == 0
    down = "减少" in t
    ud = 2 if "亿元，" in t or "亿元、" in t else 0
    A = round(rng.uniform(4, 80), 2) if ud else round(rng.uniform(800, 9000))
    g_true = rng.uniform(3, 30)
    prev = A / (1 - g_true / 100) if down else A / (1 + g_true / 100)
    D = abs(A - prev)
    mixed = "增收{D}万元" in t
    if mixed:
        Dv = round(D * 10000)  # increment written in 万元
        Dd = 0
        D = Dv / 10000
        Ds = str(Dv)
        dint = (Dv - 0.5) / 10000, (Dv + 0.5) / 10000
    else:
        Dd = 2 if ud else 0
        D = round(D, Dd)
        Ds = fmt(D, Dd)
        dint = rng_of(D, Dd)
    f = (lambda a, dd: dd / (a + dd) * 100) if down else (lambda a, dd: dd / (a - dd) * 100)
    true = span(f, rng_of(A, ud), dint)
    d = 1
    g = round_half_up(f(A, D), d)
    if not ok:
        slip = rng.choice(["base", "digit", "off"])
        g = round_half_up(D / A * 100, d) if slip == "base" else wrong_value(g, d, slip)
        if not clearly_off(true, g, d):
            g = round_half_up(f(A, D) * 1.5, d)
    add("growth", ok, "N202", t.format(ind=rng.choice(MONEY), A=fmt(A, ud), D=Ds, g=fmt(g, d)))

# ---- from → to: g = (B − A) / A ------------------------------------------------------------------
FROMTO = [
    "{ind}由{A}亿元增加到{B}亿元，增长{g}%。",
    "{ind}从{A}万元提高到{B}万元，增长{g}%。",
    "{ind}由上年的{A}亿元增长到{B}亿元，增长{g}%。",
    "农村居民人均可支配收入由{A}元提高至{B}元，年增长{g}%。",
    "接待游客由{A}万人次下降到{B}万人次，下降{g}%。",
    "信访总量从{A}件减少至{B}件，下降{g}%。",
    "五年来，{ind}从{A}亿元增加到{B}亿元，累计增长{g}%。",
]
for i, t in enumerate(FROMTO * 4):
    ok = i % 2 == 0
    down = "下降" in t or "减少" in t
    ud = 2 if "亿元" in t else (1 if "万人次" in t else 0)
    A = round(rng.uniform(5, 90), ud) if ud else round(rng.uniform(300, 20000))
    B = round(A * (rng.uniform(0.6, 0.95) if down else rng.uniform(1.05, 1.8)), ud)
    f = lambda a, b: abs(b - a) / a * 100  # noqa: E731
    true = span(f, rng_of(A, ud), rng_of(B, ud))
    d = 1
    g = round_half_up(f(A, B), d)
    if not ok:
        slip = rng.choice(["base", "digit", "off"])
        g = round_half_up(abs(B - A) / B * 100, d) if slip == "base" else wrong_value(g, d, slip)
        if not clearly_off(true, g, d):
            g = round_half_up(f(A, B) * 1.5, d)
    add("from-to", ok, "N202", t.format(ind=rng.choice(MONEY), A=fmt(A, ud), B=fmt(B, ud), g=fmt(g, d)))

# ---- count growth: g = Δ / (N − Δ) -----------------------------------------------------------------
COUNT = [
    "新增进出口备案企业{x}户，达到{N}户，增长{g}%。",
    "新培育规上工业企业{x}家，总数达到{N}家，增长{g}%。",
    "净增市场主体{x}户，总量达{N}户，同比增长{g}%。",
    "新增省级示范合作社{x}个，累计达到{N}个，增长{g}%。",
    "新增家庭农场{x}家、达到{N}家，增长{g}%。",
]
for i, t in enumerate(COUNT * 5):
    ok = i % 2 == 0
    prev = rng.randint(20, 3000)
    x = max(2, round(prev * rng.uniform(0.05, 0.4)))
    N = prev + x
    f = lambda xx, n: xx / (n - xx) * 100  # noqa: E731
    d = rng.choice([0, 1])
    g = round_half_up(f(x, N), d)
    if not ok:
        slip = rng.choice(["base", "off", "digit"])
        g = round_half_up(x / N * 100, d) if slip == "base" else wrong_value(g, d, slip)
        if not clearly_off((f(x, N),) * 2, g, d):
            g = round_half_up(f(x, N) * 1.5, d)
    add("count-growth", ok, "N202", t.format(x=x, N=N, g=fmt(g, d)))

# ---- rate from counts: r = y / x ---------------------------------------------------------------------
RATE = [
    "共排查矛盾纠纷{x}件，成功调处{y}件，调处成功率{r}%。",
    "受理信访事项{x}件，按期办结{y}件，办结率{r}%。",
    "全体人员{x}人参加考试，合格{y}人，合格率达{r}%。",
    "全年立案审查{x}件，已结案{y}件，结案率为{r}%。",
    "应参保{x}人，实际参保{y}人，参保率达到{r}%。",
    "抽检食品样品{x}批次，合格{y}批次，抽检合格率{r}%。",
    "办理人大代表建议{x}件，已办复{y}件，办复率{r}%。",
]
for i, t in enumerate(RATE * 4):
    ok = i % 2 == 0
    x = rng.randint(12, 5000)
    y = rng.randint(int(x * 0.6), x)
    d = rng.choice([0, 1, 1])
    r = round_half_up(y / x * 100, d)
    if not ok:
        r = wrong_value(r, d, rng.choice(["digit", "off"]))
        if r > 100 or not clearly_off((y / x * 100,) * 2, r, d):
            r = round_half_up(y / x * 100 * 0.7, d)
    add("rate", ok, "N205", t.format(x=x, y=y, r=fmt(r, d)))

# ---- share: s = a / T ----------------------------------------------------------------------------------
SHARE = [
    "完成固定资产投资{T}亿元，其中工业投资{a}亿元，占比{s}%。",
    "一般公共预算支出{T}亿元，其中民生支出{a}亿元，占比达{s}%。",
    "引进项目{T}个，其中亿元以上项目{a}个，占总数的{s}%。",
    "各项贷款余额{T}亿元，其中涉农贷款{a}亿元，比重为{s}%。",
    "全县共有党员{T}人，其中女党员{a}人，占{s}%。",
]
for i, t in enumerate(SHARE * 5):
    ok = i % 2 == 0
    ud = 2 if "亿元" in t else 0
    T = round(rng.uniform(10, 300), ud) if ud else rng.randint(50, 20000)
    a = round(T * rng.uniform(0.1, 0.8), ud)
    iv = lambda v, ud=ud: rng_of(v, ud) if ud else (v, v)  # noqa: E731
    true = span(lambda p, w: p / w * 100, iv(a), iv(T))
    d = 1
    s = round_half_up(a / T * 100, d)
    if not ok:
        s = wrong_value(s, d, rng.choice(["off", "digit"]))
        if s > 100 or not clearly_off(true, s, d):
            s = round_half_up(a / T * 100 * 1.3, d)
    add("share", ok, "N208", t.format(T=fmt(T, ud), a=fmt(a, ud), s=fmt(s, d)))

# ---- part ≤ whole --------------------------------------------------------------------------------------
PART = [
    "谋划各类项目{W}个，总投资{inv}亿元，其中500万元以上项目{P}个。",
    "全年共查处违纪违法案件{W}件，其中科级干部案件{P}件。",
    "培训各类干部{W}人次，其中村（社区）干部{P}人次。",
    "争取上级资金{W}亿元，其中专项债券资金{P}亿元。",
    "新建改造道路{W}公里，其中农村公路{P}公里。",
]
for i, t in enumerate(PART * 5):
    ok = i % 2 == 0
    ud = 2 if "{W}亿元" in t else (1 if "公里" in t else 0)
    W = round(rng.uniform(5, 90), ud) if ud else rng.randint(30, 3000)
    P = round(W * rng.uniform(0.1, 0.9), ud)
    if not ok:
        P = round(P * 10, ud) if P * 10 > W * 1.2 else round(W * 1.5, ud)  # a digit too many
    add("part-whole", ok, "N204", t.format(W=fmt(W, ud), P=fmt(P, ud), inv=fmt(rng.uniform(100, 900), 1)))

# ---- sum of parts ---------------------------------------------------------------------------------------
SUM = [
    "一季度完成{a}万元，二季度完成{b}万元，合计{t}万元。",
    "城区完成改造{a}户、乡镇完成改造{b}户，共计{t}户。",
    "新建学校{a}所、改扩建学校{b}所，合计{t}所。",
    "第一批{a}个、第二批{b}个、第三批{c}个，总计{t}个。",
    "共处理{t}人，其中给予党纪处分、政务处分分别为{a}人、{b}人。",
]
for i, t in enumerate(SUM * 5):
    ok = i % 2 == 0
    a, b, c = rng.randint(5, 900), rng.randint(5, 900), rng.randint(5, 900)
    total = a + b + (c if "{c}" in t else 0)
    if not ok:
        total = (
            total - rng.randint(total // 5, total // 2) if "分别" in t else total + rng.randint(total // 5, total // 2)
        )
    add("sum", ok, "N206", t.format(a=a, b=b, c=c, t=total))

# ---- percentage points ------------------------------------------------------------------------------------
POINTS = [
    "{rate}由{a}%提高到{b}%，提高{x}个百分点。",
    "{rate}从{a}%上升至{b}%，上升{x}个百分点。",
    "{rate}由{a}%提升到{b}%，提高{x}%。",
    "{rate}由{a}%下降到{b}%，下降{x}个百分点。",
]
for i, t in enumerate(POINTS * 6):
    ok = i % 2 == 0
    a = round(rng.uniform(20, 80), 1)
    down = "下降" in t
    b = round(a + (-1 if down else 1) * rng.uniform(1.0, 9.0), 1)
    if "%。" in t and "个百分点" not in t:
        # stated with %: consistent when it is the relative change; inconsistent when it is the difference
        x = round_half_up(abs(b - a) / a * 100, 1) if ok else round(abs(b - a), 1)
        if not ok and not clearly_off(span(lambda p, q: abs(q - p) / p * 100, rng_of(a, 1), rng_of(b, 1)), x, 1):
            x = round(abs(b - a) * 0.5, 1)
    else:
        x = round(abs(b - a), 1)
        if not ok:
            x = round(x + rng.choice([1.0, -1.0, 2.0]) if x > 2.5 else x + 1.5, 1)
    add("points", ok, "N207", t.format(rate=rng.choice(RATES), a=fmt(a, 1), b=fmt(b, 1), x=fmt(x, 1)))

# ---- impossible values ---------------------------------------------------------------------------------------
IMPOSSIBLE_OK = [
    "全年PM2.5平均浓度35微克/立方米、同比下降18.9%。",
    "群众满意度达到98.6%。",
    "企业净利润同比下降120%，由盈转亏。",
    "财政收入完成年度预算的105%。",
    "粮食产量增长120%。",
    "安全生产事故起数同比下降45%。",
    "森林覆盖率达到65.2%。",
    "重污染天气同比下降50%。",
    "贫困发生率由3.2%下降到0.5%。",
    "政务服务事项网上可办率达到100%。",
    "集体经济收入增长150%。",
    "义务教育巩固率达到99.5%以上。",
    "外贸顺差同比下降130%。",
]
IMPOSSIBLE_BAD = [
    "全年PM2.5平均浓度同比下降189%。",
    "群众满意度达到103%。",
    "森林覆盖率达到101.5%。",
    "万元GDP能耗同比下降110%。",
    "安全生产事故起数同比下降150%。",
    "群众对反腐败工作的知晓率达到120%。",
    "产品质量抽检合格率达105%。",
    "信访积案化解率达到108%。",
    "城镇登记失业率为320%。",
    "重污染天数同比减少200%。",
    "政务服务满意率为109%。",
    "农村自来水普及率达到112%。",
    "交通事故死亡人数同比下降130%。",
]
for s in IMPOSSIBLE_OK:
    add("impossible", True, "N203", s)
for s in IMPOSSIBLE_BAD:
    add("impossible", False, "N203", s)

# ---- multiples and 翻番 -----------------------------------------------------------------------------------------
MULT = [
    "{ind}由{A}万元增加到{B}万元，增长{k}倍。",
    "年接待游客由{A}万人次增加到{B}万人次，增长了{k}倍。",
    "{ind}从{A}亿元增加到{B}亿元，翻了一番。",
    "{ind}由{A}亿元增长到{B}亿元，实现翻两番。",
]
for i, t in enumerate(MULT * 6):
    ok = i % 2 == 0
    A = round(rng.uniform(10, 90), 1)
    if "翻了一番" in t:
        B = round(A * (rng.uniform(2.0, 2.2) if ok else rng.uniform(1.2, 1.5)), 1)
        k = ""
    elif "翻两番" in t:
        B = round(A * (rng.uniform(4.0, 4.4) if ok else rng.uniform(2.0, 2.8)), 1)
        k = ""
    else:
        kk = rng.choice([1, 2, 3, 1.5])
        B = round(A * ((kk + 1) if ok else (kk + 1) * rng.choice([0.35, 0.45])), 1)
        if not ok and kk == 1:
            B = round(A * 1.2, 1)
        k = fmt(kk, 1 if kk != int(kk) else 0)
    add("multiple", ok, "N210", t.format(ind=rng.choice(MONEY), A=fmt(A, 1), B=fmt(B, 1), k=k))

# ---- same indicator, two values ----------------------------------------------------------------------------------
SAME = [
    ("全年{ind}完成{A}亿元，增长{g}%。\n在分管工作中，全年{ind}完成{B}亿元，为经济发展提供了支撑。"),
    ("{ind}实现{A}万元，同比增长{g}%。\n总的来看，{ind}实现{B}万元，创历史新高。"),
]
for i, t in enumerate(SAME * 8):
    ok = i % 2 == 0
    ud = 2 if "亿元" in t else 0
    A = round(rng.uniform(3, 80), ud) if ud else rng.randint(300, 9000)
    B = round(A, 1) if ok and ud else A
    if not ok:
        B = round(A * rng.choice([1.15, 0.8, 10]), ud)
    add(
        "same-indicator",
        ok,
        "N209",
        t.format(ind=rng.choice(MONEY), A=fmt(A, ud), B=fmt(B, 1 if (ok and ud) else ud), g=fmt(rng.uniform(2, 12), 1)),
    )

# ---- things that must not be read as claims -------------------------------------------------------------------------
NOT_CLAIMS = [
    "深入学习贯彻党的二十大精神，认真谋划“十四五”规划，增强“四个意识”、坚定“四个自信”、做到“两个维护”。",
    "严格落实“一岗双责”，认真执行“三重一大”决策制度，一般性支出压减10%。",
    "1-11月，全县共排查矛盾纠纷3365件，成功调处3298件，调处成功率达到98%以上。",
    "计划用3-5年时间，完成80%以上的老旧小区改造。",
    "地区生产总值完成120亿元，比上年增加10亿元，按可比价格计算增长5.2%。",
    "城镇居民人均可支配收入达到3.6万元，比上年增加2100元，扣除价格因素实际增长4.1%。",
    "同口径比较，税收收入完成8.6亿元，同比增加0.5亿元，增长12%。",
    "全县财政总收入完成21.6亿元，同比增收3.87亿元，增长22%。",
    "政府性基金收入预计完成3.6亿元，同比增收2.29亿元，增长175%。",
    "谋划各类项目1141个，总投资2038.2亿元，其中500万元以上项目256个，计划投资181亿元。",
    "查处价格违法金额398万元、清退群众296万元，居民消费价格总指数控制在101.2。",
    "新增进出口备案企业8户，达到88户，增长10%，转型化外经贸稳步推进。",
    "争取上级资金两千五百万元，其中专项资金八百万元。",
    "全年接待游客约300万人次，旅游收入近30亿元，分别增长15%和18%。",
    "全镇三成以上的农户发展特色种植，户均增收三千余元。",
    "财政赤字由2.6万亿元增加到3.2万亿元，赤字率从3%提高到4%。",
    "一是坚持“第一议题”制度，二是落实“五位一体”总体布局，三是推进“四个全面”战略布局。",
    "城乡居民人均收入年均增长6.5%，由2.8万元增加到3.5万元。",
    "粮食产量连续10年稳定在1.3万亿斤以上，其中2024年首次突破1.4万亿斤。",
    "化解政府隐性债务200亿元，债务率由120%下降到95%。",
]
for s in NOT_CLAIMS:
    add("not-a-claim", True, "", s)

# ---- sums that hold by definition, without 合计/分别 (#13; figures.toml identities) ----------------------
# Drawn from their own generator, after every other row, so the rows above keep their ids and values.
irng = random.Random(20261204)
IDENTITY = [
    (
        "全县实现地区生产总值{t}亿元，增长{g}%。其中，第一产业增加值{a}亿元，第二产业增加值{b}亿元，第三产业增加值{c}亿元。",
        3,
    ),
    ("全年地区生产总值达到{t}亿元，第一产业增加值{a}亿元，第二产业增加值{b}亿元，第三产业增加值{c}亿元。", 3),
    ("一般公共预算收入完成{t}亿元，税收收入{a}亿元，非税收入{b}亿元。", 2),
    ("一般公共预算收入{t}亿元，增长{g}%，其中税收收入{a}亿元，非税收入{b}亿元。", 2),
    ("外贸进出口总额{t}亿元，其中出口{a}亿元，进口{b}亿元。", 2),
    ("社会消费品零售总额{t}亿元，城镇消费品零售额{a}亿元，乡村消费品零售额{b}亿元。", 2),
]
for i, (t, n) in enumerate(IDENTITY * 4):
    ok = i % 2 == 0
    parts = [round(irng.uniform(3, 80), 1) for _ in range(n)]
    total = round(sum(parts), 1)
    if not ok:
        total = round(total + irng.choice((-1, 1)) * irng.uniform(0.15, 0.3) * total, 1)
    names = dict(zip("abc", (f"{x:.1f}" for x in parts), strict=False))
    add("sum-identity", ok, "N206", t.format(t=f"{total:.1f}", g=f"{irng.uniform(3, 9):.1f}", **names))

with OUT.open("w", encoding="utf-8") as f:
    f.write("id\tpattern\texpected\tcode\tsentence\n")
    for i, (pattern, expected, code, sentence) in enumerate(rows, 1):
        f.write(f"{i}\t{pattern}\t{expected}\t{code}\t{sentence.replace(chr(10), '⏎')}\n")
print(f"wrote {len(rows)} sentences to {OUT}")
