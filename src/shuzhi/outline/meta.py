"""Report metadata from the title and the text: year, role, the 述 kinds claimed."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field

from ..model.document import Document

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
_ROLE_RE = re.compile(rf"{_ONE_POST}(?:[、兼]{_ONE_POST})*")
# Year of the report in its title: "2023年", "2023年度"; not "20XX年".
_YEAR_RE = re.compile(r"(?<!\d)((?:19[5-9]|20\d)\d)\s*年")
# The opening may date the report: "2022年，…", "2020年是…极不平凡的一年".
_OPENING_YEAR_RE = re.compile(r"^((?:19[5-9]|20\d)\d)年(?:度)?(?:[，,]|是|以来|来|里|，是)")
# "本人作为县政府分管…", "作为县委常委、常务副县长，…", "我担任副县长以来".
_SELF_ROLE_RE = re.compile(r"(?:作为|身为|担任|任)(?P<where>[^，。；]{0,12}?)(?P<role>" + _ONE_POST + ")")
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

    def to_dict(self) -> dict:
        return asdict(self)


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
    for m in _ROLE_RE.finditer(text):
        if best is None or len(m.group()) > len(best):
            best = m.group()
    return best


def find_year(text: str) -> int | None:
    m = _YEAR_RE.search(text)
    return int(m.group(1)) if m else None


def _role_from_opening(opening: str) -> str | None:
    m = _SELF_ROLE_RE.search(opening)
    if not m:
        return None
    # "作为县委常委、常务副县长" – take the whole chain that starts here.
    chain = _ROLE_RE.match(opening, m.start("role"))
    where = m.group("where")
    # "本人作为县政府分管…" names no post; only a post right after 作为/担任 counts.
    if where and not re.fullmatch(r"(?:" + _PLACE + r"(?:委|政府)?|政府)", where):
        return None
    return chain.group() if chain else m.group("role")


def extract_meta(doc: Document) -> Meta:
    outline = doc.outline
    text = doc.text
    title = text[outline.title[0] : outline.title[1]] if outline.title else None
    meta = Meta(title=title, script=doc.script)
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
    return meta
