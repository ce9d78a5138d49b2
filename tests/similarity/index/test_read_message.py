"""What a worker of `index add` sends back per file: a Read, pickled as its fields (no dict of their names)."""

from __future__ import annotations

import pickle

from shuzhi.similarity.index.from_files import Read


def test_a_read_goes_through_pickle_unchanged_and_without_its_field_names():
    reads = [
        Read("报告/甲.txt", "2023年度述职报告\n本人认真履职。", 2023),
        Read("乙.txt", error={"source": "乙.txt", "code": "E102", "message": "不是文字报告"}),
        Read("丙.txt", "", None),
    ]
    for r in reads:
        data = pickle.dumps(r)
        assert pickle.loads(data) == r
        assert b"text" not in data and b"year" not in data and b"doc" not in data  # (an error has a "source")
    assert pickle.loads(pickle.dumps(reads)) == reads
