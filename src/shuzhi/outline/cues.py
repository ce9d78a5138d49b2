"""The words that name a report's parts: shortcomings, plans, wrap-up, closing formula."""

from __future__ import annotations

import re

from ..text.fastre import compile_skipping

# Headings (numbered or not) that name the shortcomings part or the plans part.
# The label may follow a few words ("一年来工作中存在的不足") but must lead the heading:
# "着力解决群众反映强烈的突出问题" is a body part about problems, not the shortcomings part.
SHORT_HEAD = re.compile(
    r"^[^，,、。；]{0,6}?(?:存在的?|主要|突出的?|自身的?)(?:主要|突出)?(?:问题|不足|差距|短板)"
    r"|^(?:问题|不足|差距|短板|缺点)(?:和|与|及|、|$)|^[^，,、。；]{0,4}不足之处"
)

PLAN_HEAD = re.compile(
    r"^[^，,、。；]{0,4}?(?:今后|下一步|明年|来年|\d{4}年)(?:的)?(?:工作)?(?:打算|努力方向|思路|设想|计划|安排)"
    r"|^(?:今后|下一步)(?:的)?工作"
    r"|^[^，,、。；]{0,6}?(?:打算|努力方向|改进措施|整改措施)$"
    r"|(?:问题|不足|差距)(?:和|与|及|、)(?:今后|下一步|明年)"
)

# Paragraph-form parts at the end of a report.
# Openers of a wrap-up paragraph. Strong ones mark it anywhere after the last heading in
# the second half of the report; weak ones ("虽然…", "以上…") only among the last paragraphs.
WRAP_STRONG = compile_skipping(
    r"(?:回顾|总之|总的来看|总的来说|综上|总而言之|成绩属于过去|不足之处|存在的(?:问题|不足)"
    r"|我(?:也|们也)?(?:清醒|深刻|清楚)地(?:认识|看到|意识)|在(?:肯定|看到|取得)(?:成绩|工作)[^，。]{0,6}的同时"
    r"|(?:一年来|过去的一年)[，,](?:虽然|尽管|我虽然)|特此|述职人|报告人)"
)

WRAP_WEAK = re.compile(r"(?:虽然|尽管|当然|以上|一年来[，,])")

SHORT_CUE = compile_skipping(
    r"(?:存在|还有|仍有|尚有|也有|仍然有|还存在|仍存在|有一定|有许多|有不少|有较大)[^。；！]{0,24}(?:差距|不足|问题|短板|弱项)"
    r"|(?:差距|不足)(?:和|与|及)(?:不足|差距|问题)"
)

PLAN_CUE = compile_skipping(
    r"(?:在)?今后(?:的)?[^，。；！]{0,16}(?:中|里)[，,]|今后(?:[，,]|(?:我|本人|我们)?(?:将|要|一定))"
    r"|下一步(?:[，,：:]|(?:我|本人|我们)?(?:将|要))|新的一年(?:里|中)?[，,]"
    r"|展望(?:明年|来年|\d{4}年)|(?:明年|来年)[，,]|针对(?:以上|上述|这些|存在的)(?:问题|不足)"
)

FORMULA = re.compile(
    r"特此(?:报告|述职)|请予(?:评议|审议|审查)|请(?:各位|大家|组织)?[^。，]{0,6}(?:评议|审议|批评指正)"
    r"|不(?:妥|当)之处[^。]{0,10}批评指正|以上(?:报告|述职)[^。]{0,10}(?:评议|审议|指正)|谢谢大家"
)

STATEMENT = re.compile(r"现将[^。！]{0,60}?(?:报告|汇报|述职|说明)如下")

PLAN_INTRO = compile_skipping(
    r"(?:如下|以下)[^。]{0,4}(?:安排|打算|计划|措施|思路)|(?:今后|下一步|明年|来年)[^。]{0,20}(?:打算|安排|计划|思路)"
)

BOTH_HEAD = re.compile(r"(?:和|与|及|、|以及)(?:今后|下一步|明年|来年|努力方向|打算|改进|整改)")


SENT_END = "。！？!?"


_SENT_END_RE = re.compile(f"[{SENT_END}]")


def sentence_end(text: str, a: int, b: int) -> int:
    """End (after the punctuation) of the first sentence of text[a:b], or b."""
    # One regex search finds the first of the five marks (five str.find calls did: the outline asks
    # this of every paragraph, 100,000 times over the laws).
    m = _SENT_END_RE.search(text, a, b)
    return b if m is None else m.end()
