"""The round runner: every file checked, in the given order, in parallel, bad files listed, never stopping."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from helpers.round_files import make_round
from shuzhi.pipeline.runner import check_round
from shuzhi.review import review
from shuzhi.rules import rule
from shuzhi.rules.config import Config
from shuzhi.rules.registry import Registry


def _summary(rnd):
    return [
        (
            e.source.rsplit("/", 1)[-1],
            e.error["code"] if e.error else None,
            [(f.code, f.start, f.end) for f in e.result.findings] if e.result else None,
        )
        for e in rnd.entries
    ]


def test_parallel_round_lists_bad_files_and_matches_the_serial_round(tmp_path):
    d = make_round(tmp_path)
    serial = check_round([d], config=Config(), jobs=1)
    parallel = check_round([d], config=Config(), jobs=2)
    assert parallel.jobs == 2
    names = [s[0] for s in _summary(parallel)]
    # expand() sorts a directory's files: the order is stable and the same in both runs.
    assert names == sorted(names)
    assert _summary(parallel) == _summary(serial)
    errors = {e["source"].rsplit("/", 1)[-1]: e for e in parallel.errors}
    assert set(errors) == {"broken.docx", "empty.txt"}
    # E103 from the loader; E110 while the loader lets python-docx's PackageNotFoundError through.
    assert errors["broken.docx"]["code"] in ("E103", "E110") and "另存" in errors["broken.docx"]["message"]
    assert errors["empty.txt"]["code"] == "E101" and "为空" in errors["empty.txt"]["message"]
    assert len(parallel.results) == 5
    by_seed = {Path(r.source).name[:3]: r for r in parallel.results}
    codes = {s: {f.code for f in r.findings} for s, r in by_seed.items()}
    # Seed 001's budget sentence: 21.6 / 18.92 = 114.2 %, the report says 112 %.
    assert [s for s, c in sorted(codes.items()) if "N201" in c] == ["001"]
    [n201] = [f for f in by_seed["001"].findings if f.code == "N201"]
    assert by_seed["001"].document.text[n201.start : n201.end] == "21.6亿元、完成预算18.92亿元的112%"
    # Seed 002: PM2.5 "同比下降189%", a fall of more than 100 %.
    [n203] = [f for f in by_seed["002"].findings if f.code == "N203"]
    assert by_seed["002"].document.text[n203.start : n203.end] == "189%"
    # Every seed left template placeholders (XX, X, **); 000–003 also carry template-site residue
    # (##paidbegin##/##paidend##, the 酷乐文行 advertisement), 004 none.
    assert all("P101" in c for c in codes.values())
    assert [s for s, c in sorted(codes.items()) if "P103" in c] == ["000", "001", "002", "003"]
    # Seed 004 (述职述廉述责) has neither a 廉 nor a 责 part: S301 twice, on its title.
    s301 = [f for f in by_seed["004"].findings if f.code == "S301"]
    assert sorted(f.data["dimension"] for f in s301) == ["廉", "责"]
    assert [s for s, c in sorted(codes.items()) if "S301" in c] == ["004"]


def test_missing_path_is_listed_not_raised(tmp_path):
    missing_file = tmp_path / "x.txt"
    rnd = check_round([tmp_path / "nope", missing_file], config=Config(), jobs=1)
    assert rnd.results == []
    assert [e["code"] for e in rnd.errors] == ["E001", "E001"]
    assert missing_file.name in rnd.errors[1]["source"]


def test_results_carry_their_document_for_the_writers(tmp_path):
    d = make_round(tmp_path)
    rnd = check_round([d], config=Config(), jobs=2)
    assert len(rnd.results) == 5  # the five seeds; the two bad files are errors
    assert all(r.findings for r in rnd.results)  # every seed has placeholders: there are offsets to check
    for r in rnd.results:
        assert r.document is not None and r.document.text
        for f in r.findings:
            assert 0 <= f.start <= f.end <= len(r.document.text)


@rule(
    code="N998",
    name="test-crashes-on-budget",
    title="测试：遇到预算句出错的规则",
    severity="warning",
    triggers=("完成预算18.92亿元",),
    passes=(),
)
def crashes_on_budget(doc, ctx):
    """检查什么：测试用。遇到“18.92”就出错；没有哪个真实规则会出错，所以只能在测试里定义。"""
    if "18.92" in doc.text:
        raise KeyError("operand")
    return iter(())


def test_a_rule_crashing_on_one_report_is_x001_there_and_the_round_goes_on(tmp_path):
    d = make_round(tmp_path)
    config = Config(registry=Registry([*Registry.default(), crashes_on_budget]))
    rv = review([d], tmp_path / "out", config=config, jobs=1)  # a rule defined in a test cannot go to workers
    by_seed = {Path(r.source).name[:3]: r for r in rv.round.results}
    assert len(by_seed) == 5 and len(rv.round.errors) == 2
    # Only seed 001 holds "18.92": X001 there, naming the rule; its other findings are all still there.
    assert [s for s, r in sorted(by_seed.items()) if any(f.code == "X001" for f in r.findings)] == ["001"]
    [x001] = [f for f in by_seed["001"].findings if f.code == "X001"]
    assert "N998" in x001.message and "KeyError" in x001.message
    assert {"N201", "N202", "P101", "P103"} <= {f.code for f in by_seed["001"].findings}
    row = next(r for r in rv.rows if r.name.startswith("001_"))
    page = (rv.outdir / "reports" / f"{row.id}.html").read_text(encoding="utf-8")
    assert "<code>X001</code>" in page and "<code>N201</code>" in page
    problems = list(openpyxl.load_workbook(rv.outdir / "summary.xlsx")["问题"].iter_rows(values_only=True))
    f, c = problems[0].index("文件"), problems[0].index("代码")
    assert [r[f].rsplit("/", 1)[-1][:3] for r in problems if r[c] == "X001"] == ["001"]
