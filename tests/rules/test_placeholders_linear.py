"""The placeholder context scans look at a bounded window, not the whole sentence (issue #15)."""

from __future__ import annotations

from helpers.budget import check_within_budget
from shuzhi.api import check, loads


def test_a_one_line_report_full_of_placeholders_is_checked_within_the_file_budget(tmp_path):
    # 60,000 characters on one line took 8.4 s before (each placeholder scanned back to the line start).
    text = "2023年度述职报告\n" + "本人认真履行职责，完成全年任务的XX%，" * 30_000
    result = check_within_budget(tmp_path, text)
    assert sum(f.code == "P101" for f in result.findings) == 30_000


def test_the_percentage_proposal_still_reads_its_sentence():
    [f] = [f for f in check(loads("全年完成12.67亿元，为年度预算11.5亿元的X%。")).findings if f.code == "P101"]
    assert f.data["proposal"] == 110.2


def test_a_number_cut_by_the_window_proposes_nothing():
    # The completion form is found 300 characters back at most; a number that starts before that
    # window would be read cut short, so no proposal is made from it.
    text = "本人完成" + "1" * 400 + "亿元，为年度预算5亿元的X%。"
    [f] = [f for f in check(loads(text)).findings if f.code == "P101"]
    assert "proposal" not in f.data
