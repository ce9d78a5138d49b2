"""Figures stated for a given year: the same indicator's value as two reports of different years give it."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from ...figures.quantities import Quantity
from ..document import AnalysedDocument as Document

# "全年一般公共预算收入完成" / "2022年全县社会消费品零售总额为" / "去年固定资产投资完成": when, where, what, verb.
_STATEMENT_RE = re.compile(
    r"^(?P<when>全年|今年|本年|本年度|去年|上年|上一年|前年|(?P<y>(?:19|20)\d\d)年(?:度)?)?"
    r"(?:全县|全镇|全乡|全市|全区|全旗|我县|我镇|我乡|我市|我区)?"
    r"(?P<name>[\u4e00-\u9fff]{2,20}?)(?:完成|实现|达到|达|为)$"
)
# "较上年的88.4亿元增长3.5%": last year's value of the indicator stated just before in the sentence.
_PRIOR_RE = re.compile(r"^(?:较|比|由|对比)(?:上年|去年|上一年)(?:同期)?的?$")
# Sentences about plans, targets, periods other than the year, or parts of a whole give other values.
_OTHER_RE = re.compile(
    r"预计|计划|目标|力争|预期|拟|争取|确保|可望|初步|累计|以来|期间|其中|分别|年底|年末|到\d|五年|十年|"
    r"月份|上半年|下半年|前三季度|季度|\d{1,2}[-—至]\d{1,2}月|调整|口径|可比价"
)
_AMOUNT_KINDS = ("currency", "count", "measure")


@dataclass(frozen=True)
class Statement:
    """One figure given as an indicator's value for one year."""

    indicator: str
    year: int
    quantity: Quantity
    sentence: tuple[int, int]

    @property
    def key(self) -> tuple[str, int, str]:
        return (self.indicator, self.year, self.quantity.dimension)


def statements(doc: Document, report_year: int) -> list[Statement]:
    """Every figure of the report stated as an indicator's value for a known year (its own or an earlier one)."""
    out: list[Statement] = []
    text = doc.text
    starts = [a for a, _ in doc.sentences]
    last_in_sentence: dict[int, Statement] = {}
    for q in doc.quantities:
        if q.kind not in _AMOUNT_KINDS or q.qualifier:
            continue
        i = bisect.bisect_right(starts, q.start) - 1
        sent = doc.sentences[i] if i >= 0 else (0, len(text))
        if _OTHER_RE.search(text[sent[0] : sent[1]]):
            continue
        clause = q.indicator.strip()
        m = _STATEMENT_RE.match(clause)
        if m:
            when = m.group("when")
            if m.group("y"):
                year = int(m.group("y"))
            elif when in ("去年", "上年", "上一年"):
                year = report_year - 1
            elif when == "前年":
                year = report_year - 2
            elif when or _starts_sentence(text, sent[0], q):
                year = report_year
            else:
                continue
            if year > report_year or m.group("name").endswith(("将", "要", "拟", "力争")):
                continue  # "旅客周转量将达到…": a plan, not a value
            st = Statement(m.group("name"), year, q, sent)
            out.append(st)
            last_in_sentence[i] = st
            continue
        prev = last_in_sentence.get(i)
        if prev is not None and _PRIOR_RE.match(clause) and prev.year == report_year:
            out.append(Statement(prev.indicator, report_year - 1, q, sent))
    return out


def _starts_sentence(text: str, sentence_start: int, q: Quantity) -> bool:
    """The figure's clause is the first clause of its sentence: "一般公共预算收入完成12.4亿元，…"."""
    return text[sentence_start : q.start].strip() == q.indicator.strip()


def disagree(a: Quantity, b: Quantity) -> bool:
    """No value inside both figures' rounding intervals is the same: the two cannot both be right."""
    return a.dimension == b.dimension and (a.hi < b.lo or b.hi < a.lo)
