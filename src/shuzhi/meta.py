"""Report metadata from the title and the text: year, role, the 述 kinds claimed."""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field

from .document import Document

KINDS = ("述学", "述德", "述职", "述责", "述廉", "述法", "述党建", "述作风", "述稳")

# Longest first: 常务副县长 before 副县长 before 县长.
ROLES = (
    "县委常委、常务副县长", "县委常委、副县长", "县委书记", "县委副书记", "县委常委", "常务副县长", "副县长", "县长",
    "市委书记", "市委副书记", "市委常委", "常务副市长", "副市长", "市长",
    "区委书记", "区委副书记", "区委常委", "常务副区长", "副区长", "区长",
    "乡镇党委书记", "镇党委书记", "乡党委书记", "党委书记", "党委副书记", "纪委书记", "纪工委书记",
    "镇长", "副镇长", "乡长", "副乡长", "局长", "副局长", "主任", "副主任", "党组书记", "校长", "院长", "总经理", "经理",
)
_ROLE_RE = re.compile("|".join(re.escape(r) for r in sorted(ROLES, key=len, reverse=True)))
_YEAR_RE = re.compile(r"((?:19|20)\d{2})\s*年")


@dataclass
class Meta:
    title: str | None = None
    year: int | None = None
    role: str | None = None
    kinds: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return asdict(self)


def find_kinds(title: str) -> list[str]:
    """The 述 kinds named in a title, in the order they appear (述职述廉 → 述职, 述廉)."""
    found = []
    for m in re.finditer(r"述([学德职责廉法稳]|党建|作风)", title):
        k = m.group()
        if k not in found:
            found.append(k)
    return found


def extract_meta(doc: Document) -> Meta:
    title_span = doc.outline.title
    title = doc.text[title_span[0]:title_span[1]] if title_span else None
    meta = Meta(title=title)
    if title:
        meta.kinds = find_kinds(title)
        m = _YEAR_RE.search(title)
        if m:
            meta.year = int(m.group(1))
        r = _ROLE_RE.search(title)
        if r:
            meta.role = r.group()
    return meta
