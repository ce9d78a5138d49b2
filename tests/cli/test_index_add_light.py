"""`shuzhi index add` of plain-text reports imports only what the light path uses: the year comes from the
title search (outline.title, outline.markers), not from the heading parser and its cues."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

_PROBE = """
import json, sys
from shuzhi.cli import main
rc = main(sys.argv[1:])
sys.stdout.flush()
roles = sys.modules["shuzhi.outline.meta"]._role_patterns.cache_info().currsize
files = sys.modules["shuzhi.lexicons.loader"]._lexicon_file.cache_info().currsize
print(json.dumps({"rc": rc, "mods": sorted(sys.modules), "role patterns": roles, "word-list files": files}), file=sys.stderr)
"""


def _index_add(tmp_path: Path) -> dict:
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "2023年度县长述职述廉报告\n一年来，本人认真履职。\n一、工作情况\n完成任务。\n", "utf-8"
    )
    (folder / "b.txt").write_text("关于某镇2022年工作情况的报告\n2022年，全镇完成了各项任务。\n", "utf-8")
    proc = subprocess.run(
        [sys.executable, "-c", _PROBE, "index", "add", "--index", str(tmp_path / "ix"), str(folder)],
        capture_output=True,
        text=True,
        env=dict(os.environ),
        timeout=120,
    )
    return json.loads(proc.stderr.strip().splitlines()[-1])


def test_index_add_reads_years_without_the_heading_parser_or_the_role_patterns(tmp_path):
    seen = _index_add(tmp_path)
    assert seen["rc"] == 0
    assert "shuzhi.outline.meta" in seen["mods"] and "shuzhi.outline.markers" in seen["mods"]  # a real title search
    assert [
        m for m in ("shuzhi.outline.heads", "shuzhi.outline.cues", "shuzhi.outline.parse") if m in seen["mods"]
    ] == []
    assert seen["role patterns"] == 0  # compiled only when a role is looked for (a check, --identify)
    assert seen["word-list files"] == 2  # the formulas and the residue signals, not every built-in list


def test_index_add_reads_its_word_lists_without_importlib_resources(tmp_path):
    # importlib.resources (tempfile, zipfile and its readers: 7 ms of imports before the first file) only
    # where the built-in files are listed; the two lists index add reads come through the package's loader.
    seen = _index_add(tmp_path)
    assert seen["rc"] == 0 and seen["word-list files"] == 2
    assert [m for m in seen["mods"] if m.startswith("importlib.resources")] == []
