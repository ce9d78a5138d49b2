"""A finding's evidence (its `data`) as labelled Chinese lines, for the dashboard, Excel and Word."""

from __future__ import annotations

import json
from typing import Any

from ..figures.claims import RELATION_NAMES

# Labels for the keys rules commonly put in `data`; unknown keys are shown as they are.
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
    "pattern": "模式",
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
    "source_text": "来源原文",
    "year": "年度",
    "rule": "规则",
    "error": "错误",
    "kind": "种类",
    "kinds": "种类",
    "min_share": "最低占比",
    "coverage": "各维度占比",
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
    "density": "密度",
    "personal_sentences": "个人主体句",
    "unit_sentences": "单位主体句",
    "unit_examples": "单位主体例句",
    "most_common": "最常见",
    "part": "部分",
    "place": "地名",
    "name": "名称",
    "figure": "数字",
    "proposal": "建议",
    "masked": "屏蔽词",
    "watermark": "水印",
    "lines": "行",
    "membership": "归属",
    "reason": "原因",
    # operands of the figures rules (shuzhi.claims)
    "actual": "完成数",
    "planned": "计划数",
    "level": "现值",
    "delta": "增量",
    "whole": "整体",
    "parts": "分项",
    "total": "总数",
    "before": "原值",
    "after": "现值",
    "from": "原值",
    "to": "现值",
    "base": "基数",
    "first": "前值",
    "second": "后值",
}

VERDICTS = {"consistent": "一致", "inconsistent": "不符", "impossible": "不可能", "unverifiable": "无法复算"}


def _relation_name(v: str) -> str:
    return RELATION_NAMES.get(v, v)


def _is_quantity(v: Any) -> bool:
    return isinstance(v, dict) and "text" in v and "value" in v


def _empty(v: Any) -> bool:
    return v is None or v == "" or (isinstance(v, (list, tuple, dict)) and not v)


# Keys whose value is the arithmetic of a figures finding: shown first.
FORMULA_KEYS = ("formula", "expression")


def fmt_value(v: Any) -> str:
    if isinstance(v, float):
        return f"{v:.4g}"
    if isinstance(v, (list, tuple)):
        if len(v) == 2 and all(isinstance(x, (int, float)) and not isinstance(x, bool) for x in v):
            return f"{fmt_value(v[0])}–{fmt_value(v[1])}"  # an interval
        return "、".join(fmt_value(x) for x in v)
    if _is_quantity(v):  # a quantity as the figures rules give it: its text says it best
        return str(v["text"])
    if isinstance(v, dict):
        return "；".join(f"{LABELS.get(k, k)} {fmt_value(x)}" for k, x in v.items())
    if v is None:
        return "—"
    if isinstance(v, bool):
        return "是" if v else "否"
    return str(v)


def evidence_lines(data: dict[str, Any] | None) -> list[tuple[str, str]]:
    """(label, text) pairs, formula first, for every key of a finding's data."""
    if not data:
        return []
    keys = [k for k in FORMULA_KEYS if k in data] + [k for k in data if k not in FORMULA_KEYS]
    keys = [k for k in keys if not _empty(data[k])]  # an empty list says nothing to a reader
    out: list[tuple[str, str]] = []
    for k in keys:
        v = data[k]
        if k == "verdict":
            text = VERDICTS.get(v, str(v))
        elif k == "relation":
            text = _relation_name(str(v))
        elif k == "computed" and isinstance(v, (list, tuple)) and len(v) == 2 and v[0] == v[1]:
            text = fmt_value(v[0])
        else:
            text = fmt_value(v)
        line = (LABELS.get(k, k), text)
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
