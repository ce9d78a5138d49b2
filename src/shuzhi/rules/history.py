"""H family: a report against the same person's earlier reports — repeated shortcomings, plans never
reported on, recycled achievements, figures that disagree across years."""

from __future__ import annotations

from ..model.findings import Hit
from .base import Measured, rule

# These rules need the person's earlier reports: `shuzhi history`, `shuzhi check --index` and
# `shuzhi review --index` gather them from the index (shuzhi.pipeline.history: the I/O and the passage
# alignment) and pass a HistoryContext as extra={"history": …}; the rules link items and figures and turn
# the links into findings. Their examples are several years of one person's reports, "【2022年报告】…
# 【2023年报告】…"; the last one is checked (tests/rules/test_history_examples.py runs them).


def _history(ctx):
    h = ctx.extra.get("history")
    if h is None or not h.earlier or not h.year:
        return None
    return h


def _link():
    """The linking of items and figures across years: imported by the rule that has a history to link
    (a plain `shuzhi check` has none and does not pay for importing it)."""
    from ..analysis.history import link

    return link


def _para(doc, offset: int) -> int:
    return doc.text.count("\n", 0, offset) + 1


def _quote(text: str, n: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _anchor(doc) -> tuple[int, int]:
    o = doc.outline
    if o.title:
        return o.title
    return doc.paragraphs[0] if doc.paragraphs else (0, 0)


def _earlier_data(e) -> dict:
    return {"earlier_source": e.source, "earlier_id": e.id, "earlier_year": e.year}


_REPEAT_EXAMPLE = (
    "【2022年报告】临河县县长2022年度述职述廉报告\n一、履职情况\n本人牵头建成县城第二水厂。\n二、存在的问题\n"
    "一是推动重点项目建设的办法不多，经济开发区二期扩区因用地指标不足拖了半年，企业入驻率只有六成。\n"
    "二是理论学习不够深入。\n"
    "【2023年报告】临河县县长2023年度述职述廉报告\n一、履职情况\n本人牵头建成智慧停车场三处。\n二、存在的问题\n"
    "一是推动重点项目建设办法不多，经济开发区二期扩区因用地指标不足拖了半年多，企业入驻率只有六成左右。\n"
)
_REPEAT_PASS = (
    "【2022年报告】临河县县长2022年度述职述廉报告\n一、履职情况\n本人牵头建成县城第二水厂。\n二、存在的问题\n"
    "一是理论学习不够深入，运用理论指导实践还有差距。\n二是城区停车难问题突出。\n"
    "【2023年报告】临河县县长2023年度述职述廉报告\n一、履职情况\n本人牵头建成智慧停车场三处。\n二、存在的问题\n"
    "一是理论学习不够深入，学用结合还不够紧密。\n二是安全生产监管还有薄弱环节，小化工企业隐患排查不够彻底。\n"
)


@rule(
    code="H601",
    name="repeated-shortcoming",
    title="存在问题与往年报告重复",
    severity="warning",
    triggers=(_REPEAT_EXAMPLE,),
    passes=(_REPEAT_PASS,),
    options={"dice": 0.5, "containment": 0.8},
    needs=("history",),
)
def repeated_shortcoming(doc, ctx):
    """检查什么：本年度“存在的问题”中的每一条，与同一人往年报告“存在的问题”逐条比对：原样照抄或只改了
    几个字、调换了分句顺序的，视为同一个问题又写了一遍，并说明已连续写了几年。比对前先去掉固定提法和
    套话式自我批评（理论学习不够深入、开拓创新不够主动等，见 formalism.generic_self_criticism 和
    formulas.toml），只剩套话的条目不比对；在索引里两位以上其他人的报告中也出现的条目视为通用语言，也不算。
    相同的判断：去掉套话后两条的相邻两字组重合度（Dice 系数）达到 dice（默认 0.5），或较短一条的两字组
    至少 containment（默认 80%）见于另一条。

    为什么：审阅者最想知道的是“去年查摆的问题今年改了没有”。去年的问题原样写进今年的报告，要么整改没有
    做，要么连报告都没有重写。

    示例：2022年“一是推动重点项目建设的办法不多，经济开发区二期扩区因用地指标不足拖了半年”，
    2023年只加了一个“多”字又写了一遍：连续 2 年。

    应当怎样写：写清去年的问题整改到了哪一步；确实没有改好的，说明原因和新的措施，不要照抄。
    """
    h = _history(ctx)
    if h is None:
        return
    common = h.common
    for r in _link().repeated_shortcomings(
        doc,
        h.year,
        h.earlier,
        h.phrases,
        is_common=lambda c: c in common,
        dice=ctx.options["dice"],
        containment=ctx.options["containment"],
    ):
        years = "、".join(f"{y}年" for y in r.years)
        run = f"已连续 {r.in_a_row} 年写入" if r.in_a_row > 1 else f"{years}都写过"
        e = r.earlier
        yield Hit(
            r.item.start,
            r.item.end,
            f"这条问题与{e.year}年报告《{e.source}》第 {_para(e.doc, r.earlier_item.start)} 段的问题相同或近似"
            f"（相似度 {r.score:.0%}），{run}：{e.year}年写的是“{_quote(r.earlier_item.text)}”",
            {
                **_earlier_data(e),
                "earlier_start": r.earlier_item.start,
                "earlier_end": r.earlier_item.end,
                "earlier_paragraph": _para(e.doc, r.earlier_item.start),
                "earlier_excerpt": r.earlier_item.text,
                "excerpt_now": r.item.text,
                "similarity": round(r.score, 4),
                "years": r.years,
                "in_a_row": r.in_a_row,
            },
            subject=f"{e.year}:{r.earlier_item.text}",
        )


_PLAN_EXAMPLE = (
    "【2022年报告】临河县县长2022年度述职述廉报告\n一、履职情况\n本人牵头建成县城第二水厂。\n二、今后打算\n"
    "一是建成智慧停车场三处，新增公共停车泊位1500个。\n二是新建城北小学和第三幼儿园，缓解城区学校大班额问题。\n"
    "【2023年报告】临河县县长2023年度述职述廉报告\n一、履职情况\n本人牵头建成智慧停车场三处，新增公共停车泊位1600个。\n"
)
_PLAN_PASS = (
    "【2022年报告】临河县县长2022年度述职述廉报告\n一、履职情况\n本人牵头建成县城第二水厂。\n二、今后打算\n"
    "一是建成智慧停车场三处，新增公共停车泊位1500个。\n二是新建城北小学和第三幼儿园，缓解城区学校大班额问题。\n"
    "【2023年报告】临河县县长2023年度述职述廉报告\n一、履职情况\n本人牵头建成智慧停车场三处，新增公共停车泊位1600个。\n"
    "城北小学和第三幼儿园秋季开学，城区学校大班额减少12个。\n"
)


@rule(
    code="H602",
    name="plan-not-reported",
    title="往年今后打算在本年度没有下文",
    severity="info",
    heuristic=True,
    precision=Measured(
        None, "演示语料上 4 条没有下文的打算全部找到、没有误报；尚无独立的留出集", "docs/bench/history.md"
    ),
    triggers=(_PLAN_EXAMPLE,),
    passes=(_PLAN_PASS,),
    options={"found": 0.35},
    needs=("history",),
)
def plan_not_reported(doc, ctx):
    """检查什么：同一人上一年度报告“今后打算”中的每一条，在本年度报告的履职部分（存在问题、今后打算以外的
    正文）里有没有相应的工作。做法：去掉套话和“加快、推进、力争、完成”等每条打算都用的词，留下打算里
    具体的对象（停车场、城北小学、二期扩区……），看本年度哪一段正文包含其中最多的两字组；最多的一段也不到
    found（默认 35%）时报告。在索引里两位以上其他人的报告中也写着的打算是通用语言，不问下文。启发式检查：换了说法写的工作可能找不到，请人工核对；太笼统的打算（留下的词
    不足 6 个两字组）不判断。在演示语料上 4 条没有下文的打算全部找到、没有误报；
    尚无独立的留出集测量它的精确率（docs/bench/history.md）。

    为什么：“今后打算”写了却从不回头交账，是述职报告的通病。审阅者需要把去年的打算和今年的工作对照起来看。

    示例：2022年打算“新建城北小学和第三幼儿园”，2023年的报告只字未提。

    应当怎样写：对上一年的打算逐条交账：做成了什么，没做成的原因是什么。
    """
    h = _history(ctx)
    if h is None:
        return
    a, b = _anchor(doc)
    common = h.common
    for u in _link().unreported_plans(
        doc, h.year, h.earlier, h.phrases, is_common=lambda c: c in common, found=ctx.options["found"]
    ):
        e = u.earlier
        yield Hit(
            a,
            b,
            f"{e.year}年报告《{e.source}》第 {_para(e.doc, u.plan.start)} 段的打算“{_quote(u.plan.text)}”"
            f"在本年度的履职部分找不到相应的工作（最接近的一段只含其中 {u.found:.0%} 的词）",
            {
                **_earlier_data(e),
                "plan": u.plan.text,
                "earlier_start": u.plan.start,
                "earlier_end": u.plan.end,
                "earlier_paragraph": _para(e.doc, u.plan.start),
                "found": round(u.found, 4),
                "closest_start": u.best[0] if u.best else None,
                "closest_end": u.best[1] if u.best else None,
                "closest_excerpt": doc.text[u.best[0] : u.best[1]][:300] if u.best else None,
            },
            subject=f"{e.year}:{u.plan.text}",
        )


_RECYCLED_EXAMPLE = (
    "【2021年报告】临河县县长2021年度述职述廉报告\n一、履职情况\n"
    "深入推进“放管服”改革，县行政审批局在全市率先挂牌运行，12个职能部门的166项行政许可事项集中划转，"
    "实现“一枚公章管审批”；全市首创营业执照“全程电子化”，全年新增市场主体2300户。\n"
    "【2023年报告】临河县县长2023年度述职述廉报告\n一、履职情况\n"
    "深入推进“放管服”改革，县行政审批局在全市率先挂牌运行，15个职能部门的180项行政许可事项集中划转，"
    "实现“一枚公章管审批”；全市首创营业执照“全程电子化”，全年新增市场主体2600户。\n"
)
_RECYCLED_PASS = (
    "【2021年报告】临河县县长2021年度述职述廉报告\n一、履职情况\n"
    "深入推进“放管服”改革，县行政审批局在全市率先挂牌运行，12个职能部门的166项行政许可事项集中划转。\n"
    "【2023年报告】临河县县长2023年度述职述廉报告\n一、履职情况\n"
    "推行“高效办成一件事”，企业开办、不动产登记等13个事项实现一次办结，全年新增市场主体2600户。\n"
)


@rule(
    code="H603",
    name="recycled-achievement",
    title="成绩照搬往年报告",
    severity="warning",
    triggers=(_RECYCLED_EXAMPLE,),
    passes=(_RECYCLED_PASS,),
    options={"min-chars": 40, "min-identity": 0.5},
    needs=("history",),
)
def recycled_achievement(doc, ctx):
    """检查什么：本年度履职部分（正文，不含存在问题和今后打算）中，与同一人往年报告正文相同或只作了少量
    改动的段落：规范化后（去掉标点、数字统一）连续相同的片段合计至少 min-chars 个字（默认 40），编辑相似度
    至少 min-identity（默认 0.5）。改了年份和数字仍能找到；固定提法不计。这就是复制检测里“本人往年”
    来源的段落（C301 中标为“本人”），在这里按它的实质命名：往年的成绩再报一遍。

    为什么：同样的成绩连报两年、只改日期和数字，是通报过的典型问题（某区纪委比对 216 名干部与上年的报告，
    18 份雷同）。

    示例：2023年报告的“放管服”改革一段与2021年报告只差几个数字。

    应当怎样写：写本年度新做的工作；延续性的工作写本年度的新进展。
    """
    h = _history(ctx)
    if h is None:
        return
    for r in h.recycled:
        if r.chars < ctx.options["min-chars"] or r.identity < ctx.options["min-identity"]:
            continue
        e = r.earlier
        para = _para(e.doc, r.earlier_start)
        yield Hit(
            r.start,
            r.end,
            f"这段成绩与{e.year}年报告《{e.source}》第 {para} 段相同或近似：{r.chars} 字，相似度 {r.identity:.0%}"
            f"（往年写过的成绩又写了一遍）",
            {
                **_earlier_data(e),
                "earlier_start": r.earlier_start,
                "earlier_end": r.earlier_end,
                "earlier_paragraph": para,
                "earlier_excerpt": e.doc.text[r.earlier_start : r.earlier_end][:300],
                "excerpt_now": doc.text[r.start : r.end][:300],
                "chars": r.chars,
                "identity": round(r.identity, 4),
            },
            subject=f"{e.year}:{e.source}",
        )


_FIGURE_EXAMPLE = (
    "【2022年报告】临河县县长2022年度述职述廉报告\n一、履职情况\n全年固定资产投资完成86.4亿元，增长7.5%。\n"
    "【2023年报告】临河县县长2023年度述职述廉报告\n一、履职情况\n全年固定资产投资完成91.5亿元，较上年的88.4亿元增长3.5%。\n"
)
_FIGURE_PASS = (
    "【2022年报告】临河县县长2022年度述职述廉报告\n一、履职情况\n全年一般公共预算收入完成11.63亿元，增长6.1%。\n"
    "【2023年报告】临河县县长2023年度述职述廉报告\n一、履职情况\n全年一般公共预算收入完成12.4亿元，较上年的11.6亿元增长6.9%。"
    "计划明年一般公共预算收入完成13亿元。\n"
)


@rule(
    code="H604",
    name="figure-differs-across-years",
    title="同一指标同一年度的数值与往年报告不一",
    severity="error",
    triggers=(_FIGURE_EXAMPLE,),
    passes=(_FIGURE_PASS,),
    needs=("history",),
)
def figure_differs_across_years(doc, ctx):
    """检查什么：本报告给出的某一指标某一年度的数值，与同一人往年报告给出的同一指标同一年度的数值在取整范围内
    不可能相同。识别的写法：“全年/今年/去年/上年/2022年 + 指标名 + 完成/实现/达到/为 + 数字”，以及紧跟其后的
    “较上年的 + 数字”（上一年度的数值）。指标名必须完全相同、单位可比；含“计划、目标、预计、累计、以来、
    其中、分别、上半年”等字样的句子不比较，带“约、近、以上”等限定词的数字也不比较。数字按写出的位数取区间
    （11.6亿元即 11.55–11.65亿元），区间不相交才报告。两份报告登记的单位不同（换了地方任职）时不比较：
    同名指标说的是另一个地方的数字。

    为什么：“去年完成88.4亿元”，可去年的报告写的是86.4亿元：至少一处有误。统计数字前后不一是审阅者最难
    手工发现、又最需要说明的问题。

    示例：2022年报告“全年固定资产投资完成86.4亿元”，2023年报告“较上年的88.4亿元增长3.5%”。

    应当怎样写：引用往年数字时以统计部门最终核定数为准；口径调整的，在句中注明。
    """
    h = _history(ctx)
    if h is None:
        return
    for d in _link().figure_disagreements(doc, h.year, h.earlier, unit=h.identity.unit):
        q, t, e = d.now.quantity, d.then.quantity, d.earlier
        why = d.diagnosis
        msg = (
            f"“{d.now.indicator}”{d.now.year}年的数值：本报告写 {q.text}，{e.year}年报告《{e.source}》"
            f"第 {_para(e.doc, t.start)} 段写 {t.text}，两者在取整范围内不可能相同"
        )
        if why:
            msg += f"（{why}）"
        yield Hit(
            q.start,
            q.end,
            msg,
            {
                **_earlier_data(e),
                "indicator": d.now.indicator,
                "value_year": d.now.year,
                "value_now": q.text,
                "value_earlier": t.text,
                "earlier_start": t.start,
                "earlier_end": t.end,
                "earlier_paragraph": _para(e.doc, t.start),
                "sentence_now": doc.text[d.now.sentence[0] : d.now.sentence[1]],
                "sentence_earlier": e.doc.text[d.then.sentence[0] : d.then.sentence[1]],
                "diagnosis": why,
            },
            subject=f"{d.now.indicator}:{d.now.year}:{e.year}",
        )
