"""A finding's evidence (its `data`) as labelled Chinese lines, for the dashboard, Excel and Word."""

from __future__ import annotations

import contextlib
import json
import re
from collections.abc import Iterator
from typing import Any

from ..figures.claims import RELATION_NAMES, VERDICT_ZH
from ..rules.placeholders import MISSING_ZH, RESIDUE_ZH

# Labels for the keys rules put in `data`, as a reader says them. Only these keys are shown: any other key
# (offsets, ids, internal counters) stays in results.json, never in what goes back to the official.
LABELS = {
    "ocr_confidence": "文字识别置信度",
    "formula": "公式",
    "expression": "算式",
    "operands": "运算数",
    "stated": "报告所写",
    "stated_value": "报告所写",
    "computed": "复算结果",
    "computed_value": "复算结果",
    "interval": "可能区间",
    "computed_interval": "可能区间",
    "expected": "应为",
    "diagnosis": "可能原因",
    "relation": "关系",
    "verdict": "结论",
    "indicator": "指标",
    "unit": "单位",
    "placeholder": "占位符",
    "matched": "匹配文字",
    "dimension": "维度",
    "dimensions": "维度",
    "missing": "缺少",
    "share": "占比",
    "threshold": "阈值",
    "evidence": "依据",
    "phrases": "依据词语",
    "source": "来源",
    "source_paragraph": "来源段落",
    "source_excerpt": "来源原文",
    "source_text": "来源原文",
    "year": "年度",
    "kind": "种类",
    "kinds": "种类",
    "min_share": "最低占比",
    "coverage": "各维度占比（一段话可同时属于几个维度，所以相加会超过100%）",
    "report_year": "报告年度",
    "title_year": "标题年度",
    "text_year": "正文年份",
    "sentence": "句子",
    "text": "原文",
    "meeting": "会议",
    "held": "召开时间",
    "looked_for": "查找的内容",
    "date": "日期",
    "chars": "字数",
    "min_chars": "最少字数",
    "max_chars": "最多字数",
    "regulation": "法规",
    "cited": "所引",
    "superseded_in": "废止/修订于",
    "current": "现行版本",
    "current_version": "现行版本",
    "replaced": "替换",
    "old": "原",
    "new": "新",
    "stock_phrases": "套话",
    "formulas": "套话",
    "formula_share": "套话占比",
    "formula_chars": "套话字数",
    "body_chars": "正文字数",
    "density": "套话密度",
    "most_common": "最常见",
    "personal_sentences": "个人主体句",
    "unit_sentences": "单位主体句",
    "unit_examples": "单位主体例句",
    "part": "部分",
    "place": "地名",
    "name": "名称",
    "figure": "数字",
    "proposal": "建议",
    "lines": "行数",
    "reason": "原因",
    "doc_kind": "文种",
    "doc_kind_evidence": "文种依据",
    "person": "作者",
    "own": "本人往年报告",
    "identity": "相似度",
    "near_duplicate": "文档相似度",
    "copied": "本报告见于该文档的文字",
    "passages": "相同段落数",
    "total_copied": "总文字复制比",
    "copied_excluding_own": "去除本人报告复制比",
    "max_single": "单篇最大复制比",
    "other_sources": "另见于",
    "cluster_size": "基本相同的一组报告份数",
    "cluster": "同组的其他报告",
    "earlier_source": "往年报告",
    "earlier_year": "往年年度",
    "earlier_paragraph": "往年段落",
    "earlier_excerpt": "往年原文",
    "sentence_now": "今年的句子",
    "sentence_earlier": "往年的句子",
    "value_now": "今年的数值",
    "value_earlier": "往年的数值",
    "value_year": "数值所属年度",
    "in_a_row": "连续年数",
    "years": "年度",
    "plan": "往年的打算",
    "similarity": "相似度",
    "containment": "包含比例",
    "excerpt_now": "今年原文",
    "closest_excerpt": "最接近的原文",
    # operands of the figures rules (shuzhi.claims)
    "actual": "完成数",
    "planned": "计划数",
    "level": "现值",
    "delta": "增量",
    "whole": "整体",
    "parts": "分项",
    "sum": "分项之和",
    "total": "总数",
    "before": "原值",
    "after": "现值",
    "from": "原值",
    "to": "现值",
    "base": "基数",
    "first": "前值",
    "second": "后值",
}

# Keys whose value is a share (0–1 in the data): shown as a percentage.
PERCENT_KEYS = frozenset(
    {
        "share",
        "min_share",
        "formula_share",
        "coverage",
        "density",
        "threshold",
        "ocr_confidence",
        "identity",
        "near_duplicate",
        "copied",
        "total_copied",
        "copied_excluding_own",
        "max_single",
        "similarity",
        "containment",
    }
)

# Keys whose value is the report's (or a source's) own text: quoted, never translated.
QUOTED_KEYS = frozenset(
    {
        "placeholder",
        "matched",
        "text",
        "sentence",
        "part",
        "source_excerpt",
        "source_text",
        "unit_examples",
        "phrases",
        "stock_phrases",
        "formulas",
        "most_common",
        "cited",
        "old",
        "new",
        "replaced",
        "earlier_excerpt",
        "sentence_now",
        "sentence_earlier",
        "excerpt_now",
        "closest_excerpt",
        "plan",
        "doc_kind_evidence",
        "evidence",
        "meeting",
        "regulation",
        "current",
        "current_version",
    }
)

# Keys naming a document: its file name in 《》.
DOCUMENT_KEYS = frozenset({"source", "earlier_source", "other_sources", "cluster"})

VERDICTS = VERDICT_ZH

# Identifier values some rules put in their evidence, as a reader says them.
VALUES_ZH = {
    **MISSING_ZH,
    **RESIDUE_ZH,
    **RELATION_NAMES,
    **VERDICT_ZH,
    "report": "报告",
    "template": "模板",
    "outline": "报告的小标题",
    "numbered": "报告的编号标题",
    "topic": "报告的主题句",
    "paragraph": "段落开头",
    "label": "报告的标签式标题",
}

# An English word of two letters or more: a value that still has one after translation is not shown.
_ASCII_WORD = re.compile(r"[A-Za-z][A-Za-z_\-]+")


def _is_quantity(v: Any) -> bool:
    return isinstance(v, dict) and "text" in v and "value" in v


def _empty(v: Any) -> bool:
    return v is None or v == "" or (isinstance(v, (list, tuple, dict)) and not v)


# Keys whose value is the arithmetic of a figures finding: shown first.
FORMULA_KEYS = ("formula", "expression")


def percent(v: float) -> str:
    """A share as a reader writes it: 27%, 0.4%, 100%."""
    p = float(v) * 100
    if p and abs(p) < 1:
        return f"{p:.1f}%"
    return f"{p:.0f}%"


def plain_number(v: float) -> str:
    """A number as a report writes it: 2038.2亿, 3.5万, 0.25 — never 2.038e+11."""
    a = abs(v)
    if a >= 1e8:
        return f"{v / 1e8:.5g}亿"
    if a >= 1e5:
        return f"{v / 1e4:.5g}万"
    if a and a < 1e-3:
        return f"{v:.6f}".rstrip("0")
    return f"{v:.6g}" if a >= 1e4 else f"{v:.4g}"


def fmt_value(v: Any, key: str | None = None) -> str:
    """A value of a finding's data as text (shares as percentages when ``key`` names one)."""
    pct = key in PERCENT_KEYS
    if isinstance(v, float) or (pct and isinstance(v, int) and not isinstance(v, bool)):
        return percent(v) if pct else plain_number(v)
    if isinstance(v, (list, tuple)):
        if len(v) == 2 and all(isinstance(x, (int, float)) and not isinstance(x, bool) for x in v):
            return f"{fmt_value(v[0], key)}–{fmt_value(v[1], key)}"  # an interval
        if v and all(isinstance(x, (list, tuple)) and len(x) == 2 and isinstance(x[1], int) for x in v):
            return "、".join(f"{fmt_value(x[0])}（{x[1]}次）" for x in v)  # (phrase, count) pairs
        return "、".join(fmt_value(x, key) for x in v)
    if _is_quantity(v):  # a quantity as the figures rules give it: its text says it best
        return str(v["text"])
    if isinstance(v, dict):
        return "；".join(f"{LABELS.get(k, k)} {fmt_value(x, key)}" for k, x in v.items())
    if v is None:
        return "—"
    if isinstance(v, bool):
        return "是" if v else "否"
    return str(v)


# A list of documents longer than this (a template's 149 other copies) is named by its first few and counted:
# a Word comment or an Excel cell is no place for the whole round; the dashboard lists the cluster in full.
DOCUMENTS_SHOWN = 10


def _document_name(v: Any, total: int | None = None) -> str:
    """A document's name in 《》; a list's first names and, when it has more (or ``total`` says the list names only
    some of them, as a C301's other_sources), how many there are in all."""
    if isinstance(v, (list, tuple)):
        names = "、".join(_document_name(x) for x in v[:DOCUMENTS_SHOWN])
        count = max(len(v), total or 0)
        return names + (f" 等 {count} 份" if count > min(len(v), DOCUMENTS_SHOWN) else "")
    name = str(v).replace("\\", "/").rsplit("/", 1)[-1]
    return f"《{name}》"


def _quoted(v: Any) -> str:
    if isinstance(v, (list, tuple)):
        items = [x[0] if isinstance(x, (list, tuple)) and x else x for x in v]
        return "、".join(_quoted(x) for x in items if not _empty(x))
    text = " ".join(str(v).split("\n"))  # one line: the comment's lines are its paragraphs
    # An excerpt cut short may open a quotation it does not close: closed here, so the reader sees where it ends.
    opens, closes = text.count("“"), text.count("”")
    return "“" * (1 + max(0, closes - opens)) + text + "”" * (1 + max(0, opens - closes))


def _value_text(k: str, v: Any, total: Any = None) -> str | None:
    """The text of one evidence line, or None when it would say nothing a reader can use. ``total``: the key's
    ``…_total`` companion, for a list of documents that names only some of them."""
    if k in DOCUMENT_KEYS:
        if isinstance(v, str) and v in VALUES_ZH:
            return VALUES_ZH[v]
        return _document_name(v, total if isinstance(total, int) else None)
    if k in QUOTED_KEYS:
        return _quoted(v)
    if k == "computed" and isinstance(v, (list, tuple)) and len(v) == 2 and v[0] == v[1]:
        return fmt_value(v[0])
    if k in ("source_paragraph", "earlier_paragraph") and isinstance(v, int):
        return f"第 {v} 段"
    if isinstance(v, str):
        text = VALUES_ZH.get(v, v)
    elif isinstance(v, (list, tuple)) and v and all(isinstance(x, str) for x in v):
        text = "、".join(VALUES_ZH.get(x, x) for x in v)
    else:
        text = fmt_value(v, k)
    if _ASCII_WORD.search(text) and k not in ("unit", "formula", "expression", "operands", "stated", "stated_value"):
        return None  # an identifier with no Chinese name: the message already says it in Chinese
    return text


# Inside evidence_remembered(): per finding's data (by identity, the data held so that its id is not reused), its
# lines as made the first time.
_REMEMBERED: dict[int, tuple[dict, list]] | None = None


@contextlib.contextmanager
def evidence_remembered() -> Iterator[None]:
    """While inside, evidence_lines of the same data (the same object) is made once: a report's Word comments and its
    page read the same findings (review writes both from one reading of them). Each call still gets its own list."""
    global _REMEMBERED
    outer, _REMEMBERED = _REMEMBERED, {}
    try:
        yield
    finally:
        _REMEMBERED = outer


def evidence_lines(data: dict[str, Any] | None) -> list[tuple[str, str]]:
    """(label, text) pairs, formula first, for the keys of a finding's data a reader can use.

    Keys without a Chinese label (offsets, ids, internal counters) are left out; shares are percentages;
    identifiers are named in Chinese; the report's own words are quoted and documents named in 《》.
    """
    if not data:
        return []
    memo = _REMEMBERED
    if memo is None:
        return _lines(data)
    held = memo.get(id(data))
    if held is None or held[0] is not data:
        held = memo[id(data)] = (data, _lines(data))
    return list(held[1])


def _lines(data: dict[str, Any]) -> list[tuple[str, str]]:
    keys = [k for k in FORMULA_KEYS if k in data] + [k for k in data if k not in FORMULA_KEYS]
    keys = [k for k in keys if k in LABELS and not _empty(data[k])]  # an empty list says nothing to a reader
    out: list[tuple[str, str]] = []
    for k in keys:
        text = _value_text(k, data[k], data.get(f"{k}_total"))
        if text is None:
            continue
        line = (LABELS[k], text)
        if line not in out:  # "stated" and "stated_value" often say the same
            out.append(line)
    return out


def evidence_text(data: dict[str, Any] | None) -> str:
    return "；".join(f"{label}：{text}" for label, text in evidence_lines(data))


def formula_of(data: dict[str, Any] | None) -> str:
    if not data:
        return ""
    for k in FORMULA_KEYS:
        if data.get(k):
            return fmt_value(data[k])
    return ""


def data_json(data: dict[str, Any] | None) -> str:
    return json.dumps(data or {}, ensure_ascii=False, default=str)
