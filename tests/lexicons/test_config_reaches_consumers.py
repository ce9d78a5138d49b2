"""A locality's [lexicons] in a real config file reach every consumer: residue detection at load,
the formulas masked by copy detection in a review round, and a table extended by a list is refused."""

from __future__ import annotations

import json

from conftest import run_cli

# A vendor line that the built-in residue signals do not know: with its XX it reads as a placeholder.
VENDOR_LINE = "本文由XX文库网友上传，更多范文请访问本站"
REPORT = f"2023年县长述职述廉报告\n一年来，本人认真履行职责，全年完成投资10亿元。\n{VENDOR_LINE}\n"


def _codes(stdout: str) -> list[str]:
    (res,) = json.loads(stdout)["results"]
    return [f["code"] for f in res["findings"]]


def test_residue_signals_from_the_config_take_the_vendor_line_out_of_the_text(tmp_path):
    report = tmp_path / "r.txt"
    report.write_text(REPORT, encoding="utf-8")
    before = run_cli("check", "--format", "json", "--exit-zero", str(report), cwd=tmp_path)
    assert "P101" in _codes(before.stdout) and "P103" not in _codes(before.stdout)  # the defect's symptom

    (tmp_path / "shuzhi.toml").write_text(
        '[lexicons]\n"placeholders.residue_signals" = { \'更多范文请访问\' = "vendor-ad" }\n', encoding="utf-8"
    )
    after = run_cli("check", "--format", "json", "--exit-zero", str(report), cwd=tmp_path)
    assert after.returncode == 0, after.stderr
    codes = _codes(after.stdout)
    assert "P103" in codes and "P101" not in codes
    (res,) = json.loads(after.stdout)["results"]
    (p103,) = [f for f in res["findings"] if f["code"] == "P103"]
    assert p103["data"]["kinds"] == ["vendor-ad"] and VENDOR_LINE in p103["data"]["text"]
    # The analysed text the findings point into no longer holds the line either.
    text = run_cli("text", str(report), "--config", str(tmp_path / "shuzhi.toml"), cwd=tmp_path)
    assert text.returncode == 0, text.stderr
    assert "更多范文" not in text.stdout and "全年完成投资10亿元" in text.stdout


def test_a_list_given_for_a_table_lexicon_is_refused_in_chinese(tmp_path):
    cfg = tmp_path / "shuzhi.toml"
    cfg.write_text('[lexicons]\n"placeholders.residue_signals" = ["更多范文请访问"]\n', encoding="utf-8")
    report = tmp_path / "r.txt"
    report.write_text(REPORT, encoding="utf-8")
    p = run_cli("check", str(report), "--config", str(cfg))
    assert p.returncode == 2
    assert "placeholders.residue_signals" in p.stderr and "表" in p.stderr and "Traceback" not in p.stderr


def test_a_residue_signal_with_an_unknown_kind_or_a_broken_pattern_is_refused(tmp_path):
    report = tmp_path / "r.txt"
    report.write_text(REPORT, encoding="utf-8")
    for table, words in (("{ '更多范文' = \"advert\" }", "vendor-ad"), ("{ '更多(范文' = \"vendor-ad\" }", "正则")):
        cfg = tmp_path / "shuzhi.toml"
        cfg.write_text(f'[lexicons]\n"placeholders.residue_signals" = {table}\n', encoding="utf-8")
        p = run_cli("check", str(report), "--config", str(cfg))
        assert p.returncode == 2, p.stdout
        assert words in p.stderr and "Traceback" not in p.stderr


# Two reports that share one long stock sentence and nothing else.
SHARED = "坚持以人民为中心的发展思想，扎实推进共同富裕示范区建设各项重点任务落地见效"
ROUND = {
    "a.txt": f"2023年县长述职报告\n一年来，我牵头抓好全县农田水利建设，新修渠道十二公里。{SHARED}。\n",
    "b.txt": f"2023年副县长述职报告\n一年来，我分管教育卫生，新建乡镇卫生院两所、幼儿园三所。{SHARED}。\n",
}


def _c301(outdir) -> int:
    data = json.loads((outdir / "results.json").read_text(encoding="utf-8"))
    return sum(f["code"] == "C301" for r in data["results"] for f in r["findings"])


def test_formulas_from_the_config_are_masked_by_the_round_copy_check(tmp_path):
    reports = tmp_path / "round"
    reports.mkdir()
    for name, text in ROUND.items():
        (reports / name).write_text(text, encoding="utf-8")
    p = run_cli("review", str(reports), "-o", str(tmp_path / "out1"), "--no-progress")
    assert p.returncode in (0, 1), p.stderr
    assert _c301(tmp_path / "out1") == 2  # the shared sentence is a copied passage, both ways

    cfg = tmp_path / "shuzhi.toml"
    cfg.write_text(f'[lexicons]\n"formulas.stock" = ["{SHARED}"]\n', encoding="utf-8")
    p = run_cli("review", str(reports), "-o", str(tmp_path / "out2"), "--no-progress", "--config", str(cfg))
    assert p.returncode in (0, 1), p.stderr
    assert _c301(tmp_path / "out2") == 0  # a stock formula of this locality: never counted as copying


def test_the_web_apps_round_comparison_masks_the_rounds_formulas():
    from shuzhi.web.engine import copy_pairs

    texts = list(ROUND.values())
    assert copy_pairs(texts)  # the shared sentence pairs the two reports
    assert copy_pairs(texts, config_toml=f'[lexicons]\n"formulas.stock" = ["{SHARED}"]\n') == []
