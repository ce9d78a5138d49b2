"""The title and kind searches that `index add` runs on every file: the same answers as trying every pattern."""

from __future__ import annotations

import random

from conftest import CORPUS
from shuzhi.outline import heads, meta
from shuzhi.outline.heads import opens_numbered

FILES = [p for d in ("seeds", "samples", "gov-reports", "laws") for p in sorted((CORPUS / d).glob("*.txt"))]


def _lines():
    for p in FILES:
        yield from p.read_text(encoding="utf-8").split("\n")[:40]
    rng = random.Random(5)
    starts = [
        "一、",
        "一.",
        "1.",
        "1、",
        "１.",
        "(1)",
        "（一）",
        "第一，",
        "第二部分：",
        "①",
        "其一，",
        "Ⅱ、",
        "IV.",
        "V.类",
        "12%",
        "",
    ]
    for _ in range(20000):
        yield rng.choice(starts) + rng.choice(["", "工作", "一、", "10", "级", " 加强", "。"]) + rng.choice(starts)


def test_opens_numbered_is_any_family_matching():
    n = 0
    for line in _lines():
        assert opens_numbered(line) == any(rx.match(line) for _, _, rx in heads._FAMILIES), line
        n += opens_numbered(line)
    assert n > 1000


def _plain_kind(title, opening):
    if title:
        t = title.strip()
        for kind, rx in meta._TITLE_KINDS:
            m = rx.search(t)
            if m:
                return kind, f"标题“{t[:40]}”中的“{m.group()}”"
    for kind, rx in meta._BODY_KINDS:
        m = rx.search(opening)
        if m:
            return kind, f"开头“{m.group()}”"
    return None, None


def test_find_doc_kind_is_every_pattern_searched():
    rng = random.Random(9)
    words = [
        "现将",
        "本人",
        "述职",
        "报告如下",
        "汇报如下",
        "下面",
        "请",
        "同志",
        "刚才，",
        "讲几点意见",
        "把",
        "我",
        "会议有三项议程",
    ]
    words += ["民主生活会", "对照检查", "县委：", "中共某县委：", "现在开会", "，", "。", "的", "工作", "\n"]
    openings = [p.read_text(encoding="utf-8")[:400] for p in FILES]
    openings += ["".join(rng.choice(words) for _ in range(rng.randrange(12))) for _ in range(20000)]
    found = 0
    titles = [None, None, "某县副县长述职报告", "2023年工作总结", "在全县大会上的讲话", "关于某项工作情况的报告"]
    for o in openings:
        title = rng.choice(titles)
        assert meta.find_doc_kind(title, o) == _plain_kind(title, o), o
        found += meta.find_doc_kind(None, o)[0] is not None
    assert found > 2000
