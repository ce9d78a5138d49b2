"""The config's word lists reach `shuzhi corpus` as they reach `review` (#10 leftover, #12): the formulas
masked before fingerprinting (copy detection, C301) and the vendor residue signals (a table's text rows)."""

from __future__ import annotations

from shuzhi.spark import from_table, run_corpus

# Two reports that share one long stock sentence and nothing else (as tests/lexicons).
SHARED = "坚持以人民为中心的发展思想，扎实推进共同富裕示范区建设各项重点任务落地见效"
ROWS = [
    ("a", f"2023年县长述职报告\n一年来，我牵头抓好全县农田水利建设，新修渠道十二公里。{SHARED}。\n"),
    ("b", f"2023年副县长述职报告\n一年来，我分管教育卫生，新建乡镇卫生院两所、幼儿园三所。{SHARED}。\n"),
    # A vendor line the built-in residue signals do not know: with its XX it reads as a placeholder (P101).
    (
        "v",
        "2023年县长述职述廉报告\n一年来，本人认真履行职责，全年完成投资10亿元。\n本文由XX文库网友上传，更多范文请访问本站\n",
    ),
]
CONFIG = f'[lexicons]\n"formulas.stock" = ["{SHARED}"]\n"placeholders.residue_signals" = {{ \'更多范文请访问\' = "vendor-ad" }}\n'


def _run(spark, config_path=None):
    t = run_corpus(from_table(spark.createDataFrame(ROWS, "id string, text string")), config_path=config_path)
    codes = {(r["key"], r["code"]) for r in t.findings.select("key", "code").collect()}
    return {(r["a"], r["b"]) for r in t.pairs.collect()}, codes


def test_formulas_and_residue_of_the_config_reach_the_corpus_run(spark, tmp_path):
    pairs, codes = _run(spark)
    # Without the config: the shared sentence is a copied passage both ways, the vendor line a placeholder.
    assert pairs == {("a", "b")}
    assert ("a", "C301") in codes and ("b", "C301") in codes
    assert ("v", "P101") in codes and ("v", "P103") not in codes

    cfg = tmp_path / "shuzhi.toml"
    cfg.write_text(CONFIG, encoding="utf-8")
    pairs, codes = _run(spark, str(cfg))
    assert pairs == set()  # a stock formula of this locality: never counted as copying
    assert not {c for c in codes if c[1] == "C301"}
    assert ("v", "P103") in codes and ("v", "P101") not in codes
