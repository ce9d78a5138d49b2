"""OUTDIR/annotated/<name>.docx: the report with one Word comment (批注) per finding on the flagged text."""

from __future__ import annotations

import copy
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path

import docx
from docx.enum.text import WD_BREAK
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.text.paragraph import Paragraph
from docx.text.run import Run

# The loader's own walkers, so comments are placed on exactly the characters it read.
from ..loaders.docx import block_paragraphs, iter_runs, run_text
from ..pipeline.runner import fork_context
from .evidence import evidence_lines

AUTHOR = "shuzhi"
INITIALS = "SZ"
SEV_LABEL = {"error": "错误", "warning": "警告", "info": "提示"}


@dataclass
class Annotated:
    path: Path
    comments: int = 0
    exact: int = 0  # anchored exactly on the flagged characters
    paragraph: int = 0  # anchored on the whole paragraph (a finding about a place, not a span)
    approximate: int = 0  # the source did not match what was loaded: anchored on the first paragraph


def _qn(tag: str) -> str:
    return qn(tag)


def _child_len(child) -> int:
    return len(run_text([child]))  # the loader reads a run child by child


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
    t_el.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")


def _split_run(r, k: int) -> None:
    """Split run ``r`` after its k-th character; the right part becomes a copy of r (same formatting)."""
    right = copy.deepcopy(r)
    rpr = _qn("w:rPr")
    pos = 0
    for left_child, right_child in zip(list(r.iterchildren()), list(right.iterchildren()), strict=False):
        n = _child_len(left_child)
        start, end = pos, pos + n
        pos = end
        if left_child.tag == rpr:
            continue
        if start < k < end:  # only a w:t can straddle the cut
            _set_text(left_child, left_child.text[: k - start])
            _set_text(right_child, right_child.text[k - start :])
        elif start >= k:
            r.remove(left_child)
        else:
            right.remove(right_child)
    r.addnext(right)


def _span_runs(p_el, a: int, b: int | None):
    """The runs covering [a, b) of a paragraph (b None: to its end), splitting runs at a and b."""
    for cut in (a, b):
        if cut is None:
            continue
        for r, s, e in _runs(p_el):
            if s < cut < e:
                _split_run(r, cut - s)
                break
    return [r for r, s, e in _runs(p_el) if e > s and s >= a and (b is None or e <= b)]


def _paragraph_elements(document) -> list:
    """Body paragraphs and table paragraphs in the order the .docx loader reads them."""
    return list(block_paragraphs(document.element.body))


def comment_lines(f) -> list[str]:
    """What a comment says: the rule, the message, then the evidence, in Chinese."""
    head = f"【{f.code} {f.title_label}｜{SEV_LABEL.get(f.severity, f.severity)}】{f.message}"
    return [head] + [f"{label}：{text}" for label, text in evidence_lines(f.data)]


def _make_docx_from_units(doc):
    """A new .docx with one paragraph per line of a .txt (or line of a .pdf page)."""
    d = docx.Document()
    normal = d.styles["Normal"]
    normal.font.size = Pt(12)
    normal.font.name = "宋体"
    rpr = normal.element.get_or_add_rPr()
    rpr.get_or_add_rFonts().set(qn("w:eastAsia"), "宋体")
    # Word's core properties hold at most 255 characters: a long file name is cut.
    name = Path(doc.source).name
    name = name if len(name) <= 200 else name[:199] + "…"
    d.core_properties.comments = f"由 shuzhi 根据 {name} 生成，批注为审查意见。"
    d.core_properties.title = (doc.meta.title or Path(doc.source).stem)[:200]
    elements = []
    page = None
    for u in doc.units:
        if u.page is not None and u.page != page and page is not None:  # PDF, OFD, scans: page breaks kept
            elements_last = d.paragraphs[-1] if d.paragraphs else d.add_paragraph()
            elements_last.add_run().add_break(WD_BREAK.PAGE)
        page = u.page
        p = d.add_paragraph()
        text = doc.raw[u.raw_start : u.raw_end]
        if text:
            p.add_run(text)
        elements.append(p._p)
    return d, elements


def annotate(result, out_path: Path) -> Annotated:
    """Write ``out_path``: the report's .docx (or one made from its text) with a comment per finding."""
    doc = result.document
    out = Annotated(Path(out_path))
    # A .doc/.wps/.rtf/.odt is annotated on the .docx LibreOffice made of it (the result is a .docx).
    docx_bytes = getattr(doc, "docx_bytes", None)
    if doc.format == "docx" and (docx_bytes or (doc.path and Path(doc.path).suffix.lower() == ".docx")):
        if docx_bytes:
            import io

            d = docx.Document(io.BytesIO(docx_bytes))
        else:
            d = docx.Document(doc.path)
        paras = _paragraph_elements(d)
        # Unit i is paragraph i as the loader read it; check that the text agrees.
        by_unit = {}
        for i, u in enumerate(doc.units):
            if u.line - 1 < len(paras):
                by_unit[i] = paras[u.line - 1]
        trusted = {
            i
            for i, p in by_unit.items()
            if "".join(run_text(r) for r in iter_runs(p))
            == doc.raw[doc.units[i].raw_start + doc.units[i].prefix : doc.units[i].raw_end]
        }
    else:
        d, elements = _make_docx_from_units(doc)
        by_unit = dict(enumerate(elements))
        trusted = set(by_unit)
    key = {(u.page, u.line): i for i, u in enumerate(doc.units)}
    body = d._body
    for f in result.findings:
        ia = key.get((f.page, f.line))
        ib = key.get((f.end_page if f.page is not None else None, f.end_line))
        runs = []
        kind = "exact"
        if ia is not None and ib is not None and ia in trusted and ib in trusted:
            ua, ub = doc.units[ia], doc.units[ib]
            a = max(0, f.column - 1 - ua.prefix)
            b = max(0, f.end_column - 1 - ub.prefix)
            if ia == ib and b > a:
                runs = _span_runs(by_unit[ia], a, b)
            elif ib > ia:
                first = _span_runs(by_unit[ia], a, None)
                last = _span_runs(by_unit[ib], 0, b) if b > 0 else []
                runs = first[:1] + last[-1:] if first and last else first or last
            if not runs:
                kind = "paragraph"
                runs = _span_runs(by_unit[ia], 0, None)
        if not runs:
            kind = "approximate"
            for p in by_unit.values():
                runs = _span_runs(p, 0, None)
                if runs:
                    break
        if not runs:  # a document with no text at all: nothing to anchor on
            continue
        lines = comment_lines(f)
        if kind == "approximate":
            lines.append("（未能在原文中精确定位此处，批注放在文首。）")
        c = d.add_comment(
            [Run(runs[0], Paragraph(runs[0].getparent(), body)), Run(runs[-1], Paragraph(runs[-1].getparent(), body))],
            text=lines[0],
            author=AUTHOR,
            initials=INITIALS,
        )
        for line in lines[1:]:
            c.add_paragraph(line)
        out.comments += 1
        setattr(out, kind, getattr(out, kind) + 1)
    out.path.parent.mkdir(parents=True, exist_ok=True)
    d.save(str(out.path))
    return out


def annotated_paths(sources: list[str], outdir: Path) -> list[Path]:
    """OUTDIR/annotated/<name>.docx for each source: its file name, made unique within the round."""
    used: set[str] = set()
    out = []
    for source in sources:
        stem = _short(Path(source).stem)
        name, n = stem, 2
        while name.lower() in used:
            name, n = f"{stem}-{n}", n + 1
        used.add(name.lower())
        out.append(Path(outdir) / "annotated" / f"{name}.docx")
    return out


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
    except Exception as e:
        return {
            "source": result.source,
            "code": "E110",
            "message": f"生成带批注的 Word 文件失败：{type(e).__name__}: {e}",
        }


# The (result, path) pairs of the round, inherited by forked workers instead of being pickled.
_JOBS: list = []


def _annotate_job(i: int):
    result, path = _JOBS[i]
    return annotate_safely(result, path)


def annotate_all(pairs: list, jobs: int = 1, on_done=None) -> list:
    """annotate_safely() for each (result, path), in ``jobs`` worker processes where fork is available."""
    global _JOBS
    ctx = fork_context()
    tick = on_done or (lambda: None)

    def serial():
        out = []
        for r, p in pairs:
            out.append(annotate_safely(r, p))
            tick()
        return out

    if jobs <= 1 or len(pairs) < 2 or ctx is None:
        return serial()
    _JOBS = list(pairs)
    try:
        with ProcessPoolExecutor(min(jobs, len(pairs)), mp_context=ctx) as pool:
            out = []
            for done in pool.map(_annotate_job, range(len(pairs)), chunksize=4):
                out.append(done)
                tick()
            return out
    except BrokenProcessPool:  # a worker died: do them here, one by one
        return serial()
    finally:
        _JOBS = []
