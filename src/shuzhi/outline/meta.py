"""Report metadata from the title and the text: year, role, the 述 kinds claimed."""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field, fields
from functools import cache

from ..model.document import Document, paragraph_spans
from ..text.fastre import compile_skipping, needles
from .title import find_title, first_after_title

KINDS = ("述学", "述德", "述职", "述责", "述廉", "述法", "述党建", "述作风", "述稳", "述安")

# Positions, written as a county's, city's, district's or township's. A role in a title
# may chain several ("县委常委、常务副县长"); the longest match wins.
_PLACE = r"(?:县|市|区|州|盟|旗|乡|镇|街道|自治县|自治州)"
_POSTS = (
    r"(?:常务)?副?(?:县长|市长|区长|州长|盟长|旗长|乡长|镇长)",
    rf"{_PLACE}?(?:党?委|党工委)(?:常委|副?书记)",
    rf"{_PLACE}?(?:纪委|纪工委)(?:副?书记)(?:、{_PLACE}?监委(?:副?主任))?",
    rf"{_PLACE}?监委副?主任",
    rf"{_PLACE}?(?:人大(?:常委会)?|人大主席团)副?主(?:任|席)",
    rf"{_PLACE}?政协副?主席",
    rf"{_PLACE}?(?:委|政府)?(?:组织部|宣传部|统战部|政法委)副?(?:部长|书记)",
    r"(?:党组|党委|党工委|党支部)副?书记",
    r"(?:党组|党委)成员",
    r"副?(?:局长|主任|主席|校长|院长|所长|站长|总经理|经理|处长|科长|部长|庭长|检察长)",
)
_ONE_POST = "(?:" + "|".join(_POSTS) + ")"
# Year of the report in its title: "2023年", "2023年度"; not "20XX年".
_YEAR_RE = compile_skipping(r"(?<!\d)((?:19[5-9]|20\d)\d)\s*年")
# The opening may date the report: "2022年，…", "2020年是…极不平凡的一年".
_OPENING_YEAR_RE = re.compile(r"^((?:19[5-9]|20\d)\d)年(?:度)?(?:[，,]|是|以来|来|里|，是)")


@cache
def _role_patterns() -> tuple[re.Pattern, re.Pattern]:
    """(a chain of posts, 作为/担任 + a post): compiled when a role is first looked for (5 ms of CPU that
    `index add`, which reads only each file's year, never needs)."""
    role = re.compile(rf"{_ONE_POST}(?:[、兼]{_ONE_POST})*")
    # "本人作为县政府分管…", "作为县委常委、常务副县长，…", "我担任副县长以来".
    return role, re.compile(r"(?:作为|身为|担任|任)(?P<where>[^，。；]{0,12}?)(?P<role>" + _ONE_POST + ")")


_KIND_RE = re.compile(r"述(?:党建|作风|[学德职责廉法稳安])")


@dataclass
class Meta:
    title: str | None = None
    year: int | None = None
    role: str | None = None
    kinds: list[str] = field(default_factory=list)
    # Where year and role came from: "title" | "opening" | None.
    year_source: str | None = None
    role_source: str | None = None
    # "simplified" | "traditional": the script the source is written in (normalize.detect_script).
    script: str = "simplified"
    # What the document is: 述职报告 | 主持词 | 讲话 | 工作总结 | 单位报告 | 对照检查材料 | None (not told);
    # doc_kind_evidence quotes the words that decided it.
    doc_kind: str | None = None
    doc_kind_evidence: str | None = None
    # When the year comes from the body's dates (year_source "body"): the dates that gave it.
    year_evidence: str | None = None
    # How the file was read when it was not read as is (Document.origin): converted by LibreOffice,
    # recognised by OCR, .docx parts beyond the body; "notes" says it in Chinese.
    loading: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        # What asdict gives (new lists and dicts, the rest as is: strings, numbers, None), without its
        # generic recursion over every field (a tenth of a millisecond a report).
        d = {f: getattr(self, f) for f in _META_FIELDS}
        d["kinds"] = list(self.kinds)
        d["loading"] = copy.deepcopy(self.loading) if self.loading else {}
        return d


_META_FIELDS = tuple(f.name for f in fields(Meta))


def find_kinds(title: str) -> list[str]:
    """The 述 kinds named in a title, in the order they appear (述职述廉 → 述职, 述廉)."""
    found = []
    for m in _KIND_RE.finditer(title):
        if m.group() not in found:
            found.append(m.group())
    return found


def find_role(text: str) -> str | None:
    """The longest position named in text ("县委常委、常务副县长" over "副县长")."""
    best = None
    for m in _role_patterns()[0].finditer(text):
        if best is None or len(m.group()) > len(best):
            best = m.group()
    return best


# ---- what kind of document it is ------------------------------------------------------
# In the title, checked in this order (a speech at a 述职述廉 meeting names 述职 too).
_TITLE_KINDS = (
    ("对照检查材料", re.compile(r"对照检查|检视剖析|民主生活会|组织生活会|专题生活会")),
    ("主持词", re.compile(r"主持词|主持讲话|主持稿|会议议程")),
    ("讲话", re.compile(r"讲话|致辞|动员会上|点评")),
    (
        "述职报告",
        re.compile(
            r"述(?:职|廉|责|学|德|法|党建|作风)(?:[^会]{0,8})(?:报告|材料|发言)?$|述职述廉|述职报告|述廉报告|述责述廉|个人述职"
        ),
    ),
    (
        "单位报告",
        re.compile(
            r"^关于.{0,40}(?:情况|工作)的报告$|(?:局|委|办|中心|政府|县委|镇|乡|街道|公司|党组|党委|支部).{0,30}(?:情况|工作)的?报告$"
        ),
    ),
    ("工作总结", re.compile(r"工作总结|年度总结|总结$")),
)
# In the opening, when the title says nothing: a chair's or speaker's words, a unit's voice, a 述职.
_BODY_KINDS = (
    (
        "主持词",
        re.compile(r"现在(?:开会|请|开始)|会议(?:有|共有)[一二三四五六两]项议程|下面(?:，)?请.{0,16}(?:述职|同志)"),
    ),
    ("讲话", re.compile(r"刚才，.{0,20}(?:述职|同志)|我讲几点意见|讲几点意见")),
    ("对照检查材料", re.compile(r"民主生活会|对照检查|检视剖析")),
    ("单位报告", re.compile(r"^(?:中共)?[\u4e00-\u9fff]{1,12}(?:县委|市委|区委|党委|党工委|政府)[:：]")),
    ("述职报告", re.compile(r"(?:现将|现就|下面将|把)(?:本人|我)?.{0,24}(?:述职|汇报如下|报告如下)|本人.{0,30}述职")),
)

# Each with the strings one of which its every match contains (fastre.needles): `index add` asks for the
# kind of every file's opening, and the 述职 pattern alone (把 and 本人 are common) cost 11 µs a file.
_BODY_KINDS_NEEDLES = tuple((kind, rx, needles(rx.pattern, rx.flags)) for kind, rx in _BODY_KINDS)


def find_doc_kind(title: str | None, opening: str) -> tuple[str | None, str | None]:
    """(kind, evidence) of the document from its title, else from its opening lines."""
    if title:
        t = title.strip()
        for kind, rx in _TITLE_KINDS:
            m = rx.search(t)
            if m:
                return kind, f"标题“{t[:40]}”中的“{m.group()}”"
    for kind, rx, need in _BODY_KINDS_NEEDLES:
        if need is not None and not any(n in opening for n in need):
            continue  # it cannot match: spared a match attempt at each of 400 characters
        m = rx.search(opening)
        if m:
            return kind, f"开头“{m.group()}”"
    return None, None


# A date in the body: 2023年3月, 2023年以来, 2023年，… (not 2023年度目标 of a plan, not a range's first year).
_BODY_DATE_RE = compile_skipping(r"(?<![\d\-—－~～至到])((?:19[5-9]|20\d)\d)年(?!代)(?![-—－~～至到])")
# The one date that may date a body alone: a sentence that opens with it (2023年3月，… / 2023年以来，…).
_DATING_RE = compile_skipping(r"(?:^|[。\n])(?:19[5-9]|20\d)\d年(?:\d{1,2}月(?:\d{1,2}日)?[，,]|以来|[，,])")
_PLAN_BEFORE_RE = re.compile(r"(?:到|至|力争|计划|预计|争取|确保|目标|明年|展望|谋划)$")


def year_from_body(body: str) -> tuple[int, str] | None:
    """(year, evidence) from the body's dates when one year clearly dominates; None when not sure.

    The year most often written (at least twice, at least twice as often as the next, and not a plan's
    year: 到2025年, 力争2024年 are not counted). One dated sentence alone ("2023年3月，…") is enough when
    it is the only date in the body.
    """
    counts: dict[int, list[str]] = {}
    for m in _BODY_DATE_RE.finditer(body):
        if _PLAN_BEFORE_RE.search(body, max(0, m.start() - 4), m.start()):
            continue
        y = int(m.group(1))
        counts.setdefault(y, []).append(body[m.start() : min(len(body), m.end() + 3)])
    if not counts:
        return None
    ranked = sorted(counts.items(), key=lambda kv: (-len(kv[1]), -kv[0]))
    y, shown = ranked[0]
    second = len(ranked[1][1]) if len(ranked) > 1 else 0
    if (len(shown) >= 2 and len(shown) >= 2 * second) or (
        len(ranked) == 1 and len(shown) == 1 and _DATING_RE.search(body)
    ):
        pass
    else:
        return None
    quoted = "”“".join(dict.fromkeys(shown[:3]))
    return y, f"正文中的日期“{quoted}”（{y}年共 {len(shown)} 处）"


def find_year(text: str) -> int | None:
    m = _YEAR_RE.search(text)
    return int(m.group(1)) if m else None


def _role_from_opening(opening: str) -> str | None:
    role, self_role = _role_patterns()
    m = self_role.search(opening)
    if not m:
        return None
    # "作为县委常委、常务副县长" – take the whole chain that starts here.
    chain = role.match(opening, m.start("role"))
    where = m.group("where")
    # "本人作为县政府分管…" names no post; only a post right after 作为/担任 counts.
    if where and not re.fullmatch(r"(?:" + _PLACE + r"(?:委|政府)?|政府)", where):
        return None
    return chain.group() if chain else m.group("role")


def extract_meta(doc: Document) -> Meta:
    outline = doc.outline
    text = doc.text
    title = text[outline.title[0] : outline.title[1]] if outline.title else None
    meta = Meta(title=title, script=doc.script, loading=dict(doc.origin))
    if title:
        meta.kinds = find_kinds(title)
        meta.year = find_year(title)
        if meta.year is not None:
            meta.year_source = "title"
        meta.role = find_role(title)
        if meta.role:
            meta.role_source = "title"
    if outline.opening:
        opening = text[outline.opening[0] : outline.opening[1]]
        if meta.year is None:
            m = _OPENING_YEAR_RE.match(opening)
            if m:
                meta.year, meta.year_source = int(m.group(1)), "opening"
        if meta.role is None:
            role = _role_from_opening(opening[:300])
            if role:
                meta.role, meta.role_source = role, "opening"
    start = outline.title[1] if outline.title else 0
    meta.doc_kind, meta.doc_kind_evidence = find_doc_kind(title, text[start : start + 400])
    if meta.year is None and meta.doc_kind is not None:
        # Only for a document told to be a report, a speech, a summary…: a law's datelines date no year.
        found = year_from_body(text[start:])
        if found:
            meta.year, meta.year_evidence = found
            meta.year_source = "body"
    return meta


def quick_year(text: str) -> tuple[int | None, bool]:
    """(the report's year as extract_meta finds it, sure) from the analysed text alone, without an outline.

    The year comes from the title, else from the very start of the opening, else (for a document
    whose kind is told) from its body. The title is found the way the outline finds it; where the
    opening starts is known without parsing the parts, and only an opening that starts like
    "2022年，" needs the outline (whether the report has an opening at all): then ``sure`` is False
    and the caller asks ``doc.meta``. What the index stores of a document's
    metadata is its year: this spares `shuzhi index add` the outline of every file.
    """
    # The title is among the first 20 paragraphs and the opening a few after it: the first 30 decide
    # exactly what all of them would (a list cut at 30 still has paragraphs after the opening's first).
    paras = paragraph_spans(text, limit=30)
    if not paras:
        return None, True
    t = find_title(text, paras)
    title = text[paras[t][0] : paras[t][1]] if t is not None else None
    if title:
        year = find_year(title)
        if year is not None:
            return year, True
    first = first_after_title(text, paras, t)
    if first < len(paras):
        a = paras[first][0]
        if _OPENING_YEAR_RE.match(text[a : a + 12]) is not None:
            return None, False
    # As extract_meta: a document told to be a report (a speech, a summary…) may date itself in its body.
    start = paras[t][1] if t is not None else 0
    doc_kind, _ = find_doc_kind(title, text[start : start + 400])
    if doc_kind is not None:
        found = year_from_body(text[start:])
        if found:
            return found[0], True
    return None, True
