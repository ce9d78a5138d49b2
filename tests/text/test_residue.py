"""Vendor residue: which raw spans are cut out of the analysed text (and reported as P103)."""

from __future__ import annotations

import pytest

import shuzhi
from conftest import seed
from shuzhi.text.residue import find_residue


def residue_lines(raw: str) -> list[int]:
    """1-based numbers of the lines that hold residue."""
    return sorted({raw.count("\n", 0, e.raw_start) + 1 for e in find_residue(raw)})


def test_seed_002_vendor_header_and_contact_lines():
    raw = seed(2).read_text(encoding="utf-8")
    # Lines 1–8 and 15: the vendor's header (watermark, its name and slogan, the membership
    # notice, "会员群：免费QQ群："); 18 and 51: "酷乐文行整理，咨询QQ206157060".
    # Line 16, the report's title between them, stays.
    assert residue_lines(raw) == [1, 2, 3, 4, 5, 6, 7, 8, 15, 18, 51]
    doc = shuzhi.load(seed(2))
    assert doc.text.split("\n")[0] == "县长2020年述学述职述廉述法报告"
    for gone in ("仅供学习", "酷乐文行", "会员资料", "会员群", "QQ206157060", "订阅"):
        assert gone not in doc.text
    kinds = {e.kind for e in doc.excluded}
    assert {"watermark", "membership", "contact", "vendor-ad"} <= kinds


@pytest.mark.parametrize("n", [0, 1, 3])
def test_paid_markers_are_cut_even_mid_word(n):
    raw = seed(n).read_text(encoding="utf-8")
    doc = shuzhi.load(seed(n))
    assert [e.kind for e in doc.excluded] == ["paid-marker", "paid-marker"]
    assert "paid" not in doc.text
    assert len(doc.text) < len(raw)
    if n == 0:
        assert "制定招商引资方案" in doc.text  # "方##paidbegin##案" joined again


@pytest.mark.parametrize(
    "text",
    [
        # A report's own sentences about its channels, secrecy and members are report text.
        "通过微信公众号发布政务信息1200条，建立QQ群、微信群等沟通渠道。",
        "开通监督举报QQ：12345678，设立举报电话。",
        "严格执行保密规定，涉密文件严禁外传。",
        "增加微信支付、支付宝等缴费渠道。",
        "发展新会员120名，基层工会会员达到3.2万人。",
        "推动政务新媒体矩阵建设，县政府网站访问量增长30%。",
        "订阅《人民日报》《求是》等党报党刊。",
        "仅供参考的数据不得作为考核依据。",
    ],
)
def test_report_sentences_are_never_cut(text):
    raw = f"县长述职报告\n{text}\n一年来，本人认真履行职责。"
    assert find_residue(raw) == []
    assert text.replace(" ", "") in shuzhi.loads(raw).text


@pytest.mark.parametrize(
    "line",
    [
        "仅供学习 禁止外传 用后删除",
        "本文由某某范文网整理，更多范文请访问 www.example.com",
        "加我微信：abc12345 获取全套资料",
        "会员群：123456789",
        "【会员资料仅供内部交流使用，严禁外传及用于商业用途，违者后果自负】",
    ],
)
def test_vendor_lines_are_cut(line):
    raw = f"县长述职报告\n{line}\n一年来，本人认真履行职责。"
    spans = find_residue(raw)
    assert len(spans) == 1 and raw[spans[0].raw_start : spans[0].raw_end] == line.strip()
    assert shuzhi.loads(raw).text == "县长述职报告\n一年来，本人认真履行职责。"


def test_a_long_paragraph_mentioning_qq_is_not_residue():
    para = (
        "深入推进政务公开，" + "通过门户网站、微信公众号和QQ群及时发布信息，" * 4 + "咨询QQ群众反映的问题得到及时回应。"
    )
    assert len(para) > 80
    assert find_residue(f"报告\n{para}\n") == []


def test_title_between_residue_lines_is_kept():
    raw = "仅供学习 禁止外传\n县长述职报告\n咨询QQ206157060\n一年来，本人认真履行职责。"
    assert residue_lines(raw) == [1, 3]
