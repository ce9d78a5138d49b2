"""Quantity extraction: every figure of a document with its value, precision, unit, qualifier and interval."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import Decimal

import numpy as np

from ..text.digits import ascii_digit_twin, ascii_digits
from ..text.fastre import compile_skipping

INF = math.inf

# Units, longest first so that 个百分点 wins over 个 and 平方公里 over 公里.
CURRENCY_UNITS = ("美元", "欧元", "港元", "元")
PERCENT_UNITS = ("%", "‰")
POINT_UNITS = ("个百分点", "百分点")
TIMES_UNITS = ("倍",)
TIME_UNITS = ("个月", "小时", "年", "月", "日", "天", "周", "岁", "届", "轮", "季度", "分钟", "秒")
COUNT_UNITS = (
    "人次",
    "户次",
    "件次",
    "家次",
    "车次",
    "架次",
    "批次",
    "场次",
    "个村",
    "个点",
    "人",
    "户",
    "家",
    "个",
    "件",
    "起",
    "处",
    "条",
    "项",
    "次",
    "所",
    "座",
    "名",
    "位",
    "宗",
    "批",
    "套",
    "台",
    "辆",
    "艘",
    "架",
    "场",
    "期",
    "篇",
    "份",
    "张",
    "头",
    "只",
    "株",
    "棵",
    "间",
    "栋",
    "笔",
    "单",
    "例",
    "支",
    "种",
    "类",
    "部",
    "本",
    "册",
    "门",
    "对",
    "村",
    "镇",
    "乡",
    "床",
    "所",
    "列",
    "趟",
    "片",
    "块",
    "口",
    "眼",
)
MEASURE_UNITS = (
    "平方公里",
    "平方千米",
    "平方米",
    "立方米",
    "千瓦时",
    "万千瓦",
    "千瓦",
    "千米",
    "公里",
    "公顷",
    "标准箱",
    "亩",
    "米",
    "吨",
    "公斤",
    "千克",
    "克",
    "斤",
    "度",
    "方",
    "标箱",
    "台套",
)
UNIT_KIND = {}
for _kind, _units in (
    ("currency", CURRENCY_UNITS),
    ("percent", PERCENT_UNITS),
    ("points", POINT_UNITS),
    ("times", TIMES_UNITS),
    ("time", TIME_UNITS),
    ("count", COUNT_UNITS),
    ("measure", MEASURE_UNITS),
):
    for _u in _units:
        UNIT_KIND.setdefault(_u, _kind)
_UNIT_ALT = "|".join(re.escape(u) for u in sorted(UNIT_KIND, key=len, reverse=True))

SCALES = {
    "千": 1_000,
    "万": 10_000,
    "亿": 100_000_000,
    "万亿": 10**12,
    "亿万": 10**12,
    "百万": 10**6,
    "千万": 10**7,
    "十万": 10**5,
}

_CN_DIGIT = "零〇一二两三四五六七八九"
_CN_ALL = "零〇一二两三四五六七八九十百千万亿"
# 1,753 and 1，753 (older texts): a thousands separator only before exactly three digits.
_ARABIC = r"\d{1,3}(?:[,，]\d{3}(?!\d))+(?:\.\d+)?|\d+(?:\.\d+)?"
# A Chinese numeral with a place value (三十, 两千五百), or a lone digit only before 万元/亿元/倍: a lone
# digit with a counter is a name (两个维护, 一批), so it is not even matched.
_CN = (
    f"(?:[{_CN_DIGIT}]?[十百千万亿][{_CN_ALL}]*(?:点[{_CN_DIGIT}]+)?"
    f"|[{_CN_DIGIT}]点[{_CN_DIGIT}]+"
    f"|[一二两三四五六七八九](?=(?:万亿|亿|万|千)(?:余|多)?(?:美元|欧元|港元|元)|倍))"
)
# After a number: a scale (万, 亿; 千 only when it does not start 千米/千克/千瓦), 余/多 between number and
# unit (300余人, 3亿多元), a second scale (300多万元), then the unit.
_SUFFIX = (
    rf"(?P<scale>万亿|亿万|百万|千万|十万|亿|万|千(?![米克瓦]))?"
    rf"(?P<mid>余|多)?(?P<scale2>万亿|亿|万)?"
    rf"(?P<unit>{_UNIT_ALT})?"
)
# The leading lookahead lets the engine skip every character that cannot start a figure (3× faster);
# compile_skipping tells the engine its class, so that it skips in its own search loop (another 1.3×).
QUANTITY_RE = compile_skipping(
    rf"(?=[\d{_CN_ALL}])(?:"
    rf"(?P<pct_cn>(?P<pm>百|千)分之(?P<pct_num>[{_CN_ALL}]+(?:点[{_CN_DIGIT}]+)?|\d+(?:\.\d+)?))"
    rf"|(?P<tenths>(?P<tenths_num>[一二三四五六七八九])成(?![了为立效本果绩员功长就熟型])(?P<tenths_q>以上|以下|左右|多)?)"
    rf"|(?:(?P<num>{_ARABIC})(?P<pct1>%)?(?:(?P<range_sep>[-—–~～至])(?P<num2>{_ARABIC}))?|(?P<cn>{_CN})(?=(?:万亿|亿|万|千|余|多)*(?:{_UNIT_ALT})))"
    rf"{_SUFFIX})"
)
# The same for a text whose digits are all 0-9 (text.digits): the same groups, in the same places.
QUANTITY_RE_ASCII = ascii_digit_twin(QUANTITY_RE, compile_skipping)
# Words right before a number that qualify it (the longest first).
_PRE_QUAL = (
    "不少于",
    "不低于",
    "不超过",
    "不高于",
    "超过",
    "不足",
    "不到",
    "将近",
    "接近",
    "大约",
    "少于",
    "低于",
    "高于",
    "大于",
    "小于",
    "至少",
    "最多",
    "多达",
    "约",
    "近",
    "逾",
    "超",
)
_PRE_QUAL_RANK = {w: i for i, w in reversed(list(enumerate(_PRE_QUAL)))}  # a word's first place
_PRE_QUAL_LENGTHS = sorted({len(w) for w in _PRE_QUAL if len(w) <= 3})  # the 3 characters before
_PRE_QUAL_LAST = frozenset(w[-1] for w in _PRE_QUAL if len(w) <= 3)
_POST_QUAL_RE = re.compile(r"以上|以下|以内|左右|上下|之多|有余|多")
_POST_QUAL_FIRST = frozenset("以左上之有多")
_TENTHS_CUE = re.compile(r"(?:占|近|超|超过|达|达到|约|逾|增长|提高|下降|减少|降低|的|有|将近|不足|不到)$")
# Ordinals, codes and names: a number after these is not an amount.
_BAD_BEFORE = set("第ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_/#.\\")
_BAD_AFTER = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_/号#")
CLAUSE_DELIMS = "，。；、：！？,;:!?\n（）()"
_CLAUSE_RE = re.compile(r"[，。；、：！？,;:!?\n（）()]")
_IS_DELIM = np.zeros(max(map(ord, CLAUSE_DELIMS)) + 2, bool)  # the last entry stands for every code above
_IS_DELIM[[ord(c) for c in CLAUSE_DELIMS]] = True


@dataclass(slots=True)
class Quantity:
    """One figure. ``lo``/``hi`` is the interval of true values it stands for, in base units.

    Base units: the unit times the scale (21.6亿元 → 2.16e9 元); percents stay in percent (5.8% → 5.8),
    个百分点 in points, 倍 in times. ``kind`` is the dimension: currency, count, measure, percent,
    points, times, time, range, or none (a bare number).
    """

    start: int
    end: int
    text: str
    value: Decimal  # as written, before scale
    decimals: int
    scale: int
    unit: str
    kind: str
    qualifier: str
    lo: float
    hi: float
    indicator: str = ""
    exact: bool = False  # a count of whole things with no rounding

    @property
    def base(self) -> float:
        return float(self.value) * self.scale

    @property
    def dimension(self) -> str:
        """What it can be compared with: the unit for amounts, the kind for rates."""
        if self.kind in ("percent", "points", "times"):
            return self.kind
        return self.unit

    def to_dict(self) -> dict:
        return {
            "text": self.text,
            "value": str(self.value),
            "decimals": self.decimals,
            "scale": self.scale,
            "unit": self.unit,
            "kind": self.kind,
            "qualifier": self.qualifier,
            "indicator": self.indicator,
            "interval": [_num(self.lo), _num(self.hi)],
            "start": self.start,
            "end": self.end,
        }


def _num(x: float):
    if x in (INF, -INF):
        return None
    return float(f"{x:.10g}")


def cn_to_decimal(s: str) -> Decimal | None:
    """Read a Chinese numeral (两千五百万, 三十五, 五点八); None when it is not well formed."""
    if "点" in s:
        whole, frac = s.split("点", 1)
        w = cn_to_decimal(whole) if whole else Decimal(0)
        if w is None or not frac or any(c not in _CN_DIGIT for c in frac):
            return None
        return w + Decimal("0." + "".join(str(_digit(c)) for c in frac))
    total = 0
    section = 0
    digit = None
    small = {"十": 10, "百": 100, "千": 1000}
    for c in s:
        d = _digit(c)
        if d is not None:
            if digit is not None and digit != 0 and d != 0:
                return None  # 二三 is not a numeral here
            digit = d
        elif c in small:
            section += (digit if digit is not None else 1) * small[c]
            digit = None
        elif c == "万":
            section += digit or 0
            if section == 0:
                return None
            total += section * 10_000
            section, digit = 0, None
        elif c == "亿":
            section += digit or 0
            total = (total + section) * 100_000_000
            if total == 0:
                return None
            section, digit = 0, None
        else:
            return None
    return Decimal(total + section + (digit or 0))


def _digit(c: str) -> int | None:
    if c in "零〇":
        return 0
    if c == "两":
        return 2
    i = "一二三四五六七八九".find(c)
    return i + 1 if i >= 0 else None


def _decimals(s: str) -> int:
    return len(s.split(".", 1)[1]) if "." in s else 0


def _interval(value: Decimal, decimals: int, scale: int, exact: bool, qualifier: str, kind: str):
    v = float(value) * scale
    if exact:
        lo = hi = v
    else:
        half = 0.5 * 10.0 ** (-decimals) * scale
        lo, hi = v - half, v + half
    q = qualifier
    if not q:
        return lo, hi  # most figures
    if q in ("以上", "不少于", "不低于", "至少", "多达", "之多"):
        hi = INF
    elif q in ("超过", "逾", "超", "高于", "大于"):
        lo, hi = v, INF
    elif q in ("余", "多", "有余"):
        lo, hi = v, v + _step(value, decimals) * scale
    elif q in ("以下", "以内", "不超过", "不高于", "最多"):
        lo = 0.0 if kind not in ("points",) else -INF
    elif q in ("不足", "不到", "少于", "低于", "小于"):
        lo, hi = (0.0 if kind != "points" else -INF), v
    elif q in ("近", "将近", "接近"):  # just below: up to 15 % under it
        lo, hi = lo - 0.15 * v, v
    elif q in ("约", "大约", "左右", "上下"):  # approximately: 10 % either side beyond rounding
        lo, hi = lo - 0.1 * v, hi + 0.1 * v
    return lo, hi


def _step(value: Decimal, decimals: int) -> float:
    """The place value of the last significant digit (300 → 100, 3.5 → 0.1): the width of 300余."""
    if decimals:
        return 10.0 ** (-decimals)
    n = int(value)
    if n == 0:
        return 1.0
    p = 1
    while n % 10 == 0:
        n //= 10
        p *= 10
    return float(p)


# The longest clause kept as a figure's indicator (N209 needs at most ~30 characters).
MAX_INDICATOR = 64
# A float holds at most 309 integer digits: longer numbers are no figure (and converting them is quadratic).
MAX_DIGITS = 309
# No Chinese numeral in a report is this long (一千二百三十四亿五千六百七十八万 is 16).
MAX_CN_NUMERAL = 40


def _too_long(raw: str) -> bool:
    """Whether a written number is longer than any figure can be (see MAX_DIGITS, MAX_CN_NUMERAL)."""
    if len(raw) <= MAX_CN_NUMERAL:  # below both limits (MAX_CN_NUMERAL < MAX_DIGITS): every figure
        return False
    if raw[:1].isdigit():
        return len(raw.split(".", 1)[0]) > MAX_DIGITS or len(raw) > 2 * MAX_DIGITS
    return len(raw) > MAX_CN_NUMERAL


def extract(text: str) -> list[Quantity]:
    """Every quantity in ``text``, in order: one compiled-regex pass, a little work per match."""
    out: list[Quantity] = []
    bad_before = _BAD_BEFORE
    for m in (QUANTITY_RE_ASCII if ascii_digits(text) else QUANTITY_RE).finditer(text):
        # What _quantity refuses first, tested here: most matches of a law are its article numbers
        # (第十二条), 28,000 of 47,000 over the laws.
        s = m.start()
        if s and text[s - 1] in bad_before:
            continue
        q = _quantity(text, m)
        if q is not None and math.isfinite(q.base):  # a 400-digit "number" is no figure
            out.append(q)
    if out:
        # The clause each figure stands in: from the last delimiter before it, at most MAX_INDICATOR characters
        # back (on a line with no delimiter, one long line or a run of figures, the clause would be the whole
        # text before the figure: copying it for every figure was quadratic, and no rule reads more of a
        # clause than a few dozen characters). Found in those characters, reversed: the first delimiter of the
        # reversed window is the last one before the figure (a table lookup over the whole text's code
        # points cost more than the windows of its figures).
        search = _CLAUSE_RE.search
        for q in out:
            s = q.start
            lo = s - MAX_INDICATOR if s > MAX_INDICATOR else 0
            d = search(text[s - 1 : lo - 1 : -1] if lo else text[s - 1 :: -1] if s else "")
            q.indicator = text[s - d.start() if d else lo : s]
    return out


def _pre_qualifier(text: str, start: int) -> str:
    """The first word of _PRE_QUAL that the text before ``start`` ends with, or ""."""
    if not start or text[start - 1] not in _PRE_QUAL_LAST:
        return ""  # no word ends there (most figures): no lookups
    best = ""
    rank = len(_PRE_QUAL)
    for n in _PRE_QUAL_LENGTHS:
        if n <= start:
            r = _PRE_QUAL_RANK.get(text[start - n : start], rank)
            if r < rank:
                best, rank = _PRE_QUAL[r], r
    return best


# QUANTITY_RE's groups by position in m.groups().
_G_CN = QUANTITY_RE.groupindex["cn"] - 1
_G_MID = QUANTITY_RE.groupindex["mid"] - 1
_G_NUM = QUANTITY_RE.groupindex["num"] - 1
_G_NUM2 = QUANTITY_RE.groupindex["num2"] - 1
_G_PCT1 = QUANTITY_RE.groupindex["pct1"] - 1
_G_PCT_CN = QUANTITY_RE.groupindex["pct_cn"] - 1
_G_PCT_NUM = QUANTITY_RE.groupindex["pct_num"] - 1
_G_PM = QUANTITY_RE.groupindex["pm"] - 1
_G_SCALE = QUANTITY_RE.groupindex["scale"] - 1
_G_SCALE2 = QUANTITY_RE.groupindex["scale2"] - 1
_G_TENTHS = QUANTITY_RE.groupindex["tenths"] - 1
_G_TENTHS_NUM = QUANTITY_RE.groupindex["tenths_num"] - 1
_G_TENTHS_Q = QUANTITY_RE.groupindex["tenths_q"] - 1
_G_UNIT = QUANTITY_RE.groupindex["unit"] - 1


def _quantity(text: str, m: re.Match) -> Quantity | None:
    start, end = m.span()
    prev = text[start - 1] if start else ""
    if prev in _BAD_BEFORE:
        return None
    g = m.groups()  # by position (_G_*): a tuple per match, not groupdict()'s dict of fifteen
    if g[_G_PCT_CN]:
        raw = g[_G_PCT_NUM]
        if _too_long(raw):
            return None
        value = Decimal(raw) if raw[0].isdigit() else cn_to_decimal(raw)
        if value is None:
            return None
        unit = "%" if g[_G_PM] == "百" else "‰"
        dec = _decimals(raw) if raw[0].isdigit() else (len(raw.split("点", 1)[1]) if "点" in raw else 0)
        return _finish(text, start, end, value, dec, 1, unit, "", False)
    if g[_G_TENTHS]:
        # 三成 is a share only after 占/近/超过… or before 以上/左右 (一成不变, 九成新 are not).
        if not g[_G_TENTHS_Q] and not _TENTHS_CUE.search(text[max(0, start - 3) : start]):
            return None
        value = Decimal(_digit(g[_G_TENTHS_NUM]) * 10)
        # 三成 is a tenth, not a percent written to the unit: ±5 percent points.
        q = g[_G_TENTHS_Q] or _pre_qualifier(text, start)
        lo, hi = _interval(value, -1, 1, False, q, "percent")
        return Quantity(start, end, m.group(0), value, 0, 1, "%", "percent", q, lo, hi)
    unit = g[_G_UNIT] or ""
    scale_s = (g[_G_SCALE] or "") + (g[_G_SCALE2] or "")
    if g[_G_NUM] is not None:
        raw = g[_G_NUM].replace(",", "").replace("，", "")
        if _too_long(raw):
            return None
        nxt = text[end] if end < len(text) else ""
        if nxt in _BAD_AFTER or (nxt.isdigit()):
            return None
        if g[_G_PCT1]:
            if g[_G_NUM2] is not None:  # 5%-8%: a range of rates
                unit = "%"
            else:
                return _finish(text, start, m.start("pct1") + 1, Decimal(raw), _decimals(raw), 1, "%", "", False)
        value = Decimal(raw)
        dec = _decimals(raw)
        if g[_G_NUM2] is not None:
            return Quantity(start, end, m.group(0), value, dec, _scale(scale_s), unit, "range", "", -INF, INF)
    else:
        raw = g[_G_CN]
        if _too_long(raw):
            return None
        value = cn_to_decimal(raw)
        if value is None or not any(_digit(c) not in (None, 0) for c in raw):
            return None
        kind = UNIT_KIND.get(unit, "none")
        places = any(c in "十百千万亿点" for c in raw)  # 一点五 is an amount as much as 十五
        # A lone digit with a counter is a name (两个维护, 四个意识, 五位一体, 一批), not an amount.
        if not places and not (kind in ("currency", "times") and (scale_s or kind == "times")):
            return None
        if kind in ("none", "time"):
            return None
        if prev == "第":
            return None
        dec = len(raw.split("点", 1)[1]) if "点" in raw else 0
        if dec == 0 and not (kind == "count" and not scale_s and value < 100):
            # 五百亿元 is rounded to its last written digit (±50亿), not to the yuan.
            q = _finish(text, start, end, value, dec, _scale(scale_s), unit, g[_G_MID] or "", False)
            half = 0.5 * _step(value, 0) * q.scale
            if q.lo == q.base - 0.5 * q.scale:
                q.lo = q.base - half
            if q.hi == q.base + 0.5 * q.scale:
                q.hi = q.base + half
            return q
    if not unit and not scale_s:
        kind = "none"
    return _finish(text, start, end, value, dec, _scale(scale_s), unit, g[_G_MID] or "", True)


def _scale(s: str) -> int:
    if not s:
        return 1
    if s in SCALES:
        return SCALES[s]
    n = 1
    for c in s:
        n *= SCALES.get(c, 1)
    return n


def _finish(text, start, end, value, dec, scale, unit, mid, allow_exact) -> Quantity:
    kind = UNIT_KIND.get(unit, "none") if unit else "none"
    qual = mid
    # A qualifier after the figure starts with one of _POST_QUAL_FIRST: most figures have none, no match tried.
    tail = _POST_QUAL_RE.match(text, end) if text[end : end + 1] in _POST_QUAL_FIRST else None
    if tail and not qual:
        qual = tail.group(0)
        if qual == "多" and kind not in ("none",):
            qual = ""  # 300人多 is not a phrasing; 多 here starts the next word
        elif qual == "上下" and text.startswith("上下功夫", end):
            qual = ""
        else:
            end = tail.end()
    if not qual:
        qual = _pre_qualifier(text, start)
    exact = allow_exact and kind == "count" and scale == 1 and dec == 0 and (value < 100 or int(value) % 10 != 0)
    lo, hi = _interval(value, dec, scale, exact, qual, kind)
    return Quantity(start, end, text[start:end], value, dec, scale, unit, kind, qual, lo, hi, "", exact)
