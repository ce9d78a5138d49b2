"""Word automatic list numbering (numbering.xml) rendered as the text a reader sees: 一、 （一） 1."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_LEVEL_REF = re.compile(r"%([1-9])")

# Bounds on what a (possibly hostile) numbering.xml can make us render. Word's own limits: nine
# levels (ilvl 0–8) and start values 0–32767; no real label is longer than a dozen characters.
MAX_LEVEL = 8
MAX_START = 32767
MAX_LABEL = 64

_DIGITS = "〇一二三四五六七八九"
_LEGAL = "零壹贰叁肆伍陆柒捌玖"
_STEMS = "甲乙丙丁戊己庚辛壬癸"
_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"


def _chinese(n: int, digits: str = _DIGITS, units: tuple[str, ...] = ("", "十", "百", "千")) -> str:
    """一 … 十 十一 … 二十 … 一百零一: Word's chineseCounting for 1–9999."""
    if n <= 0 or n > 9999:
        return str(n)
    if n < 10:
        return digits[n]
    if n < 20 and units[1] == "十":
        return "十" + (digits[n - 10] if n > 10 else "")
    out = []
    s = str(n)
    zero = False
    for i, ch in enumerate(s):
        d = int(ch)
        place = len(s) - 1 - i
        if d == 0:
            zero = True
            continue
        if zero and out:
            out.append("零" if digits is _DIGITS else digits[0])  # 一百零五, but 〇 is a digit, not a filler
        zero = False
        out.append(digits[d] + units[place])
    return "".join(out)


def _roman(n: int) -> str:
    if n <= 0 or n >= 4000:
        return str(n)
    vals = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ]
    out = []
    for v, s in vals:
        while n >= v:
            out.append(s)
            n -= v
    return "".join(out)


def _letter(n: int) -> str:
    # Word repeats the letter: A … Z, AA … ZZ, AAA …
    if n <= 0:
        return str(n)
    return chr(ord("A") + (n - 1) % 26) * min((n - 1) // 26 + 1, MAX_LABEL)


def _enclosed(n: int, first: int, count: int) -> str:
    return chr(first + n - 1) if 1 <= n <= count else str(n)


def format_number(n: int, fmt: str) -> str:
    """The number ``n`` written in Word's numFmt ``fmt`` (unknown formats fall back to decimal)."""
    if n < 0:
        return str(n)  # no list format has a minus sign; only a hostile file gets here
    if fmt in (
        "chineseCounting",
        "chineseCountingThousand",
        "taiwaneseCounting",
        "taiwaneseCountingThousand",
        "japaneseCounting",
    ):
        return _chinese(n)
    if fmt in ("ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand"):
        return "".join(_DIGITS[int(c)] for c in str(n))
    if fmt == "chineseLegalSimplified":
        return _chinese(n, _LEGAL, ("", "拾", "佰", "仟"))
    if fmt in ("ideographLegalTraditional", "japaneseLegal"):
        return _chinese(n, "零壹貳參肆伍陸柒捌玖", ("", "拾", "佰", "仟"))
    if fmt == "ideographTraditional":
        return _STEMS[(n - 1) % 10] if n >= 1 else str(n)
    if fmt == "ideographZodiac":
        return _BRANCHES[(n - 1) % 12] if n >= 1 else str(n)
    if fmt == "ideographEnclosedCircle":
        return _enclosed(n, 0x3280, 10)
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese"):
        return _enclosed(n, 0x2460, 20)
    if fmt == "decimalEnclosedParen":
        return _enclosed(n, 0x2474, 20)
    if fmt == "decimalEnclosedFullstop":
        return _enclosed(n, 0x2488, 20)
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return "".join(chr(0xFF10 + int(c)) for c in str(n))
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "upperLetter":
        return _letter(n)
    if fmt == "lowerLetter":
        return _letter(n).lower()
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt == "none":
        return ""
    return str(n)


@dataclass
class Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."
    restart: int | None = None  # w:lvlRestart: 0 never, k restart after level k (1-based); None: after any higher
    legal: bool = False  # w:isLgl: references to higher levels in decimal ("1.1" instead of "一.1")


@dataclass
class NumberingDefinitions:
    """numbering.xml: abstract lists and the num instances paragraphs refer to."""

    abstract: dict[str, dict[int, Level]] = field(default_factory=dict)
    nums: dict[str, tuple[str, dict[int, int]]] = field(default_factory=dict)  # numId -> (abstractId, start overrides)
    # abstractNum ids that only link to a numbering style (w:numStyleLink), resolved via styles.
    style_links: dict[str, str] = field(default_factory=dict)

    def levels(self, num_id: str, style_num: dict[str, str]) -> tuple[str, dict[int, Level], dict[int, int]] | None:
        """(abstract id, its levels, this instance's start overrides) of a numId, or None."""
        entry = self.nums.get(num_id)
        if entry is None:
            return None
        abstract_id, overrides = entry
        for _ in range(4):  # follow numStyleLink → style → numId → abstractNum, a few hops at most
            link = self.style_links.get(abstract_id)
            if link is None:
                break
            linked_num = style_num.get(link)
            if linked_num is None or linked_num not in self.nums:
                break
            abstract_id = self.nums[linked_num][0]
        lv = self.abstract.get(abstract_id)
        return (abstract_id, lv, overrides) if lv else None


def parse_int(value: str | None, lo: int, hi: int) -> int | None:
    """A plain decimal integer attribute ("12", "-3") within [lo, hi], or None.

    Only ASCII digits: str.isdigit() also accepts "²" and "٣", which int() then refuses; and
    a bounded length, so a 5,000-digit value costs nothing (and never reaches int()).
    """
    if value is None:
        return None
    v = value.strip()
    digits = v[1:] if v[:1] in "-+" else v
    if not digits or len(digits) > 9 or not digits.isascii() or not digits.isdigit():
        return None
    n = int(v)
    return n if lo <= n <= hi else None


def _val(el, tag: str) -> str | None:
    c = el.find(W + tag)
    return None if c is None else c.get(W + "val")


def _parse_level(lvl) -> Level:
    lv = Level()
    start = parse_int(_val(lvl, "start"), 0, MAX_START)
    if start is not None:
        lv.start = start
    fmt = _val(lvl, "numFmt")
    if fmt:
        lv.fmt = fmt
    text = _val(lvl, "lvlText")
    if text is not None:
        lv.text = text
    restart = parse_int(_val(lvl, "lvlRestart"), 0, MAX_LEVEL + 1)
    if restart is not None:
        lv.restart = restart
    legal = lvl.find(W + "isLgl")
    lv.legal = legal is not None and legal.get(W + "val", "1") not in ("0", "false", "off")
    return lv


def parse_numbering(root) -> NumberingDefinitions:
    defs = NumberingDefinitions()
    if root is None:
        return defs
    for an in root.iterfind(W + "abstractNum"):
        aid = an.get(W + "abstractNumId")
        levels = {}
        for lvl in an.iterfind(W + "lvl"):
            ilvl = parse_int(lvl.get(W + "ilvl", "0"), 0, MAX_LEVEL)
            if ilvl is not None:
                levels[ilvl] = _parse_level(lvl)
        defs.abstract[aid] = levels
        link = _val(an, "numStyleLink")
        if link:
            defs.style_links[aid] = link
    for num in root.iterfind(W + "num"):
        nid = num.get(W + "numId")
        aid = _val(num, "abstractNumId")
        overrides: dict[int, int] = {}
        for ov in num.iterfind(W + "lvlOverride"):
            ilvl = parse_int(ov.get(W + "ilvl", "0"), 0, MAX_LEVEL)
            if ilvl is None:
                continue
            so = parse_int(_val(ov, "startOverride"), 0, MAX_START)
            if so is not None:
                overrides[ilvl] = so
            lvl = ov.find(W + "lvl")
            if lvl is not None and aid is not None:
                # A level redefined for this instance only: give the instance its own copy.
                base = dict(defs.abstract.get(aid, {}))
                base[ilvl] = _parse_level(lvl)
                aid = f"{aid}@{nid}"
                defs.abstract[aid] = base
        if nid is not None and aid is not None:
            defs.nums[nid] = (aid, overrides)
    return defs


class Counter:
    """Counts list items and renders each item's label, as Word does.

    Word keeps the running count on the abstract list (ECMA-376 §17.9), so numIds that
    share an abstractNum continue one sequence; a numId with a startOverride restarts
    that sequence at its first item on the overridden level, and the others go on from
    there. Using a level resets the deeper levels unless their lvlRestart says otherwise.
    """

    def __init__(self, defs: NumberingDefinitions, style_num: dict[str, str]):
        self.defs = defs
        self.style_num = style_num
        self.state: dict[str, list[int | None]] = {}
        self.seen: set[tuple[str, int]] = set()

    def label(self, num_id: str, ilvl: int) -> str:
        """The rendered label of the next item (``""`` for bullets and unknown lists)."""
        found = self.defs.levels(num_id, self.style_num)
        if found is None:
            return ""
        abstract_id, levels, overrides = found
        lv = levels.get(ilvl) if 0 <= ilvl <= MAX_LEVEL else None
        if lv is None:
            return ""
        counts = self.state.setdefault(abstract_id, [None] * (MAX_LEVEL + 1))
        if ilvl in overrides and (num_id, ilvl) not in self.seen:
            counts[ilvl] = overrides[ilvl]
        else:
            counts[ilvl] = lv.start if counts[ilvl] is None else counts[ilvl] + 1
        self.seen.add((num_id, ilvl))
        for deeper in range(ilvl + 1, MAX_LEVEL + 1):
            d = levels.get(deeper)
            restart = d.restart if d else None
            if restart is None or (restart != 0 and ilvl < restart):
                counts[deeper] = None
        if lv.fmt == "bullet":
            # Bullet glyphs ("", "•") are decoration, not words of the report.
            return ""

        def ref(m: re.Match) -> str:
            k = int(m.group(1)) - 1
            ref_level = levels.get(k, Level())
            n = counts[k] if counts[k] is not None else overrides.get(k, ref_level.start)
            fmt = "decimal" if (lv.legal and k < ilvl) else ref_level.fmt
            return format_number(n, fmt)

        # A label is a few characters; a hostile lvlText or a letter format at a huge count is not.
        return _LEVEL_REF.sub(ref, lv.text[:MAX_LABEL])[:MAX_LABEL]
