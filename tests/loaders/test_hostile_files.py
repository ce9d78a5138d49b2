"""Hostile and careless files other than .docx (issue #15): binary named .txt, unreadable files, sizes."""

from __future__ import annotations

import re

import pytest

from shuzhi.loaders import load
from shuzhi.model.errors import LoadError

ENGLISH = re.compile(r"[A-Za-z]{4,}")
REPORT = "2023年度述职述廉报告\n一年来，本人认真履行职责，完成各项任务。\n"


@pytest.mark.parametrize(
    "name, data",
    [
        ("del", b"\x7f" * 1000),  # valid UTF-8 and ASCII: DEL was not counted as a control character
        ("vertical-tabs", b"\x0b\x0c" * 500 + b"a"),  # whitespace controls around one letter
        ("c1-controls", "\x85\x90\x9f".encode() * 300),  # C1 controls, valid UTF-8
        ("private-use", ("\ue000\ue001" * 300).encode()),  # symbol-font code points only
        ("del-and-letters", b"\x7f\x7f\x7fA" * 300),
    ],
)
def test_mostly_control_bytes_named_txt_are_refused_as_not_a_report(tmp_path, name, data):
    p = tmp_path / f"{name}.txt"
    p.write_bytes(data)
    with pytest.raises(LoadError) as e:
        load(p)
    assert e.value.code == "E102"
    assert "不是文字报告" in e.value.message


def test_binary_appended_to_a_report_is_refused(tmp_path):
    # The first 20,000 characters were the only ones looked at: a report followed by megabytes of binary passed.
    p = tmp_path / "r.txt"
    p.write_bytes((REPORT * 1000).encode() + bytes(range(1, 9)) * 100_000)
    with pytest.raises(LoadError) as e:
        load(p)
    assert e.value.code == "E102"


def test_a_report_with_a_few_form_feeds_still_loads(tmp_path):
    # Page breaks (form feed) in a text exported from an old word processor are not binary.
    p = tmp_path / "r.txt"
    p.write_text((REPORT * 20 + "\f") * 5, encoding="utf-8")
    assert load(p).text.startswith("2023年度述职述廉报告")


def _os_error(path) -> OSError:
    """The OSError opening ``path`` for reading raises (the test fails if it opens)."""
    try:
        with open(path, "rb"):
            pass
    except OSError as e:
        return e
    raise AssertionError(f"{path} was expected not to open")


def test_system_errors_are_explained_in_chinese(tmp_path):
    # E110 carried the system's English text ("Too many levels of symbolic links").
    from shuzhi.loaders import os_reason

    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.symlink_to(b)
    b.symlink_to(a)
    errors = [
        _os_error(a),  # ELOOP
        _os_error(tmp_path),  # EISDIR
        _os_error(tmp_path / ("长" * 200 + ".txt")),  # ENAMETOOLONG
        _os_error(tmp_path / "missing.txt"),  # ENOENT
        OSError(61, "No data available"),  # any other errno
    ]
    for e in errors:
        reason = os_reason(e)
        assert reason and not ENGLISH.search(reason), (e, reason)
    assert len({os_reason(e) for e in errors}) == len(errors)


def test_e107_never_prints_the_same_size_twice(tmp_path):
    # A file just over the limit printed "文件大小 50 MB 超过限制 50 MB".
    p = tmp_path / "r.txt"
    p.write_bytes(REPORT.encode() * 2000)
    limit = p.stat().st_size - 1
    with pytest.raises(LoadError) as e:
        load(p, max_bytes=limit)
    assert e.value.code == "E107"
    sizes = re.match(r"文件大小 (.+?) 超过限制 (.+?)；", e.value.message)
    assert sizes and sizes.group(1) != sizes.group(2)


def test_refusing_many_binary_files_does_not_accumulate_tracebacks(tmp_path):
    # Found by the fuzzer (an out-of-memory after a few thousand inputs): one module-level LoadError was
    # raised for every non-text file, and each raise chained its traceback, with the frames holding the
    # file's bytes, onto the same object. A long-running worker grew by ~240 KB per refused file.
    p = tmp_path / "bin.txt"
    p.write_bytes(b"\x7f" * 1000)
    errors = []
    for _ in range(30):
        with pytest.raises(LoadError) as e:
            load(p)
        errors.append(e.value)
    depth, tb = 0, errors[-1].__traceback__
    while tb is not None:
        depth, tb = depth + 1, tb.tb_next
    assert depth < 20
    assert len({id(e) for e in errors}) == len(errors)
