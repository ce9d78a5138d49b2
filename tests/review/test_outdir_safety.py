"""What `shuzhi review` writes (issue #15 and known defects): never through a link in OUTDIR, long names fit."""

from __future__ import annotations

import json

from conftest import run_cli, seed
from shuzhi.writers.annotate import MAX_STEM_BYTES, annotated_paths


def test_review_never_writes_through_a_link_already_in_outdir(tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("不能被覆盖的文件", encoding="utf-8")
    victim_dir = tmp_path / "victim-dir"
    victim_dir.mkdir()
    out = tmp_path / "out"
    (out / "annotated").mkdir(parents=True)
    (out / "results.json").symlink_to(victim)
    (out / "reports").symlink_to(victim_dir, target_is_directory=True)
    d = tmp_path / "round"
    d.mkdir()
    (d / "a.txt").write_bytes(seed(0).read_bytes())
    (out / "annotated" / "a.docx").symlink_to(victim)
    r = run_cli("review", str(d), "-o", str(out), "--jobs", "1")
    assert r.returncode in (0, 1), r.stderr
    assert victim.read_text(encoding="utf-8") == "不能被覆盖的文件"
    assert list(victim_dir.iterdir()) == []
    for p in (out / "results.json", out / "reports", out / "annotated" / "a.docx"):
        assert p.exists() and not p.is_symlink()
    assert json.loads((out / "results.json").read_text(encoding="utf-8"))["tool"]["name"] == "shuzhi"


def test_a_report_with_the_longest_possible_name_gets_its_word_file(tmp_path):
    # A 251-byte stem + ".txt" is a legal name; + ".docx" is 256 bytes: writing its Word file failed.
    stem = "述职报告" * 20 + "x" * 11  # 240 + 11 bytes
    assert len(stem.encode()) == 251
    d = tmp_path / "round"
    d.mkdir()
    (d / f"{stem}.txt").write_bytes(seed(0).read_bytes())
    out = tmp_path / "out"
    r = run_cli("review", str(d), "-o", str(out), "--jobs", "1")
    assert r.returncode in (0, 1), r.stderr
    [word] = list((out / "annotated").glob("*.docx"))
    assert word.stem == stem[: len(word.stem)] and len(word.name.encode()) <= 255


def test_annotated_names_stay_unique_after_cutting(tmp_path):
    stem = "甲" * 100
    paths = annotated_paths([f"a/{stem}乙.txt", f"b/{stem}丙.txt"], tmp_path)
    assert len({p.name for p in paths}) == 2
    assert all(len(p.stem.encode()) <= MAX_STEM_BYTES + 4 for p in paths)


def test_review_of_a_missing_path_does_not_announce_word_files(tmp_path):
    out = tmp_path / "out"
    r = run_cli("review", str(tmp_path / "nope"), "-o", str(out), "--jobs", "1")
    assert r.returncode == 2
    assert "E001" in r.stderr
    assert "annotated" not in r.stdout and not (out / "annotated").exists()
