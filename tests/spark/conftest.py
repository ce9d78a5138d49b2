"""One local[2] SparkSession for every Spark test (starting the JVM costs seconds), workers on this Python."""

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
