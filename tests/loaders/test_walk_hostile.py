"""Walking a submitted folder (issue #15): no symbolic link leads out of it, hidden report files are reported."""

from __future__ import annotations

import json

from conftest import run_cli, seed

SECRET = "机密：这是所给目录之外的文件，不应出现在任何输出中。"


def _folder(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("2023年度述职报告\n" + SECRET + "\n本人认真履行职责。\n", encoding="utf-8")
    (outside / "more").mkdir()
    (outside / "more" / "other.txt").write_text("2023年度述职报告\n" + SECRET + "\n", encoding="utf-8")
    d = tmp_path / "submitted"
    d.mkdir()
    (d / "a.txt").write_bytes(seed(0).read_bytes())
    (d / "link-to-secret.txt").symlink_to(outside / "secret.txt")
    (d / "link-to-folder").symlink_to(outside / "more", target_is_directory=True)
    (d / "inside-link.txt").symlink_to(d / "a.txt")  # leads inside: read (once)
    (d / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    (d / "._a.docx").write_bytes(b"\x00\x05\x16\x07" + b"\x00" * 60)  # macOS AppleDouble
    (d / ".hidden-report.txt").write_bytes(seed(1).read_bytes())
    return d


def test_check_does_not_follow_links_out_of_the_folder_and_says_so(tmp_path):
    d = _folder(tmp_path)
    r = run_cli("check", "--format", "json", "--exit-zero", str(d))
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert SECRET not in r.stdout and SECRET not in r.stderr
    assert [x["source"].rsplit("/", 1)[-1] for x in data["results"]] == ["a.txt"]
    codes = {e["source"].rsplit("/", 1)[-1]: e["code"] for e in data["errors"]}
    assert codes == {
        "link-to-secret.txt": "E005",
        "link-to-folder": "E005",
        "dangling.txt": "E005",
        "._a.docx": "E006",
        ".hidden-report.txt": "E006",
    }
    # Each one is also said on stderr, in Chinese.
    for name in codes:
        assert name in r.stderr
    assert "符号链接" in r.stderr and "隐藏文件" in r.stderr


def test_review_prints_nothing_from_outside_the_folder(tmp_path):
    d = _folder(tmp_path)
    out = tmp_path / "out"
    r = run_cli("review", str(d), "-o", str(out), "--jobs", "1")
    assert r.returncode in (0, 1), r.stderr
    for f in (out / "results.json", out / "index.html"):
        assert SECRET not in f.read_text(encoding="utf-8")
    results = json.loads((out / "results.json").read_text(encoding="utf-8"))
    assert {e["code"] for e in results["errors"]} == {"E005", "E006"}


def test_a_link_named_on_the_command_line_is_read(tmp_path):
    # The user named it: that is not a folder leading somewhere else.
    d = _folder(tmp_path)
    r = run_cli("check", "--format", "json", "--exit-zero", str(d / "link-to-secret.txt"))
    assert len(json.loads(r.stdout)["results"]) == 1
