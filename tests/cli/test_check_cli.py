"""The command line as users run it: exit codes, the JSON contract, SARIF, config strictness."""

from __future__ import annotations

import json

import pytest

from conftest import run_cli, seed

PLACEHOLDER_REPORT = "2023年县长述职述廉报告\n一年来，本人认真履行职责，全年完成投资XX亿元。\n"
CLEAN_REPORT = "2023年县长述职述廉报告\n一年来，本人认真履行职责。\n"


def test_json_contract_fields(tmp_path):
    f = tmp_path / "r.txt"
    f.write_text(PLACEHOLDER_REPORT, encoding="utf-8")
    p = run_cli("check", "--format", "json", str(f))
    data = json.loads(p.stdout)
    assert data["version"] == 1
    assert data["tool"]["name"] == "shuzhi" and data["tool"]["version"]
    assert data["errors"] == []
    (res,) = data["results"]
    assert res["source"] == str(f)
    assert set(res["meta"]) >= {"title", "year", "role", "kinds"}
    assert res["meta"]["year"] == 2023 and res["meta"]["kinds"] == ["述职", "述廉"]
    for finding in res["findings"]:
        assert set(finding) >= {
            "code",
            "name",
            "severity",
            "message",
            "start",
            "end",
            "line",
            "column",
            "end_line",
            "end_column",
            "excerpt",
            "data",
        }


def test_json_offsets_point_into_shuzhi_text(tmp_path):
    f = tmp_path / "r.txt"
    f.write_text(PLACEHOLDER_REPORT, encoding="utf-8")
    text = run_cli("text", str(f)).stdout.rstrip("\n")
    data = json.loads(run_cli("check", "--format", "json", str(f)).stdout)
    findings = data["results"][0]["findings"]
    assert any(f["code"] == "P101" for f in findings)  # the XX: at least one offset to check
    for finding in findings:
        assert 0 <= finding["start"] <= finding["end"] <= len(text)
    (p101,) = [f for f in findings if f["code"] == "P101"]
    assert text[p101["start"] : p101["end"]] == "XX"


def test_missing_path_is_exit_2_with_chinese_message(tmp_path):
    p = run_cli("check", str(tmp_path / "nope.txt"))
    assert p.returncode == 2
    assert "不存在" in p.stderr and "Traceback" not in p.stderr


def test_clean_report_exits_0(tmp_path):
    f = tmp_path / "r.txt"
    f.write_text(CLEAN_REPORT, encoding="utf-8")
    p = run_cli("check", "--select", "X", str(f))
    assert p.returncode == 0, p.stdout + p.stderr
    assert "检查了 1 份报告" in p.stdout


def test_unknown_rule_code_is_a_usage_error():
    p = run_cli("check", "--select", "Q999", str(seed(0)))
    assert p.returncode == 2
    assert "Q999" in p.stderr and "Traceback" not in p.stderr


def test_unknown_config_key_is_an_error(tmp_path):
    (tmp_path / "shuzhi.toml").write_text('selcet = ["P"]\n', encoding="utf-8")
    f = tmp_path / "r.txt"
    f.write_text(CLEAN_REPORT, encoding="utf-8")
    p = run_cli("check", str(f), cwd=tmp_path)
    assert p.returncode == 2
    assert "selcet" in p.stderr and "select" in p.stderr


def test_sarif_is_valid_shape(tmp_path):
    f = tmp_path / "r.txt"
    f.write_text(PLACEHOLDER_REPORT, encoding="utf-8")
    data = json.loads(run_cli("check", "--format", "sarif", str(f)).stdout)
    assert data["version"] == "2.1.0"
    run = data["runs"][0]
    assert run["tool"]["driver"]["name"] == "shuzhi"
    ids = {r["id"] for r in run["tool"]["driver"]["rules"]}
    assert {r["ruleId"] for r in run["results"]} <= ids


def test_explain_prints_rule_docs_and_rejects_unknown():
    p = run_cli("explain", "X001")
    assert p.returncode == 0 and "X001" in p.stdout and "检查什么" in p.stdout
    p = run_cli("explain", "Z123")
    assert p.returncode == 2 and "未知的规则" in p.stderr


def test_rules_lists_every_registered_rule():
    from shuzhi.rules.registry import Registry

    out = run_cli("rules").stdout
    for r in Registry.default():
        assert r.code in out and r.name in out


def test_statistics_counts_findings_per_rule(tmp_path):
    f = tmp_path / "r.txt"
    f.write_text("2023年县长述职述廉报告\n全年完成投资XX亿元，新建学校XX所。\n", encoding="utf-8")
    detail = json.loads(run_cli("check", "--format", "json", "--select", "P101", str(f)).stdout)
    n = len(detail["results"][0]["findings"])
    assert n == 2
    p = run_cli("check", "--statistics", "--select", "P101", str(f))
    assert p.returncode == 1
    first = p.stdout.splitlines()[0].split()
    assert first[:3] == ["2", "P101", "unfilled-placeholder"]
    assert "发现 2 个问题（错误 2）" in p.stdout


def test_exit_zero_keeps_findings_but_exits_0(tmp_path):
    f = tmp_path / "r.txt"
    f.write_text(PLACEHOLDER_REPORT, encoding="utf-8")
    p = run_cli("check", "--exit-zero", "--select", "P101", str(f))
    assert p.returncode == 0 and "P101" in p.stdout
    p = run_cli("check", "--exit-zero", str(tmp_path / "missing.txt"))
    assert p.returncode == 2


def test_findings_say_whether_their_rule_is_heuristic(tmp_path):
    from shuzhi.rules.registry import Registry

    reg = Registry.default()
    f = tmp_path / "r.txt"
    f.write_text(PLACEHOLDER_REPORT, encoding="utf-8")
    data = json.loads(run_cli("check", "--format", "json", str(f)).stdout)
    findings = data["results"][0]["findings"]
    assert findings
    for finding in findings:
        assert finding["heuristic"] is reg.get(finding["code"]).heuristic
    text = run_cli("check", str(f)).stdout
    heuristic_codes = {x["code"] for x in findings if x["heuristic"]}
    assert heuristic_codes, (
        "the placeholder report is expected to draw heuristic findings (S301–S303; P101 is not heuristic)"
    )
    for code in heuristic_codes:
        assert any(
            line.split(": ")[1].startswith(f"{code} [") and "·启发式]" in line
            for line in text.splitlines()
            if f": {code} [" in line
        )


def test_required_dimensions_with_an_unknown_kind_is_a_config_error(tmp_path):
    # A typo in the 述 kind ("述x") used to be silently ignored: the round then ran without the requirement.
    (tmp_path / "shuzhi.toml").write_text('[campaign]\nrequired-dimensions = {"述x" = ["能"]}\n', encoding="utf-8")
    f = tmp_path / "r.txt"
    f.write_text(CLEAN_REPORT, encoding="utf-8")
    p = run_cli("check", str(f), cwd=tmp_path)
    assert p.returncode == 2
    assert "述x" in p.stderr and "述职" in p.stderr and "Traceback" not in p.stderr


def test_min_chars_above_max_chars_is_a_config_error(tmp_path):
    # Otherwise every report gets two contradictory S304 findings (too short AND too long).
    (tmp_path / "shuzhi.toml").write_text("[campaign]\nmin-chars = 5000\nmax-chars = 100\n", encoding="utf-8")
    f = tmp_path / "r.txt"
    f.write_text(CLEAN_REPORT, encoding="utf-8")
    p = run_cli("check", str(f), cwd=tmp_path)
    assert p.returncode == 2
    assert "min-chars" in p.stderr and "max-chars" in p.stderr


def test_wrong_campaign_type_says_what_type_is_expected(tmp_path):
    (tmp_path / "shuzhi.toml").write_text('[campaign]\nmin-chars = "abc"\n', encoding="utf-8")
    f = tmp_path / "r.txt"
    f.write_text(CLEAN_REPORT, encoding="utf-8")
    p = run_cli("check", str(f), cwd=tmp_path)
    assert p.returncode == 2
    assert "整数" in p.stderr


@pytest.mark.parametrize(
    "args, expected",
    [
        (["check", "--bogus", "x.txt"], "没有选项"),
        (["chek", "x.txt"], "没有命令"),
        (["check"], "缺少参数"),
        (["check", "--format", "xml", "x.txt"], "值无效"),
        (["review", "x.txt"], "缺少选项"),
        (["compare", "a.txt", "b.txt", "--min-chars", "3"], "范围"),
        (["index", "add", "--index", "ix", "--year", "abc", "x.txt"], "整数"),
    ],
)
def test_usage_errors_are_in_chinese_with_exit_2(tmp_path, args, expected):
    # A county reviewer must not meet Click's English ("Error: No such option ...").
    p = run_cli(*args, cwd=tmp_path)
    assert p.returncode == 2
    assert expected in p.stderr and "Error:" not in p.stderr and "Traceback" not in p.stderr
    assert "--help" in p.stderr  # still says where to look


@pytest.mark.parametrize(
    "cmd",
    [
        ["check", "{f}", "-o", "{d}/no-such-dir/out.txt"],
        ["claims", "{f}", "--format", "csv", "-o", "{d}/no-such-dir/out.csv"],
        ["claims", "{f}", "--format", "xlsx", "-o", "{d}/no-such-dir/out.xlsx"],
        ["compare", "{f}", "{f}", "-o", "{d}/no-such-dir/out.txt"],
        ["review", "{f}", "-o", "{d}/a-file/out"],
    ],
)
def test_an_output_that_cannot_be_written_is_exit_2_with_chinese_message(tmp_path, cmd):
    f = tmp_path / "r.txt"
    f.write_text(CLEAN_REPORT, encoding="utf-8")
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    p = run_cli(*[c.format(f=f, d=tmp_path) for c in cmd], cwd=tmp_path)
    assert p.returncode == 2, p.stderr
    assert "内部错误" not in p.stderr and "Traceback" not in p.stderr and "无法写入" in p.stderr


def test_wrong_rule_option_type_is_explained_in_chinese(tmp_path):
    (tmp_path / "shuzhi.toml").write_text('[rules.S301]\nmin-share = "0.05"\n', encoding="utf-8")
    f = tmp_path / "r.txt"
    f.write_text(CLEAN_REPORT, encoding="utf-8")
    p = run_cli("check", str(f), cwd=tmp_path)
    assert p.returncode == 2
    assert "数字" in p.stderr and "float" not in p.stderr


def test_a_chinese_bare_key_in_toml_gets_a_hint_to_quote_it(tmp_path):
    # TOML bare keys are ASCII only; `{述职 = [...]}` is the first thing a Chinese user writes.
    (tmp_path / "shuzhi.toml").write_text('[campaign]\nrequired-dimensions = {述职 = ["能"]}\n', encoding="utf-8")
    f = tmp_path / "r.txt"
    f.write_text(CLEAN_REPORT, encoding="utf-8")
    p = run_cli("check", str(f), cwd=tmp_path)
    assert p.returncode == 2
    assert "第 2 行" in p.stderr and '"述职"' in p.stderr and "引号" in p.stderr


def test_the_documented_required_dimensions_example_parses(tmp_path):
    from conftest import ROOT

    docs = (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")
    line = next(ln for ln in docs.splitlines() if ln.startswith("# required-dimensions = "))
    (tmp_path / "shuzhi.toml").write_text("[campaign]\n" + line[2:] + "\n", encoding="utf-8")
    f = tmp_path / "r.txt"
    f.write_text(CLEAN_REPORT, encoding="utf-8")
    p = run_cli("check", str(f), cwd=tmp_path)
    assert p.returncode in (0, 1), p.stderr


@pytest.mark.parametrize("given", ["drafts/r.txt", "./drafts/r.txt", "{abs}"])
def test_per_file_ignores_apply_however_the_path_is_written(tmp_path, given):
    # "drafts/*" is relative to the config's directory (as in ruff); an absolute or ./ path must match too.
    (tmp_path / "shuzhi.toml").write_text(
        'select = ["S304"]\n[campaign]\nmin-chars = 100000\n[per-file-ignores]\n"drafts/*" = ["S304"]\n',
        encoding="utf-8",
    )
    (tmp_path / "drafts").mkdir()
    f = tmp_path / "drafts" / "r.txt"
    f.write_text(CLEAN_REPORT, encoding="utf-8")
    p = run_cli("check", given.format(abs=f), cwd=tmp_path)
    assert p.returncode == 0, p.stdout
    # Control: the same file outside drafts/ is too short, so S304 really was ignored above.
    (tmp_path / "r.txt").write_text(CLEAN_REPORT, encoding="utf-8")
    assert run_cli("check", str(tmp_path / "r.txt"), cwd=tmp_path).returncode == 1


def test_sarif_uris_are_valid_uri_references_for_chinese_paths_with_spaces(tmp_path):
    # SARIF requires artifactLocation.uri to be a URI reference: spaces and Hanzi percent-encoded.
    from urllib.parse import unquote

    d = tmp_path / "2023 述职"
    d.mkdir()
    f = d / "张三 报告.txt"
    f.write_text(PLACEHOLDER_REPORT, encoding="utf-8")
    (d / "empty.txt").write_bytes(b"")
    data = json.loads(run_cli("check", "--format", "sarif", str(d)).stdout)
    uris = [
        loc["physicalLocation"]["artifactLocation"]["uri"] for r in data["runs"][0]["results"] for loc in r["locations"]
    ]
    uris += (
        [
            loc["physicalLocation"]["artifactLocation"]["uri"]
            for n in data["runs"][0]["invocations"][0].get("toolExecutionNotifications", [])
            for loc in n.get("locations", [])
        ]
        if data["runs"][0].get("invocations")
        else []
    )
    assert uris and all(" " not in u and u.isascii() for u in uris)
    assert unquote(uris[0]) == f.as_posix()


@pytest.mark.parametrize("fmt", ["json", "sarif"])
def test_statistics_with_a_machine_format_is_refused_not_silently_ignored(tmp_path, fmt):
    f = tmp_path / "r.txt"
    f.write_text(PLACEHOLDER_REPORT, encoding="utf-8")
    p = run_cli("check", "--statistics", "--format", fmt, str(f))
    assert p.returncode == 2
    assert "E203" in p.stderr and "--statistics" in p.stderr


def test_an_empty_select_is_an_error_not_a_silent_pass(tmp_path):
    # `--select "$RULES"` with an empty variable used to run no rule at all and exit 0.
    f = tmp_path / "r.txt"
    f.write_text(PLACEHOLDER_REPORT, encoding="utf-8")
    p = run_cli("check", "--select", "", str(f))
    assert p.returncode == 2
    assert "E202" in p.stderr and "--select" in p.stderr


@pytest.mark.parametrize("value", ["true", '"0MB"'])
def test_a_max_file_size_that_would_refuse_every_file_is_a_config_error(tmp_path, value):
    # `true` is an int to Python (1 byte) and "0MB" is 0: every report would be E107 "too large".
    (tmp_path / "shuzhi.toml").write_text(f"max-file-size = {value}\n", encoding="utf-8")
    f = tmp_path / "r.txt"
    f.write_text(CLEAN_REPORT, encoding="utf-8")
    p = run_cli("check", str(f), cwd=tmp_path)
    assert p.returncode == 2
    assert "E201" in p.stderr and "max-file-size" in p.stderr


def test_a_boolean_for_a_numeric_rule_option_is_a_config_error(tmp_path):
    (tmp_path / "shuzhi.toml").write_text("[rules.C301]\nmin-chars = true\n", encoding="utf-8")
    f = tmp_path / "r.txt"
    f.write_text(CLEAN_REPORT, encoding="utf-8")
    p = run_cli("check", str(f), cwd=tmp_path)
    assert p.returncode == 2
    assert "min-chars" in p.stderr and "整数" in p.stderr
