"""E107 names two different sizes: a file just over the limit does not read "50 MB 超过限制 50 MB" (known defect)."""

from __future__ import annotations

import re

import pytest

from shuzhi.loaders import load
from shuzhi.model.errors import LoadError


@pytest.mark.parametrize("over", [1, 1024, 30_000, 420_000])
def test_size_and_limit_differ_in_the_message(tmp_path, over):
    limit = 50 * 1024 * 1024
    path = tmp_path / "big.txt"
    with path.open("wb") as f:
        f.truncate(limit + over)  # sparse: the size is what counts, nothing is written
    with pytest.raises(LoadError) as e:
        load(path, max_bytes=limit)
    assert e.value.code == "E107"
    size, cap = re.search(r"文件大小 (.+?) 超过限制 (.+?)；", e.value.message).groups()
    assert size != cap
