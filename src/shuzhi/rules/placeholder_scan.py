"""Finding placeholders and missing numbers in a text: masks (XX, ×××, **), blanks, slots, bare units and %.

Pure scanning over the analysed text with the placeholder lexicons; the P101/P102 rules in
shuzhi.rules.placeholders turn what is found here into findings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..text.fastre import compile_fast, compile_skipping

# A mask touching one of these is part of a Latin word, a number, a formula or an
# address (7×24, 1+X, XXL, X-ray, Model X, xx.gov.cn): never a placeholder.
_LATINISH = r"A-Za-z0-9_@./+\-=&#~'"
_MASK_CHARS = "Xx×*＊"
# 20XX年, 201X年, 20××年: a year with its last digits masked.
_YEAR_MASK = r"(?:19|20)(?:[0-9][Xx×*＊]|[Xx]{2}|×{2}|[*＊]{2})(?=年|至|—|－|~|～)"
# Possessive runs and the mask characters in the lookbehind: a run is taken whole
# or not at all ("××××3为注册年份" is a code format, not "×××" + "×3").
# X.X亿元, XX.X%: a masked decimal (taken before the plain runs, whose lookahead refuses the dot).
_DECIMAL_MASK = r"(?:[Xx]{1,4}|×{1,4})[.．](?:[Xx]{1,3}|×{1,3})"
_MASK_RE = compile_fast(
    rf"(?<![{_LATINISH}×*＊])(?<![A-Za-z0-9] )"
    rf"(?P<mask>{_YEAR_MASK}|{_DECIMAL_MASK}|[Xx]{{1,6}}+|×{{1,6}}+|[*＊]{{1,6}}+)"
    rf"(?![{_LATINISH}])(?! [A-Za-z0-9])"
)
_YEAR_PART = r"(?:(?:19|20)[0-9Xx×*＊]{2}|[Xx]{4}|×{4})"
# A range of two years (kept only when a mask is in it; 2019-2020年 is checked and dropped).
_YEAR_RANGE = rf"(?<![0-9A-Za-z]){_YEAR_PART}\s?[-—－–~～至到]\s?{_YEAR_PART}(?=年)"
_CJK_NUMERALS = "一二三四五六七八九十零〇○"
_FILL_WORDS = "待补充|待填|请填|填写|填入|请补充|补充|写明"
_PUNCT_AFTER = "，。；、：！？,;:）)”’》」』\n"


def _alt(words) -> str:
    """A regex alternation of literal words, longest first so 个百分点 wins over 个."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


@dataclass(frozen=True)
class _Patterns:
    """Everything P101/P102 match with, compiled once per configuration (ctx.lexicons.cached)."""

    cjk: re.Pattern
    masked: re.Pattern  # one alternation, group "m<i>" for masked_words[i]
    masked_words: tuple[str, ...]
    unit: re.Pattern
    unit_compound: re.Pattern
    date: re.Pattern
    place: re.Pattern
    name_after: re.Pattern
    name_before: re.Pattern
    decoy_after: re.Pattern
    surnames: frozenset
    # Any match of cjk, masked, _MASK_RE or P102's _BARE_UNIT, _BARE_PERCENT, _PAIR: where it finds none,
    # none of them has a match (most reports, nearly every law), and one search over the text says so.
    any_mark: re.Pattern | None = None


def _patterns(ctx) -> _Patterns:
    def build() -> _Patterns:
        slots = _alt(ctx.lexicon("placeholders.slot_words"))
        cjk = compile_fast(
            r"(?P<mou>某某+)"
            r"|(?P<circle>[○◯〇]{2,})"
            r"|(?P<box>[□■△☐]{2,})"
            r"|(?P<line>_{2,}|＿{2,})"
            # 20XX-20XX年度, 20xx~20xx年, XXXX-XXXX年度, 20××至20××年: a year range with a mask.
            rf"|(?P<yrange>{_YEAR_RANGE})"
            # 新修通村道路_公里: one underscore between Chinese characters (kept only before a unit).
            r"|(?P<uline>(?<=[\u4e00-\u9fff])[_＿](?=[\u4e00-\u9fff%]))"
            rf"|(?P<slot>[【\[［][^】\]］\n]{{0,16}}?(?:{slots}|[{_MASK_CHARS}]{{2,}})[^】\]］\n]{{0,16}}?[】\]］]"
            # In parentheses only an instruction that opens them: （填写单位名称）, not （由各单位填写）.
            rf"|[（(](?:请|此处|在此)?(?:{_FILL_WORDS})[^）)\n]{{0,16}}?[）)])"
        )
        table = ctx.lexicon("placeholders.masked")
        for p in table:  # a locality's pattern: say which one is broken, in Chinese
            try:
                re.compile(p)
            except re.error as e:
                raise ValueError(f"词表 placeholders.masked 中的正则表达式无效：{p!r}（{e}）") from None
        masked = compile_fast("|".join(f"(?P<m{i}>{p})" for i, p in enumerate(table)))
        return _Patterns(
            cjk=cjk,
            masked=masked,
            any_mark=_union(cjk, masked, _MASK_RE, _BARE_UNIT, _BARE_PERCENT, _PAIR),
            masked_words=tuple(table.values()),
            unit=re.compile(rf"(?:余|多)?(?P<unit>{_alt(ctx.lexicon('placeholders.units'))})"),
            unit_compound=re.compile(_alt(ctx.lexicon("placeholders.unit_compounds"))),
            date=re.compile(_alt(ctx.lexicon("placeholders.date_words"))),
            place=re.compile(_alt(ctx.lexicon("placeholders.place_suffixes"))),
            name_after=re.compile(_alt(ctx.lexicon("placeholders.name_suffixes"))),
            name_before=re.compile(rf"(?:{_alt(ctx.lexicon('placeholders.name_labels'))})[:：]?\s*$"),
            decoy_after=re.compile(_alt(ctx.lexicon("placeholders.decoy_after"))),
            surnames=frozenset(ctx.lexicon("placeholders.surnames")),
        )

    return ctx.lexicons.cached(("placeholders", "patterns"), build)


def _union(*patterns: re.Pattern) -> re.Pattern | None:
    """One pattern matching wherever one of ``patterns`` does (None when they cannot be joined: a group name
    used twice, a flag): a text it finds nothing in has no match of any of them. Searched once for six
    patterns that find nothing in most reports, it costs half what their six scans did (laws 73 -> 38 ms)."""
    if any(p.flags & ~re.UNICODE for p in patterns):
        return None
    try:
        return compile_skipping("|".join(f"(?:{p.pattern})" for p in patterns))
    except re.error:
        return None


def marks_free(text: str, pat: _Patterns) -> bool:
    """True when no pattern of P101's find_placeholders nor of P102 (bare %, bare unit, 分别 pairs) can match in
    ``text``: both rules then have nothing to look at (their blanks in the raw text aside)."""
    return pat.any_mark is not None and pat.any_mark.search(text) is None


# ---- what a slot stands for ---------------------------------------------------
# 党的XX大, 省第XX次党代会 (with what comes before), XX届X中全会 / 十九届X中全会 (on their own).
_CONGRESS_AFTER = re.compile(r"大(?!于|小|量|力|型|多|幅)|次(?:党代会|党员代表大会|代表大会)")
_PLENUM_AFTER = re.compile(r"届(?:[一二三四五六七八九Xx×*＊]中全会|中央)|中全会")
_FIGURE_BEFORE = re.compile(r"(?:为|达|达到|约|近|超过|指数|增长|下降|提高|完成)$")


def _classify(text: str, a: int, b: int, tok: str, pat: _Patterns) -> tuple[str, str | None] | None:
    """(missing, unit) for a mask at text[a:b], or None when it is not a placeholder."""
    if tok[:1].isdigit():
        return "date", None
    if pat.decoy_after.match(text, b):
        return None
    before = text[max(0, a - 12) : a]
    prev = text[a - 1] if a else "\n"
    nxt = text[b] if b < len(text) else "\n"
    if _PLENUM_AFTER.match(text, b) or (_CONGRESS_AFTER.match(text, b) and before.endswith(("党的", "第"))):
        return "congress", None
    if pat.date.match(text, b):
        return "date", None
    if pat.name_after.match(text, b) or pat.name_before.search(before):
        return "name", None
    if pat.place.match(text, b):
        return "place", None
    m = None if pat.unit_compound.match(text, b) else pat.unit.match(text, b)
    if m:
        return "figure", m.group("unit")
    if len(tok) < 2:
        # A lone X or * is a placeholder only where a figure, date or name belongs.
        return None
    if set(tok) <= set("*＊×") and prev == "\n" and nxt == "\n":
        return None  # a separator line (*** or ×××)
    if _FIGURE_BEFORE.search(before) and nxt in _PUNCT_AFTER:
        return "figure", None
    return "text", None


# ---- proposals: the missing value, when the sentence makes it computable --------
_NUM = r"(\d+(?:\.\d+)?)"
_QTY = r"(亿元|万元|元|万人|人|万吨|吨|万亩|亩|万户|户|亿|万|个|件|项)"
_COMPLETION = re.compile(rf"{_NUM}{_QTY}[^。；\d\n]{{0,12}}?(?:完成|为|占|达到|相当于)[^。；\d\n]{{0,10}}?{_NUM}\2的$")
_INCREMENT = re.compile(
    rf"{_NUM}{_QTY}[，,、]?(?:同比|比上年)?(?:增收|增加|增长|多收)了?{_NUM}\2[，,、]?(?:同比)?(?:增长|增幅为?)$"
)


# How far a placeholder's sentence is looked at on either side: a sentence with no end (one long
# line) must not be scanned whole for every placeholder in it (that was quadratic).
SENTENCE_WINDOW = 300


def _sentence_prefix(text: str, a: int) -> tuple[str, bool]:
    """The sentence before text[a], at most SENTENCE_WINDOW characters; and whether it was cut."""
    lo = max(0, a - SENTENCE_WINDOW)
    start = max(text.rfind(c, lo, a) for c in "。！？；\n") + 1
    cut = start == 0 and lo > 0
    return text[max(start, lo) : a], cut


def propose_percent(text: str, a: int) -> dict | None:
    """The percentage that belongs at text[a] (a slot right before %), or None.

    Two narrow forms only: "A…完成…B的%" (A ÷ B) and "A，同比增收Δ，增长%" (Δ ÷ (A − Δ)),
    with A, B, Δ in the same unit in the same sentence.
    """
    prefix, cut = _sentence_prefix(text, a)
    m = _COMPLETION.search(prefix)
    if m and not (cut and m.start() == 0):  # a number cut by the window is not the number written
        x, y = float(m.group(1)), float(m.group(3))
        if y > 0:
            return {
                "proposal": round(100 * x / y, 1),
                "formula": f"{m.group(1)} ÷ {m.group(3)} × 100",
                "operands": [m.group(1) + m.group(2), m.group(3) + m.group(2)],
            }
    m = _INCREMENT.search(prefix)
    if m and not (cut and m.start() == 0):
        total, delta = float(m.group(1)), float(m.group(3))
        if total > delta > 0:
            return {
                "proposal": round(100 * delta / (total - delta), 1),
                "formula": f"{m.group(3)} ÷ ({m.group(1)} − {m.group(3)}) × 100",
                "operands": [m.group(1) + m.group(2), m.group(3) + m.group(2)],
            }
    return None


# ---- P101: placeholders ----------------------------------------------------------
def _slot_missing(s: str) -> str:
    if "姓名" in s:
        return "name"
    if "日期" in s:
        return "date"
    if "金额" in s or "数" in s:
        return "figure"
    if "地名" in s:
        return "place"
    return "text"


def _names_a_thing(text: str, b: int, pat: _Patterns) -> bool:
    """True when what follows a surname + mask makes it a place, a figure or a date (林×××亩, 于XX镇)."""
    return bool(pat.place.match(text, b) or pat.unit.match(text, b) or pat.date.match(text, b))


_FORMULA_X = compile_skipping(r"[+＋][Xx](?![A-Za-z])|(?<![A-Za-z])[Xx][+＋]")


def _is_variable(text: str, a: int) -> bool:
    """True when the sentence around text[a] writes X in a formula ("1+X", "X+N")."""
    lo, hi = max(0, a - SENTENCE_WINDOW), min(len(text), a + SENTENCE_WINDOW)
    if text.find("+", lo, hi) < 0 and text.find("＋", lo, hi) < 0:
        return False  # a formula's X stands beside a plus sign: none in reach (nearly every lone X of a report)
    start = max(lo, max(text.rfind(c, lo, a) for c in "。！？；\n") + 1)
    ends = [e for e in (text.find(c, a, hi) for c in "。！？；\n") if e >= 0]
    return bool(_FORMULA_X.search(text, start, min(ends) if ends else hi))


def _line_of(text: str, a: int) -> tuple[int, int]:
    lo = max(0, a - SENTENCE_WINDOW)
    start = text.rfind("\n", lo, a) + 1 or lo
    end = text.find("\n", a, a + SENTENCE_WINDOW)
    return start, (end if end >= 0 else min(len(text), a + SENTENCE_WINDOW))


def _separator_line(text: str, a: int, b: int) -> bool:
    """A line of nothing but underscores: a rule between the report and its 抄送 line."""
    start, end = _line_of(text, a)
    return not text[start:end].strip("_＿ \u3000\t")


# Blanks an evaluator fills on a form appended to the report (民主测评表, 评议表): not the writer's.
_EVALUATOR_LABEL = compile_skipping(
    r"(?:被?测评人|被?评议人|被考核人|签名|签字|测评时间|评议时间|填表时间|日期)(?:[（(](?:签字|签名|盖章)[）)])?[：:]$"
)
_FORM_HEAD = re.compile(r"(?:^|\n)\s*(?:附件|附表)|测评表|评议表|测评票|评议票|考核表|登记表")


def _evaluators_blank(text: str, a: int) -> bool:
    """True for a run of underscores an evaluator fills (被测评人：____, 测评时间：____年__月__日), or for a
    form line (a field label and a blank, no sentence punctuation) of a form appended to the report."""
    start, end = _line_of(text, a)
    prefix = text[start:a].rstrip("_＿ \u3000\t年月日")
    if _EVALUATOR_LABEL.search(prefix):
        return True
    if any(c in text[start:end] for c in "，。；,;") or not prefix.endswith(("：", ":")):
        return False
    return bool(_FORM_HEAD.search(text, max(0, start - 2000), start + 1))


_FILE_WORD_STOP = set(" \u3000\t\n，。；、：:“”\"'‘’（）()《》<>【】")


def _in_file_name(text: str, a: int) -> bool:
    """True when the underscore at text[a] joins the parts of a file name (两个下划线, or an extension)."""
    lo = a
    while lo > 0 and a - lo < 60 and text[lo - 1] not in _FILE_WORD_STOP:
        lo -= 1
    hi = a + 1
    while hi < len(text) and hi - a < 60 and text[hi] not in _FILE_WORD_STOP:
        hi += 1
    word = text[lo:hi]
    return word.count("_") + word.count("＿") >= 2 or bool(re.search(r"\.(?:docx?|wps|pdf|xlsx?|txt|ofd)$", word, re.I))


def find_placeholders(text: str, pat: _Patterns) -> list[tuple[int, int, dict]]:
    """Every unfilled placeholder of ``text``: (start, end, data), sorted, not overlapping."""
    found: list[tuple[int, int, int, dict]] = []  # (start, priority, end, data)
    # finditer: compile_fast told the engine each pattern's start set, so it skips faster than scan() does.
    for m in pat.masked.finditer(text):
        word = pat.masked_words[int(m.lastgroup[1:])]
        found.append((m.start(), 0, m.end(), {"placeholder": m.group(), "missing": "text", "masked": word}))
    for m in pat.cjk.finditer(text):
        a, b = m.span()
        tok, kind = m.group(), m.lastgroup
        prev = text[a - 1] if a else ""
        nxt = text[b] if b < len(text) else ""
        if kind == "yrange":
            if any(c in _MASK_CHARS for c in tok):
                found.append((a, 1, b, {"placeholder": tok, "missing": "date"}))
            continue
        if kind == "line" and (_separator_line(text, a, b) or _evaluators_blank(text, a)):
            continue
        if kind == "uline":
            if _in_file_name(text, a):
                continue  # 述职报告_张立军_2023.docx: a file name, not a blank before the unit 张
            cls = _classify(text, a, b, tok, pat)
            if cls is not None and cls[0] == "figure" and cls[1]:
                found.append((a, 2, b, {"placeholder": tok, "missing": "figure", "unit": cls[1]}))
            continue
        if kind == "slot":
            found.append((a, 1, b, {"placeholder": tok, "missing": _slot_missing(tok)}))
            continue
        if kind == "circle" and ((prev and prev in _CJK_NUMERALS) or (nxt and nxt in _CJK_NUMERALS)):
            continue  # 一九八○年, 二〇〇八年: a zero, not a mask
        if kind == "mou" and prev in pat.surnames and not _names_a_thing(text, b, pat):
            continue  # 张某某: an anonymized person in a case description
        cls = _classify(text, a, b, tok, pat) or ("text", None)
        data = {"placeholder": tok, "missing": cls[0]}
        if cls[1]:
            data["unit"] = cls[1]
        found.append((a, 2, b, data))
    for m in _MASK_RE.finditer(text):
        a, b = m.span()
        tok = m.group()
        if (
            tok[0] == "×"
            and len(tok) in (2, 3)
            and a
            and text[a - 1] in pat.surnames
            and not _names_a_thing(text, b, pat)
        ):
            continue  # 王××: an anonymized person
        if tok in ("*", "＊") and text.startswith("号", b):
            continue  # "带*号的指标": the asterisk sign itself
        if len(tok) == 1 and _is_variable(text, a):
            continue  # "2+3+X"工作法，X项为自选动作: X is the formula's variable
        cls = _classify(text, a, b, tok, pat)
        if cls is None:
            continue
        data = {"placeholder": tok, "missing": cls[0]}
        if cls[1]:
            data["unit"] = cls[1]
            if cls[1] == "%":
                p = propose_percent(text, a)
                if p:
                    data.update(p)
        found.append((a, 3, b, data))
    found.sort(key=lambda t: (t[0], t[1]))
    out: list[tuple[int, int, dict]] = []
    last = -1
    for a, _, b, data in found:
        if a >= last:
            out.append((a, b, data))
            last = b
    return out


# ---- P102: numbers left out --------------------------------------------------------
# % right after a Chinese character: 增长%, 的%, 在%以内 (not "（%）" or "单位：%", a unit label).
# Written "%" first (the lookbehind then checks the character before it): a pattern that starts
# with a literal lets the regex engine jump from % to %, instead of trying every character.
_BARE_PERCENT = re.compile(r"%(?<=[\u4e00-\u9fff]%)(?![）)])")


def _is_label(text: str, a: int) -> bool:
    """True when text[a] sits in a short line without sentence punctuation: a table header ("增长%")."""
    # Only the 11 characters either side can make a line of at most 10 (searching the whole line for
    # every % was quadratic on one long line).
    lo = max(0, a - 11)
    start = text.rfind("\n", lo, a) + 1
    if start == 0 and lo > 0:
        return False
    end = text.find("\n", a, a + 11)
    if end < 0 and a + 11 < len(text):
        return False
    line = text[start : end if end >= 0 else len(text)]
    return len(line) <= 10 and not any(c in line for c in "，。；,;")


# A unit right after a verb of amount, then punctuation: 完成亿元，/ 提高个百分点。
_BARE_UNIT = re.compile(
    r"(?:完成|达到|实现|增长|下降|增加|减少|提高|降低|争取|投入|投资|累计|共计|合计|新增|资金|收入|就业|达|为)"
    r"(?P<unit>亿元|万元|万人|万吨|万亩|万户|个百分点)(?=[，。；、,;）)\n]|$|同比)"
)


# 分别增长%和%, 分别完成万元和万元, 分别为万亩和万亩: 分别 with two units and no digit between.
_PAIR_UNITS = "个百分点|亿元|万元|万亩|万人|万户|万吨|平方公里|公里|亿|元|亩|人次|人|户|个|项|家|吨|件|名|所|座|条|%"
# Between 分别 and the first unit: a verb with its object or a comparison (分别完成投资, 分别稳定在,
# 分别比上年提高), up to eight Chinese characters, no digit and no punctuation; it must end in a verb
# of amount, so "分别由个人和企业承担" (no verb before 个) stays a sentence.
_PAIR_VERB = (
    "是|为|达|达到|完成|实现|增长|下降|增加|减少|提高|降低|占|新增|稳定在|保持在|控制在|超过|投资|资金|收入|面积|"
    "人数|户数|总额|培训|帮扶|覆盖|建成|改造|发放|接待|救助|受理|办结"
)
_PAIR = re.compile(
    # 分别发放城乡低保金和特困供养金万元、万元: the verb's object may stand between (up to 14 characters).
    rf"分别(?:[\u4e00-\u9fff]{{0,6}}?(?:{_PAIR_VERB})[\u4e00-\u9fff]{{0,14}}?)?"
    rf"(?P<u1>{_PAIR_UNITS})(?:和|与|及|、)(?:是|为|达|达到)?(?P<u2>{_PAIR_UNITS})"
    r"(?=[，。；、,;）)\n]|$|以上|左右)"
)
