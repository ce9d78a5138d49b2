"""The one place where the web app calls shuzhi's library: check a file, name its findings, explain evidence."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path
from typing import Any

import shuzhi
from shuzhi.model import vocabulary

REPORT_SUFFIXES = (".docx", ".pdf", ".txt", ".doc", ".wps")

SEVERITY_ZH = {"error": "严重", "warning": "警告", "info": "提示"}
FAMILY_ZH = {
    "P": "占位符",
    "N": "数字核算",
    "C": "复制检测",
    "S": "结构与覆盖",
    "F": "形式主义",
    "T": "术语与时间",
    "E": "检查错误",
}


DIMENSIONS = "".join(vocabulary.DIMENSIONS)


def load_config(config_toml: str, *, year: int | None = None, name: str = "", dimensions: str = ""):
    """A shuzhi Config from a round: its settings text, then its year, name and required dimensions as the
    [campaign] (unless the settings text sets them). Raises shuzhi.ShuzhiError with a coded Chinese message."""
    if config_toml.strip():
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "shuzhi.toml"
            path.write_text(config_toml, encoding="utf-8")
            config = shuzhi.load_config(path)
    else:
        config = shuzhi.Config()
    if year:
        config.campaign.setdefault("year", year)
    if name:
        config.campaign.setdefault("name", name)
    dims = [d for d in re.split(r"[\s,，、；;]+", dimensions.strip()) if d]
    if dims:
        bad = [d for d in dims if d not in DIMENSIONS]
        if bad:
            raise shuzhi.ConfigError(f"未知的维度“{'、'.join(bad)}”。有效的维度：{'、'.join(DIMENSIONS)}", code="E201")
        # Every report of a round is a 述职: the round's dimensions are required of it.
        config.campaign.setdefault("required-dimensions", {"述职": dims})
    return config


def check_file(path: Path, config_toml: str = "", key: str | None = None, **round_settings: Any) -> dict[str, Any]:
    """Load and check one stored file: {"ok": True, result, text, title} or {"ok": False, code, message}.

    ``key`` keys the finding ids: the same for every version of one person's report, so a decision made on
    one version finds its finding again in the next.
    """
    try:
        config = load_config(config_toml, **round_settings)
        doc = shuzhi.load(path, config=config, key=key)
        result = shuzhi.check(doc, config)
    except shuzhi.ShuzhiError as e:
        return {"ok": False, "code": e.code, "message": e.message}
    except Exception as e:  # a crash on one file becomes that file's error, never the worker's
        return {
            "ok": False,
            "code": "E110",
            "message": f"检查时出现内部错误（{type(e).__name__}），请把文件交给维护人员",
        }
    d = result.to_dict()
    return {"ok": True, "result": d, "text": doc.text, "title": str(d.get("meta", {}).get("title") or "")}


def finding_ids(findings: list[dict[str, Any]]) -> list[str]:
    """The stable id of each finding of a result, the key decisions are kept under (the library's ids)."""
    return [f["id"] for f in findings]


# Values some rules put in their evidence as identifiers; a reviewer reads the Chinese.
VALUES_ZH = {
    "figure": "数字",
    "place": "地名",
    "date": "日期",
    "congress": "党代会届次",
    "name": "人名",
    "text": "其他内容",
    "paid-marker": "付费内容标记",
}


def evidence_lines(data: dict[str, Any] | None) -> list[tuple[str, str]]:
    """A finding's evidence as (Chinese label, text) lines, formula first — the review outputs' wording.

    Identifier values are given in Chinese; a line that would still show only English words is left out (the
    finding's message says it in Chinese).
    """
    from shuzhi.writers.evidence import evidence_lines as lines

    out = []
    for label, text in lines(data):
        parts = [VALUES_ZH.get(p, p) for p in text.split("、")]
        text = "、".join(parts)
        if label.endswith("占比"):  # shares are fractions in the data; a reader gets percentages
            text = re.sub(
                r"(?<![\d.])(0(?:\.\d+)?|1(?:\.0+)?)(?![\d.%])", lambda m: f"{float(m.group()) * 100:.0f}%", text
            )
        if re.fullmatch(r"[A-Za-z_\-]+", label) or re.fullmatch(r"[a-z][a-z_\-]*(、[a-z][a-z_\-]*)*", text):
            continue
        out.append((label, text))
    return out


def family_of(code: str) -> str:
    return code[:1] if code[:1] in FAMILY_ZH else "E"


def copy_pairs(texts: list[str], authors: list[str] | None = None, config_toml: str = "") -> list[dict[str, Any]]:
    """Copied passages between the texts of a round (pairs of indexes, copy ratios, passages).

    ``config_toml``: the round's settings; their [lexicons] formulas are masked as `shuzhi review` masks them."""
    from shuzhi.similarity.compare import compare_all
    from shuzhi.similarity.core.formulas import formula_list

    config = load_config(config_toml)
    docs = [shuzhi.loads(t, config=config) for t in texts]
    out = []
    for c in compare_all(docs, authors=authors, formulas=formula_list(lexicons=config.lexicons)):
        out.append(
            {
                "a": c.a_index,
                "b": c.b_index,
                "a_copied": c.a_copied,
                "b_copied": c.b_copied,
                "near_duplicate": c.near_duplicate,
                "passages": [[m.a_start, m.a_end, m.b_start, m.b_end, m.identity] for m in c.matches],
            }
        )
    return out
