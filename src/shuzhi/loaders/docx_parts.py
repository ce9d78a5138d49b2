"""What a .docx holds beyond its body paragraphs: text boxes, footnotes, endnotes, headers with report text, revisions."""

from __future__ import annotations

import posixpath
import re

from .numbering import W

MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
TXBX = W + "txbxContent"

# A header or footer is a running head (left out, as in a PDF) unless it carries text a reader
# would call part of the report: this many characters of content, or a full sentence.
HEADER_MIN_CHARS = 60
_SENTENCE = re.compile(r"[^。！？；]{15,}[。！？；]")


def text_boxes(p):
    """The w:txbxContent elements anchored in paragraph ``p``, each once, in document order.

    A text box is written twice when Word keeps a fallback for old readers: a DrawingML
    shape in mc:Choice and the same text as a VML shape in mc:Fallback. Only the Choice is
    read (the Fallback when there is no Choice). Boxes nested in another box of this
    paragraph are read with that box, not here.
    """
    out = []
    for box in p.iter(TXBX):
        el = box.getparent()
        own = True
        while el is not None and el is not p:
            if el.tag == TXBX:
                own = False  # nested: its outer box yields it
                break
            parent = el.getparent()
            if el.tag == MC + "Fallback" and parent is not None and parent.find(MC + "Choice") is not None:
                own = False
                break
            el = el.getparent()
        if own:
            out.append(box)
    return out


def relationship_targets(rels_root, base: str) -> dict[str, list[str]]:
    """Relationship type (footnotes, endnotes, header, footer, comments) -> part names, in rels order."""
    out: dict[str, list[str]] = {}
    if rels_root is None:
        return out
    for rel in rels_root.iterfind(_REL + "Relationship"):
        t = rel.get("Type", "")
        if not t.startswith(_RT) or rel.get("TargetMode") == "External":
            continue
        target = rel.get("Target", "")
        name = posixpath.normpath(target.lstrip("/") if target.startswith("/") else posixpath.join(base, target))
        out.setdefault(t[len(_RT) :], []).append(name)
    return out


def note_paragraphs(root, tag: str) -> list[tuple[str, list]]:
    """(note id, paragraphs) of each real footnote/endnote; separators and continuation notices left out."""
    if root is None:
        return []
    out = []
    for note in root.iterfind(W + tag):
        if note.get(W + "type") in ("separator", "continuationSeparator", "continuationNotice"):
            continue
        out.append((note.get(W + "id", ""), list(note.iter(W + "p"))))
    return out


def header_carries_text(text: str) -> bool:
    """Whether a header/footer's text is report text rather than a running head (title, unit, page number)."""
    content = re.sub(r"\s+", "", text)
    return len(content) >= HEADER_MIN_CHARS or bool(_SENTENCE.search(content))


def revisions(body) -> tuple[int, int]:
    """(insertions, deletions) tracked in the body: w:ins/w:moveTo are read, w:del/w:moveFrom are not."""
    ins = sum(1 for _ in body.iter(W + "ins")) + sum(1 for _ in body.iter(W + "moveTo"))
    dels = sum(1 for _ in body.iter(W + "del")) + sum(1 for _ in body.iter(W + "moveFrom"))
    return ins, dels


def comment_count(root) -> int:
    return 0 if root is None else sum(1 for _ in root.iterfind(W + "comment"))


def origin_notes(*, boxes: int, footnotes: int, endnotes: int, headers: int, ins: int, dels: int, comments: int):
    """Document.origin for a .docx: what was read beyond the body, said in Chinese; {} when nothing was."""
    parts: dict[str, int] = {}
    notes: list[str] = []
    if boxes:
        parts["text_boxes"] = boxes
        notes.append(f"文本框中的文字（{boxes} 个文本框）已按位置并入正文检查，段落序号把文本框中的段落也算在内。")
    extra = [
        (footnotes, "脚注", "footnotes"),
        (endnotes, "尾注", "endnotes"),
        (headers, "含正文内容的页眉页脚", "headers"),
    ]
    named = []
    for n, label, key in extra:
        if n:
            parts[key] = n
            named.append(f"{label} {n} 条" if key != "headers" else f"{label} {n} 处")
    if named:
        notes.append("、".join(named) + "已接在正文之后检查，段落序号接着正文往下数。")
    if ins or dels:
        parts["revisions_inserted"] = ins
        parts["revisions_deleted"] = dels
        notes.append(f"文档含未处理的修订（插入 {ins} 处、删除 {dels} 处），按接受全部修订后的文字检查。")
    if comments:
        parts["comments_ignored"] = comments
        notes.append(f"文档中原有的 {comments} 条批注不属于报告正文，未检查。")
    if not notes:
        return {}
    return {"format": "docx", "parts": parts, "notes": notes}
