"""S301–S304 on the seed reports and on reports written for the test."""
from __future__ import annotations

import shuzhi
from conftest import CORPUS, seed
from shuzhi.config import Config, config_from_dict
from shuzhi.engine import check_document


def _codes(doc, cfg=None, prefix="S"):
    cfg = cfg or Config(select=[prefix])
    return [f for f in check_document(doc, cfg).findings if f.code.startswith(prefix)]


def test_seed_004_misses_integrity_and_responsibility_and_shortcomings():
    fs = _codes(shuzhi.load(seed(4)))
    s301 = {f.data["dimension"] for f in fs if f.code == "S301"}
    assert s301 == {"廉", "责"}
    assert any(f.code == "S302" for f in fs)
    # It ends on a motto, not a plan.
    assert any(f.code == "S303" for f in fs)
    f = next(f for f in fs if f.code == "S301" and f.data["dimension"] == "廉")
    assert "述廉" in f.message and f.line == 1


def test_seeds_000_to_003_cover_what_their_titles_promise():
    for n in range(4):
        fs = _codes(shuzhi.load(seed(n)))
        assert not [f for f in fs if f.code == "S301"], (n, [f.message for f in fs])
        assert not [f for f in fs if f.code in ("S302", "S303")], n


def test_seed_003_without_its_integrity_part_gets_s301():
    text = seed(3).read_text(encoding="utf-8")
    a = text.index("三、坚守廉洁底线")
    b = text.index("一年来，虽然取得了一些成绩")
    cut = text[:a] + text[b:]
    assert "八项规定" not in cut and "家风" not in cut
    fs = [f for f in _codes(shuzhi.loads(cut)) if f.code == "S301"]
    assert [f.data["dimension"] for f in fs] == ["廉"]
    assert fs[0].data["share"] < 0.02


def test_campaign_can_drop_a_required_dimension():
    cfg = config_from_dict({"select": ["S"], "campaign": {"required-dimensions": {"述廉": [], "述责": []}}})
    fs = _codes(shuzhi.load(seed(4)), cfg)
    assert not [f for f in fs if f.code == "S301"]


def test_min_share_option_flags_a_thin_dimension():
    # Seed 000's 德 content is one short passage (about 6 % of the body).
    cfg = config_from_dict({"select": ["S301"], "rules": {"S301": {"min-share": 0.1}}})
    fs = _codes(shuzhi.load(seed(0)), cfg)
    thin = {f.data["dimension"]: f for f in fs}
    assert "德" in thin and "只占正文" in thin["德"].message
    assert 0 < thin["德"].data["share"] < 0.1


def test_s302_s303_not_applied_to_a_government_work_report():
    doc = shuzhi.load(CORPUS / "gov-reports" / "gwr_2023_004.txt")
    assert not _codes(doc)


def test_s304_is_off_unless_the_campaign_sets_limits():
    doc = shuzhi.load(seed(0))
    assert not [f for f in _codes(doc) if f.code == "S304"]
    cfg = config_from_dict({"select": ["S304"], "campaign": {"max-chars": 3000}})
    (f,) = _codes(doc, cfg)
    assert f.data["chars"] == doc.char_count > 3000


def test_s304_counts_every_non_whitespace_character():
    # 10 + 12 characters: the title (2023年度述职报告), then 本人认真履职2023年。 with
    # its spaces dropped and the full-width digits counted one each.
    doc = shuzhi.loads("2023年度述职报告\n本人 认真 履职２０２３年。")
    cfg = config_from_dict({"select": ["S304"], "campaign": {"min-chars": 23}})
    (f,) = _codes(doc, cfg)
    assert f.data["chars"] == 22 and "22 字" in f.message
    cfg = config_from_dict({"select": ["S304"], "campaign": {"min-chars": 22}})
    assert not _codes(doc, cfg)


def test_campaign_required_dimensions_are_checked_strictly():
    import pytest

    from shuzhi.errors import ConfigError

    with pytest.raises(ConfigError) as e:
        config_from_dict({"campaign": {"required-dimensions": {"述职": ["能", "清"]}}})
    assert "学、德、能、勤、绩、责、廉、法" in str(e.value)
