"""`shuzhi check` help says the exit convention it follows: 2 only when nothing could be checked."""

from __future__ import annotations

import json
import re

from conftest import run_cli, seed


def test_check_help_states_exit_2_only_when_nothing_could_be_checked():
    out = re.sub(r"\s*\n\s*", "", run_cli("check", "--help").stdout)  # as read, not as wrapped
    assert "输入错误仍为 2" not in out and "2 参数或输入错误" not in out
    assert out.count("没有一份报告能检查") >= 2  # the exit codes and --exit-zero


def test_exit_zero_with_an_unreadable_file_beside_a_readable_one_exits_0_and_lists_it(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    r = run_cli("check", str(seed(0)), str(empty), "--format", "json", "--exit-zero")
    assert r.returncode == 0
    data = json.loads(r.stdout)
    assert [e["source"] for e in data["errors"]] == [str(empty)] and "E101" in r.stderr
    assert run_cli("check", str(empty), "--exit-zero").returncode == 2  # nothing could be checked
