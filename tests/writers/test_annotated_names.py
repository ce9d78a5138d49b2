"""Annotated Word files get names the file system accepts: a stem over 255 bytes is shortened (known defect)."""

from __future__ import annotations

from shuzhi.loaders import loads
from shuzhi.rules.config import Config
from shuzhi.rules.engine import check_document
from shuzhi.writers.annotate import annotate, annotated_paths


def test_long_stem_is_shortened_and_unique(tmp_path):
    stem = "某县" + "关于二〇二三年度个人述职述廉报告的修改稿" * 12  # 242 characters, 726 bytes in UTF-8
    paths = annotated_paths([f"a/{stem}.txt", f"b/{stem}.docx"], tmp_path)
    assert len({p.name for p in paths}) == 2
    for p in paths:
        assert len(p.name.encode("utf-8")) <= 255 and p.suffix == ".docx" and p.name.startswith("某县关于")
    doc = loads("2023年度述职述廉报告\n完成XX亿元。", source=f"a/{stem}.txt")
    out = annotate(check_document(doc, Config()), paths[0])
    assert out.path.exists() and out.comments >= 1
