"""Issue #16: a printable one-page summary of the round for the 考核组 meeting — round-summary.html with an A4 print
stylesheet, and round-summary.pdf printed from it by Debian's headless chromium (the one the browser tests use):
counts per 审核结论, the reports to look at with their reasons and authors, clusters of near-identical reports
with their likely source, the most common problems. Without chromium the HTML is still written and the reviewer
is told, in Chinese, why there is no PDF."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pypdfium2 as pdfium
from lxml import html

from helpers.round_files import SEEDS_DIR
from shuzhi.cli import main

NAMES = ["李明远", "赵立新", "王芳", "孙强", "周敏"]
POSTS = ["县长", "常务副县长", "县长", "副县长", "县委常委、常务副县长"]


def _seeds_round(tmp_path: Path, copies_of_third: int = 0) -> tuple[Path, Path]:
    d = tmp_path / "round"
    d.mkdir()
    seeds = sorted(SEEDS_DIR.glob("0*.txt"))
    for p in seeds:
        shutil.copyfile(p, d / p.name)
    rows = [[p.name, n, "临河县人民政府", post, ""] for p, n, post in zip(seeds, NAMES, POSTS, strict=True)]
    for k in range(copies_of_third):
        name = f"抄本{k + 1}.txt"
        shutil.copyfile(seeds[2], d / name)
        rows.append([name, f"吴{'一二三四五六'[k]}", f"临河县第{k + 1}乡人民政府", "乡长", "2023"])
    manifest = tmp_path / "名册.csv"
    with manifest.open("w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["文件", "姓名", "单位", "职务", "年度"])
        w.writerows(rows)
    return d, manifest


def _pdf_text(path: Path) -> tuple[int, str]:
    pdf = pdfium.PdfDocument(str(path))
    try:
        return len(pdf), "".join(pdf[k].get_textpage().get_text_range() for k in range(len(pdf)))
    finally:
        pdf.close()


def _results(out: Path) -> list[dict]:
    return json.loads((out / "results.json").read_text(encoding="utf-8"))["results"]


def test_the_seeds_round_on_one_printed_page_with_its_authors(tmp_path, capsys):
    d, manifest = _seeds_round(tmp_path)
    out = tmp_path / "out"
    rc = main(["review", str(d), "-o", str(out), "--manifest", str(manifest), "--jobs", "2", "--no-progress"])
    printed = capsys.readouterr()
    assert rc == 1, printed.err
    assert "round-summary.html" in printed.out and "round-summary.pdf" in printed.out

    pages, text = _pdf_text(out / "round-summary.pdf")
    assert pages == 1
    text = "".join(text.split())  # chromium's text layer may break lines anywhere
    results = _results(out)
    focus = [r for r in results if r["verdict"]["decision"] == "重点核查"]
    assert focus, [r["verdict"] for r in results]
    for r in focus:  # every report to look at, by its author, with its first reason
        assert r["identity"]["label"].replace("·", "") in text.replace("·", ""), r["identity"]["label"]
        assert "".join(r["verdict"]["reasons"][0].split()) in text
    for decision in ("可提交", "需修改", "重点核查"):
        n = sum(1 for r in results if r["verdict"]["decision"] == decision)
        assert f"{n}份{decision}" in text, (decision, n)
    assert "最常见的问题" in text and "P101" in text

    page = html.fromstring((out / "round-summary.html").read_text(encoding="utf-8"))
    style = page.find(".//style").text
    assert "@page" in style and "A4" in style
    assert "round-summary.html" in (out / "index.html").read_text(encoding="utf-8")  # linked from the dashboard


def test_a_cluster_is_named_with_its_likely_source_and_review_from_writes_the_page_again(tmp_path, capsys):
    d, manifest = _seeds_round(tmp_path, copies_of_third=3)
    out = tmp_path / "out"
    assert main(["review", str(d), "-o", str(out), "--manifest", str(manifest), "--jobs", "2", "--no-progress"]) == 1
    page = html.fromstring((out / "round-summary.html").read_text(encoding="utf-8"))
    clusters = page.get_element_by_id("clusters").text_content()
    assert "4" in clusters and "王芳·县长·临河县人民政府" in clusters and "吴一、吴二、吴三" in clusters
    assert "年度最早" in clusters  # seed 002 is of 2020, its copies of 2023
    pages, text = _pdf_text(out / "round-summary.pdf")
    assert pages == 1 and "吴一" in text
    (out / "round-summary.html").unlink()
    (out / "round-summary.pdf").unlink()
    assert main(["review", "--from", str(out / "results.json"), "--no-progress"]) == 1
    assert "吴一" in (out / "round-summary.html").read_text(encoding="utf-8")
    assert _pdf_text(out / "round-summary.pdf")[0] == 1


def test_without_chromium_the_html_is_written_and_the_reviewer_told_why_there_is_no_pdf(tmp_path, capsys, monkeypatch):
    d, manifest = _seeds_round(tmp_path)
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))  # a machine without chromium
    monkeypatch.delenv("SHUZHI_CHROMIUM", raising=False)
    out = tmp_path / "out"
    rc = main(["review", str(d), "-o", str(out), "--manifest", str(manifest), "--jobs", "1", "--no-progress"])
    err = capsys.readouterr().err
    assert rc == 1 and "Traceback" not in err
    assert (out / "round-summary.html").is_file() and not (out / "round-summary.pdf").exists()
    assert "PDF" in err and "chromium" in err.lower() and "未生成" in err
    assert "未生成" in (out / "index.html").read_text(encoding="utf-8")


def test_a_large_round_with_long_names_and_many_reasons_still_prints_on_one_page(tmp_path, capsys):
    """The page's lists are cut (8 reports, 4 clusters of 6 named members, 5 problems, 3 reasons a report): a round
    of 42 reports, each of them 重点核查 for several reasons, with long names, units and posts, stays on one A4
    page, and says how many it left to the dashboard."""
    d = tmp_path / "round"
    d.mkdir()
    rows = []
    # 12 reports of their own: a government work report's opening, with placeholders and a missing figure.
    gov = sorted((SEEDS_DIR.parent / "gov-reports").glob("*.txt"))[:12]
    for k, p in enumerate(gov):
        text = p.read_text(encoding="utf-8")[:3000]
        name = f"own{k:02d}.txt"
        (d / name).write_text(
            f"2023年度个人述职述廉报告\n本人XX同志，现任XX职务。\n{text}\n全年完成XX项任务。\n", encoding="utf-8"
        )
        rows.append(
            [
                name,
                f"欧阳{'甲乙丙丁戊己庚辛壬癸子丑'[k]}明远",
                "临河县人民政府发展和改革局党组办公室",
                "党组成员、副局长（正科级）兼县重点项目建设服务中心主任",
                "2023",
            ]
        )
    # 5 seeds, each handed in by 6 officials: 5 clusters of 6 (one more than the page lists).
    for s, p in enumerate(sorted(SEEDS_DIR.glob("0*.txt"))):
        for k in range(6):
            name = f"seed{s}-{k}.txt"
            shutil.copyfile(p, d / name)
            rows.append(
                [
                    name,
                    f"司马{'一二三四五'[s]}{'甲乙丙丁戊己'[k]}长风",
                    f"临河县第{s * 6 + k + 1}乡人民政府",
                    "乡党委副书记、乡长",
                    "2023",
                ]
            )
    manifest = tmp_path / "名册.csv"
    with manifest.open("w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["文件", "姓名", "单位", "职务", "年度"])
        w.writerows(rows)
    config = tmp_path / "shuzhi.toml"
    config.write_text('[verdict]\nfocus = ["P", "N", "S", "C", "H", "F"]\n', encoding="utf-8")
    out = tmp_path / "out"
    rc = main(
        [
            "review",
            str(d),
            "-o",
            str(out),
            "--manifest",
            str(manifest),
            "--config",
            str(config),
            "--jobs",
            "2",
            "--no-progress",
        ]
    )
    assert rc == 1, capsys.readouterr().err

    results = _results(out)
    focus = [r for r in results if r["verdict"]["decision"] == "重点核查"]
    assert len(focus) == 42, [r["verdict"] for r in results]
    assert sum(len(r["verdict"]["reasons"]) >= 3 for r in focus) >= 10  # the page cuts their reasons
    pages, text = _pdf_text(out / "round-summary.pdf")
    assert pages == 1
    text = "".join(text.split())
    assert "另有" in text  # what did not fit is counted, left to the dashboard
