"""One local[2] SparkSession for every Spark test (starting the JVM costs seconds), workers on this Python;
the ~280-report corpus, reviewed once and run through `shuzhi corpus` once, shared by the test modules."""

from __future__ import annotations

import os
import sys

import pytest


@pytest.fixture(scope="session")
def spark():
    os.environ["PYSPARK_PYTHON"] = sys.executable
    from shuzhi.spark.session import start

    session = start("local[2]", partitions=4, app_name="shuzhi tests")
    yield session
    session.stop()


@pytest.fixture(scope="session")
def corpus_dir(tmp_path_factory):
    from spark.corpus_builder import build

    root = tmp_path_factory.mktemp("corpus") / "round"
    planted = build(root)
    return root, planted


@pytest.fixture(scope="session")
def reviewed(corpus_dir):
    """What `shuzhi review` computes for the round (its checks, its round comparison, its copy rules)."""
    from shuzhi.pipeline.copying import add_copy_findings, compare_round
    from shuzhi.pipeline.runner import check_round
    from shuzhi.rules.config import load_config

    root, _ = corpus_dir
    config = load_config(None)
    rnd = check_round([str(root)], config=config, jobs=1)
    rnd.copying = compare_round([r.document for r in rnd.results])
    add_copy_findings(rnd.results, rnd.copying, config)
    return rnd


@pytest.fixture(scope="session")
def corpus_out(spark, corpus_dir, tmp_path_factory):
    """The output folder of `shuzhi corpus --as-review` (the command itself, in this process's Spark session):
    `review`'s candidate rule, so the same pairs as `review` (the default corpus rule: tests/spark/test_common_language.py)."""
    from shuzhi.cli import main

    root, _ = corpus_dir
    out = tmp_path_factory.mktemp("out")
    code = main(["corpus", str(root), "-o", str(out), "--as-review"])
    return out, code


@pytest.fixture(scope="session")
def tables(spark, corpus_out):
    from shuzhi.spark import read_tables

    return read_tables(spark, str(corpus_out[0]))
