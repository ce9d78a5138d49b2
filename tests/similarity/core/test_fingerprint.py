"""Fingerprints: the winnowing guarantee, formula masking, digits unified, MinHash estimates."""

from __future__ import annotations

import random

import numpy as np
import pytest

from shuzhi.model.errors import ConfigError
from shuzhi.similarity.core.align import align
from shuzhi.similarity.core.formulas import formula_list
from shuzhi.similarity.core.hashing import fingerprint_text
from shuzhi.similarity.core.minhash import estimate_jaccard
from shuzhi.similarity.core.settings import Settings
from shuzhi.similarity.core.shingle import fingerprint
from shuzhi.similarity.core.winnow import winnow

ALPHABET = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严"


def _random_text(rng, n):
    return "".join(rng.choice(ALPHABET) for _ in range(n))


@pytest.mark.parametrize("n_shared", [13, 14, 20, 40])
def test_every_shared_run_of_n_chars_is_found(n_shared):
    # The winnowing guarantee, checked on random texts: a run of N shared characters
    # placed anywhere is always found, whatever surrounds it.
    rng = random.Random(n_shared)
    s = Settings()
    for trial in range(60):
        shared = _random_text(rng, n_shared)
        a = _random_text(rng, rng.randint(0, 300)) + shared + _random_text(rng, rng.randint(0, 300))
        b = _random_text(rng, rng.randint(0, 300)) + shared + _random_text(rng, rng.randint(0, 300))
        fa, fb = fingerprint(a, s), fingerprint(b, s)
        passages = align(fa, fb)
        ia, ib = a.index(shared), b.index(shared)
        assert any(p.a0 <= ia and p.a1 >= ia + n_shared and p.b0 <= ib for p in passages), (trial, shared)


def test_runs_shorter_than_n_are_not_reported():
    rng = random.Random(7)
    s = Settings()
    for _ in range(40):
        shared = _random_text(rng, 12)
        a = _random_text(rng, 200) + shared + _random_text(rng, 200)
        b = _random_text(rng, 200) + shared + _random_text(rng, 200)
        # random 200-char texts over a 600-char alphabet share nothing else of length ≥ 12
        assert align(fingerprint(a, s), fingerprint(b, s)) == []


def test_winnow_selects_one_fingerprint_in_every_window():
    h = np.random.default_rng(0).integers(0, 2**63, size=1000, dtype=np.uint64)
    w = 9
    sel = set(winnow(h, w).tolist())
    for i in range(len(h) - w + 1):
        assert sel & set(range(i, i + w))


def test_fingerprint_text_drops_punctuation_and_unifies_digits():
    assert fingerprint_text("增强“四个意识”，完成 12.5 亿元！") == "增强四个意识完成000亿元"
    assert fingerprint_text("ＧＤＰ增长5%") == fingerprint_text("gdp增长7%")


def test_formulas_are_masked_even_with_different_punctuation():
    s = Settings()
    fl = formula_list()
    a = "我们必须增强“四个意识”、坚定“四个自信”、做到“两个维护”，这是根本。"
    fp = fingerprint(a, s, fl)
    masked = "".join(ch for ch, m in zip(fp.codes.tobytes().decode("utf-32-le"), fp.masked, strict=False) if m)
    assert masked == "增强四个意识坚定四个自信做到两个维护"
    # Same formula with other punctuation: still masked, so two texts sharing only it share nothing.
    b = "全体干部要增强四个意识，坚定四个自信，做到两个维护。我们还修了路。"
    assert align(fp, fingerprint(b, s, fl)) == []
    # Without the list, the 18 shared characters are a copied passage.
    assert align(fingerprint(a, s), fingerprint(b, s))


def test_minhash_estimates_jaccard():
    from shuzhi.similarity.compare import jaccard

    rng = random.Random(3)
    s = Settings()
    base = _random_text(rng, 3000)
    other = base[:1800] + _random_text(rng, 1200)
    fa, fb = fingerprint(base, s), fingerprint(other, s)
    exact = jaccard(fa, fb)
    assert 0.3 < exact < 0.6
    assert abs(estimate_jaccard(fa.signature, fb.signature) - exact) < 0.15
    assert estimate_jaccard(fa.signature, fingerprint(_random_text(rng, 3000), s).signature) < 0.1


def test_settings_are_validated_with_specific_messages():
    with pytest.raises(ConfigError, match="min-chars"):
        Settings(min_chars=3)
    with pytest.raises(ConfigError, match="num-perm"):
        Settings(num_perm=100, bands=32)
    with pytest.raises(ConfigError, match="未知的复制检测参数"):
        Settings.from_dict({"min_chars": 13, "window": 9})
    assert Settings().window == 9  # k + w − 1 = 13


def test_prefiltered_formula_mask_equals_the_full_scan(corpus):
    from shuzhi.similarity.core.formulas import formula_mask, formula_mask_codes
    from shuzhi.similarity.core.hashing import fingerprint_codes

    fl = formula_list()
    paths = sorted((corpus / "seeds").glob("0*.txt")) + sorted((corpus / "gov-reports").glob("gwr_202*.txt"))
    total = 0
    for p in paths:
        codes, _ = fingerprint_codes(p.read_text(encoding="utf-8"))
        full = formula_mask(codes.astype("<u4").tobytes().decode("utf-32-le"), fl)
        fast = formula_mask_codes(codes, fl)
        assert np.array_equal(full, fast), p.name
        total += int(full.sum())
    assert total > 1000  # the reports are full of formulas: the comparison means something
