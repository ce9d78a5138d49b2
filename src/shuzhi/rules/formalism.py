"""F family: a unit's summary passed off as a personal report, stock self-criticism, slogans."""

from __future__ import annotations

import bisect
import re

from ..analysis.dimensions import analyse, find_phrases, phrase_automaton
from ..analysis.signals import has_fact, signals_of
from ..model.findings import Hit
from .base import Measured, rule
from .structure import is_personal_report

# What makes self-criticism concrete: a figure, a cause, an example, a named document,
# a counted object (三个项目, 两家企业).
# "比如" alone is not concrete: "比如思想解放程度不够" is as generic as what precedes it.
_CONCRETE_RE = re.compile(
    r"\d|原因|由于|导致|造成|根源|究其|因为|《[^》]+》"
    r"|[一二两三四五六七八九十]{1,3}(?:家|项|件|起|户|所|次|亿|万|座|条|处)(?!意识|自信)"
    r"|[两三四五六七八九十][个名](?!意识|自信|维护|确立|务必|全面|坚持|代表|表率|作风|方面)"
)

_F401_T1 = """2023年度个人述职报告
一年来，全县上下团结一心，各项工作取得显著成效。
全县完成地区生产总值120亿元，增长6.5%。全县固定资产投资完成45亿元。全县新建学校3所。
全县新增就业2100人。全县森林覆盖率达到62%。全县粮食产量稳定在30万吨。
全县招商引资到位资金18亿元。全县城乡居民收入稳步增长。全县社会大局和谐稳定。
全县党风政风持续好转。"""

_F401_P1 = """2023年度个人述职报告
一年来，本人认真履行县长职责。
本人主持召开政府常务会议24次，研究重大事项56件。我牵头推进产业园二期建设，带领招商小分队外出招商12次。
亲自协调解决企业用地问题8个。分管的财政工作完成一般公共预算收入12亿元。我带头遵守八项规定。
全县固定资产投资完成45亿元。全县新增就业2100人。"""


@rule(
    code="F401",
    name="unit-summary-not-personal",
    title="以单位工作总结代替个人述职",
    severity="warning",
    heuristic=True,
    precision=Measured(
        1.00, "调参后另写的留出样例，24 份应报、24 份不应报，24 条结果无误报", "docs/bench/heuristics.md"
    ),
    options={"min-share": 0.2, "min-sentences": 8},
    triggers=(_F401_T1,),
    passes=(_F401_P1, "一年来，本人认真履行职责。"),
)
def unit_summary_not_personal(doc, ctx):
    """检查什么：以本人为主语的句子（“本人”“我”，或省略主语的“亲自”“主持召开”“牵头”“带领”“分管”等）
    占“本人句 + 单位句”（“全县”“全区”“我局”“我们”“公司”等为主语）的比例低于 `min-share`（默认 0.2），
    且这两类句子合计不少于 `min-sentences`（默认 8）句。报告一条，指向标题，数据中有两类句子的数量、
    比例和单位句的例子。

    这是启发式规则。在调参后另写的留出样例（24 份应报、24 份不应报的短报告）上测得精确率 1.00
    （24 条报告无误报），召回率 1.00（见 docs/bench/heuristics.md）。政府工作报告、党代会报告不是个人述职，在其上报告本条是预期的。

    为什么：“近70%的中层干部在作本部门工作总结”：报告罗列全县、全局干了什么，看不出本人干了什么。

    示例：“全县完成地区生产总值120亿元……全县新建学校3所……”，通篇没有“本人”“我”“主持”“牵头”。

    应当怎样写：写本人做了什么：主持、牵头、带领、亲自协调了哪些事，结果如何。
    """
    sig = signals_of(doc, ctx.lexicons)
    n_p, n_u = len(sig.personal), len(sig.unit)
    if n_p + n_u < ctx.options["min-sentences"]:
        return
    share = n_p / (n_p + n_u)
    if share >= float(ctx.options["min-share"]):
        return
    title = doc.outline.title or (0, 0)
    examples = [doc.text[a:b] for a, b in (sig.sentences[i] for i in sig.unit[:3])]
    yield Hit(
        title[0],
        title[1],
        f"以本人为主语的句子只占 {share:.0%}（{n_p} 句本人、{n_u} 句单位），更像单位工作总结而不是个人述职",
        {
            "personal_sentences": n_p,
            "unit_sentences": n_u,
            "share": round(share, 3),
            "min_share": ctx.options["min-share"],
            "unit_examples": examples,
        },
    )


def _generic_automaton(lexicons):
    return phrase_automaton(lexicons, ("formalism.generic_self_criticism",))


_F402_T1 = """2023年度述职述廉报告
一、履职情况
主持召开常务会议24次，完成固定资产投资38.5亿元，增长8.2%。
回顾一年来的工作，虽然取得了一定成绩，但离组织要求和群众期望仍有差距。主要是理论学习不够经常、开拓创新不够主动等。在今后工作中，我将继续努力。"""

_F402_P1 = """2023年度述职述廉报告
一、履职情况
主持召开常务会议24次，完成固定资产投资38.5亿元，增长8.2%。
二、存在的问题
一是招商引资成效不明显，全年引进亿元以上项目3个，比年初计划少2个，原因是本人对产业链研究不深，前期储备不足。二是城区停车难问题没有解决，投诉全年达到216件。
三、今后打算
明年力争引进亿元以上项目6个。"""


@rule(
    code="F402",
    name="generic-self-criticism",
    title="查摆问题笼统空泛",
    severity="warning",
    heuristic=True,
    precision=Measured(
        1.00, "调参后另写的留出样例，24 份应报、24 份不应报，23 条结果无误报", "docs/bench/heuristics.md"
    ),
    triggers=(_F402_T1,),
    passes=(_F402_P1, "一年来，本人认真履行职责。"),
)
def generic_self_criticism(doc, ctx):
    """检查什么：查摆问题的部分（结构树的“问题”部分，或“存在的问题”“不足”等标题、结尾的“仍有差距，主要是……”
    句）里没有任何具体的东西：没有数字，没有原因（原因、由于、导致），没有文件名，
    没有计数的对象（三个项目、两家企业；“四个意识”之类的提法不算），只有套话（词表 `formalism.generic_self_criticism`，如“理论学习
    不够经常”“开拓创新不够主动”）或一句笼统的“还有差距和不足”。

    这是启发式规则。在调参后另写的留出样例（24 份应报、24 份不应报）上测得精确率 1.00（23 条报告无误报），
    召回率 0.96（见 docs/bench/heuristics.md）。
    种子模板 000–003 结尾的查摆都会报告。

    为什么：查摆问题流于形式（“理论学习不够经常、开拓创新不够主动”）是审阅人最常指出的问题：没有具体
    对象、原因和数字，问题永远是“客观”的，不是本人的。

    示例：“虽然取得了一定成绩，但离组织要求仍有差距。主要是理论学习不够经常、开拓创新不够主动等。”

    应当怎样写：写具体问题、原因和数字：“全年引进亿元以上项目3个，比计划少2个，原因是本人对产业链研究不深。”
    """
    if not is_personal_report(doc, ctx):
        return
    a = analyse(doc, ctx.lexicons)
    part = a.shortcomings
    if part is None:
        return
    text = doc.text
    seg = text[part.start : part.end]
    if _CONCRETE_RE.search(seg):
        return
    stock = [ph for _, _, ph, _ in find_phrases(_generic_automaton(ctx.lexicons), text, part.start, part.end)]
    # A part found by its heading line ("二、存在的问题") may hold nothing after it; a
    # topic-sentence part (seed 000) is one paragraph that is its own content.
    lines = seg.strip().split("\n")
    heading_only = len(lines) == 1 and len(lines[0]) <= 20 and not lines[0].endswith(("。", "；"))
    if heading_only or (len(lines) > 1 and len("".join(lines[1:]).strip()) < 8):
        msg = "查摆问题的部分只有标题，没有写出任何问题"
    elif stock:
        msg = "查摆问题只有套话（" + "、".join(dict.fromkeys(stock)) + "），没有具体问题、原因或数字"
    else:
        said = " ".join(seg.split())
        said = said if len(said) <= 40 else said[:40] + "……"
        msg = f"查摆问题笼统（“{said}”），没有具体问题、原因或数字"
    end = min(part.end, part.start + 200)
    yield Hit(part.start, end, msg, {"part": seg[:300], "source": part.source, "stock_phrases": stock})


_F403_T1 = """2023年度述职报告
一年来，本人认真履行职责。
始终坚持以习近平新时代中国特色社会主义思想为指导，不断增强“四个意识”、坚定“四个自信”、做到“两个维护”，坚定不移，对标对表，真抓实干，凝心聚力，攻坚克难，开拓进取，奋发有为，推动各项工作落地落实。
主持召开常务会议24次，完成固定资产投资38.5亿元。"""

_F403_P1 = """2023年度述职报告
一年来，本人认真履行职责。
主持召开常务会议24次，研究决定重大事项56件，完成固定资产投资38.5亿元，增长8.2%，新建学校3所，改造老旧小区12个，惠及居民4800户。"""


@rule(
    code="F403",
    name="slogan-paragraph",
    title="口号段落：只有套话，没有事实",
    severity="info",
    heuristic=True,
    precision=Measured(
        1.00,
        "调参后另写的留出样例，24 个应报、24 个不应报的段落，只有 6 条结果无误报，证据较弱",
        "docs/bench/heuristics.md",
    ),
    options={"min-formula-share": 0.35, "min-chars": 40, "min-formulas": 3},
    triggers=(_F403_T1,),
    passes=(_F403_P1, "一年来，本人认真履行职责。"),
)
def slogan_paragraph(doc, ctx):
    """检查什么：一个至少 `min-chars`（默认 40）字的段落，没有任何事实（数字、占位符、日期、《文件名》），
    且套话（词表 `formalism.formulas`，以及三个以上连用的四字短语“主动作为，勇于担当，开拓进取”）
    占段落字数的比例不低于 `min-formula-share`（默认 0.35），其中词表中的套话至少 `min-formulas`（默认 3）种。数据中有套话的比例和命中的套话。

    这是启发式规则。在调参后另写的留出样例（24 个应报、24 个不应报的段落）上测得精确率 1.00（6 条报告
    无误报），召回率只有 0.25：词表之外的套话认不出来，宁缺毋滥（见 docs/bench/heuristics.md）。

    为什么：空话套话是整治形式主义的重点；一个段落只有口号，读者得不到任何关于本人工作的信息。
    有些表述是规定的（以习近平同志为核心的党中央），本身没有错，但整段只有它们就是口号段落。

    示例：“始终坚持……不断增强‘四个意识’……坚定不移，对标对表，真抓实干，凝心聚力，攻坚克难……”

    应当怎样写：保留必要的表述，补上本人做了什么、结果是什么（数字、项目、时间）。
    """
    text = doc.text
    sig = signals_of(doc, ctx.lexicons)
    starts = sig.formula_starts
    min_share = float(ctx.options["min-formula-share"])
    min_chars = int(ctx.options["min-chars"])
    min_formulas = int(ctx.options["min-formulas"])
    title = doc.outline.title
    for a, b in doc.paragraphs:
        if title and (a, b) == tuple(title):
            continue
        n = b - a
        if n < min_chars:
            continue
        # Formula spans never cross a line break, so the document's spans can be sliced.
        lo = bisect.bisect_left(starts, a)
        hi = bisect.bisect_left(starts, b, lo)
        if hi - lo < min_formulas:
            continue  # fewer spans than the formulas needed (most paragraphs): the fact test is not needed
        if has_fact(text, a, b):
            continue
        spans = sig.formula_spans[lo:hi]
        covered = sum(y - x for x, y, _ in spans)
        share = covered / n
        # Parallel four-character clauses alone ("更新一批，封存一批，淘汰一批") can be plain
        # instructions: a slogan paragraph also strings together known formulas.
        known = {ph for _, _, ph in spans if ph != "四字格排比"}
        if share >= min_share and len(known) >= min_formulas:
            yield Hit(
                a,
                b,
                f"这一段 {share:.0%} 是套话，没有数字、时间、项目等具体事实",
                {"formula_share": round(share, 3), "formulas": [ph for _, _, ph in spans][:12]},
            )


_F404_T1 = """2023年度述职报告
始终坚持以习近平新时代中国特色社会主义思想为指导，不断增强“四个意识”、坚定“四个自信”、做到“两个维护”。
坚定不移，对标对表，真抓实干，凝心聚力，攻坚克难，开拓进取，奋发有为，推动各项工作落地落实。
全年主持召开常务会议24次。"""


@rule(
    code="F404",
    name="formula-density",
    title="全文套话密度高",
    severity="info",
    heuristic=True,
    precision=Measured(
        1.00, "调参后另写的留出样例，20 份应报、20 份不应报，14 条结果无误报", "docs/bench/heuristics.md"
    ),
    options={"max-density": 0.2},
    triggers=(_F404_T1,),
    passes=(_F403_P1, "一年来，本人认真履行职责。"),
)
def formula_density(doc, ctx):
    """检查什么：全文（不含标题）落在套话里的字符占非空白字符的比例（与 `profile.formula_density` 相同）
    不低于 `max-density`（默认 0.2）。只是提示：规定的表述（以习近平同志为核心的党中央）也计入。

    这是启发式规则。在调参后另写的留出样例（20 份应报、20 份不应报）上测得精确率 1.00（14 条报告无误报），
    召回率 0.70（见 docs/bench/heuristics.md）。五份种子模板的密度为 0.05–0.18，政府工作报告为 0.00–0.04，
    人大关于政府工作报告的决议为 0.01–0.15（均低于默认阈值）。

    为什么：套话密度高的报告信息少；审阅人据此决定哪些报告要细读。

    示例：2500 字的报告中 450 字是“凝心聚力、攻坚克难、真抓实干”之类的套话（0.18）。

    应当怎样写：删去不承载信息的套话，换成本人的具体做法和结果。
    """
    sig = signals_of(doc, ctx.lexicons)
    d = sig.formula_density
    if d < float(ctx.options["max-density"]) or sig.body_chars == 0:
        return
    title = doc.outline.title or (0, 0)
    top: dict[str, int] = {}
    for _, _, ph in sig.formula_spans:
        top[ph] = top.get(ph, 0) + 1
    common = sorted(top.items(), key=lambda kv: -kv[1])[:10]
    yield Hit(
        title[0],
        title[1],
        f"全文套话密度为 {d:.0%}（{sig.formula_chars} / {sig.body_chars} 字）",
        {
            "density": round(d, 4),
            "formula_chars": sig.formula_chars,
            "body_chars": sig.body_chars,
            "most_common": common,
        },
    )
