"""What the Word comments of a report say and where they go: one note per paragraph and rule, every finding named.

``comments_for(result)`` gives the :class:`Note` list that shuzhi.writers.annotate writes into the file.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .evidence import evidence_lines
from .marks import heuristic_note

AUTHOR = "shuzhi"
INITIALS = "SZ"
SEV_LABEL = {"error": "错误", "warning": "警告", "info": "提示"}


@dataclass(frozen=True)
class Anchor:
    """Where a comment sits, in the loaded document's units (a .docx paragraph, a .txt or .pdf line).

    ``first``/``last`` are unit indexes; ``start``/``end`` are character offsets in the unit's run text
    (the rendered list numbering, ``Unit.prefix``, is not in any run); ``end`` None runs to the end of the
    paragraph. ``first`` None: the finding has no place in the text; the comment goes on the first paragraph.
    """

    first: int | None
    start: int = 0
    last: int | None = None
    end: int | None = None


@dataclass(frozen=True)
class Note:
    """One Word comment: its anchor, its paragraphs of text, who wrote it and when (ISO 8601, UTC)."""

    anchor: Anchor
    lines: tuple[str, ...]
    author: str = AUTHOR
    initials: str = INITIALS
    date: str | None = None
    findings: tuple[str, ...] = ()  # the ids of the findings it speaks for (several when grouped)


# ---- what to write ----------------------------------------------------------------------------------------


def comment_lines(f) -> list[str]:
    """What a comment says: the rule, the message, then the evidence, in Chinese."""
    head = f"【{f.code} {f.title_label}｜{SEV_LABEL.get(f.severity, f.severity)}】{f.message}"
    return [head] + [f"{label}：{text}" for label, text in evidence_lines(f.data)]


def anchor_of(doc, f) -> Anchor:
    """The anchor of a finding: its first and last character, as the units of ``doc`` hold them."""
    key = _unit_keys(doc)
    ia = key.get((f.page, f.line))
    ib = key.get((f.end_page if f.page is not None else None, f.end_line))
    if ia is None or ib is None:
        return Anchor(None)
    ua, ub = doc.units[ia], doc.units[ib]
    return Anchor(ia, max(0, f.column - 1 - ua.prefix), ib, max(0, f.end_column - 1 - ub.prefix))


def _unit_keys(doc) -> dict:
    keys = doc.__dict__.get("_word_unit_keys")
    if keys is None:
        keys = {(u.page, u.line): i for i, u in enumerate(doc.units)}
        doc.__dict__["_word_unit_keys"] = keys
    return keys


def now_iso() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _flagged(doc, f) -> str:
    """What a grouped comment names a finding by: its placeholder, else the flagged words (shortened)."""
    token = (f.data or {}).get("placeholder")
    if isinstance(token, str) and token:
        return token
    text = doc.text[f.start : f.end] if doc is not None and f.end > f.start else ""
    text = " ".join(text.split()) or f.excerpt.strip()
    return text if len(text) <= 12 else text[:12] + "…"


def _names(doc, fs: list) -> str:
    """“XX”、“X”、“**” — each flagged text once, in order, with how often when it repeats: XX（12处）、X."""
    counts: dict[str, int] = {}
    for f in fs:
        t = _flagged(doc, f)
        counts[t] = counts.get(t, 0) + 1
    # The report's own words, quoted as everywhere a reader meets them (the flagged text is not translated).
    return "、".join(f"“{t}”" if n == 1 else f"“{t}”（{n}处）" for t, n in counts.items())


_STOP = "\n。；！？，、,;：:"


def _context(doc, f, before: int = 10, after: int = 6) -> str:
    """The flagged text with a few characters on each side, within its clause: 地区生产总值XX亿元."""
    if doc is None:
        return f.excerpt.strip()
    t = doc.text
    a = f.start
    while a > 0 and f.start - a < before and t[a - 1] not in _STOP:
        a -= 1
    b = f.end
    while b < len(t) and b - f.end < after and t[b] not in _STOP:
        b += 1
    flagged = t[f.start : f.end]
    if flagged and (t[a:b].count(flagged) > 1):  # 协调银行为X户非公企业提供了近【X】亿元: which X
        return _requote(" ".join(f"{t[a : f.start]}【{flagged}】{t[f.end : b]}".split()))
    return _requote(" ".join(t[a:b].split()))


def _requote(text: str) -> str:
    """The report's own quotation marks inside a quoted context become single ones, so the quote closes where it
    should: “实力XX‘做出了”."""
    return text.replace("“", "‘").replace("”", "’")


def _passage(f) -> str:
    """A copied passage folded into its report's C302 comment: 第3行（179 字，相似度 100%）."""
    d = f.data or {}
    where = f"第{f.line}行" if f.page is None else f"第{f.page}页第{f.line}行"
    chars, identity = d.get("chars"), d.get("identity")
    said = "，".join(
        x
        for x in (f"{chars} 字" if chars else "", f"相似度 {identity:.0%}" if isinstance(identity, float) else "")
        if x
    )
    return f"{where}（{said}）" if said else where


def group_lines(doc, fs: list) -> list[str]:
    """One comment for several findings of one rule in one paragraph: 本段有3处未填写的占位符：“XX”、“X”、“**”, then
    each finding where it stands (“地区生产总值XX亿元”) with its message, so none of them is lost."""
    f0 = fs[0]
    title = f0.title_label
    head = (
        f"【{f0.code} {title}｜{SEV_LABEL.get(f0.severity, f0.severity)}】本段有{len(fs)}处{title}：{_names(doc, fs)}"
    )
    lines = [head]
    for i, f in enumerate(fs, 1):
        msg = f.message
        # 未填写的占位符“XX”：此处缺少数字 → 此处缺少数字: the head already says what kind and the context which.
        prefix = f"{title}“{_flagged(doc, f)}”："
        if msg.startswith(prefix) and len(msg) > len(prefix):
            msg = msg[len(prefix) :]
        lines.append(f"{i}. “{_context(doc, f)}”：{msg}")
        if f0.code[0] != "P":  # a placeholder's evidence (token, kind, unit) is all in the line above
            lines += [f"　　{label}：{text}" for label, text in evidence_lines(f.data) if text not in f.message]
    return lines


def _group_anchor(anchors: list[Anchor]) -> Anchor:
    a0 = anchors[0]
    ends = [a.end for a in anchors]
    return Anchor(a0.first, min(a.start for a in anchors), a0.first, None if None in ends else max(ends))


def comments_for(result, *, date: str | None = None) -> list[Note]:
    """The notes of a result, in the order of the findings.

    Findings of one rule that fall in one paragraph share one note (“本段有3处未填写的占位符：“XX”、“X”、“**””) that
    names each of them; a finding spread over several paragraphs, or not placed in the text, has a note of its
    own. A heuristic rule's first note in the file says so, with the rule's measured precision, once.
    """
    date = date or now_iso()
    doc = result.document
    # A report found to be a copy of another as a whole (C302) says so once: its passages copied from that same
    # report (C301) are listed in that comment rather than one comment per paragraph.
    whole = {(f.data or {}).get("source"): f for f in result.findings if f.code == "C302"}
    folded: dict[str, list] = {}
    groups: dict[tuple, list] = {}
    for k, f in enumerate(result.findings):
        src = (f.data or {}).get("source")
        if f.code == "C301" and src in whole:
            folded.setdefault(whole[src].id, []).append(f)
            continue
        a = anchor_of(doc, f)
        one_paragraph = a.first is not None and a.last == a.first
        key = (a.first, f.code) if one_paragraph else ("alone", k)
        groups.setdefault(key, []).append((f, a))
    notes, marked = [], set()
    for members in groups.values():
        fs = [f for f, _ in members]
        f0 = fs[0]
        if len(fs) == 1:
            lines, anchor = comment_lines(f0), members[0][1]
        else:
            lines, anchor = group_lines(doc, fs), _group_anchor([a for _, a in members])
        if f0.id in folded:
            passages = folded[f0.id]
            lines.append(f"其中与该报告相同的段落（{len(passages)} 处）：" + "；".join(_passage(p) for p in passages))
            fs = fs + passages
        hint = heuristic_note(f0.code) if f0.code not in marked else ""
        if hint:
            marked.add(f0.code)
            lines.append(f"说明：本类问题为{hint}（同一文件中只在第一处说明）。")
        notes.append(Note(anchor, tuple(lines), date=date, findings=tuple(f.id for f in fs)))
    return notes
