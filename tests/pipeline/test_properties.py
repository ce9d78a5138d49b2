"""Property (hypothesis): for any input, checking gives a Result or a coded error, and every offset points into the source."""

from __future__ import annotations

import re
import sys
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import SEEDS
from shuzhi.api import check, loads
from shuzhi.pipeline.isolation import FileError, check_file_safely
from shuzhi.rules.config import Config

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "fuzz"))
import harness

# Pieces that reach the rules: report words, figures, placeholders, numbering, odd characters.
_SEED_WORDS = re.findall(r"[\u4e00-\u9fff]{2,6}", SEEDS[0].read_text(encoding="utf-8"))[:400]
PIECES = st.one_of(
    st.sampled_from(_SEED_WORDS),
    st.sampled_from(
        ["XX", "×××", "**", "某某", "20XX年", "【待补充】", "%", "亿元", "万元", "增长", "同比", "由", "到"]
    ),
    st.sampled_from(["一、", "（一）", "1.", "（1）", "一是", "。", "，", "；", "\n", "\n\n", " ", "\t", "\u3000"]),
    st.from_regex(r"\d{1,12}(\.\d{1,4})?", fullmatch=True),
    st.text(max_size=8),
)
REPORTS = st.lists(PIECES, max_size=120).map("".join)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(REPORTS)
def test_any_text_checks_to_findings_inside_the_text(text):
    result = check(loads(text))
    harness.check_result(result)
    harness.check_document(result.document)


@SETTINGS
@given(
    st.one_of(
        st.binary(max_size=3000),
        REPORTS.map(lambda t: t.encode("utf-8")),
        REPORTS.map(lambda t: t.encode("gb18030", "replace")),
    )
)
def test_any_bytes_as_a_txt_file_give_a_result_or_a_coded_error(data):
    with tempfile.NamedTemporaryFile(suffix=".txt") as f:
        f.write(data)
        f.flush()
        out = check_file_safely(f.name, Config(), 60)
    if isinstance(out, FileError):
        harness.check_error(out)
        assert out.code not in ("E113", "E114"), (out.code, out.detail)
    else:
        harness.check_result(out)
        harness.check_document(out.document)
        for finding in out.findings:
            assert finding.line >= 1 and finding.column >= 1


@SETTINGS
@given(st.binary(max_size=4000))
def test_any_bytes_as_docx_parts_give_a_result_or_a_coded_error(data):
    # The docx harness's "parts" form: the bytes are the XML parts, zipped into a real .docx.
    out = harness.run("pipeline", b"\x01" + data, budget=60)
    assert out is not None
