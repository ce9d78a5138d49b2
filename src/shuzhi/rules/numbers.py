"""N family: figures recomputed from the report's own numbers (N201–N210), with interval arithmetic."""

from __future__ import annotations

from ..figures.claims import IMPOSSIBLE, INCONSISTENT, RELATION_NAMES, Claim, computed_text
from ..figures.extract import merge_identity_claims
from ..figures.identities import config_identities, identity_claims
from ..figures.plausibility import implausible_counts
from ..model.findings import Hit
from .base import Measured, rule


def _hits(doc, code: str):
    """Every claim of the shared ``doc.claims`` with this code that does not hold."""
    for c in doc.claims:
        if c.code != code or c.verdict not in (INCONSISTENT, IMPOSSIBLE):
            continue
        yield Hit(c.start, c.end, _message(c), _data(c))


def _message(c: Claim) -> str:
    if c.verdict == IMPOSSIBLE:
        msg = f"“{c.stated.text}”不可能成立：{c.reason}"
    elif c.relation == "part-whole":
        msg = f"部分大于整体：{c.operands['part'].text} 超过了整体 {c.operands['whole'].text}"
    elif c.relation == "sum":
        # The sum and the stated whole apart: “a + b = 10.5–13.5亿元，所述总数为 15亿元”, not one chain.
        parts = " + ".join(q.text for k, q in c.operands.items() if k.startswith("part"))
        total = (c.stated or c.operands["whole"]).text
        if c.extra.get("shares"):
            msg = f"各分项比重之和不是100%：{parts} = {computed_text(c)}"
        elif "≤" in c.formula:
            msg = f"分项之和超过总数：{parts} = {computed_text(c)}，超过了总数 {total}"
        else:
            msg = f"分项之和与总数不符：{parts} = {computed_text(c)}，所述总数为 {total}"
        if c.extra.get("identity"):
            msg += f"（{c.extra['identity']}）"
    elif c.relation == "same-indicator":
        first = c.operands["first"]
        msg = (
            f"同一指标前后数值不一：“{first.indicator}”前文为 {first.text}，此处为 {c.stated.text}，"
            f"在书写精度内不能一致"
        )
    elif c.relation == "multiple" and c.stated is None:
        msg = f"倍数不符：{c.formula}，实际约为 {computed_text(c)}，所述“{c.extra.get('stated_text')}”"
    else:
        msg = f"{RELATION_NAMES[c.relation]}不符：{c.formula} = {computed_text(c)}，所述为 {c.stated.text}"
    if c.diagnosis:
        msg += f"。{c.diagnosis}"
    return msg


def _data(c: Claim) -> dict:
    d = c.to_dict()
    d["stated_value"] = c.stated.text if c.stated is not None else c.extra.get("stated_text")
    if c.extra.get("identity"):
        d["identity"] = c.extra["identity"]
    return d


@rule(
    code="N201",
    name="completion-ratio-mismatch",
    title="完成比例与金额不符",
    severity="warning",
    triggers=(
        "全县财政总收入完成21.6亿元、完成预算18.92亿元的112%。",
        "目标为100万元，实际完成100万元，完成率为120%。",
        "完成率达到95%，全年共完成造林面积1.2万亩，年度计划1.5万亩。",
        "招商引资目标10亿元，全年完成8.5亿元，完成率89%。",
    ),
    passes=(
        "全县财政总收入完成21.6亿元，完成预算18.92亿元的114.2%。",
        "完成年度预算的112%。",
        "目标为100万元，实际完成120万元，完成率为120%。",
        "年度目标约10亿元，全年完成8.5亿元，完成率89%。",
    ),
)
def completion_ratio_mismatch(doc, ctx):
    """检查什么：完成比例 p 与完成数 A、目标数 B 不符（p ≠ A ÷ B）。目标、完成数、完成率的顺序不限：
    “完成 A，为预算 B 的 p%”“目标为 B，实际完成 A，完成率为 p%”“完成率 p%，……年度计划 B”“完成 A，完成年度目标的 p%，
    年度目标为 B”；“超额完成 p%”按超出目标的部分（A − B）÷ B 复算（也接受 A ÷ B）；“分别”列举的多组按顺序配对。
    同一句中目标、完成数或完成率对不上号（两个完成数、一个目标）时不复算。

    为什么：完成比例是述职中最常见的“绩”，也最少有人复算。完成数和完成率按书写精度看作区间（21.6 代表
    21.55–21.65，写成整数的 10亿元 作为完成数代表 9.5–10.5亿元）；**写明的目标、计划、预算是确定的数**，
    除非写作“约/近/左右/以上”等。只有区间内任何取值都得不出所述比例时才报告，四舍五入和“四舍六入五成双”都接受。
    按句中写明的数字复算，不是启发式判断（数字之间的关系从句式识别，认不出的句式不报告）：在三个测试集上首轮精确率 1.00，
    在 148 万字的政府工作报告上零误报；
    各种语序的留出集首轮结果见 docs/bench/heldout-2026-12-05-figures.md。

    示例：“财政总收入完成21.6亿元、完成预算18.92亿元的112%”：21.6 ÷ 18.92 = 114.2%，不是 112%。
    “招商引资目标10亿元，全年完成8.5亿元，完成率89%”：8.45–8.55 ÷ 10 = 84.5%–85.5%，不是 89%。

    应当怎样写：复核原始数据，改正计算或数字；目标本身是约数时写明“约”；如确属按可比价格、同口径或调整后基数
    计算，请在句中注明口径。
    """
    return _hits(doc, "N201")


@rule(
    code="N202",
    name="growth-rate-mismatch",
    title="增速与增量不符",
    severity="warning",
    triggers=(
        "一般公共预算收入完成7.48亿元、同比增收4亿元，增长5.8%。",
        "税收收入由14.25亿元增加到17.98亿元，增长30.2%。",
        "一般公共预算收入由2020年的8.6亿元增加到2023年的11.2亿元，年均增长12.5%。",
    ),
    passes=(
        "全县财政总收入完成21.6亿元，同比增收3.87亿元，增长22%。",
        "新增进出口备案企业8户，达到88户，增长10%。",
        "地区生产总值达到120亿元，比上年增加10亿元，按可比价格计算增长7.5%。",
        "一般公共预算收入由2020年的8.6亿元增加到2023年的11.2亿元，年均增长9.2%。",
        "城镇居民人均可支配收入由2019年的3.1万元增加到2023年的4.2万元，年均实际增长6.5%。",
    ),
)
def growth_rate_mismatch(doc, ctx):
    """检查什么：增速与增量或前后两个数值不符。公式：完成 A、增收 Δ、增长 g% 时 g = Δ ÷ (A − Δ)；
    由 A 增加到 B、增长 g% 时 g = (B − A) ÷ A；新增 Δ、达到 N、增长 g% 时 g = Δ ÷ (N − Δ)；
    由 y₁ 年的 A 增加到 y₂ 年的 B、年均增长 g% 时 g = (B ÷ A)^(1/n) − 1，n = y₂ − y₁（两个年份和两端数值都写明时才复算）。

    为什么：增速以上年数为基数，常见的错误是基数用错（用本年数）、万与亿混写、漏写小数点。
    按可比价格、同口径、扣除价格因素计算的增速（如地区生产总值增长）不能由名义数值复算，不报告。
    按句中写明的数字复算，不是启发式判断（数字之间的关系从句式识别，认不出的句式不报告）：在三个测试集上首轮精确率 1.00，
    在 148 万字的政府工作报告上零误报（docs/bench/numbers.md）。

    示例：“一般公共预算收入完成7.48亿元、同比增收4亿元，增长5.8%”：4 ÷ 3.48 = 115%，
    所述 5.8% 对应的增收约 0.4 亿元，疑为漏写小数点。

    应当怎样写：复核原始数据，改正计算或数字；如确属按可比价格、同口径或调整后基数计算，请在句中注明口径。
    """
    return _hits(doc, "N202")


@rule(
    code="N203",
    name="impossible-value",
    title="不可能的数值",
    severity="error",
    triggers=("全年PM2.5平均浓度同比下降189%。", "群众满意度达到103%。"),
    passes=("净利润同比下降120%，由盈转亏。", "重污染天气同比下降50%。", "完成年度计划的103%。"),
)
def impossible_value(doc, ctx):
    """检查什么：不能为负的量下降超过100%；满意度、覆盖率、合格率、占比等整体中的比例超过100%。

    为什么：这样的数字不可能成立，通常是多写一位数字、错放小数点或把“个百分点”“倍”写成了百分数。
    利润、差额、余额等可以为负的量下降超过100%是可能的，不报告；完成率、增长率可以超过100%，也不报告。
    按句中写明的数字复算，不是启发式判断（数字之间的关系从句式识别，认不出的句式不报告）：在三个测试集上首轮精确率 1.00，
    在 148 万字的政府工作报告上零误报（docs/bench/numbers.md）。

    示例：“PM2.5平均浓度同比下降189%”：浓度不可能下降到零以下。

    应当怎样写：复核原始数据，改正计算或数字；如确属按可比价格、同口径或调整后基数计算，请在句中注明口径。
    """
    return _hits(doc, "N203")


@rule(
    code="N204",
    name="part-exceeds-whole",
    title="部分大于整体",
    severity="warning",
    triggers=("谋划各类项目1141个，其中500万元以上项目1256个。",),
    passes=("谋划各类项目1141个，总投资2038.2亿元，其中500万元以上项目256个，计划投资181亿元。",),
)
def part_exceeds_whole(doc, ctx):
    """检查什么：“共 N 个，其中 M 个”中部分 M 大于整体 N（同一单位）。

    为什么：部分不可能大于整体；多半是多写一位数字或混写了单位。“500万元以上项目”这类分类门槛不当作部分。
    按句中写明的数字复算，不是启发式判断（数字之间的关系从句式识别，认不出的句式不报告）：在三个测试集上首轮精确率 1.00，
    在 148 万字的政府工作报告上零误报（docs/bench/numbers.md）。

    示例：“项目1141个，其中500万元以上项目1256个”。

    应当怎样写：复核原始数据，改正计算或数字；如确属按可比价格、同口径或调整后基数计算，请在句中注明口径。
    """
    return _hits(doc, "N204")


@rule(
    code="N205",
    name="rate-from-counts-mismatch",
    title="比率与计数不符",
    severity="warning",
    triggers=("我部全体人员13人参加，合格9人，持证率达7%。",),
    passes=(
        "共排查矛盾纠纷3365件，成功调处3298件，调处成功率达到98%以上。",
        "全体人员13人参加，合格9人，合格率69.2%。",
    ),
)
def rate_from_counts_mismatch(doc, ctx):
    """检查什么：先给出总数 x 和其中的 y，再给出比率 r%，而 r 与 y ÷ x 不符（也接受 (x − y) ÷ x 的读法）。

    为什么：调处率、办结率、合格率等由两个计数直接算出，算错或漏写数字一算便知。
    按句中写明的数字复算，不是启发式判断（数字之间的关系从句式识别，认不出的句式不报告）：在三个测试集上首轮精确率 1.00，
    在 148 万字的政府工作报告上零误报（docs/bench/numbers.md）。

    示例：“13人参加，合格9人，持证率达7%”：9 ÷ 13 = 69.2%，所述 7% 疑为漏写一位数字（70%）。

    应当怎样写：复核原始数据，改正计算或数字；如确属按可比价格、同口径或调整后基数计算，请在句中注明口径。
    """
    return _hits(doc, "N205")


@rule(
    code="N206",
    name="sum-of-parts-mismatch",
    title="分项之和与总数不符",
    severity="warning",
    triggers=(
        "一季度完成120万元、二季度完成130万元，合计300万元。",
        "共查处案件35件，其中立案、诫勉分别为20件、18件。",
        "一般公共预算收入8.6亿元，税收收入6.1亿元，非税收入3.2亿元。",
    ),
    passes=(
        "一般公共预算收入9.3亿元，税收收入6.1亿元，非税收入3.2亿元。",
        "播种面积5200亩，其中：水稻3100亩、玉米2100亩，林地面积9000亩。",
        "一季度完成120万元、二季度完成130万元，合计250万元。",
        "查处价格违法金额398万元、清退群众296万元。",
    ),
)
def sum_of_parts_mismatch(doc, ctx):
    """检查什么：列出分项后写“合计/共计/总计”，分项之和与总数不符；或“其中……分别为”列出的分项之和超过总数；
    或按定义成立的加和（三次产业增加值之和等于地区生产总值，税收收入加非税收入等于一般公共预算收入，
    出口加进口等于进出口总额等，词表 figures.toml）在同一段中整体与各分项都写出时不相等；分项可以共用一个名称写在
    “分别”句中（“第一、二、三产业增加值分别为……”），各分项所占比重（“……的比重分别为”）之和应为100%。

    为什么：分项相加是最容易复算的一类数字。未写“合计”的并列数字（如查处金额与清退金额）不是加和关系，不检查；
    “其中”列出的分项可能并不穷尽，只在其和超过总数时报告。
    按句中写明的数字复算，不是启发式判断（数字之间的关系从句式识别，认不出的句式不报告）：在三个测试集上首轮精确率 1.00，
    在 148 万字的政府工作报告上零误报（docs/bench/numbers.md）。

    示例：“一季度完成120万元、二季度完成130万元，合计300万元”。

    本地的加和关系可在配置中补充：[lexicons] "figures.identities" = [{ name = "…", whole = ["…"], parts = [["…"], ["…"]] }]。

    应当怎样写：复核原始数据，改正计算或数字；如确属按可比价格、同口径或调整后基数计算，请在句中注明口径。
    """
    extra = config_identities(ctx.lexicons)
    if not extra:
        yield from _hits(doc, "N206")
        return
    # A locality's identities (from the config) join the document's claims as the built-in ones do.
    for c in merge_identity_claims([c for c in doc.claims if c.code == "N206"], identity_claims(doc, extra)):
        if c.verdict in (INCONSISTENT, IMPOSSIBLE):
            yield Hit(c.start, c.end, _message(c), _data(c))


@rule(
    code="N207",
    name="percentage-point-mismatch",
    title="百分点不符",
    severity="warning",
    triggers=("城镇化率由52.3%提高到55.1%，提高3.8个百分点。", "优良天数比例由80%提高到88%，提高8%。"),
    passes=("城镇化率由52.3%提高到55.1%，提高2.8个百分点。", "优良天数比例由80%提高到88%，提高10%。"),
)
def percentage_point_mismatch(doc, ctx):
    """检查什么：两个比率之差写成“个百分点”时与差值不符；或把百分点差写成了百分数（“%”）。

    为什么：比率的变化用“个百分点”表示差值，用“%”表示相对增幅，两者常被混用。
    按句中写明的数字复算，不是启发式判断（数字之间的关系从句式识别，认不出的句式不报告）：在三个测试集上首轮精确率 1.00，
    在 148 万字的政府工作报告上零误报（docs/bench/numbers.md）。

    示例：“由52.3%提高到55.1%，提高3.8个百分点”：55.1 − 52.3 = 2.8 个百分点。

    应当怎样写：复核原始数据，改正计算或数字；如确属按可比价格、同口径或调整后基数计算，请在句中注明口径。
    """
    return _hits(doc, "N207")


@rule(
    code="N208",
    name="share-mismatch",
    title="占比与数值不符",
    severity="warning",
    triggers=(
        "完成固定资产投资100亿元，其中工业投资45亿元，占比54%。",
        "全年完成固定资产投资58.4亿元。工业投资完成23.6亿元，占固定资产投资的44.0%。",
    ),
    passes=(
        "完成固定资产投资100亿元，其中工业投资45亿元，占比45%。",
        "工业投资45亿元，占全省的5%。",
        "全年完成固定资产投资58.4亿元。工业投资完成23.6亿元，占固定资产投资的40.4%。",
        "全县财政总收入21.6亿元，一般公共预算收入7.48亿元。其中税收收入5.3亿元，占比70.9%。",
    ),
)
def share_mismatch(doc, ctx):
    """检查什么：“总数 T，其中 a，占比 s%”中 s 与 a ÷ T 不符；整体在前一句、占比句又点名它时
    （“固定资产投资58.4亿元。工业投资23.6亿元，占固定资产投资的40.4%”）同样复算。

    为什么：占比由同一句中的部分和整体直接算出；整体不在句中（如“占全省的5%”）时无法复算，不报告。
    跨句时只在前文恰有一个同单位、其分句点名该指标的数值时复算；前一句有两个候选整体而未点名时不报告。
    按句中写明的数字复算，不是启发式判断（数字之间的关系从句式识别，认不出的句式不报告）：在三个测试集上首轮精确率 1.00，
    在 148 万字的政府工作报告上零误报（docs/bench/numbers.md）。

    示例：“固定资产投资100亿元，其中工业投资45亿元，占比54%”：45 ÷ 100 = 45%。

    应当怎样写：复核原始数据，改正计算或数字；如确属按可比价格、同口径或调整后基数计算，请在句中注明口径。
    """
    return _hits(doc, "N208")


@rule(
    code="N209",
    name="same-indicator-different-values",
    title="同一指标前后数值不一",
    severity="warning",
    heuristic=True,
    precision=Measured(
        1.00,
        "生成的测试集 16 句中 8 处前后不一全部找到、无误报；留出集中没有这类句子，对没见过的写法尚无测量",
        "docs/bench/numbers.md",
    ),
    triggers=("全年一般公共预算收入完成7.48亿元，增长5.8%。\n综上，全年一般公共预算收入完成8.1亿元，创历史新高。",),
    passes=("全年一般公共预算收入完成7.48亿元，增长5.8%。\n全年一般公共预算收入完成7.5亿元，创历史新高。",),
)
def same_indicator_different_values(doc, ctx):
    """检查什么：同一指标（相同名称、相同时间范围、相同动词）在报告中两处给出的数值在精度范围内不能一致。

    为什么：前后不一的数字说明至少一处有误，或引用了不同版本的数据。只比较名称完全相同、
    没有年份或计划字样的陈述，以免把不同年度、预期目标当成同一数字。
    这是启发式规则：两处是否为同一指标从名称和句式判断（docs/bench/numbers.md）。

    示例：前文“一般公共预算收入完成7.48亿元”，后文“一般公共预算收入完成8.1亿元”。

    应当怎样写：统一引用同一口径的最终数据。
    """
    return _hits(doc, "N209")


@rule(
    code="N210",
    name="multiple-mismatch",
    title="倍数或翻番不符",
    severity="warning",
    triggers=(
        "年接待游客由100万人次增加到120万人次，增长2倍。",
        "经营收入由50万元增加到60万元，翻了一番。",
        "全年引进域外资金48.6亿元，是上年24.3亿元的3倍。",
    ),
    passes=(
        "年接待游客由100万人次增加到300万人次，增长2倍。",
        "年接待游客由100万人次增加到200万人次，增长2倍。",
        "经营收入由50万元增加到100万元，翻了一番。",
        "全年引进域外资金48.6亿元，是上年24.3亿元的2倍。",
        "全年实现旅游综合收入12.6亿元，是上年的2.1倍。",
    ),
)
def multiple_mismatch(doc, ctx):
    """检查什么：“由 A 增加到 B，增长 k 倍”、“A，是上年 B 的 k 倍”或“翻一番/两番”与 B ÷ A（A ÷ B）不符。

    为什么：“增长1倍”严格说是 ×2，但常被宽松地用作 ×1；两种读法都接受，只有两种都不成立才报告。
    “是（为）上年 B 的 k 倍”只有一种读法：A ÷ B = k（是上年的2倍即增长1倍）；句中没有写出基数 B 时不复算。
    “翻一番”是 ×2，“翻两番”是 ×4，明显不足（低于九成）时报告。
    按句中写明的数字复算，不是启发式判断（数字之间的关系从句式识别，认不出的句式不报告）：在三个测试集上首轮精确率 1.00，
    在 148 万字的政府工作报告上零误报（docs/bench/numbers.md）。

    示例：“由100万人次增加到150万人次，增长2倍”：只增长了 0.5 倍。

    应当怎样写：复核原始数据，改正计算或数字；如确属按可比价格、同口径或调整后基数计算，请在句中注明口径。
    """
    return _hits(doc, "N210")


@rule(
    code="N211",
    name="implausible-count",
    title="不合情理的数量",
    severity="warning",
    heuristic=True,
    precision=Measured(
        None,
        "留出集 13 个不合情理的数量中找到 7 个，未单独计算误报；政府工作报告与法律法规语料上没有结果",
        "docs/bench/heldout-2026-12-04.md",
    ),
    triggers=(
        "2023年度村党支部书记述职报告\n全村共有5个自然村、农户320户。2023年，带领2023个村民小组开展人居环境整治。",
        "2023年度述职报告\n全村共有党员45名。全年组织党员86名参加志愿服务。",
    ),
    passes=(
        "2023年度述职报告\n全村共有党员45名。全年组织党员40名参加志愿服务，带动周边群众2023人。",
        "2023年度述职报告\n全县共有村民小组2023个，2023年完成换届。",
        "2023年度述职报告\n全村共有农户320户，其中脱贫户45户。",
    ),
)
def implausible_count(doc, ctx):
    """检查什么：不合情理的数量——一是把年份当成了数量（“全村共有5个自然村……网格员2022人”“2022个村民小组”：
    四位数、像年份，而前文说明这是一个小单位）；二是跨句的部分大于整体（前文“全村共有党员45名”，后文
    “组织党员86名参加……”；“全镇辖12个行政村……完成15个行政村的审计”）。

    怎样判断：先找前文写明的整体——村、社区、学校、支部、机关、单位、乡镇、县 + “共有/现有/辖/在编” + 数量，
    及其所数的事物（党员、行政村、干部职工）。另一句中同一类单位（人/名/位算一类）、点到同一事物的数量大于
    整体时报告，除非它点明了更大的范围（整体是“全村”而它写“全县”）。2000–2035 之间的四位数，在写明了
    不超过 100 的村、社区、学校、支部、机关整体的报告中又超过整体的 10 倍，且不是人口、居民、群众、游客等
    总数时，按“疑似把年份误填为数字”报告；文中写到同一年份时一并说明。带“周边”“累计”“人次”“带动”等扩大
    范围字样的数量不比较；同一句中的“其中”由 N204 检查。结果数据列出所比较的整体、事物名称和年份。

    这是启发式规则：数字本身并不违反任何算式，只是与同一报告中的其他数字对照不合情理；请审阅人核对。
    不会报告：没有整体可比的数量，县、镇范围的大数目（“全县共有村民小组2023个”），人口总数（“全村常住
    人口2022人”）。

    为什么：从网页或旧稿复制时，年份常被粘进数量的位置；跨句的部分大于整体说明至少一处数字有误。

    示例：“全村共有5个自然村……带领2023个村民小组开展人居环境整治”。

    应当怎样写：核对原始台账，填入真实的数量。
    """
    for it in implausible_counts(doc):
        yield Hit(it.q.start, it.q.end, it.message, {"why": it.why, **it.evidence})
