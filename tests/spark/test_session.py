"""What `shuzhi corpus` says when pyspark or Java is missing: a coded Chinese message, exit 2, no traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _run(code: str, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, encoding="utf-8", env=env, timeout=120
    )


@pytest.mark.parametrize("module", ["pyspark", "pyarrow", "pandas"])
def test_a_missing_part_of_the_extra_is_named(tmp_path, module):
    # Python treats a None entry in sys.modules as a module that cannot be imported: the module is absent.
    # pyarrow and pandas: the alignment cells hand their pairs to Spark as Arrow batches (mapInArrow needs both).
    code = (
        f"import sys; sys.modules[{module!r}] = None\n"
        "from shuzhi.cli import main\n"
        f"sys.exit(main(['corpus', {str(tmp_path)!r}, '-o', {str(tmp_path / 'out')!r}]))"
    )
    p = _run(code, dict(os.environ))
    assert p.returncode == 2
    assert "E501" in p.stderr and module in p.stderr and "pip install 'shuzhi[spark]'" in p.stderr
    assert "Traceback" not in p.stderr


def test_missing_java_names_the_debian_package(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "JAVA_HOME"}
    env["PATH"] = str(tmp_path)  # no java on it
    code = (
        "import sys\n"
        "from shuzhi.cli import main\n"
        f"sys.exit(main(['corpus', {str(tmp_path)!r}, '-o', {str(tmp_path / 'out')!r}]))"
    )
    p = _run(code, env)
    assert p.returncode == 2
    assert "E502" in p.stderr and "default-jre-headless" in p.stderr and "openjdk-17-jre-headless" in p.stderr
    assert "Traceback" not in p.stderr
    assert not (tmp_path / "out").exists()


def test_a_local_session_runs_its_jvm_with_the_parallel_collector_and_both_compilers(spark):
    """A corpus run is a batch job: the throughput collector, and C2 left on (it pays back from 10,000 reports;
    issue #12, docs/bench/spark.md 2026-12-07)."""
    from shuzhi.spark.session import LOCAL_JAVA_OPTIONS

    jvm = spark.sparkContext._jvm
    args = list(jvm.java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments())
    assert LOCAL_JAVA_OPTIONS.split()[0] in args
    beans = jvm.java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()
    collectors = {str(beans.get(i).getName()) for i in range(beans.size())}
    assert collectors == {"PS Scavenge", "PS MarkSweep"}, collectors  # the parallel collector's two, not G1's
    assert not any(a.startswith("-XX:TieredStopAtLevel") for a in args)
