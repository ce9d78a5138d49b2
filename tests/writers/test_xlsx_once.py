"""summary.xlsx from one read of each report's findings, saved at a faster deflate level (#17): the same workbook."""

from __future__ import annotations

import re
import zipfile
from collections import Counter

import openpyxl
import pytest

from helpers.round_files import make_round
from shuzhi.pipeline.spool import SpooledFindings
from shuzhi.review import review
from shuzhi.rules.config import Config
from shuzhi.writers import xlsx

STAMPS = re.compile(rb"<dcterms:(created|modified)[^>]*>[^<]*</dcterms:\1>")


@pytest.fixture(scope="module")
def reviewed(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("once")
    rv = review([make_round(tmp)], tmp / "out", config=Config(), jobs=1)
    return rv, tmp


def _parts(path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {n: STAMPS.sub(b"", z.read(n)) for n in z.namelist()}


def test_each_reports_findings_are_read_once(reviewed, monkeypatch):
    rv, tmp = reviewed
    reads: Counter = Counter()
    load = SpooledFindings.load

    def counted(self):
        reads[self.key] += 1
        return load(self)

    monkeypatch.setattr(SpooledFindings, "load", counted)
    spooled = [r.result.findings for r in rv.rows if r.result is not None]
    assert spooled and all(isinstance(f, SpooledFindings) for f in spooled)
    xlsx.write_xlsx(rv.round, rv.rows, tmp / "once.xlsx")
    assert set(reads) == {f.key for f in spooled}
    assert set(reads.values()) == {1}  # was 2: the 问题 and the 数字 sheets each read them


def test_the_workbook_is_openpyxls_own_save_and_the_figures_sheet_every_figures_finding(reviewed, monkeypatch):
    rv, tmp = reviewed
    xlsx.write_xlsx(rv.round, rv.rows, tmp / "level.xlsx")
    monkeypatch.setattr(xlsx, "_save", lambda wb, path: wb.save(path))
    xlsx.write_xlsx(rv.round, rv.rows, tmp / "default.xlsx")
    a, b = _parts(tmp / "level.xlsx"), _parts(tmp / "default.xlsx")
    assert list(a) == list(b) and a == b  # the same parts in the same order, only compressed differently
    with zipfile.ZipFile(tmp / "level.xlsx") as z:
        assert {i.compress_type for i in z.infolist()} == {zipfile.ZIP_DEFLATED}
    figures = [
        (r.source, f.code) for r in rv.rows if r.result is not None for f in r.result.findings if f.code.startswith("N")
    ]
    assert figures  # the seeds have figures findings
    ws = openpyxl.load_workbook(tmp / "level.xlsx")["数字"]
    assert [(row[1], row[2]) for row in ws.iter_rows(min_row=2, values_only=True)] == figures
