"""C family: copied passages and near-duplicate reports, found against an index or a round."""

from __future__ import annotations

from bisect import bisect_left
from functools import lru_cache
from operator import attrgetter
from pathlib import PurePath

import numpy as np

from ..model.findings import Hit
from .base import rule

# These rules need other documents: `shuzhi check --index DIR` and `shuzhi review`
# compute a shuzhi.similarity.sources.CopyReport (the I/O) and pass it as
# extra={"copy": report}; the rules only turn it into findings.


# The other report that the C rules' examples are compared with (tests/rules/test_examples.py checks
# each example in a round with this one): a trigger copies from it, a pass does not.
EXAMPLE_SOURCE = (
    "一年来，在县委的坚强领导下，我始终把学习贯彻党的创新理论作为首要政治任务，坚持读原著、学原文、悟原理，带头参加中心组学习"
    "十二次，撰写心得体会四篇。聚焦稳增长，牵头推进招商引资攻坚行动，赴长三角、珠三角地区开展专题招商七次，签约落地农产品精深"
    "加工项目五个，协调解决企业用地、用工难题二十余件。坚持以人民为中心，统筹推进乡村振兴，新建高标准农田二万亩，改造农村危房"
    "一百三十户，实现脱贫人口务工就业稳中有增。"
)


def _report(ctx):
    extra = ctx.extra
    return extra.get("copy")


def _who(src) -> str:
    bits = [b for b in (src.person, src.unit, f"{src.year}年" if src.year else None, src.round) if b]
    if src.kind == "template":
        bits.append("模板")
    if src.own:
        bits.append("本人")
    return f"（{'，'.join(bits)}）" if bits else ""


def _name(src) -> str:
    """The source as a reader knows it: its file name (the folders it came from are in the finding's data)."""
    if src.source:
        return _file_name(src.source)
    return f"索引文档 #{src.id}" if src.id is not None else "另一份报告"


@lru_cache(maxsize=4096)
def _file_name(source) -> str:
    # Asked for every source of every copied span (a round's report: thousands of times, a few hundred names).
    return PurePath(str(source).replace("\\", "/")).name or str(source)


@rule(
    code="C301",
    name="copied-passage",
    title="段落与其他报告相同或近似",
    severity="warning",
    triggers=(
        "我认真履职尽责。聚焦稳增长，牵头推进招商引资攻坚行动，赴长三角、珠三角地区开展专题招商七次，签约落地项目三个。今后继续努力。",
    ),
    passes=(
        "一年来，本人认真履行职责，牵头完成了全县3个重点项目的招商工作。",
        # The formula 以人民为中心 is shared with the source: formulas never count as copying.
        "坚持以人民为中心，我分管的卫生健康工作新建乡镇卫生院两所，组织义诊下乡二十场。",
    ),
    options={"min-chars": 13, "min-identity": 0.5},
    needs=("index",),
)
def copied_passage(doc, ctx):
    """检查什么：本报告中与索引里其他报告（同轮次同事、本人往年报告、已知模板）相同或只作了少量改动的段落。
    规范化（去掉标点和空格、数字统一）后连续相同至少 N 个字（默认 13，索引的 min-chars 设置）的片段都能找到；
    改了地名、数字、个别字词或调换了分句的段落仍会被连成一个段落报告。每个发现给出来源文档、来源中的位置、
    相同的字数和相似度（编辑相似度，0–1）。所有报告都必须写的固定提法（以习近平同志为核心的党中央、
    “两个确立”“两个维护”等，见 rules/data/formulas.toml）不计为复制；与索引比较时，在索引中超过 M 位
    作者的报告中都出现的片段视为通用语言，也不计。同一轮次内不从被审的报告本身学习“通用语言”：
    一个县的报告都抄同一个模板网站时，抄的人越多越应当看见，而不是越看不见。

    为什么：照抄同事、照搬往年、套用网上范文是述职报告最常见、处理最重的问题。审阅者需要像知网查重报告那样
    看到抄了哪里、从哪里抄的。

    示例：报告第 3 段“全年完成招商引资项目21个，到位资金18.6亿元……”与去年同一人的报告第 5 段只差年份和数字，
    相似度 0.94。

    应当怎样写：写本人本年度实际做的事。引用上级文件和固定提法不受影响。

    本规则需要其他文档，单独一份文本无法触发：用 `shuzhi check --index 目录`（与索引比较）
    或 `shuzhi review`（同一轮次内两两比较）运行。规则自带的示例与一份固定的“来源报告”比对检验。
    """
    report = _report(ctx)
    if report is None:
        return
    for m, src, others in _copied_spans(report.sources, ctx.options["min-chars"], ctx.options["min-identity"]):
        para = src.paragraph_of(m.b_start)
        excerpt = src.text[m.b_start : m.b_end]
        msg = f"与《{_name(src)}》{_who(src)}第 {para} 段的文字相同或近似：{m.chars} 字，相似度 {m.identity:.0%}"
        if others:
            msg += f"；另见于 {len(others)} 份文档"
        data = {
            "source": src.source,
            "source_id": src.id,
            "source_start": m.b_start,
            "source_end": m.b_end,
            "source_paragraph": para,
            "source_excerpt": excerpt[:300],
            "chars": m.chars,
            "identity": round(m.identity, 4),
            "person": src.person,
            "year": src.year,
            "kind": src.kind,
            "own": src.own,
            "other_sources": others[:OTHER_SOURCES],
        }
        if len(others) > OTHER_SOURCES:  # the message gives the count; a paragraph of a template is in hundreds
            data["other_sources_total"] = len(others)
        yield Hit(m.a_start, m.a_end, msg, data)


_SPAN = attrgetter("a_start", "a_end", "chars", "identity")


def _copied_spans(sources, min_chars: int, min_identity: float):
    """(match, its source, the names of the other sources of its span, sorted) for each copied span of a report.

    The matches of at least ``min_chars`` characters and ``min_identity``, ordered by their start (the longer first,
    then as the sources list them), are grouped: a match starting before the end of its group's first match joins
    that group. Each group gives its longest match (the higher identity on equal length; the first on a tie) and
    the other sources' names (every source in the group but that match's own). A round's report has ~2,000
    matches from hundreds of sources: ordered and compared as arrays, each source named once.
    """
    ms = [m for s in sources for m in s.matches]
    if not ms:
        return
    owner = np.repeat(np.arange(len(sources)), [len(s.matches) for s in sources])
    start, end, chars, identity = zip(*map(_SPAN, ms), strict=True)
    start, chars = np.array(start, dtype=np.int64), np.array(chars, dtype=np.int64)
    identity = np.array(identity, dtype=np.float64)
    kept = np.flatnonzero((chars >= min_chars) & (identity >= min_identity))
    if not len(kept):
        return
    # By start, the longer first, ties in the sources' order: one stable sort of one key.
    c = chars[kept]
    key = (start[kept] - start[kept].min()) * (int(c.max() - c.min()) + 1) + (c.max() - c)
    order = kept[np.argsort(key, kind="stable")].tolist()
    starts = start[order].tolist()
    ends = [end[k] for k in order]
    best_of = list(zip(chars[order].tolist(), identity[order].tolist(), strict=True))
    # A source may be listed twice (the same object): "other" means another object, as `is not` tells.
    first: dict[int, int] = {}
    same = [first.setdefault(id(s), j) for j, s in enumerate(sources)]
    names = [_name(s) for s in sources]
    own = [same[j] for j in owner[order].tolist()]
    lo, n = 0, len(order)
    while lo < n:
        hi = bisect_left(starts, ends[lo], lo + 1)  # the first match starting at or after the group's first end
        b = lo
        for k in range(lo + 1, hi):
            if best_of[k] > best_of[b]:
                b = k
        mine = own[b]
        others = sorted({names[j] for j in own[lo:hi] if j != mine})
        yield ms[order[b]], sources[mine], others
        lo = hi


# How many of the other documents sharing a copied passage a C301 finding names (data.other_sources, in name order).
OTHER_SOURCES = 10


@rule(
    code="C302",
    name="near-duplicate",
    title="整篇报告与另一份报告高度相似",
    severity="error",
    triggers=(EXAMPLE_SOURCE.replace("十二次", "十次").replace("七次", "六次"),),
    passes=(
        "一年来，本人认真履行职责，牵头完成了全县3个重点项目的招商工作。",
        # One passage copied, the rest the writer's own: a C301, not a near-duplicate.
        "我认真履职尽责。聚焦稳增长，牵头推进招商引资攻坚行动，赴长三角、珠三角地区开展专题招商七次，签约落地项目三个。今后继续努力。",
    ),
    options={"threshold": 0.5, "coverage": 0.8},
    needs=("index",),
)
def near_duplicate(doc, ctx):
    """检查什么：整篇报告与索引中（或同一轮次中）的另一份报告高度相似：两篇的字符 5 字组集合的
    Jaccard 相似度达到阈值（threshold，默认 0.5），或本报告至少有 coverage（默认 80%）的文字见于那一份报告。
    固定提法不计入。每份报告只报一次：说明本报告多少文字见于最相似的那份报告、两篇的文档相似度，
    其余高度相似的报告列出份数。同一轮次中几乎相同的报告（MinHash 签名至少 80% 相同，如同一模板的
    许多副本）归为一组，每份报告的说明写“与本轮另外 N 份报告基本相同”并给出这一组的代表；组内报告
    只与代表逐段比对，不两两比对（N 份副本只需 N − 1 次比对）。

    为什么：把去年的报告改个日期再交、两位同事的报告 95% 相同、从模板网站下载后只改标题，
    都是已公开通报的案例。同一法律的前后两个修订版本（如 2015 年与 2025 年的代表法）的 Jaccard 相似度为 0.61；
    随机抽取的 200 对无关法律最高 0.05，没有一对达到阈值。

    示例：报告与本人去年的报告文档相似度 0.82，本报告 93% 的文字见于去年的报告。

    应当怎样写：每年的述职报告应写本年度的工作；不要提交他人或往年的报告。

    本规则需要其他文档，单独一份文本无法触发：用 `shuzhi check --index 目录`
    或 `shuzhi review` 运行。规则自带的示例与一份固定的“来源报告”比对检验。
    """
    report = _report(ctx)
    if report is None:
        return
    threshold = ctx.options["threshold"]
    coverage = ctx.options["coverage"]
    similar = [src for src in report.sources if src.near_duplicate >= threshold or src.copied >= coverage]
    if not similar:
        return
    # One finding per report: the source most of it is found in; the others (or its cluster) named in the message.
    src = similar[0]  # report.sources is ordered by share copied
    first = doc.paragraphs[0] if doc.paragraphs else (0, 0)
    measured = (
        f"本报告 {src.copied:.0%} 的文字见于《{_name(src)}》{_who(src)}，"
        f"两篇所用字句的重合度（文档相似度）为 {src.near_duplicate:.0%}"
    )
    if report.cluster:
        rep = PurePath(str(report.representative or "").replace("\\", "/")).name
        msg = f"与本轮另外 {len(report.cluster)} 份报告基本相同（同一份文本的副本，一组 {len(report.cluster) + 1} 份，代表《{rep}》）：{measured}"
    else:
        msg = f"整篇与另一份报告高度相似：{measured}"
        if len(similar) > 1:
            msg += f"；另有 {len(similar) - 1} 份报告也与本报告高度相似"
    yield Hit(
        first[0],
        first[1],
        msg,
        {
            "source": src.source,
            "source_id": src.id,
            "near_duplicate": round(src.near_duplicate, 4),
            "copied": round(src.copied, 4),
            "person": src.person,
            "year": src.year,
            "kind": src.kind,
            "own": src.own,
            "passages": len(src.matches),
            "total_copied": round(report.total, 4),
            "copied_excluding_own": round(report.excluding_own, 4),
            "max_single": round(report.max_single, 4),
            "other_sources": [s.source for s in similar[1:]],
            "cluster": list(report.cluster),
            "cluster_size": len(report.cluster) + 1 if report.cluster else 0,
        },
        subject=str(src.source or src.id),
    )
