"""Word .docx reports: body paragraphs and table cells in order, list numbering rendered, run positions kept."""

from __future__ import annotations

import lzma
import posixpath
import zipfile
import zlib
from pathlib import Path

from ..analysis.document import build_document
from ..model.document import Document, Unit
from ..model.errors import LoadError
from . import docx_parts
from .numbering import MAX_LEVEL, Counter, W, parse_int, parse_numbering

# Zip-bomb limits, checked on the zip directory before anything is inflated.
MAX_MEMBERS = 5000
MAX_TOTAL_UNCOMPRESSED = 200 * 1024 * 1024
# A member this large that compresses better than MAX_RATIO:1 is a bomb: Word XML
# compresses 5–20:1, images not at all.
RATIO_CHECK_MIN = 10 * 1024 * 1024
MAX_RATIO = 100
# List labels are rendered, not stored: their total is bounded by the file's own size (a 600-byte
# file must not expand to millions of label characters). Real reports use a few hundred.
LABEL_CHARS_MIN = 20_000
LABEL_CHARS_PER_BYTE = 4

_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_OFFICE_DOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"

_BROKEN = "文件已损坏或不是有效的 .docx 文档。请用 Word/WPS 打开并另存为 .docx 后再检查。"
# Containers whose runs are part of the paragraph's visible text (public: annotate walks runs the same way).
TRANSPARENT = {
    W + t
    for t in ("hyperlink", "ins", "smartTag", "sdt", "sdtContent", "fldSimple", "customXml", "moveTo", "bdo", "dir")
}


def _parser():
    from lxml import etree

    # No entities, no network, no huge trees: the XML comes from an untrusted file.
    return etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False)


def _xml(data: bytes | None):
    if data is None:
        return None
    from lxml import etree

    try:
        return etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as e:
        raise LoadError(_BROKEN, code="E103") from e


def check_zip(zf: zipfile.ZipFile) -> dict[str, zipfile.ZipInfo]:
    """Refuse zip bombs from the directory alone (sizes, ratios, member count): E104."""
    infos = zf.infolist()
    if len(infos) > MAX_MEMBERS:
        raise LoadError(
            f"文件包含 {len(infos)} 个压缩成员，远超正常 Word 文档，疑似压缩炸弹，已拒绝读取。请确认文件来源。",
            code="E104",
        )
    total = 0
    for info in infos:
        total += info.file_size
        if info.file_size > RATIO_CHECK_MIN and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise LoadError(
                f"文件中的 {info.filename} 解压后 {info.file_size / 1048576:.0f} MB，压缩比超过 {MAX_RATIO}:1，"
                "疑似压缩炸弹，已拒绝读取。请确认文件来源。",
                code="E104",
            )
    if total > MAX_TOTAL_UNCOMPRESSED:
        raise LoadError(
            f"文件解压后共 {total / 1048576:.0f} MB，超过 {MAX_TOTAL_UNCOMPRESSED // 1048576} MB 上限，"
            "疑似压缩炸弹，已拒绝读取。请确认文件来源。",
            code="E104",
        )
    return {i.filename: i for i in infos}


# What inflating a member can raise (bz2 reports a broken stream as OSError), by cause: the stream itself is broken, or the zip uses
# something Word never writes (another compression method, a newer zip version, encryption).
_CORRUPT = (zipfile.BadZipFile, zlib.error, lzma.LZMAError, EOFError, OSError, ValueError)
_UNSUPPORTED = (NotImplementedError, RuntimeError)


def zip_error(e: BaseException) -> LoadError:
    """The coded, Chinese error for an exception zipfile raised while opening or inflating a .docx."""
    if isinstance(e, NotImplementedError):
        why = "（文件使用了 Word 不会使用的压缩方式或压缩格式版本）"
    elif isinstance(e, RuntimeError):
        why = "（文件中的内容已加密）"
    else:
        why = "（压缩数据已损坏，可能是下载或拷贝不完整）"
    return LoadError(
        f"文件已损坏或不是有效的 .docx 文档{why}。请用 Word/WPS 打开并另存为 .docx 后再检查。", code="E103"
    )


def _read(zf: zipfile.ZipFile, members: dict[str, zipfile.ZipInfo], name: str) -> bytes | None:
    info = members.get(name)
    if info is None:
        return None
    try:
        with zf.open(info) as f:
            # Never trust the declared size alone: read at most one byte past it.
            data = f.read(info.file_size + 1)
    except (*_CORRUPT, *_UNSUPPORTED) as e:
        raise zip_error(e) from e
    if len(data) > info.file_size:
        raise LoadError("文件中的压缩成员大小与声明不符，疑似压缩炸弹，已拒绝读取。", code="E104")
    return data


def _main_part(zf, members) -> str:
    rels = _xml(_read(zf, members, "_rels/.rels"))
    if rels is not None:
        for rel in rels.iterfind(_PKG_REL + "Relationship"):
            if rel.get("Type") == _OFFICE_DOC and rel.get("TargetMode") != "External":
                return posixpath.normpath(rel.get("Target", "").lstrip("/"))
    return "word/document.xml"


def _styles(root) -> dict[str, tuple[str | None, str | None, str | None]]:
    """styleId -> (basedOn, numId, ilvl) for paragraph and numbering styles."""
    out = {}
    if root is None:
        return out
    for st in root.iterfind(W + "style"):
        sid = st.get(W + "styleId")
        based = st.find(W + "basedOn")
        num_id = ilvl = None
        numpr = st.find(f"{W}pPr/{W}numPr")
        if numpr is not None:
            n = numpr.find(W + "numId")
            i = numpr.find(W + "ilvl")
            num_id = None if n is None else n.get(W + "val")
            ilvl = None if i is None else i.get(W + "val")
        out[sid] = (None if based is None else based.get(W + "val"), num_id, ilvl)
    return out


def _style_numbering(styles, sid: str | None) -> tuple[str | None, str | None]:
    num_id = ilvl = None
    for _ in range(20):  # basedOn chains are short; a cycle must not hang us
        if sid is None or sid not in styles:
            break
        based, n, i = styles[sid]
        num_id = num_id if num_id is not None else n
        ilvl = ilvl if ilvl is not None else i
        if num_id is not None and ilvl is not None:
            break
        sid = based
    return num_id, ilvl


def _paragraph_numbering(p, styles) -> tuple[str | None, int]:
    ppr = p.find(W + "pPr")
    num_id = ilvl = None
    style = None
    if ppr is not None:
        ps = ppr.find(W + "pStyle")
        style = None if ps is None else ps.get(W + "val")
        numpr = ppr.find(W + "numPr")
        if numpr is not None:
            n = numpr.find(W + "numId")
            i = numpr.find(W + "ilvl")
            num_id = None if n is None else n.get(W + "val")
            ilvl = None if i is None else i.get(W + "val")
    if num_id is None or ilvl is None:
        s_num, s_ilvl = _style_numbering(styles, style)
        num_id = num_id if num_id is not None else s_num
        ilvl = ilvl if ilvl is not None else s_ilvl
    if num_id is None or num_id == "0":  # numId 0 switches numbering off
        return None, 0
    level = parse_int(ilvl, 0, MAX_LEVEL)
    return num_id, 0 if level is None else level


def run_text(r) -> str:
    """The visible text of a w:r element (or of any list of run children), as the loader reads it."""
    parts = []
    for c in r:
        tag = c.tag
        if tag == W + "t":
            parts.append(element_text(c))
        elif tag == W + "tab" or tag == W + "ptab":
            parts.append("\t")
        elif tag in (W + "br", W + "cr"):
            parts.append(" ")  # a manual line break inside a paragraph
        elif tag == W + "noBreakHyphen":
            parts.append("-")
        elif tag == W + "sym":
            code = c.get(W + "char", "")
            try:
                ch = chr(int(code, 16))
            except ValueError:
                continue
            if not 0xE000 <= ord(ch) <= 0xF8FF:  # symbol-font glyphs are not text
                parts.append(ch)
    return "".join(parts)


def element_text(t) -> str:
    """The text of a w:t, including what follows an unresolved entity reference.

    Entities are not resolved (an untrusted file); lxml then keeps ``&name;`` as a child node and
    the text after it as that node's tail, which ``t.text`` alone would drop.
    """
    if len(t) == 0:
        return t.text or ""
    return (t.text or "") + "".join(child.tail or "" for child in t)


def iter_runs(el):
    """The w:r elements of a paragraph in reading order, inside hyperlinks, insertions, content controls."""
    for c in el:
        tag = c.tag
        if tag == W + "r":
            yield c
        elif tag in TRANSPARENT:
            yield from iter_runs(c)


def block_paragraphs(container):
    """Paragraphs of a body or table cell in reading order: tables cell by cell, row by row."""
    for p, _cell in block_paragraphs_cells(container):
        yield p


def block_paragraphs_cells(container, _tables: list[int] | None = None, _cell=None):
    """(paragraph, cell) in reading order; ``cell`` is (table, row, column), 1-based, for a paragraph in a
    table cell (tables numbered in reading order, nested ones too), else None."""
    tables = [0] if _tables is None else _tables
    for el in container:
        tag = el.tag
        if tag == W + "p":
            yield el, _cell
            # A text box reads where it is anchored, right after its paragraph.
            for box in docx_parts.text_boxes(el):
                yield from block_paragraphs_cells(box, tables, _cell)
        elif tag == W + "tbl":
            tables[0] += 1
            n = tables[0]
            for r, tr in enumerate(el.iterfind(W + "tr"), start=1):
                for c, tc in enumerate(tr.iterfind(W + "tc"), start=1):
                    yield from block_paragraphs_cells(tc, tables, (n, r, c))
        elif tag in (W + "sdt", W + "sdtContent", W + "customXml"):
            yield from block_paragraphs_cells(el, tables, _cell)


def _numbering_bomb() -> LoadError:
    return LoadError(
        "文件中的自动编号展开后的文字远多于文件本身（编号起始值或列表项数异常），疑似恶意构造，已拒绝读取。"
        "请用 Word/WPS 打开，确认编号正常后另存为 .docx 再检查。",
        code="E104",
    )


def load_docx(path: Path, source: str) -> Document:
    with path.open("rb") as fh:  # an OSError here is E110, explained in Chinese by loaders.load
        head = fh.read(8)
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        # An OLE container: a .doc renamed to .docx, or a password-protected .docx.
        raise LoadError(
            "文件不是 .docx 格式：它是旧版 .doc 文件或设置了打开密码的文档。"
            "请用 Word/WPS 取消密码并另存为 .docx 后再检查。",
            code="E103",
        )
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as e:
        raise LoadError(_BROKEN, code="E103") from e
    except _UNSUPPORTED as e:  # "zip file version 9.0"
        raise zip_error(e) from e
    with zf:
        members = check_zip(zf)
        main = _main_part(zf, members)
        body_xml = _read(zf, members, main)
        if body_xml is None:
            raise LoadError(_BROKEN + "（缺少 word/document.xml）", code="E103")
        base = posixpath.dirname(main)
        numbering = _xml(_read(zf, members, posixpath.join(base, "numbering.xml")))
        styles_root = _xml(_read(zf, members, posixpath.join(base, "styles.xml")))
        parts = _read_parts(zf, members, main)
    root = _xml(body_xml)
    body = root.find(W + "body")
    if body is None:
        raise LoadError(_BROKEN + "（文档没有正文）", code="E103")
    styles = _styles(styles_root)
    style_num = {sid: n for sid, (_, n, _) in styles.items() if n is not None}
    counter = Counter(parse_numbering(numbering), style_num)

    pieces: list[str] = []
    units: list[Unit] = []
    pos = 0
    # The labels of all paragraphs (body, text boxes, notes, headers) share one budget (E104).
    budget = [max(LABEL_CHARS_MIN, LABEL_CHARS_PER_BYTE * path.stat().st_size)]
    n_body = 0
    n_para = 0  # paragraphs as a reader counts them: table cells are not paragraphs
    for n_body, (p, cell) in enumerate(block_paragraphs_cells(body), start=1):
        n_para += cell is None
        # Deleted text and field codes are not runs of the paragraph: left out.
        pos = _add_paragraph(p, n_body, styles, counter, pieces, units, pos, budget, cell, None if cell else n_para)
    extra, origin = _part_paragraphs(parts, body)
    for n, p in enumerate(extra, start=n_body + 1):
        n_para += 1
        pos = _add_paragraph(p, n, styles, counter, pieces, units, pos, budget, None, n_para)
    raw = "\n".join(pieces)
    doc = build_document(raw, units, source=source, format="docx", path=str(path))
    doc.origin = origin
    return doc


def _add_paragraph(
    p,
    n: int,
    styles,
    counter,
    pieces: list[str],
    units: list[Unit],
    pos: int,
    budget: list[int],
    cell=None,
    para: int | None = None,
) -> int:
    """Append paragraph ``p`` (number ``n``) to the raw text with its list label; the next raw offset.

    ``budget`` is the label characters left for the whole document: spent past zero, E104.
    """
    texts = [run_text(r) for r in iter_runs(p)]
    num_id, ilvl = _paragraph_numbering(p, styles)
    label = counter.label(num_id, ilvl) if num_id is not None else ""
    budget[0] -= len(label)
    if budget[0] < 0:
        raise _numbering_bomb()
    runs = []
    rel = len(label)
    for t in texts:
        runs.append(rel)
        rel += len(t)
    line = label + "".join(texts)
    units.append(Unit(pos, pos + len(line), n, runs=tuple(runs) or None, prefix=len(label), cell=cell, para=para))
    pieces.append(line)
    return pos + len(line) + 1


def _read_parts(zf, members, main: str) -> dict:
    """The parsed footnotes, endnotes, headers, footers and comments of the main part (via its rels).

    These parts are extras: a broken one is skipped and the body is still read (a zip bomb is not skipped).
    """
    try:
        return _parse_parts(zf, members, main)
    except LoadError as e:
        if e.code == "E104":
            raise
        return {}


def _parse_parts(zf, members, main: str) -> dict:
    base = posixpath.dirname(main)
    rels = _xml(_read(zf, members, posixpath.join(base, "_rels", posixpath.basename(main) + ".rels")))
    targets = docx_parts.relationship_targets(rels, base)
    out: dict = {}
    for kind in ("footnotes", "endnotes", "comments"):
        names = targets.get(kind, [])
        out[kind] = _xml(_read(zf, members, names[0])) if names else None
    for kind in ("header", "footer"):
        out[kind] = [r for r in (_xml(_read(zf, members, name)) for name in targets.get(kind, [])) if r is not None]
    return out


def _part_paragraphs(parts: dict, body) -> tuple[list, dict]:
    """Paragraphs read after the body (headers with report text, footnotes, endnotes), and Document.origin."""
    extra = []
    n_headers = 0
    seen: set[str] = set()
    for root in parts.get("header", []) + parts.get("footer", []):
        paras = list(block_paragraphs(root))
        text = "\n".join("".join(run_text(r) for r in iter_runs(p)) for p in paras)
        # Running heads are left out (as in a PDF); the same header in every section is read once.
        if docx_parts.header_carries_text(text) and text not in seen:
            seen.add(text)
            extra.extend(paras)
            n_headers += 1
    counts = {}
    for kind, tag in (("footnotes", "footnote"), ("endnotes", "endnote")):
        notes = docx_parts.note_paragraphs(parts.get(kind), tag)
        counts[kind] = len(notes)
        for _, paras in notes:
            extra.extend(paras)
    n_boxes = sum(len(docx_parts.text_boxes(p)) for p in block_paragraphs(body))
    ins, dels = docx_parts.revisions(body)
    origin = docx_parts.origin_notes(
        boxes=n_boxes,
        footnotes=counts["footnotes"],
        endnotes=counts["endnotes"],
        headers=n_headers,
        ins=ins,
        dels=dels,
        comments=docx_parts.comment_count(parts.get("comments")),
    )
    return extra, origin
