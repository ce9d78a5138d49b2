"""results.json streamed: compact by default, pretty on request, the same content as `check --format json`."""

from __future__ import annotations

import io
import json
from pathlib import Path

import shuzhi
from shuzhi.rules.config import Config
from shuzhi.rules.engine import check_document
from shuzhi.writers.jsonfmt import dumps, write_json

SEEDS = sorted((Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "seeds").glob("0*.txt"))


def _results():
    return [check_document(shuzhi.load(p), Config()) for p in SEEDS[:3]]


def test_streamed_compact_json_is_the_same_document_as_the_pretty_one():
    results = _results()
    errors = [{"source": "x.docx", "code": "E103", "message": "文件已损坏"}]
    fh = io.StringIO()
    write_json(fh, iter(results), errors)  # a generator: streamed one result at a time
    compact = fh.getvalue()
    assert json.loads(compact) == json.loads(dumps(results, errors))
    # One report per line, no indentation: a 500-report round stays small and quick to write.
    assert compact.count("\n") == len(results)
    assert "\n " not in compact and len(compact) < len(dumps(results, errors))


def test_pretty_on_request_is_indented():
    results = _results()
    fh = io.StringIO()
    write_json(fh, results, [], pretty=True)
    assert fh.getvalue().startswith('{\n  "version"')
    assert json.loads(fh.getvalue()) == json.loads(dumps(results, []))


def test_review_writes_compact_json_and_pretty_with_the_option(tmp_path):
    from shuzhi.cli import main

    for extra, indented in (([], False), (["--pretty-json"], True)):
        out = tmp_path / ("p" if indented else "c")
        assert main(["review", *map(str, SEEDS[:2]), "-o", str(out), "--jobs", "1", "--no-progress", *extra]) in (0, 1)
        text = (out / "results.json").read_text(encoding="utf-8")
        assert ('\n  "results"' in text) is indented
        assert [r["source"] for r in json.loads(text)["results"]] == [str(p) for p in SEEDS[:2]]
