"""OUTDIR/annotated/<name>.docx: the report with Word comments (批注) on the flagged text, written at the XML level.

Two steps, so that what a comment says and how it gets into the file stay apart:

- ``comments_for(result)`` says what to write and where: a list of :class:`Note` (anchor, lines, author,
  initials, date). This is the small function whose content the review round decides.
- ``write_word(doc, notes, out_path)`` puts them into the file: the original .docx (its other parts copied
  byte for byte, ``word/document.xml`` edited with lxml and ``word/comments.xml`` written directly), or a new
  .docx made from the lines of a .txt/.pdf with one text node per paragraph.

python-docx's object layer cost 64 % of a 500-report round (a style lookup per comment paragraph, a text
setter per character); the XML written here is the same (the same marks around the same runs, the same
comment paragraphs), and python-docx, Word and LibreOffice read it back the same way.
"""

from __future__ import annotations

import copy
import io
import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

import docx
from docx.oxml.ns import qn
from docx.shared import Pt
from lxml import etree

# The loader's own walkers, so comments are placed on exactly the characters it read.
from ..loaders import os_reason as _os_reason
from ..loaders.docx import _main_part, _parser, block_paragraphs, iter_runs, run_text

# What the comments say lives in .comments; re-exported here, where the writer's callers have always found it.
from .comments import (  # noqa: F401
    AUTHOR,
    INITIALS,
    SEV_LABEL,
    Anchor,
    Note,
    anchor_of,
    comment_lines,
    comments_for,
    group_lines,
    now_iso,
)

APPROXIMATE_NOTE = "（未能在原文中精确定位此处，批注放在文首。）"

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = "{" + W_NS + "}"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
_RT_COMMENTS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"
_CT_COMMENTS = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"
# Characters XML 1.0 cannot hold (a control character in a .txt would otherwise make the file unreadable).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


@dataclass
class Annotated:
    path: Path
    comments: int = 0
    exact: int = 0  # anchored exactly on the flagged characters
    paragraph: int = 0  # anchored on the whole paragraph (a finding about a place, not a span)
    approximate: int = 0  # the source did not match what was loaded: anchored on the first paragraph
    kinds: list[str] = field(default_factory=list, repr=False)  # per note, in order


# ---- how it gets into the file --------------------------------------------------------------------------


def _clean(text: str) -> str:
    return _NOT_XML.sub("", text)


def _el(tag: str, parent=None, **attrs):
    e = etree.Element(W + tag) if parent is None else etree.SubElement(parent, W + tag)
    for k, v in attrs.items():
        e.set(W + k, v)
    return e


def _runs(p_el) -> list[tuple[object, int, int]]:
    """(w:r element, start, end) of every run of a paragraph, in the loader's order."""
    out = []
    pos = 0
    for r in iter_runs(p_el):
        n = len(run_text(r))
        out.append((r, pos, pos + n))
        pos += n
    return out


def _set_text(t_el, text: str) -> None:
    t_el.text = text
    t_el.set(_XML_SPACE, "preserve")


def _split_run(r, k: int):
    """Split run ``r`` after its k-th character; the right part, a copy of r (same formatting), is returned."""
    right = copy.deepcopy(r)
    pos = 0
    for left_child, right_child in zip(list(r), list(right), strict=False):
        n = len(run_text([left_child]))
        start, end = pos, pos + n
        pos = end
        if left_child.tag == W + "rPr":
            continue
        if start < k < end:  # only a w:t can straddle the cut
            _set_text(left_child, left_child.text[: k - start])
            _set_text(right_child, right_child.text[k - start :])
        elif start >= k:
            r.remove(left_child)
        else:
            right.remove(right_child)
    r.addnext(right)
    return right


def _cut(p_el, cuts: set[int]) -> list[tuple[object, int, int]]:
    """Split the paragraph's runs at every cut; its runs afterwards, with their offsets."""
    runs = _runs(p_el)
    if not any(s < c < e for c in cuts for _, s, e in runs):
        return runs
    out = []
    for r, s, e in runs:
        inside = sorted(c for c in cuts if s < c < e)
        if not inside:
            out.append((r, s, e))
            continue
        a = s
        for c in inside:
            right = _split_run(r, c - a)
            out.append((r, a, c))
            r, a = right, c
        out.append((r, a, e))
    return out


@dataclass
class _Para:
    el: object
    cuts: set[int] = field(default_factory=set)
    runs: list | None = None


def _place(notes: list[Note], paras: dict[int, _Para], trusted: set[int]) -> list[tuple[str, object, object]]:
    """For each note: (kind, first run, last run) — or (kind, None, None) when nothing can carry it."""
    resolved = []
    for n in notes:
        a = n.anchor
        if a.first is not None and a.first in trusted and (a.last if a.last is not None else a.first) in trusted:
            last = a.first if a.last is None else a.last
            resolved.append((a.first, a.start, last, a.end))
            paras[a.first].cuts.add(a.start)
            if a.end is not None:
                paras[last].cuts.add(a.end)
        else:
            resolved.append(None)
    for p in paras.values():
        if p.cuts:
            p.runs = _cut(p.el, p.cuts)

    def runs_of(i):
        p = paras[i]
        if p.runs is None:
            p.runs = _runs(p.el)
        return p.runs

    first_para = None
    out = []
    for res in resolved:
        kind, runs = "exact", []
        if res is not None:
            ia, a, ib, b = res
            if ia == ib and b is not None and b > a:
                runs = [x for x in runs_of(ia) if x[2] > x[1] and x[1] >= a and x[2] <= b]
            elif ib > ia or b is None:
                first = [x for x in runs_of(ia) if x[2] > x[1] and x[1] >= a]
                last = [x for x in runs_of(ib) if x[2] > x[1] and x[2] <= b] if b else []
                runs = first[:1] + last[-1:] if first and last else first or last
            if not runs:
                kind = "paragraph"
                runs = [x for x in runs_of(ia) if x[2] > x[1]]
        if not runs:
            kind = "approximate"
            if first_para is None:
                first_para = next((r for i in sorted(paras) if (r := [x for x in runs_of(i) if x[2] > x[1]])), [])
            runs = first_para
        out.append((kind, runs[0][0], runs[-1][0]) if runs else (kind, None, None))
    return out


def _mark(first_run, last_run, cid: str) -> None:
    """The comment's range around the runs and its reference mark after them, as Word writes them."""
    first_run.addprevious(_el("commentRangeStart", id=cid))
    ref = _el("r")
    _el("rStyle", _el("rPr", ref), val="CommentReference")
    _el("commentReference", ref, id=cid)
    last_run.addnext(ref)
    last_run.addnext(_el("commentRangeEnd", id=cid))


def _comment_xml(cid: int, note: Note, extra: list[str]) -> str:
    attrs = f'w:id="{cid}" w:author={_attr(note.author)} w:initials={_attr(note.initials)}'
    if note.date:
        attrs += f" w:date={_attr(note.date)}"
    lines = [*note.lines, *extra] or [""]
    paras = []
    for i, line in enumerate(lines):
        # A line break inside a line stays a line break (w:br) of its paragraph, as Word writes Shift+Enter.
        text = "<w:br/>".join(f'<w:t xml:space="preserve">{escape(_clean(x))}</w:t>' for x in line.split("\n"))
        run = f"<w:r>{text}</w:r>" if line else ""
        ref = '<w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr><w:annotationRef/></w:r>' if i == 0 else ""
        paras.append(f'<w:p><w:pPr><w:pStyle w:val="CommentText"/></w:pPr>{ref}{run}</w:p>')
    return f"<w:comment {attrs}>{''.join(paras)}</w:comment>"


def _attr(v: str) -> str:
    return quoteattr(_clean(v))


_COMMENTS_HEAD = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    f'<w:comments xmlns:w="{W_NS}" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
)


def _apply(notes, paras, trusted, out: Annotated, first_id: int) -> list[str]:
    """Mark every note in the document tree; the w:comment elements, as XML text, in order."""
    comments = []
    cid = first_id
    for note, (kind, r0, r1) in zip(notes, _place(notes, paras, trusted), strict=False):
        out.kinds.append(kind)
        if r0 is None:  # a document with no text at all: nothing to anchor on
            continue
        _mark(r0, r1, str(cid))
        comments.append(_comment_xml(cid, note, [APPROXIMATE_NOTE] if kind == "approximate" else []))
        cid += 1
        out.comments += 1
        setattr(out, kind, getattr(out, kind) + 1)
    return comments


def _serialize(root) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def write_word(doc, notes: list[Note], out_path: Path) -> Annotated:
    """Write ``out_path``: the report's .docx (or one made from its lines) with ``notes`` as comments."""
    out = Annotated(Path(out_path))
    out.path.parent.mkdir(parents=True, exist_ok=True)
    # A .doc/.wps/.rtf/.odt is annotated on the .docx LibreOffice made of it (the result is a .docx).
    docx_bytes = getattr(doc, "docx_bytes", None)
    if doc.format == "docx" and (docx_bytes or (doc.path and Path(doc.path).suffix.lower() == ".docx")):
        _annotate_original(doc, notes, out)
    else:
        _write_new(doc, notes, out)
    return out


def annotate(result, out_path: Path) -> Annotated:
    """Write ``out_path``: the report's .docx (or one made from its text) with its findings as comments (comments_for)."""
    return write_word(result.document, comments_for(result), out_path)


# ---- an original .docx --------------------------------------------------------------------------------------


def _rels_path(part: str) -> str:
    d, base = posixpath.split(part)
    return posixpath.join(d, "_rels", base + ".rels")


def _annotate_original(doc, notes: list[Note], out: Annotated) -> None:
    docx_bytes = getattr(doc, "docx_bytes", None)
    source = io.BytesIO(docx_bytes) if docx_bytes else doc.path
    with zipfile.ZipFile(source) as zin:
        names = {i.filename: i for i in zin.infolist()}
        main = _main_part(zin, names)
        root = etree.fromstring(zin.read(main), _parser())
        body = root.find(W + "body")
        elements = list(block_paragraphs(body)) if body is not None else []
        # Unit i is paragraph i as the loader read it; check that the text agrees.
        paras, trusted = {}, set()
        for i, u in enumerate(doc.units):
            if u.line - 1 < len(elements):
                p = paras[i] = _Para(elements[u.line - 1])
                if "".join(run_text(r) for r in iter_runs(p.el)) == doc.raw[u.raw_start + u.prefix : u.raw_end]:
                    trusted.add(i)
        rels_name = _rels_path(main)
        rels = etree.fromstring(zin.read(rels_name), _parser()) if rels_name in names else None
        comments_name, rel_new = None, None
        if rels is not None:
            for rel in rels:
                if rel.get("Type") == _RT_COMMENTS and rel.get("TargetMode") != "External":
                    comments_name = posixpath.normpath(posixpath.join(posixpath.dirname(main), rel.get("Target", "")))
        existing = None
        if comments_name is not None and comments_name in names:
            existing = etree.fromstring(zin.read(comments_name), _parser())
        first_id = 0
        if existing is not None:
            ids = [int(x) for x in (c.get(W + "id") for c in existing.iter(W + "comment")) if x and x.isdigit()]
            first_id = max(ids, default=-1) + 1
        comments = _apply(notes, paras, trusted, out, first_id)
        if not comments:  # nothing to add: the original, unchanged
            zin.close()
            out.path.write_bytes(docx_bytes or Path(doc.path).read_bytes())
            return
        if existing is not None:
            tail = etree.tostring(existing, encoding="unicode")
            head, _, _ = tail.rpartition("</w:comments>")
            if not head:  # an empty <w:comments/>
                head = tail[: -len("/>")] + ">"
            comments_xml = (head + "".join(comments) + "</w:comments>").encode("utf-8")
            comments_xml = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + comments_xml
        else:
            comments_xml = (_COMMENTS_HEAD + "".join(comments) + "</w:comments>").encode("utf-8")
        replaced = {main: _serialize(root)}
        if comments_name is None:
            comments_name = posixpath.join(posixpath.dirname(main), "comments.xml")
            if rels is None:
                rels = etree.Element(f"{{{_REL_NS}}}Relationships", nsmap={None: _REL_NS})
            used = {rel.get("Id") for rel in rels}
            n = len(used) + 1
            while f"rId{n}" in used:
                n += 1
            rel_new = etree.SubElement(rels, f"{{{_REL_NS}}}Relationship")
            rel_new.set("Id", f"rId{n}")
            rel_new.set("Type", _RT_COMMENTS)
            rel_new.set("Target", posixpath.relpath(comments_name, posixpath.dirname(main)))
            replaced[rels_name] = _serialize(rels)
        replaced[comments_name] = comments_xml
        ct = etree.fromstring(zin.read("[Content_Types].xml"), _parser())
        part = "/" + comments_name
        if not any(o.get("PartName") == part for o in ct.iter(f"{{{_CT_NS}}}Override")):
            o = etree.SubElement(ct, f"{{{_CT_NS}}}Override")
            o.set("PartName", part)
            o.set("ContentType", _CT_COMMENTS)
            replaced["[Content_Types].xml"] = _serialize(ct)
        with zipfile.ZipFile(out.path, "w", zipfile.ZIP_DEFLATED) as zout:
            for info in zin.infolist():
                data = replaced.pop(info.filename, None)
                if data is None:
                    data = zin.read(info)
                zout.writestr(info, data, compress_type=info.compress_type, compresslevel=_LEVEL)
            for name, data in replaced.items():  # parts that are new (comments, perhaps its rels)
                zout.writestr(name, data, compress_type=zipfile.ZIP_DEFLATED, compresslevel=_LEVEL)


# Deflate level: 1 makes the Word files about 10 % larger than level 6 and takes a third of the time.
_LEVEL = 1


# ---- a new .docx from the lines of a .txt or .pdf -----------------------------------------------------------


@lru_cache(maxsize=1)
def _template() -> dict[str, bytes]:
    """python-docx's blank document with the Normal style in 宋体 12 pt: every part but the body, built once."""
    d = docx.Document()
    normal = d.styles["Normal"]
    normal.font.size = Pt(12)
    normal.font.name = "宋体"
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "宋体")
    buf = io.BytesIO()
    d.save(buf)
    with zipfile.ZipFile(buf) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    # The comments part and its relationship, added up front: unused, it is an empty list of comments.
    ct = etree.fromstring(parts["[Content_Types].xml"])
    o = etree.SubElement(ct, f"{{{_CT_NS}}}Override")
    o.set("PartName", "/word/comments.xml")
    o.set("ContentType", _CT_COMMENTS)
    parts["[Content_Types].xml"] = _serialize(ct)
    rels = etree.fromstring(parts["word/_rels/document.xml.rels"])
    used = {rel.get("Id") for rel in rels}
    rel = etree.SubElement(rels, f"{{{_REL_NS}}}Relationship")
    rel.set("Id", next(f"rId{n}" for n in range(len(used) + 1, 10**6) if f"rId{n}" not in used))
    rel.set("Type", _RT_COMMENTS)
    rel.set("Target", "comments.xml")
    parts["word/_rels/document.xml.rels"] = _serialize(rels)
    return parts


@lru_cache(maxsize=1)
def _template_body():
    """The blank document.xml with an empty body (only its w:sectPr), and that w:sectPr."""
    root = etree.fromstring(_template()["word/document.xml"])
    body = root.find(W + "body")
    sect = body.find(W + "sectPr")
    for child in list(body):
        if child is not sect:
            body.remove(child)
    return root, sect


def _core_xml(title: str, description: str) -> bytes:
    now = now_iso()
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{escape(_clean(title))}</dc:title><dc:creator>shuzhi</dc:creator>"
        f"<dc:description>{escape(_clean(description))}</dc:description>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{now}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{now}</dcterms:modified>'
        "</cp:coreProperties>"
    ).encode()


def _write_new(doc, notes: list[Note], out: Annotated) -> None:
    template = _template()
    root = copy.deepcopy(_template_body()[0])
    body = root.find(W + "body")
    sect = body.find(W + "sectPr")
    paras: dict[int, _Para] = {}
    page = None
    prev = None
    raw = doc.raw
    for i, u in enumerate(doc.units):
        if u.page is not None and u.page != page and page is not None:  # PDF, OFD, scans: page breaks kept
            host = prev if prev is not None else _new_paragraph(sect)
            _el("br", _el("r", host), type="page")
        page = u.page
        p = _new_paragraph(sect)
        text = _clean(raw[u.raw_start : u.raw_end])
        if text:
            t = _el("t", _el("r", p))
            t.text = text
            if text[0] in " \t" or text[-1] in " \t":
                t.set(_XML_SPACE, "preserve")
        paras[i] = _Para(p)
        prev = p
    # A line that lost a control character no longer matches the loaded text: it is not trusted.
    trusted = {i for i, u in enumerate(doc.units) if not _NOT_XML.search(raw, u.raw_start, u.raw_end)}
    comments = _apply(notes, paras, trusted, out, 0)
    # Word's core properties hold at most 255 characters: a long file name is cut.
    name = Path(doc.source).name
    name = name if len(name) <= 200 else name[:199] + "…"
    replaced = {
        "word/document.xml": _serialize(root),
        "word/comments.xml": (_COMMENTS_HEAD + "".join(comments) + "</w:comments>").encode("utf-8"),
        "docProps/core.xml": _core_xml(
            (doc.meta.title or Path(doc.source).stem)[:200], f"由 shuzhi 根据 {name} 生成，批注为审查意见。"
        ),
    }
    with zipfile.ZipFile(out.path, "w", zipfile.ZIP_DEFLATED, compresslevel=_LEVEL) as zout:
        for part, data in template.items():
            zout.writestr(part, replaced.pop(part, data))
        for part, data in replaced.items():
            zout.writestr(part, data)


def _new_paragraph(sect):
    p = etree.Element(W + "p")
    sect.addprevious(p)
    return p


# ---- the round ---------------------------------------------------------------------------------------------


def annotated_paths(sources: list[str], outdir: Path, persons: list[str | None] | None = None) -> list[Path]:
    """OUTDIR/annotated/<name>.docx for each source: its file name (cut to fit), made unique within the round;
    led by its author's name where known (``persons``), so that the file to send back to 李明远 is found by name."""
    used: set[str] = set()
    out = []
    for k, source in enumerate(sources):
        person = persons[k] if persons is not None else None
        stem = Path(source).stem
        if person and not stem.startswith(person):
            stem = f"{_UNSAFE_NAME.sub('', person)}-{stem}"
        stem = _short(stem)
        name, n = stem, 2
        while name.lower() in used:
            name, n = f"{stem}-{n}", n + 1
        used.add(name.lower())
        out.append(Path(outdir) / "annotated" / f"{name}.docx")
    return out


# Characters a person's name must not bring into a file name.
_UNSAFE_NAME = re.compile(r'[\\/:*?"<>|\x00-\x1f]')
# File systems allow 255 bytes per name; keep room for "-NN" and ".docx".
MAX_STEM_BYTES = 200


def _short(stem: str) -> str:
    """``stem`` cut (at a character boundary) to MAX_STEM_BYTES bytes of UTF-8, so that its Word file can be written."""
    data = stem.encode("utf-8")
    if len(data) <= MAX_STEM_BYTES:
        return stem
    return data[:MAX_STEM_BYTES].decode("utf-8", errors="ignore").rstrip() or "report"


def annotate_safely(result, out_path: Path) -> Annotated | dict:
    """annotate(), with a failure returned as an error dict: one report's Word file never stops the round."""
    try:
        return annotate(result, out_path)
    except OSError as e:
        return {
            "source": result.source,
            "code": "E004",
            "message": f"无法写入带批注的 Word 文件 {out_path.name}：{_os_reason(e)}",
        }
    except Exception:
        return {
            "source": result.source,
            "code": "E004",
            "message": f"生成带批注的 Word 文件 {out_path.name} 时程序内部出错；其余输出不受影响。",
        }
