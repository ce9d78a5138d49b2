"""Reading Word comments back from a .docx: each comment's author, text and the text it is anchored on."""

from __future__ import annotations

import zipfile
from pathlib import Path

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _q(tag: str) -> str:
    return f"{{{W}}}{tag}"


def read_comments(path: Path) -> list[dict]:
    """[{id, author, text, anchored}] in comment order, from word/comments.xml and word/document.xml."""
    with zipfile.ZipFile(path) as z:
        comments = etree.fromstring(z.read("word/comments.xml"))
        document = etree.fromstring(z.read("word/document.xml"))
    out = {}
    for c in comments.iter(_q("comment")):
        cid = c.get(_q("id"))
        paras = ["".join(t.text or "" for t in p.iter(_q("t"))) for p in c.iter(_q("p"))]
        out[cid] = {
            "id": cid,
            "author": c.get(_q("author")),
            "initials": c.get(_q("initials")),
            "text": "\n".join(paras),
            "anchored": "",
            "started": False,
            "ended": False,
        }
    open_ids: set[str] = set()
    for el in document.iter():
        if el.tag == _q("commentRangeStart"):
            open_ids.add(el.get(_q("id")))
            out[el.get(_q("id"))]["started"] = True
        elif el.tag == _q("commentRangeEnd"):
            open_ids.discard(el.get(_q("id")))
            out[el.get(_q("id"))]["ended"] = True
        elif el.tag == _q("t"):
            for cid in open_ids:
                out[cid]["anchored"] += el.text or ""
        elif el.tag == _q("p") and open_ids:
            for cid in open_ids:
                out[cid]["anchored"] += "\n"
    return list(out.values())


def run_formatting(path: Path, text: str) -> list[bool]:
    """For each run whose text is inside ``text``: is it bold?"""
    with zipfile.ZipFile(path) as z:
        document = etree.fromstring(z.read("word/document.xml"))
    out = []
    for r in document.iter(_q("r")):
        t = "".join(x.text or "" for x in r.iter(_q("t")))
        if t and t in text:
            rpr = r.find(_q("rPr"))
            out.append(rpr is not None and rpr.find(_q("b")) is not None)
    return out
