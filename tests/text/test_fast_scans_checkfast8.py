"""The eighth speed pass on the plain checks (#17, branch checkfast8): each fast path equals main's code it
replaced (main f7c5006's code, copied here, is the oracle)."""

from __future__ import annotations

import random

import pytest

import shuzhi
from conftest import CORPUS
from shuzhi.figures import identities as ids
from shuzhi.figures.identities import _AMOUNTS, _listed_parts, _lists, _shares_claim, _sum_claim, builtin

_MAIN_NOT_LEVEL = ("增长", "增加", "下降", "减少", "提高", "目标", "计划", "预计", "力争", "上年", "去年", "同比", "占")


# ---- main's code (f7c5006), as it was ------------------------------------------------------------------
def _main_identity_claims(doc, identities=None):
    table = identities if identities is not None else builtin().get("figures.identities", [])
    qs = [q for q in doc.quantities if q.kind in _AMOUNTS and q.qualifier in ("", None)]
    out = []
    i = 0
    for pa, pb in doc.paragraphs:
        para = []
        while i < len(qs) and qs[i].start < pb:
            if qs[i].start >= pa:
                para.append(qs[i])
            i += 1
        listing = doc.text.find("分别", pa, pb) >= 0
        if len(para) < 3 and not listing:
            continue
        text = doc.text[pa:pb]
        lists = _lists(doc, pa, pb) if listing else []
        if len(para) < 3 and not lists:
            continue
        for ident in table:
            if not lists and not any(w in text for w in ident["whole"]):
                continue
            if any(w in text for w in ident.get("unless", ())):
                continue
            listed = _listed_parts(ident, lists)
            for shares in listed.pop("shares", []):
                out.append(_shares_claim(ident, shares))
            if not any(w in text for w in ident["whole"]):
                continue
            claim = _sum_claim(ident, para, listed)
            if claim is not None:
                out.append(claim)
    return out


def _main_named(q, names, exclude=()):
    ind = q.indicator.replace("增加值", "")
    if any(w in ind for w in _MAIN_NOT_LEVEL) or any(w in q.indicator for w in exclude):
        return None
    for n in sorted(names, key=len, reverse=True):
        if n.replace("增加值", "") in ind and n in q.indicator:
            return n
    return None


# ---- identities: the paragraphs worth reading found by bisection ------------------------------------------
_PIECES = (
    "地区生产总值",
    "生产总值",
    "第一产业增加值",
    "第二产业增加值",
    "第三产业增加值",
    "三次产业增加值占地区生产总值的比重",
    "一般公共预算收入",
    "税收收入",
    "非税收入",
    "常住人口",
    "城镇人口",
    "乡村人口",
    "户籍人口",
    "进出口总额",
    "出口",
    "进口",
    "党员",
    "正式党员",
    "预备党员",
    "夏粮",
    "秋粮",
    "早稻",
    "粮食总产量",
    "分别为",
    "分别完成",
    "分别",
    "分",
    "别",
    "和",
    "、",
    "，",
    "。",
    "增长",
    "其中",
    "同比",
    "\n",
    "\n",
    "\n\n",
    " ",
)
_FIGURES = (
    "100亿元",
    "20亿元",
    "30亿元",
    "50亿元",
    "8亿元",
    "2亿元",
    "10亿元",
    "20%",
    "30%",
    "50%",
    "3万吨",
    "36名",
    "5万人",
)


def _random_text(rng: random.Random) -> str:
    """Statements of the identities' wholes and parts with figures (sums that hold or not, 分别 lists, shares),
    cut into lines at random, among noise."""
    table = builtin().get("figures.identities", [])
    parts = ["2023年度述职报告\n"]
    for _ in range(rng.randint(1, 8)):
        ident = rng.choice(table)
        unit = rng.choice(("亿元", "万元", "万人", "万吨", "名"))
        names = [rng.choice(ns) for ns in ident["parts"]]
        whole = rng.choice(ident["whole"])
        vals = [rng.randint(1, 60) for _ in names]
        total = sum(vals) + rng.choice((0, 0, 1))
        form = rng.random()
        if form < 0.4:
            bits = [f"{whole}{total}{unit}"] + [f"{n}{v}{unit}" for n, v in zip(names, vals, strict=True)]
            rng.shuffle(bits)
            seps = ["，", "，", "、", "；", "\n", "其中"]
            parts.append("".join(b + rng.choice(seps) for b in bits))
        elif form < 0.7:
            parts.append("、".join(names) + rng.choice(("分别为", "分别完成", "分别")))
            parts.append("、".join(f"{v}{unit}" for v in vals) + rng.choice(("，", "\n", "。")))
            parts.append(f"{whole}{total}{unit}" if rng.random() < 0.7 else "")
        else:
            shares = [rng.randint(1, 60) for _ in names]
            parts.append(f"{'、'.join(names)}占{whole}的比重分别为" + "、".join(f"{x}%" for x in shares))
        for _ in range(rng.randint(0, 4)):
            parts.append(rng.choice(_FIGURES) if rng.random() < 0.35 else rng.choice(_PIECES))
    return "".join(parts)


def _claims(claims):
    return [c.__dict__ for c in claims]


@pytest.fixture(scope="module")
def corpus_docs():
    paths = (
        sorted((CORPUS / "gov-reports").glob("*.txt"))
        + sorted((CORPUS / "seeds").glob("0*.txt"))
        + sorted((CORPUS / "laws").glob("*.txt"))[:200]
    )
    return [shuzhi.load(p) for p in paths] + [
        shuzhi.loads(t)
        for t in (
            "2023年度述职报告\n全县地区生产总值100亿元，第一产业增加值20亿元，第二产业增加值30亿元，第三产业增加值50亿元。",
            "2023年度述职报告\n第一、二、三产业增加值分别为20亿元、30亿元和50亿元，地区生产总值达100亿元。",
            "2023年度述职报告\n三次产业增加值占地区生产总值的比重分别为20%、30%和50%。",
            "2023年度述职报告\n税收、非税收入分别完成8亿元和2亿元，一般公共预算收入10亿元，早稻3万吨。",
        )
    ]


def test_identity_claims_equal_mains_on_the_corpus(corpus_docs):
    found = 0
    for d in corpus_docs:
        fast = _claims(ids.identity_claims(d))
        assert fast == _claims(_main_identity_claims(d)), d.source
        found += len(fast)
    assert found >= 4  # the corpus holds none: the four texts above do


def test_identity_claims_equal_mains_on_random_texts():
    rng = random.Random(8)
    found = listed = 0
    for _ in range(1500):
        d = shuzhi.loads(_random_text(rng))
        fast = _claims(ids.identity_claims(d))
        assert fast == _claims(_main_identity_claims(d)), d.text
        found += len(fast)
        listed += "分别" in d.text
    assert found > 300 and listed > 500


def test_claimable_paragraphs_take_the_figures_as_the_walk_over_every_paragraph_does():
    """Figures in no paragraph (between them: a paragraph is a non-empty line), 分别 cut by a line end or ending
    a paragraph: the paragraphs read and their figures are the walk's."""
    rng = random.Random(88)
    for _ in range(1500):
        d = shuzhi.loads(_random_text(rng))
        qs = [q for q in d.quantities if q.kind in _AMOUNTS and q.qualifier in ("", None)]
        walk = []
        i = 0
        for k, (pa, pb) in enumerate(d.paragraphs):
            para = []
            while i < len(qs) and qs[i].start < pb:
                if qs[i].start >= pa:
                    para.append(qs[i])
                i += 1
            if len(para) >= 3 or d.text.find("分别", pa, pb) >= 0:
                walk.append((k, para))
        assert ids._claimable_paragraphs(d.text, d.paragraphs, qs) == walk, d.text


def test_named_equals_mains(corpus_docs):
    table = builtin().get("figures.identities", [])
    seen = 0
    for d in corpus_docs[:120]:
        for q in d.quantities:
            for ident in table:
                part_names = [n for names in ident["parts"] for n in names]
                for names in (ident["whole"], part_names):
                    exclude = ident.get("not", ())
                    assert ids._named(q, names, exclude) == _main_named(q, names, exclude)
                    seen += 1
    assert seen > 10000


def test_named_equals_mains_on_random_indicators():
    """Indicators made of the identities' names, the words that make a figure no level (each of them) and others."""
    from shuzhi.figures.quantities import Quantity

    table = builtin().get("figures.identities", [])
    words = [n for ident in table for ns in (ident["whole"], *ident["parts"]) for n in ns]
    words += [*_MAIN_NOT_LEVEL, "增加值", "全县", "其中", "，", "年末", "总"]
    rng = random.Random(18)
    refused = 0
    for _ in range(20000):
        indicator = "".join(rng.choice(words) for _ in range(rng.randint(0, 4)))
        q = Quantity(0, 1, "1", 1, 0, 1, "", "count", "", 1.0, 1.0, indicator=indicator)
        ident = rng.choice(table)
        names = rng.choice((ident["whole"], [n for ns in ident["parts"] for n in ns]))
        exclude = ident.get("not", ())
        assert ids._named(q, names, exclude) == _main_named(q, names, exclude), indicator
        refused += any(w in indicator for w in _MAIN_NOT_LEVEL)
    assert refused > 5000


# ---- text.digits: \d searched as [0-9] in a text whose only digits are 0-9 ---------------------------------
from shuzhi.analysis import dimensions as dm  # noqa: E402
from shuzhi.analysis import signals  # noqa: E402
from shuzhi.figures import quantities  # noqa: E402
from shuzhi.text import digits  # noqa: E402

_OTHER_DIGITS = "٣۵߃३৭੪૫୬௭౮೯൦๓໔༢၅႖០᠑᥈᧐᪓᭓᮰᱂᱒꘣꣔꤁꧓꧴꩑꯹０５𐒢𑁧𝟑🯵"


def test_every_other_decimal_digit_lies_where_ascii_digits_looks():
    other = [c for c in range(0x110000) if c > 127 and chr(c).isdecimal()]
    assert len(other) > 600
    assert all(c > 0xFFFF or any(lo <= c <= hi for lo, hi in digits._OTHER_DIGIT_RANGES) for c in other)
    assert all(digits._MAYBE[min(c, 0xFFFF)] for c in other)
    assert not any(digits._MAYBE[ord(c)] for c in "，。；：！？（）、“”‘’—…《》【】〇\u3000一十百千万亿")
    assert all(c.isdecimal() for c in _OTHER_DIGITS)


def _plain_ascii_digits(text: str) -> bool:
    return not any(c.isdecimal() and c not in "0123456789" for c in text)


def _mixed_text(rng: random.Random) -> str:
    pool = [
        "增长",
        "第",
        "条",
        "亿元",
        "万人",
        "%",
        "，",
        "。",
        "“",
        "”",
        "—",
        "…",
        "\n",
        " ",
        "．",
        "3",
        "12",
        "0.5",
        "一",
        "十",
        "月",
        "日",
        "《",
        "》",
        "X",
        "×",
        "ab",
        "\u3007",
        "\u3021",
        "\uff05",
        "\U00020000",
    ]
    bits = [rng.choice(pool) for _ in range(rng.randint(0, 30))]
    if rng.random() < 0.5:
        bits.insert(rng.randint(0, len(bits)), rng.choice(_OTHER_DIGITS))
    return "".join(bits)


def test_ascii_digits_equals_the_plain_test(corpus_docs):
    rng = random.Random(81)
    texts = [d.text for d in corpus_docs] + [_mixed_text(rng) for _ in range(20000)]
    texts += [t + c for t in texts[:50] for c in _OTHER_DIGITS[:5]]
    odd = 0
    for t in texts:
        assert digits.ascii_digits(t) == _plain_ascii_digits(t), t
        assert digits.ascii_digits(t) == _plain_ascii_digits(t)  # asked again (the last text's answer kept)
        odd += not _plain_ascii_digits(t)
    assert odd > 5000
    a, b = "增长12%", "增长١2%"
    for t in (a, b, a, b[:-1] + "%", a):  # an equal text that is another object is asked again
        assert digits.ascii_digits(t) == _plain_ascii_digits(t)


def test_ascii_digit_pattern():
    f = digits.ascii_digit_pattern
    assert f(r"\d+") == "[0-9]+"
    assert f(r"[\d.]") == "[0-9.]"
    assert f(r"[^\d]") == "[^0-9]"
    assert f(r"\D") == "[^0-9]"
    assert f(r"\\d") == r"\\d"
    assert f(r"[]\d]\d") == "[]0-9][0-9]"
    assert f(r"[^]\d]") == "[^]0-9]"
    assert f(r"[\]\d]\d") == r"[\]0-9][0-9]"
    assert f(r"(?<=\d)x\s\w") == r"(?<=[0-9])x\s\w"
    with pytest.raises(ValueError):
        f(r"[\D]")


_TWINS = (
    (dm._FIGURE_RE, dm._FIGURE_RE_ASCII),
    (signals._FACT_RE, signals._FACT_RE_ASCII),
    (quantities.QUANTITY_RE, quantities.QUANTITY_RE_ASCII),
)


def _matches(pattern, text):
    return [(m.span(), m.groups()) for m in pattern.finditer(text)]


def test_twins_match_as_the_patterns_do_where_the_digits_are_ascii(corpus_docs):
    rng = random.Random(82)
    texts = [d.text for d in corpus_docs] + [_mixed_text(rng) for _ in range(20000)]
    seen = [0, 0, 0]
    for t in texts:
        if not digits.ascii_digits(t):
            continue
        for k, (plain, twin) in enumerate(_TWINS):
            m = _matches(plain, t)
            assert _matches(twin, t) == m, (plain.pattern, t)
            seen[k] += len(m)
    assert min(seen) > 5000


def test_texts_with_other_digits_are_searched_with_the_patterns_as_written():
    rng = random.Random(83)
    differ = 0
    for _ in range(5000):
        t = _mixed_text(rng)
        fig = [(m.start(), m.end(), m.group(), ("绩",)) for m in dm._FIGURE_RE.finditer(t)]
        hits = dm._CueHits(t, dm.Lexicons())
        assert [h for h in hits.hits if h[3] == ("绩",) and h in fig] == fig
        assert signals.facts_in(t) == [m.span() for m in signals._FACT_RE.finditer(t)]
        assert signals.has_fact(t, 0, len(t)) == (signals._FACT_RE.search(t) is not None)
        q = quantities.extract(t)
        assert [(x.start, x.end) for x in q] == [(x.start, x.end) for x in _extract_with(quantities.QUANTITY_RE, t)]
        differ += _matches(signals._FACT_RE, t) != _matches(signals._FACT_RE_ASCII, t)
    assert differ > 500


def _extract_with(pattern, text):
    """quantities.extract() searching with ``pattern`` whatever the text's digits."""
    saved = quantities.QUANTITY_RE_ASCII, quantities.QUANTITY_RE
    quantities.QUANTITY_RE_ASCII = quantities.QUANTITY_RE = pattern
    try:
        return quantities.extract(text)
    finally:
        quantities.QUANTITY_RE_ASCII, quantities.QUANTITY_RE = saved
