"""Running rules over a document: positions, excerpts, severities, and X001 for crashed rules."""

from __future__ import annotations

import copy
import traceback
from collections.abc import Iterable

from ..analysis.profile import profile_of
from ..model.document import OCR_LOW_CONFIDENCE, Document
from ..model.findings import ID_CONTEXT, Finding, Hit, Result, disambiguate_ids, finding_id
from .config import Config
from .context import Context

# Extra context a command may provide ("index", "round"); plain check provides none.
ENGINE = "engine"


def _id_of(doc: Document, code: str, hit: Hit) -> str:
    """The finding's stable id, from the flagged text and ID_CONTEXT characters each side (raw text for residue)."""
    if hit.raw_span is not None:
        text, (a, b) = doc.raw, hit.raw_span
    else:
        text, a, b = doc.text, hit.start, hit.end
    return finding_id(doc.key, code, text[a:b], text[max(0, a - ID_CONTEXT) : a], text[b : b + ID_CONTEXT], hit.subject)


def make_finding(doc: Document, rule, severity: str, hit: Hit) -> Finding:
    lines = doc.plain_span_lines(hit.start, hit.end) if hit.raw_span is None else None
    p0 = p1 = None
    if lines is not None:
        # A plain text: lines and columns only (what the general path below gives, without its objects).
        line, column, end_line, end_column = lines
        excerpt = doc.excerpt(hit.start, hit.end)
    else:
        if hit.raw_span is not None:
            ra, rb = hit.raw_span
            p0 = doc.raw_position(ra)
            last = doc.raw_position(max(ra, rb - 1))
            p1 = type(p0)(
                last.line, last.column + (1 if rb > ra else 0), last.page, last.run, last.cell, last.paragraph
            )
            excerpt = doc.raw[ra:rb].replace("\n", " ")
            if len(excerpt) > 80:
                excerpt = excerpt[:77] + "…"
        else:
            p0, p1 = doc.span_position(hit.start, hit.end)
            excerpt = doc.excerpt(hit.start, hit.end)
        line, column, end_line, end_column = p0.line, p0.column, p1.line, p1.column
    page = None if p0 is None else p0.page
    cell = None if p0 is None else p0.cell
    return Finding(
        code=rule.code,
        name=rule.name,
        severity=severity,
        message=hit.message,
        start=hit.start,
        end=hit.end,
        line=line,
        column=column,
        end_line=end_line,
        end_column=end_column,
        excerpt=excerpt,
        data=hit.data,
        page=page,
        end_page=p1.page if page is not None else None,
        title=rule.title,
        heuristic=rule.heuristic,
        id=_id_of(doc, rule.code, hit),
        cell=None if cell is None else {"table": cell[0], "row": cell[1], "column": cell[2]},
        paragraph=None if p0 is None else p0.paragraph,
    )


def run_rules(
    doc: Document,
    config: Config | None = None,
    *,
    provides: Iterable[str] = (),
    extra: dict | None = None,
) -> list[Finding]:
    """Run every enabled rule whose needs are met; a crashing rule becomes X001."""
    config = config or Config()
    provided = set(provides) | {ENGINE}
    if config.campaign:
        # Rules about a campaign's own limits (S304) run only when a [campaign] is configured.
        provided.add("campaign")
    enabled = config.enabled_codes(doc.source)
    base = Context(config.lexicons, config.campaign, {}, config.rule_options, dict(extra or {}))
    reused = None if extra else _plain_contexts(config)
    findings: list[Finding] = []
    crash_rule = config.registry.get("X001")
    for rule in _runnable(config, enabled, provided):
        if reused is None or config.rule_options.get(rule.code):
            ctx = base.for_rule(rule)
        else:
            kept = reused.get(rule.code)
            if kept is None or kept[0] is not rule:
                kept = reused[rule.code] = (rule, base.for_rule(rule))
            ctx = kept[1]
        sev = config.severity_of(rule)
        try:
            hits = list(rule.check(doc, ctx))
        except Exception as e:
            if crash_rule is not None and "X001" in enabled:
                tb = traceback.format_exception_only(type(e), e)[-1].strip()
                findings.append(
                    make_finding(
                        doc,
                        crash_rule,
                        config.severity_of(crash_rule),
                        Hit(
                            0,
                            0,
                            f"规则 {rule.code}（{rule.name}）处理本文档时出错，其结果缺失：{tb}",
                            {"rule": rule.code, "error": tb},
                            subject=rule.code,
                        ),
                    )
                )
            continue
        for h in hits:
            findings.append(make_finding(doc, rule, sev, h))
    findings.sort(key=lambda f: (f.start, f.end, f.code))
    if doc.char_confidence is not None:
        findings = mark_ocr(doc, findings)
    disambiguate_ids(findings)
    return findings


def _runnable(config: Config, enabled: set[str], provided: set[str]) -> list:
    """The registry's rules that run: enabled, not X (X001 is the engine's own), their needs provided; in registry
    order. Kept per config for the last (registry, enabled codes, provided) asked: the same for every document of
    a batch (tested per rule per document, ~10 us of a short document's ~110 us of ``run_rules``). A rule added
    to the registry is among the enabled codes when it is selected (Config.enabled_codes)."""
    registry = config.registry
    key = (frozenset(enabled), frozenset(provided))
    kept = config.__dict__.get("_runnable")
    if kept is None or kept[0] is not registry or kept[1] != key:
        rules = [
            r
            for r in registry
            if r.code in enabled and r.family != "X" and not (r.needs and any(n not in provided for n in r.needs))
        ]
        kept = config.__dict__["_runnable"] = (registry, key, rules)
    return kept[2]


def _plain_contexts(config: Config) -> dict[str, tuple]:
    """Per config: code -> (rule, its Context) for runs without extra context, made once, not per document.

    A Context holds the config's own lexicons, campaign and rule options (not copies) and the rule's default
    options; the rules only read it. Made per rule per document they cost ~7 us of a one-line report's ~80 us
    of ``run_rules``. A rule with options of its own in the config gets a new one each time (its options are
    copied when the Context is made); the store is dropped when the config's lexicons, campaign or rule
    options are other objects.
    """
    key = (config.lexicons, config.campaign, config.rule_options)
    kept = config.__dict__.get("_plain_contexts")
    if kept is None or any(a is not b for a, b in zip(kept[0], key, strict=True)):
        kept = config.__dict__["_plain_contexts"] = (key, {})
    return kept[1]


# The characters a figure finding rests on: if OCR is unsure of one of them, the figure may be misread.
_FIGURE_CHARS = frozenset("0123456789.%０１２３４５６７８９．％零〇一二三四五六七八九十百千万亿两")


def mark_ocr(doc: Document, findings: list[Finding]) -> list[Finding]:
    """Findings on OCR'd text: each says so with the recognition confidence of its characters; a placeholder
    (P) or figure (N) finding whose own characters (the figures' digits, for N) include one recognised with
    less than OCR_LOW_CONFIDENCE is dropped and counted in ``doc.origin["ocr"]["suppressed_findings"]``."""
    kept = []
    dropped = 0
    for f in findings:
        if f.end <= f.start:  # about the document (a missing part): no characters of its own
            f.message = f"{f.message}（本文含扫描件经OCR识别的文字，请对照原件核实）"
            kept.append(f)
            continue
        conf = doc.ocr_confidence(f.start, f.end)
        if conf is None:
            kept.append(f)
            continue
        basis = doc.ocr_confidence(f.start, f.end, _FIGURE_CHARS) if f.code.startswith("N") else conf
        if f.code[:1] in ("P", "N") and basis is not None and basis < OCR_LOW_CONFIDENCE:
            dropped += 1
            continue
        pct = f"{round(conf * 100)}%"
        f.message = f"{f.message}（此处文字由扫描件经OCR识别，识别置信度 {pct}，请对照原件核实）"
        f.data = {**f.data, "ocr_confidence": pct}
        kept.append(f)
    ocr = doc.origin.get("ocr")
    if isinstance(ocr, dict):
        ocr["suppressed_findings"] = ocr.get("suppressed_findings", 0) + dropped
    return kept


def check_document(doc: Document, config: Config | None = None, **kw) -> Result:
    """Check one loaded document and return its Result (findings, metadata, profile)."""
    config = config or Config()
    findings = run_rules(doc, config, **kw)

    meta = doc.meta.to_dict()
    if doc.origin:  # after the rules: OCR findings held back are counted there
        meta["loading"] = copy.deepcopy(doc.origin)
        held = meta["loading"].get("ocr", {}).get("suppressed_findings", 0)
        if held:
            meta["loading"]["notes"].append(
                f"另有 {held} 处占位符或数字问题落在识别置信度低的字上，未单独报告，请对照原件核实。"
            )
    return Result(
        source=doc.source,
        doc_id=doc.doc_id,
        meta=meta,
        findings=findings,
        profile=profile_of(doc, config.lexicons),
        document=doc,
        key=doc.key,
    )
