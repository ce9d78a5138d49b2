"""Traditional-Chinese reports (Big5 or UTF-8) are analysed through a character-for-character simplified view."""

from __future__ import annotations

import json
import tomllib
from importlib import resources

import pytest

from conftest import CORPUS, SEEDS, seed
from loaders.docbuilders import seed_paragraphs
from shuzhi import check_document
from shuzhi.loaders import load, loads
from shuzhi.rules.config import Config
from shuzhi.text.normalize import TRADITIONAL_SHARE


def _t2s() -> dict[str, str]:
    data = tomllib.loads(resources.files("shuzhi.text").joinpath("t2s_chars.toml").read_text(encoding="utf-8"))
    return dict(zip(data["traditional"], data["simplified"], strict=False))


def _s2t_big5() -> dict[int, str]:
    """Simplified -> a traditional character of the same table that Big5 can encode (the first one)."""
    table: dict[int, str] = {}
    for trad, simp in _t2s().items():
        if ord(simp) in table:
            continue
        try:
            trad.encode("big5")
        except UnicodeEncodeError:
            continue
        table[ord(simp)] = trad
    return table


S2T = _s2t_big5()

# A short report written by hand in traditional characters, and the same report written by
# hand in simplified ones: the analysed text of the first must be exactly the second.
TRADITIONAL = """2023年副縣長述職述廉報告
一年來，本人在縣委、縣政府的堅強領導下，認真履行職責，現將有關情況報告如下。
一、加強學習，提高政治站位
堅持每週參加理論學習，全年撰寫學習心得12篇。
二、聚焦發展，抓好分管工作
全年完成固定資產投資12.5億元，新建農村公路46公里，改造危房320戶。
三、嚴守紀律，保持清正廉潔
嚴格落實中央八項規定精神，從未收受禮品禮金。
四、存在的問題
一是理論學習還不夠深入；二是調查研究還不夠經常。
五、今後打算
一是加強學習；二是改進作風；三是狠抓落實。
特此報告，請予評議。
"""
SIMPLIFIED = """2023年副县长述职述廉报告
一年来，本人在县委、县政府的坚强领导下，认真履行职责，现将有关情况报告如下。
一、加强学习，提高政治站位
坚持每周参加理论学习，全年撰写学习心得12篇。
二、聚焦发展，抓好分管工作
全年完成固定资产投资12.5亿元，新建农村公路46公里，改造危房320户。
三、严守纪律，保持清正廉洁
严格落实中央八项规定精神，从未收受礼品礼金。
四、存在的问题
一是理论学习还不够深入；二是调查研究还不够经常。
五、今后打算
一是加强学习；二是改进作风；三是狠抓落实。
特此报告，请予评议。
"""


def _findings(doc):
    res = check_document(doc, Config())
    return [(f.code, f.start, f.end, f.line, f.column, f.end_line, f.end_column) for f in res.findings]


def test_hand_written_traditional_report_reads_as_its_simplified_original():
    doc = loads(TRADITIONAL)
    assert doc.script == "traditional"
    assert doc.text == SIMPLIFIED.strip()
    assert doc.raw == TRADITIONAL  # the source itself is kept as written
    assert doc.meta.script == "traditional"
    assert doc.meta.title == "2023年副县长述职述廉报告"
    assert (doc.meta.year, doc.meta.role) == (2023, "副县长")


def test_traditional_shortcomings_and_plans_parts_are_found():
    # QA's bug: 存在的問題 / 今後打算 were not recognised, so S302/S303 fired falsely.
    doc = loads(TRADITIONAL)
    kinds = [s.kind for s in doc.outline.sections]
    assert "shortcomings" in kinds and "plans" in kinds
    codes = {c for c, *_ in _findings(doc)}
    assert not codes & {"S301", "S302", "S303"}, codes


def test_traditional_figures_are_read_with_their_scale():
    # 12.5億元 is 1.25e9 yuan; before the fix 億 was unknown and the figure was lost.
    doc = loads(TRADITIONAL)
    money = [q for q in doc.quantities if q.kind == "currency"]
    assert [(q.text, float(q.value) * q.scale, q.unit) for q in money] == [("12.5亿元", 1.25e9, "元")]
    a, b = doc.raw_span(money[0].start, money[0].end)
    assert doc.raw[a:b] == "12.5億元"  # the position points at the original characters


def test_simplified_report_keeps_its_few_traditional_characters():
    text = "\n".join(seed_paragraphs(3)[:6]) + "\n乾隆年间的旧城改造，我们在「後街」项目中完成投资3亿元。"
    doc = loads(text)
    assert doc.script == "simplified"
    assert doc.text == text  # 乾 and 後 stay: far below the share of a traditional report


@pytest.mark.parametrize("n_traditional, script", [(10, "simplified"), (11, "traditional")])
def test_script_is_traditional_above_the_share(n_traditional, script):
    assert TRADITIONAL_SHARE == 0.05
    text = "好" * (200 - n_traditional) + "國" * n_traditional  # 200 Chinese characters
    doc = loads(text)
    assert doc.script == script
    assert doc.text.count("国" if script == "traditional" else "國") == n_traditional


@pytest.mark.parametrize("n", range(len(SEEDS)))
def test_every_seed_is_simplified(n):
    doc = load(seed(n))
    assert doc.script == "simplified"


@pytest.mark.parametrize("codec", ["utf-8", "big5"])
@pytest.mark.parametrize("n", [0, 2, 3])
def test_seed_in_traditional_gets_the_same_analysis(tmp_path, n, codec):
    # 着 has no Big5 code: a traditional writer types 著, which OpenCC keeps as 著 (it is
    # also simplified), so the reference report says 著 too. Big5 has no no-break space either.
    original = seed(n).read_text(encoding="utf-8").replace("着", "著").replace("\xa0", " ")
    traditional = original.translate(S2T)
    assert traditional != original
    path, ref_path = tmp_path / "trad.txt", tmp_path / "simp.txt"
    path.write_bytes(traditional.encode(codec))
    ref_path.write_text(original, encoding="utf-8")
    doc, ref = load(path), load(ref_path)
    assert doc.script == "traditional" and ref.script == "simplified"
    assert doc.raw == traditional
    assert doc.text == ref.text
    heads = lambda d: [(s.kind, d.text[s.start : s.end].split("\n")[0]) for s in d.outline.walk()]  # noqa: E731
    assert heads(doc) == heads(ref)
    meta, ref_meta = doc.meta.to_dict(), ref.meta.to_dict()
    assert meta.pop("script") == "traditional" and ref_meta.pop("script") == "simplified"
    assert meta == ref_meta
    found, expected = _findings(doc), _findings(ref)
    assert found == expected  # same codes, offsets, and file lines/columns
    assert any(code[0] in "SNP" for code, *_ in expected), "the seed should have some S/N/P finding to compare"


def test_meta_command_shows_the_script(tmp_path, shuzhi_cli):
    path = tmp_path / "r.txt"
    path.write_bytes(TRADITIONAL.encode("big5"))
    rc, out, _ = shuzhi_cli("meta", str(path), "--format", "json")
    assert rc == 0 and out["script"] == "traditional" and out["title"] == "2023年副县长述职述廉报告"
    rc, out, _ = shuzhi_cli("meta", str(path))
    assert "文字：繁体" in out
    rc, out, _ = shuzhi_cli("check", str(path), "--format", "json")
    report = out if isinstance(out, dict) else json.loads(out)
    metas = [r["meta"] for r in report.get("results", [report])] if "results" in report else [report["meta"]]
    assert metas[0]["script"] == "traditional"


def test_gov_report_of_1954_is_traditional_and_1955_is_not():
    # Real documents: the 1954 report was published in traditional characters; the 1955 one
    # is simplified with six traditional characters left in 51,777 Chinese ones.
    assert load(CORPUS / "gov-reports" / "gwr_1954_071.txt").script == "traditional"
    assert load(CORPUS / "gov-reports" / "gwr_1955_070.txt").script == "simplified"
