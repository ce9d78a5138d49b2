"""Issue #16: a reviewer thinks in 姓名·职务·单位, not in file names. Each report of a round gets its author's
identity — from the round manifest (CSV/XLSX), from --person-style options, or recognised from the report with
the line it was read from — shown in the dashboard, the Excel, results.json and the Word file names, kept by
`review --from`, and feeding the round's copy detection (the same person's own reports are 本人, not copying)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from docx import Document as Docx
from lxml import html
from openpyxl import Workbook, load_workbook

import shuzhi
from shuzhi.analysis.history.identity import identify
from shuzhi.cli import main

BODY = (
    "一年来，在县委的坚强领导下，本人认真学习党的二十大精神，牵头推进招商引资攻坚行动，赴长三角地区专题招商七次，"
    "签约落地农产品精深加工项目五个，协调解决企业用地、用工难题二十余件。",
    "在廉洁自律方面，本人严格遵守中央八项规定精神，没有违规收受礼品礼金，按规定报告个人有关事项。",
    "存在的问题：调查研究不够深入，对基层情况掌握不全面，抓落实的韧劲还需加强。",
    "今后打算：每季度到联系乡镇调研不少于两次，推动三个重点项目年内开工建设。",
)
OWN = (
    "分管教育工作以来，新建改扩建中小学校舍四所，招聘特岗教师六十名，全县义务教育巩固率保持在较高水平，"
    "学前教育普惠覆盖面逐年提高，教师队伍结构明显改善。"
)


def _docx(path: Path, title: str, paras, tail=()) -> Path:
    d = Docx()
    d.add_paragraph(title)
    for p in (*paras, *tail):
        d.add_paragraph(p)
    d.save(path)
    return path


def _round(tmp_path: Path) -> Path:
    d = tmp_path / "round"
    d.mkdir()
    # The report names its author in the title; the manifest says more (unit, post).
    _docx(d / "r1.docx", "李明远同志2023年度述职述廉报告", BODY)
    # Nothing about the author in the report: only the manifest knows.
    _docx(d / "r2.docx", "2023年度述职述廉报告", (OWN, *BODY[1:]))
    # Not in the manifest: recognised from its signature line, with the line as evidence.
    _docx(d / "r3.docx", "2023年度述职述廉报告", BODY[1:], tail=("报告人：王芳", "2023年12月28日"))
    return d


def _xlsx_manifest(path: Path, rows) -> Path:
    wb = Workbook()
    for r in rows:
        wb.active.append(r)
    wb.save(path)
    return path


MANIFEST_ROWS = [
    ["文件", "姓名", "单位", "职务", "年度", "备注"],
    ["r1.docx", "李明远", "临河县人民政府", "县长", 2023, ""],
    ["2023/r2.docx", "赵立新", "临河县人民政府", "常务副县长", 2023, "复核"],
    ["不在本轮.docx", "钱多多", "临河县财政局", "局长", 2023, ""],
]


def _identities(out: Path) -> dict[str, dict]:
    data = json.loads((out / "results.json").read_text(encoding="utf-8"))
    return {Path(r["source"]).name: r["identity"] for r in data["results"]}


def test_a_title_post_followed_by_the_report_kind_is_not_a_name():
    doc = shuzhi.loads("2023年县长述职述廉述德报告\n一年来，本人认真履职。\n", source="r.txt")
    ident = identify(doc)
    assert ident.name is None and ident.post == "县长", ident


def test_manifest_identities_everywhere_a_reviewer_looks(tmp_path, capsys):
    rnd = _round(tmp_path)
    manifest = _xlsx_manifest(tmp_path / "名册.xlsx", MANIFEST_ROWS)
    out = tmp_path / "out"
    rc = main(["review", str(rnd), "-o", str(out), "--manifest", str(manifest), "--jobs", "1", "--no-progress"])
    err = capsys.readouterr().err
    assert rc in (0, 1), err
    # The manifest row without a file and the file without a row are said, in Chinese; the round still ran.
    assert "不在本轮.docx" in err and "r3.docx" in err and "名册" in err

    ids = _identities(out)
    assert (ids["r1.docx"]["name"], ids["r1.docx"]["post"], ids["r1.docx"]["unit"]) == (
        "李明远",
        "县长",
        "临河县人民政府",
    )
    assert ids["r1.docx"]["label"] == "李明远·县长·临河县人民政府"
    assert ids["r2.docx"]["name"] == "赵立新" and ids["r2.docx"]["source"] == "manifest"
    assert ids["r3.docx"]["name"] == "王芳" and ids["r3.docx"]["source"] == "signature"
    assert any(e["text"] == "报告人：王芳" for e in ids["r3.docx"]["evidence"])
    data = json.loads((out / "results.json").read_text(encoding="utf-8"))
    assert any("不在本轮.docx" in n for n in data["round"]["notes"])

    page = html.fromstring((out / "index.html").read_text(encoding="utf-8"))
    table_text = page.text_content()
    assert "李明远·县长·临河县人民政府" in table_text and "赵立新·常务副县长·临河县人民政府" in table_text
    links = {a.text_content().strip(): a.get("href").split("#")[0] for a in page.iter("a")}
    assert links["李明远·县长·临河县人民政府"].startswith("reports/")
    report = (out / links["赵立新·常务副县长·临河县人民政府"]).read_text(encoding="utf-8")
    h1 = html.fromstring(report).find(".//h1").text_content()
    assert "赵立新" in h1 and "常务副县长" in h1
    assert "r2.docx" in report  # the file name stays, as secondary
    assert "名册" in report  # where the identity came from

    ws = load_workbook(out / "summary.xlsx", read_only=True)["报告"]
    rows = [[c.value for c in r] for r in ws.iter_rows()]
    head = rows[0]
    by_file = {Path(r[head.index("文件")]).name: r for r in rows[1:]}
    assert by_file["r1.docx"][head.index("姓名")] == "李明远"
    assert by_file["r2.docx"][head.index("单位")] == "临河县人民政府"
    assert by_file["r3.docx"][head.index("姓名")] == "王芳"
    problems = load_workbook(out / "summary.xlsx", read_only=True)["问题"]
    prow = [[c.value for c in r] for r in problems.iter_rows()]
    assert "报告" in prow[0] and any(r[prow[0].index("报告")] == "赵立新·常务副县长·临河县人民政府" for r in prow[1:])

    words = sorted(p.name for p in (out / "annotated").glob("*.docx"))
    assert any(n.startswith("李明远") for n in words) and any(n.startswith("王芳") for n in words), words

    again = tmp_path / "again"
    assert main(["review", "--from", str(out / "results.json"), "-o", str(again), "--no-progress"]) in (0, 1)
    assert _identities(again) == ids
    assert "李明远·县长·临河县人民政府" in (again / "index.html").read_text(encoding="utf-8")


def test_csv_manifest_persons_tell_own_reports_from_copying(tmp_path):
    d = tmp_path / "round"
    d.mkdir()
    # One person's two years, nearly the same text: his own, not copied from someone else.
    _docx(d / "a-2022.docx", "2022年度述职述廉报告", (OWN, *BODY))
    _docx(d / "a-2023.docx", "2023年度述职述廉报告", (OWN, *BODY))
    # A colleague who took one paragraph of his.
    _docx(d / "b-2023.docx", "2023年度述职述廉报告", ("本人分管农业农村工作，全年新建高标准农田二万亩。", OWN))
    manifest = tmp_path / "名册.csv"
    with manifest.open("w", encoding="gb18030", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["文件", "姓名", "单位", "职务", "年度"])
        w.writerow(["a-2022.docx", "孙强", "临河县人民政府", "副县长", "2022"])
        w.writerow(["a-2023.docx", "孙强", "临河县人民政府", "副县长", "2023"])
        w.writerow(["b-2023.docx", "周敏", "临河县人民政府", "副县长", "2023"])
    out = tmp_path / "out"
    assert main(["review", str(d), "-o", str(out), "--manifest", str(manifest), "--jobs", "1", "--no-progress"]) in (
        0,
        1,
    )
    data = json.loads((out / "results.json").read_text(encoding="utf-8"))
    by = {Path(r["source"]).name: r for r in data["results"]}
    mine = by["a-2023.docx"]["profile"]["copy_round"]
    assert mine["total_copied"] > 0.8 and mine["copied_excluding_own"] < 0.05, mine
    src = {Path(s["source"]).name: s for s in mine["sources"]}
    assert src["a-2022.docx"]["own"] and src["a-2022.docx"]["person"] == "孙强"
    theirs = by["b-2023.docx"]["profile"]["copy_round"]
    assert theirs["copied_excluding_own"] > 0.5, theirs
    c301 = [f for f in by["b-2023.docx"]["findings"] if f["code"] == "C301"]
    assert c301 and not any(f["data"]["own"] for f in c301) and any("孙强" in f["message"] for f in c301)


def test_options_name_the_author_of_a_single_report(tmp_path, capsys):
    rnd = _round(tmp_path)
    out = tmp_path / "out"
    args = ["--person", "钱多多", "--unit", "临河县财政局", "--post", "局长", "--year", "2023"]
    rc = main(["review", str(rnd / "r2.docx"), "-o", str(out), *args, "--jobs", "1", "--no-progress"])
    assert rc in (0, 1), capsys.readouterr().err
    ident = _identities(out)["r2.docx"]
    assert ident["label"] == "钱多多·局长·临河县财政局" and ident["source"] == "options"
    assert any("命令行" in e["described"] for e in ident["evidence"])
    # One person cannot be the author of a whole round: refused before anything is checked, in Chinese.
    rc = main(["review", str(rnd), "-o", str(tmp_path / "o2"), "--person", "钱多多", "--no-progress"])
    err = capsys.readouterr().err
    assert rc == 2 and "--manifest" in err and "Traceback" not in err
    assert not (tmp_path / "o2" / "results.json").exists()


def test_a_broken_manifest_is_e401_in_chinese_never_a_traceback(tmp_path, capsys):
    rnd = _round(tmp_path)
    no_name = tmp_path / "缺姓名.csv"
    no_name.write_text("文件,单位\nr1.docx,临河县人民政府\n", encoding="utf-8")
    garbage = tmp_path / "坏的.xlsx"
    garbage.write_bytes(b"PK\x03\x04 not really a workbook")
    for bad in (no_name, garbage, tmp_path / "没有这个文件.csv"):
        out = tmp_path / f"out-{bad.stem}"
        rc = main(["review", str(rnd), "-o", str(out), "--manifest", str(bad), "--no-progress"])
        err = capsys.readouterr().err
        assert rc == 2 and "E401" in err and "名册" in err and "Traceback" not in err, err
        assert not (out / "results.json").exists()


def test_explain_says_what_e401_means_and_how_a_manifest_looks(capsys):
    assert main(["explain", "E401"]) == 0
    printed = capsys.readouterr().out
    assert "名册" in printed and "文件、姓名" in printed and "不是错误" in printed
