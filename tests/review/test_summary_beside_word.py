"""The round summary and its PDF made while the Word files are written (#17): chromium prints it beside the workers
instead of after them; when a Word file fails (its note is for the summary too), the summary is made again after."""

from __future__ import annotations

import time

import pytest

import shuzhi.review as R
import shuzhi.writers.meeting as meeting
from conftest import seed_round


@pytest.mark.parametrize("jobs", [2, 1])
def test_the_summary_is_printed_while_the_word_files_are_written(tmp_path, monkeypatch, jobs):
    ends = tmp_path / "ends"
    real_annotate = R.annotate_safely

    def slow_word(result, target):
        time.sleep(0.5)
        done = real_annotate(result, target)
        with ends.open("a") as fh:  # in the workers too (forked: this wrapper is theirs)
            fh.write(f"{time.time()}\n")
        return done

    printed: list[float] = []

    def fake_print(html_path, pdf_path):
        printed.append(time.time())
        return "测试用：不打印"

    monkeypatch.setattr(R, "annotate_safely", slow_word)
    monkeypatch.setattr(meeting, "print_to_pdf", fake_print)
    out = R.review([str(seed_round(tmp_path))], tmp_path / "out", jobs=jobs)
    assert len(printed) == 1
    last_word = max(float(x) for x in ends.read_text().split())
    assert printed[0] < last_word  # before: only after the last Word file
    # What write_summary would have made after them: the HTML, no PDF, and the note saying why.
    assert R.SUMMARY_HTML in out.files and R.SUMMARY_PDF not in out.files
    notes = [n for n in out.round.notes if "测试用：不打印" in n]
    assert len(notes) == 1
    assert "测试用：不打印" in (tmp_path / "out" / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("jobs", [2, 1])
def test_a_failed_word_file_makes_the_summary_again_with_its_note(tmp_path, monkeypatch, jobs):
    real_annotate = R.annotate_safely

    def failing(result, target):
        if str(target).endswith("r1.docx") or "r1" in str(result.document.source).rsplit("/", 1)[-1]:
            return {"message": "测试用：批注失败"}
        return real_annotate(result, target)

    printed: list[str] = []

    def fake_print(html_path, pdf_path):
        printed.append(html_path.read_text(encoding="utf-8"))
        return None

    monkeypatch.setattr(R, "annotate_safely", failing)
    monkeypatch.setattr(meeting, "print_to_pdf", fake_print)
    monkeypatch.setattr(meeting, "pdf_pages", lambda path: 1)
    out = R.review([str(seed_round(tmp_path))], tmp_path / "out", jobs=jobs)
    assert any("测试用：批注失败" in n for n in out.round.notes)
    # Printed beside the Word files without the note, then again after them with it: the files say it.
    assert len(printed) == 2 and "测试用：批注失败" not in printed[0] and "测试用：批注失败" in printed[1]
    html = (tmp_path / "out" / R.SUMMARY_HTML).read_text(encoding="utf-8")
    assert "测试用：批注失败" in html
    assert R.SUMMARY_PDF in out.files
