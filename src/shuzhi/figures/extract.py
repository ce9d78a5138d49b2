"""A document's claims: every sentence's relations (shuzhi.figures.relations), 其中 splits, N209 repeats, tables."""

from __future__ import annotations

import bisect
import re

from .claims import CONSISTENT, INCONSISTENT, Claim, overlaps
from .identities import identity_claims
from .quantities import Quantity
from .relations import named_share_claims, sentence_claims
from .tables import table_claims

# ---- a document's claims ---------------------------------------------------


def extract_claims(doc) -> list[Claim]:
    """Every claim of the document, sentence by sentence, from the shared ``doc.quantities``."""
    qs = doc.quantities
    out: list[Claim] = []
    text = doc.text
    j = 0
    n = len(qs)
    prev: tuple[int, int, int] | None = None  # the previous sentence: start, first figure, end
    sents = doc.sentences
    sent_starts = [a for a, _ in sents]
    q_starts = [q.start for q in qs]
    si = 0
    while si < len(sents):
        a, b = sents[si]
        si += 1
        while j < n and qs[j].start < a:
            j += 1
        if j == n:
            break  # no figure is left: nothing more to claim
        if qs[j].start >= b:
            # No figure starts in this sentence, so none lies in it (most sentences): go to the
            # sentence before the one where the next figure starts, which becomes ``prev``.
            nxt = bisect.bisect_right(sent_starts, qs[j].start) - 1
            if nxt > si:
                pa, pb = sents[nxt - 1]
                prev = (pa, bisect.bisect_left(q_starts, pa), pb) if text[pb - 1 : pb] == "。" else None
                si = nxt
                continue
        k = j
        while k < n and qs[k].end <= b:
            k += 1
        # Fewer than two figures relate nothing, except an impossible percentage.
        if k - j >= 2 or (k - j == 1 and qs[j].kind == "percent" and qs[j].lo > 100):
            out.extend(sentence_claims(text, a, b, qs[j:k]))
        # "…共查处案件120件。其中，…": a sentence that opens with 其中 splits a whole of the sentence before.
        if k > j and prev is not None and _OPENS_WITH_PART.match(text, a) and text[prev[2] : a].strip() in ("。", ""):
            joined = sentence_claims(text, prev[0], b, qs[prev[1] : k])
            # Only when the sentence before holds one figure of that unit: then the whole is not in doubt.
            dims = [q.dimension for q in qs[prev[1] : j]]
            out.extend(
                c
                for c in joined
                if c.relation in ("part-whole", "sum", "share")
                and c.end > a
                and c.start < a
                and dims.count(c.operands["whole"].dimension) == 1
            )
        # “年度目标为2亿元。全年实际完成2.36亿元，完成率128%。”: the target stated in the sentence before,
        # when that sentence holds only the target (one figure) and this one no target of its own.
        if (
            k > j
            and prev is not None
            and prev[1] < j
            and j - prev[1] == 1
            and "完成" in text[a:b]
            and text[prev[2] : a].strip() in ("。", "")
        ):
            have = {c.stated.start for c in out if c.relation == "completion" and c.stated is not None}
            out.extend(
                c
                for c in sentence_claims(text, prev[0], b, qs[prev[1] : k])
                if c.relation == "completion" and c.start < a < c.end and c.stated.start not in have
            )
        if k > j and "占" in text[a:b]:
            ctx, first = (prev[0], prev[1]) if prev is not None and text[prev[2] : a].strip() in ("。", "") else (a, j)
            have = {c.end for c in out if c.relation == "share"}
            out.extend(c for c in named_share_claims(text, ctx, a, b, qs[first:k]) if c.end not in have)
        prev = (a, j, b) if text[b - 1 : b] == "。" else None
        j = k
    out.extend(same_indicator_claims(doc))
    out.extend(table_claims(doc))
    out = merge_identity_claims(out, identity_claims(doc))
    out.sort(key=lambda c: (c.start, c.end))
    return out


def merge_identity_claims(claims: list[Claim], identities: list[Claim]) -> list[Claim]:
    """Add the identity sums; a 其中…分别 sum of the same whole and parts gives way to the identity's (one
    finding, the stronger equality, named)."""
    if not identities:
        return claims

    def key(c: Claim):
        return frozenset((q.start, q.end) for q in c.operands.values())

    named = {key(c) for c in identities}
    return [c for c in claims if not (c.relation == "sum" and key(c) in named)] + identities


_OPENS_WITH_PART = re.compile(r"其中[，,]?")

# A statement of an indicator's value: "全年一般公共预算收入完成" + figure. The clause must name it fully.
_STATEMENT_RE = re.compile(
    r"^(?:全年|今年|本年|上半年|前三季度|\d{1,2}-\d{1,2}月)?[\u4e00-\u9fff]{4,20}?(?:完成|实现)$"
)
# Sentences about other years, plans or cumulative periods give other values of the same indicator.
_OTHER_VALUE_RE = re.compile(
    r"预计|计划|目标|力争|预期|拟|争取|左右|\d{4}年|年度|上年|去年|前年|明年|今后|年底|年末|届时|到\d|累计|五年|"
    r"十年|以来|期间|其中|分别|力争|确保|可望|初步|\d+月份|调整"
)


def same_indicator_claims(doc) -> list[Claim]:
    """N209: one indicator, one scope, stated twice with values that cannot both be right."""
    seen: dict[tuple[str, str], Quantity] = {}
    out: list[Claim] = []
    text = doc.text
    starts = [a for a, _ in doc.sentences]
    for q in doc.quantities:
        if q.kind not in ("currency", "count", "measure") or q.qualifier:
            continue
        if not _STATEMENT_RE.match(q.indicator):
            continue
        i = bisect.bisect_right(starts, q.start) - 1
        a, b = doc.sentences[i] if i >= 0 else (0, len(text))
        if _OTHER_VALUE_RE.search(text[a:b]):
            continue
        key = (q.indicator, q.dimension)
        first = seen.get(key)
        if first is None:
            seen[key] = q
            continue
        ok = overlaps((first.lo, first.hi), (q.lo, q.hi))
        out.append(
            Claim(
                "same-indicator",
                CONSISTENT if ok else INCONSISTENT,
                q.start,
                q.end,
                f"{q.indicator}：{first.text}（前文）与 {q.text}",
                {"first": first},
                q,
                (first.lo, first.hi),
                diagnosis=None if ok else diagnose_same(first, q),
                extra={"first_start": first.start},
            )
        )
    return out


def diagnose_same(first: Quantity, second: Quantity) -> str | None:
    for factor, what in ((1e4, "万↔亿"), (1e-4, "万↔亿"), (10.0, "digit"), (0.1, "digit")):
        if overlaps((first.lo * factor, first.hi * factor), (second.lo, second.hi)):
            return "疑为万、亿混写" if what == "万↔亿" else "疑似多写或漏写一位数字或小数点"
    return None
