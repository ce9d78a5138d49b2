"""P family: unfilled placeholders (P101), numbers left out (P102), template-site residue (P103)."""

from __future__ import annotations

import numpy as np

from ..analysis.dimensions import memo
from ..model.findings import Hit
from ..text.fastre import compile_skipping
from .base import rule
from .placeholder_scan import (
    _BARE_PERCENT,
    _BARE_UNIT,
    _PAIR,
    _is_label,
    _Patterns,
    _patterns,
    find_placeholders,
    marks_free,
    propose_percent,
)

MISSING_ZH = {
    "figure": "数字",
    "place": "地名",
    "date": "日期（年份或月日）",
    "congress": "党代会届次",
    "name": "人名",
    "text": "具体内容",
}


def _proposal_text(p: dict | None) -> str:
    if not p:
        return ""
    return f"；按同句数字推算应为 {p['proposal']:.1f}%（{p['formula']}）"


# ---- P101 -----------------------------------------------------------------------
def _p101_message(data: dict) -> str:
    tok = data["placeholder"]
    if "masked" in data:
        return f"模板网站的屏蔽字“{tok}”未还原（应为“{data['masked']}”）"
    msg = f"未填写的占位符“{tok}”：此处缺少{MISSING_ZH[data['missing']]}"
    return msg + _proposal_text(data if "proposal" in data else None)


@rule(
    code="P101",
    name="unfilled-placeholder",
    title="未填写的占位符",
    severity="error",
    triggers=(
        "认真贯彻党的XX大精神。",
        "全年完成地区生产总值XX亿元、增长XX%。",
        "抽调力量谋划储备项目X个。",
        "刑事案件立案**起、下降**%。",
        "20XX年，我县经济运行稳中有进。",
        "X月X日，组织召开全县安全生产工作会议。",
        "在XX镇召开现场推进会。",
        "XXX同志分管财政工作。",
        "先后赴某某县考察招商。",
        "全年完成投资【待补充】。",
        "牵头推进[项目名称]建设。",
        "严明ZZ纪律和政治规矩。",
        "坚持中国***的领导。",
    ),
    passes=(
        "为乡镇卫生院配备X光机、X射线安检设备和B超、CT设备。",
        "全面推行“1+X”证书制度，开通7×24小时政务服务热线。",
        "成功举办3×3篮球联赛，PM2.5平均浓度下降到32微克/立方米，建成5G基站1200个。",
        "发扬“5+2”、“白+黑”的敬业精神，制定出台“1+16”方案。",
        "为环卫工人定制XXL码工作服，推进X012县道和G104国道改造。",
        "在案例分析中，某企业因违规排污被处罚款20万元；某公司被责令限期改正。",
        "依法查处张某某等3人违纪违法问题。",
        "一九八○年以来，全县人口增长了一倍。二〇〇八年完成对口援建。",
        "启动防汛Ⅳ级应急响应，第XII届全运会在辽宁举行。",
        "附件：民主测评表\n被测评人：__________\n测评人签名：__________　测评时间：____年__月__日",
        "本报告以“述职报告_张立军_2023.docx”为文件名报送。",
    ),
)
def unfilled_placeholder(doc, ctx):
    """检查什么：模板中未填写的占位符——XX、xx、XXX、×××、X、*、** 出现在数字、地名、日期、
    党代会届次、人名应在的位置（X个、XX亿元、**%、**县、在XX镇、党的XX大、20XX年、X月X日、
    第X季度、XXX同志），以及 某某、○○、□□、____、【待补充】、（填写……）、[项目名称] 等填空位，
    和模板网站的屏蔽字（中国***、X员干部、ZZ纪律）。还报告：单位前的单个下划线（“新修通村道路_公里”
    “达＿公里”）、带小数点的掩码（X.X亿元、XX.X%）、含掩码的年份区间（20XX-20XX年度、20xx~20xx年、
    XXXX-XXXX年度，繁体亦同），以及单位前留出的一串空格（“新建高标准农田    亩”“改造　个”（一个全角空格也算）：载入时中文之间的
    空格会被去掉，所以在原文中查找；只查有标点的句子，不查表头）。每条结果说明缺少的是什么（data.missing：
    figure 数字 / place 地名 / date 日期 / congress 党代会届次 / name 人名 / text 其他内容）；
    占位符后是“%”、且同一句中的其他数字足以算出该百分比时（“达到13.68亿元，完成全年任务
    12.67亿元的XX%”），给出推算值与算式（data.proposal、data.formula）。

    为什么：交上去的报告里留着占位符，是最难堪的差错，也是照搬模板最确凿的证据。审阅人
    一眼就能看到，写作者却往往漏看。

    示例：“抽调力量谋划储备项目X个，财政专项列支X万元”“认真贯彻党的XX大精神”“奋力推进**县
    经济社会高质量发展”。

    不会报告：X射线、X光、“1+X”证书、7×24小时、3×3篮球、PM2.5、5G、CT、B超、GDP、XXL、
    “5+2”“白+黑”“1+16”、罗马数字（Ⅳ级、第XII届）、型号与道路编号（X012县道、Mate X）、拉丁词、
    案例中的某企业/某公司、匿名化的人名（张某某、王××）、年份中的“○”（一九八○年）；测评人、被测评人、签名、
    测评时间等由评议人填写的空格和附件测评表的表格行（“被测评人：______”“测评时间：____年__月__日”），
    整行下划线的分隔线，文件名中的下划线（述职报告_张立军_2023.docx）。
    X、* 单独出现时只在其后紧跟量词、单位、日期、地名或职务时才报告；两个及以上（XX、**、×××）
    夹在中文之间时报告。

    准确率（详见 docs/bench/placeholders.md；占位符是写在文中的事实，不是启发式判断）：自编测试集（194 个占位符、178 个
    诱饵句，调参所用）准确率 1.000、召回率 1.000；调参后另写的留出集（79 个占位符、85 个诱饵句）
    准确率 0.987、召回率 0.987。gov-reports 语料（政府工作报告等 88 篇）没有任何结果；法律法规
    语料 768 篇中有 13 处，全部是两部法规引用的待填表格（“××律师事务所”“处以XX元的罚款”），
    确属填空位。

    应当怎样写：填入真实的数字、地名、日期和届次（“储备项目126个”“党的二十大”）；没有数字就
    删去该句，不要保留 X 或 **。词表在 placeholders.toml 中，地方可在配置 [lexicons] 中扩展
    （如 "placeholders.place_suffixes" = ["嘎查", "苏木"]）。
    """
    pat = _patterns(ctx)
    if not _marks_free(doc, ctx):
        for a, b, data in find_placeholders(doc.text, pat):
            yield Hit(a, b, _p101_message(data), data)
    yield from _blank_runs(doc, pat)


def _marks_free(doc, ctx) -> bool:
    """marks_free() of the document's text, asked once for P101 and P102 together. False when a locality's
    pattern is broken: P101 reports it (X001), P102 then runs in full as it does without P101."""
    try:
        pat = _patterns(ctx)
    except ValueError:
        return False
    return memo(doc, "placeholder-marks-free", ctx.lexicons, lambda: marks_free(doc.text, pat))


# 新建高标准农田    亩: a run of blanks left for a number. Loading removes whitespace between Chinese
# characters, so the run is looked for in the raw text: two or more spaces (half- or full-width) or
# underscores mixed with spaces, or one full-width space (a stray half-width space is a PDF's, not a blank), after a Chinese character that does not itself follow a blank (a
# spaced-out PDF line), before a unit, in a line that is a sentence (a table header has no ，。；).
_BLANK_RUN = compile_skipping(
    r"(?<=[\u4e00-\u9fff])(?<![ \u3000][\u4e00-\u9fff])(?:[ \u3000\t_＿]{2,}|\u3000)(?=[\u4e00-\u9fff%])"
)


def _blank_runs(doc, pat: _Patterns):
    raw = doc.raw
    to_raw = doc.to_raw
    # The lookbehinds made finditer try every character; told the start set (compile_skipping), the engine
    # jumps from blank to blank (same matches as scan(), faster).
    for m in _BLANK_RUN.finditer(raw):
        ra, rb = m.span()
        if not m.group().strip("_＿"):
            continue  # underscores only: find_placeholders reads them in the text
        u = None if pat.unit_compound.match(raw, rb) else pat.unit.match(raw, rb)
        if not u or u.group().startswith(("余", "多")):
            continue
        ue = u.end()
        if ue < len(raw) and raw[ue] in " \u3000":
            continue
        ls = raw.rfind("\n", 0, ra) + 1
        le = raw.find("\n", rb)
        line = raw[ls : le if le >= 0 else len(raw)]
        if not any(c in line for c in "，。；,;"):
            continue
        at = min(int(np.searchsorted(to_raw, rb, side="left")), len(doc.text))
        data = {"placeholder": m.group(), "missing": "figure", "unit": u.group("unit"), "blank": True}
        yield Hit(
            at,
            at,
            f"未填写的空白：“{u.group('unit')}”前留有空格而没有数字，此处缺少数字",
            data,
            raw_span=(ra, rb),
        )


# ---- P102 -----------------------------------------------------------------------
@rule(
    code="P102",
    name="number-missing",
    title="缺少数字",
    severity="error",
    triggers=(
        "全县争取到位资金达到13.68亿元，完成全年任务12.67亿元的%。",
        "社会消费品零售总额增长%。",
        "全年一般公共预算收入完成亿元。",
        "城镇化率提高个百分点。",
    ),
    passes=(
        "财政收入同比增长8.5%，完成预算的103.2%。",
        "全年新签约亿元以上项目26个，培育产值超千亿元产业集群1个。",
        "实现了从“万元户”到小康之家的跨越。",
        "比上年增长百分之十二。",
        "指标\n增长%\n占比（%）\n单位：万元、%",
    ),
)
def number_missing(doc, ctx):
    """检查什么：单位或百分号前缺了数字——“完成全年任务12.67亿元的%”“增长%”“完成亿元”
    “提高个百分点”。同一句中的其他数字足以算出缺失的百分比时，给出推算值与算式：
    “达到13.68亿元，完成全年任务12.67亿元的%”→ 13.68 ÷ 12.67 × 100 = 108.0%；
    “完成7.48亿元，同比增收4亿元，增长%”→ 4 ÷ (7.48 − 4) × 100 = 114.9%。只推算这两种
    句式，其余只报告缺失。

    为什么：从模板或往年报告改写时删去了旧数字却没有填新数字，读者看到的是一句不通的话。

    示例：“全县争取到位资金……达到13.68亿元，完成全年任务12.67亿元的%”（种子报告 001）。

    不会报告：“亿元以上项目”“千亿元产业集群”“万元户”“百分之十二”等不需要数字的写法，
    以及表头中的单位（“增长%”单独成行、“占比（%）”“单位：万元、%”）。
    不是启发式判断（单位前没有数字是写在文中的事实）：测试集 12 处与留出集 5 处缺数字全部找到，诱饵句无误报；gov-reports 与法律
    法规语料上没有任何结果（docs/bench/placeholders.md）。

    “分别完成万元和万元”“分别完成投资万元和万元”“分别比上年提高个百分点和个百分点”这类成对的缺数字
    （“分别”之后至多六个字、以表示数量的动词结尾，两个单位都没有数字）
    也报告。

    应当怎样写：补上数字（“完成全年任务12.67亿元的108.0%”），或删去该分句。
    """
    if _marks_free(doc, ctx):
        return  # no bare % or unit, no 分别 pair: nothing to report
    seen = set()
    for h in [*_number_missing(doc), *_missing_pairs(doc.text)]:
        if (h.start, h.end) not in seen:
            seen.add((h.start, h.end))
            yield h


def _missing_pairs(text: str):
    for m in _PAIR.finditer(text):
        for g in ("u1", "u2"):
            a, b = m.span(g)
            if m.group(g) == "%":
                continue  # a bare % is reported by the % check itself
            yield Hit(
                a, b, f"“{m.group(g)}”前缺少数字", {"placeholder": m.group(g), "missing": "figure", "unit": m.group(g)}
            )


def _number_missing(doc):
    text = doc.text
    for m in _BARE_PERCENT.finditer(text):
        a = m.start()
        if _is_label(text, a):
            continue
        data = {"placeholder": "%", "missing": "figure", "unit": "%"}
        p = propose_percent(text, a)
        if p:
            data.update(p)
        yield Hit(a, a + 1, "“%”前缺少数字" + _proposal_text(p), data)
    for m in _BARE_UNIT.finditer(text):
        a, b = m.span("unit")
        if _is_label(text, a):
            continue
        unit = m.group("unit")
        yield Hit(a, b, f"“{unit}”前缺少数字", {"placeholder": unit, "missing": "figure", "unit": unit})


# ---- P103 -----------------------------------------------------------------------
RESIDUE_ZH = {
    "paid-marker": "付费内容标记",
    "vendor-ad": "模板网站广告",
    "contact": "联系方式",
    "watermark": "水印或使用声明",
    "membership": "会员通知",
}


def residue_blocks(doc) -> list[list]:
    """Excluded spans grouped into blocks: spans separated only by whitespace form one block."""
    blocks: list[list] = []
    for e in doc.excluded:
        if blocks and not doc.raw[blocks[-1][-1].raw_end : e.raw_start].strip():
            blocks[-1].append(e)
        else:
            blocks.append([e])
    return blocks


@rule(
    code="P103",
    name="template-residue",
    title="模板网站残留",
    severity="error",
    triggers=(
        "仅供学习 禁止外传 用后删除\n县长述职报告\n一年来，本人认真履行职责。",
        "一年来，本人认真履行职责。\n某某文库整理，咨询QQ206157060",
        "一年来，本人认真##paidbegin##履行职责。",
    ),
    passes=(
        "通过微信公众号发布政务信息1200条，建立QQ群、微信群等沟通渠道。",
        "严格执行保密规定，涉密文件严禁外传。",
    ),
)
def template_residue(doc, ctx):
    """检查什么：模板网站留在文件里的东西——广告与水印（“仅供学习 禁止外传 用后删除”
    “自建平台、实时分享”）、联系方式（“咨询QQ206157060”“会员群：”）、会员通知（“举报倒卖
    会员资料……”）、付费内容标记（##paidbegin## / ##paidend##）。这些内容在载入时已从分析
    文本中剔除（`shuzhi text` 看不到），不会再触发 P101 等其他规则；本规则把它们报告出来，
    相邻的残留行（中间只隔空行）合并为一块，每块报告一次，行列号指向源文件中的残留位置，
    data 给出块的行数、种类和原文。

    为什么：残留的广告和标记说明报告是从模板网站下载后改写的；交上去的文件里一旦留下，
    和占位符一样一眼可见。因此严重程度为 error：它出现在提交的文件里，删除即可修正，
    而识别只针对整行的广告、联系方式、声明和标记（见下），误报的代价小于漏报。

    示例：种子报告 002 开头的会员广告块（15 行）、标题下和文末的“酷乐文行整理，咨询QQ……”；
    种子报告 000、001、003 中的 ##paidbegin## / ##paidend##。

    不会报告：报告正文中提到微信公众号、QQ群、保密要求的句子；只有短行（不超过 80 字）且含有
    广告、联系方式或声明的专用说法时才算残留；夹在残留行之间、不超过 30 字的无句号短行
    （网站名、口号）一并归入，但含“述职”“报告”等标题用词的行除外。

    不是启发式判断（只认整行的网站专用说法和标记）：五篇种子报告中的残留全部找到（002 的三块，000/001/003 的付费标记），
    gov-reports 与法律法规语料（856 篇）中没有任何结果。

    应当怎样写：删除这些行和标记。
    """
    to_raw = doc.to_raw
    for block in residue_blocks(doc):
        ra, rb = block[0].raw_start, block[-1].raw_end
        # The analysed-text offset where the block was cut (the end for trailing residue).
        at = min(int(np.searchsorted(to_raw, ra, side="left")), len(doc.text))
        kinds = sorted({e.kind for e in block}, key=list(RESIDUE_ZH).index)
        lines = doc.raw.count("\n", ra, rb) + 1
        text = doc.raw[ra:rb]
        label = "、".join(RESIDUE_ZH.get(k, k) for k in kinds)
        where = f"（共 {lines} 行）" if lines > 1 else ""
        excerpt = " ".join(text.split())
        if len(excerpt) > 40:
            excerpt = excerpt[:40] + "…"
        yield Hit(
            at,
            at,
            f"模板网站残留{where}：{label}“{excerpt}”，已从分析文本中剔除，请从文件中删除",
            {"kinds": kinds, "lines": lines, "text": text, "spans": [[e.raw_start, e.raw_end] for e in block]},
            raw_span=(ra, rb),
        )
