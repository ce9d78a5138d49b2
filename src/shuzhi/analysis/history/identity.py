"""Who wrote a report: from the index, a round manifest, or the report itself (title, signature, opening).

One small API, ``identify(doc, ...) -> Identity``, so that the round manifest of the review work (#16)
and the history checks share it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field

from ..document import AnalysedDocument as Document

_NAME = r"[\u4e00-\u9fff]{1,2}[\u4e00-\u9fff·]{1,3}"
# "报告人：李明远" / "述职人：李明远" / "汇报人:李明远"
_SIGNED_RE = re.compile(rf"^(?:报告人|述职人|汇报人|述职述廉人|报告者)\s*[：:]\s*(?P<name>{_NAME})\s*$")
# "县长  李明远" on the signature line: a post followed by a name.
_POST_NAME_RE = re.compile(
    rf"^(?P<post>[\u4e00-\u9fff、]{{2,20}}?(?:长|书记|主任|主席|经理|委员|常委))\s+(?P<name>{_NAME})$"
)
# A line that is only a name, right before the date: "李明远\n2023年12月28日".
_BARE_NAME_RE = re.compile(rf"^(?P<name>{_NAME})$")
_DATE_RE = re.compile(r"^(?:19|20)\d\d\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?$")
# "李明远同志2023年度述职述廉报告", "述职报告（李明远）"
_TITLE_NAME_RE = re.compile(rf"^(?P<name>{_NAME})同志|[（(](?P<paren>{_NAME})[)）]\s*$")
# "我叫李明远，" / "本人李明远，现任…"
_OPENING_NAME_RE = re.compile(rf"(?:我叫|我是|本人)(?P<name>{_NAME})[，,](?:现任|男|女|\d|担任|自)")
# Words that look like a two-to-four character name but are not one.
_NOT_NAMES = {"特此报告", "请予评议", "以上报告", "谢谢大家", "报告完毕", "述职报告", "此致敬礼"}
# A name never starts with the report's kind: "县长述职述廉述德报告" has a post and no name.
_NOT_NAME_START = ("述", "年度", "关于", "工作", "个人", "同志")


@dataclass
class Evidence:
    """Where one fact about the author came from."""

    field: str  # "name" | "unit" | "post" | "year"
    value: str
    source: str  # "options" | "manifest" | "index" | "signature" | "title" | "opening" | "body" | "alias"
    text: str = ""  # the line it was read from

    def describe(self) -> str:
        where = {
            "options": "命令行选项",
            "index": "索引登记",
            "manifest": "名册",
            "signature": "落款",
            "title": "标题",
            "opening": "开头",
            "body": "正文中的日期",
            "alias": "别名配置",
        }.get(self.source, "报告正文")
        what = {"name": "姓名", "unit": "单位", "post": "职务", "year": "年度"}[self.field]
        if self.source == "body" and self.text:  # the dates themselves say where: 正文中的日期“2023年3月”…
            return f"{what}“{self.value}”来自{self.text}"
        return f"{what}“{self.value}”来自{where}" + (f"（“{self.text}”）" if self.text else "")


@dataclass
class Identity:
    """The author of a report as far as it can be told, and why."""

    name: str | None = None
    unit: str | None = None
    post: str | None = None
    year: int | None = None
    person: str | None = None  # the name after aliases: who the history is about
    evidence: list[Evidence] = field(default_factory=list)

    def to_dict(self) -> dict:
        """As stored in results.json: the fields, where the name came from, a label, each evidence described."""
        d = asdict(self)
        d["label"] = self.label
        d["source"] = next((e.source for e in self.evidence if e.field == "name"), None)
        for e, ed in zip(self.evidence, d["evidence"], strict=True):
            ed["described"] = e.describe()
        return d

    @property
    def label(self) -> str | None:
        """姓名·职务·单位 as far as known; None without a name (a post alone names nobody: the file name does)."""
        if not self.name:
            return None
        return "·".join(p for p in (self.name, self.post, self.unit) if p)

    def describe(self) -> str:
        return "；".join(e.describe() for e in self.evidence) or "无法判断作者"


def canonical(name: str | None, aliases: Mapping[str, Sequence[str]] | None = None) -> str | None:
    """The person a name (or another alias such as an earlier post) stands for."""
    if not name:
        return None
    name = name.strip()
    for person, names in (aliases or {}).items():
        if name == person or name in names:
            return person
    return name


def from_report(doc: Document) -> list[Evidence]:
    """What the report itself says about its author: signature line, title, opening, post in title/opening."""
    out: list[Evidence] = []
    text = doc.text
    paras = [text[a:b].strip() for a, b in doc.paragraphs]
    tail = paras[-6:]
    for i, line in enumerate(tail):
        m = _SIGNED_RE.match(line) or _POST_NAME_RE.match(line)
        if m is None and i + 1 < len(tail) and _DATE_RE.match(tail[i + 1]):
            m = _BARE_NAME_RE.match(line)
        if m and m.group("name") not in _NOT_NAMES:
            out.append(Evidence("name", m.group("name"), "signature", line))
            if "post" in m.groupdict() and m.group("post"):
                out.append(Evidence("post", m.group("post"), "signature", line))
            break
    meta = doc.meta
    if meta.title:
        m = _TITLE_NAME_RE.search(meta.title)
        name = (m.group("name") or m.group("paren")) if m else None
        if name is None and meta.role:
            # "县委常委、常务副县长张某述职述廉报告": the name right after the post, before the year or 述.
            after = re.match(rf"({_NAME}?)(?:同志)?(?:(?:19|20)\d\d|述|年度|关于)", meta.title.split(meta.role, 1)[-1])
            name = after.group(1) if after and after.group(1) else None
        if name and name not in _NOT_NAMES and not name.startswith(_NOT_NAME_START):
            out.append(Evidence("name", name, "title", meta.title))
    if doc.outline.opening:
        a, b = doc.outline.opening
        m = _OPENING_NAME_RE.search(text[a : min(b, a + 200)])
        if m:
            out.append(Evidence("name", m.group("name"), "opening", m.group(0)))
    if meta.role:
        out.append(Evidence("post", meta.role, meta.role_source or "title", meta.title or ""))
    if meta.year:
        # A year from the body's dates quotes those dates, not the title that did not give it.
        line = meta.year_evidence if meta.year_source == "body" else meta.title
        out.append(Evidence("year", str(meta.year), meta.year_source or "title", line or ""))
    return out


def identify(
    doc: Document | None = None,
    *,
    index_meta=None,
    manifest_row: Mapping[str, str] | None = None,
    options: Mapping[str, str] | None = None,
    aliases: Mapping[str, Sequence[str]] | None = None,
) -> Identity:
    """Who wrote ``doc``: the command line's options first, then the round manifest, then the index's record,
    then the report itself (as `index add` takes them: what a person says now before what was recorded earlier).

    ``options`` and ``manifest_row`` are rows of the round manifest's shape (姓名, 单位, 职务, 年度);
    ``index_meta`` is a similarity.index.DocMeta (person, unit, year); ``aliases`` maps a person to other
    names or posts they appear under.
    """
    ev: list[Evidence] = []
    for row, where in ((options, "options"), (manifest_row, "manifest")):
        for f, col in (("name", "姓名"), ("unit", "单位"), ("post", "职务"), ("year", "年度")):
            v = str((row or {}).get(col) or "").strip()
            if v:
                ev.append(Evidence(f, v, where))
    if index_meta is not None:
        for f, v in (("name", index_meta.person), ("unit", index_meta.unit), ("year", index_meta.year)):
            if v:
                ev.append(Evidence(f, str(v), "index"))
    if doc is not None:
        ev.extend(from_report(doc))
    ident = Identity()
    kept: list[Evidence] = []
    for e in ev:  # the first source of each field wins; later ones that agree are kept as support
        cur = getattr(ident, e.field)
        if cur is None:
            setattr(ident, e.field, int(e.value) if e.field == "year" and e.value.isdigit() else e.value)
            kept.append(e)
        elif str(cur) == e.value:
            kept.append(e)
    ident.evidence = kept
    key = ident.name or (f"{ident.unit or ''}{ident.post or ''}" or None)
    ident.person = canonical(key, aliases)
    if ident.person and key and ident.person != key:
        ident.evidence.append(Evidence("name", ident.person, "alias", key))
    return ident
