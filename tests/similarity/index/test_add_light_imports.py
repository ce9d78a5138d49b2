"""`shuzhi index add` imports and starts only what it uses (issue #17: speed where users wait).

Each check runs in a new interpreter, as a user's command does, and reads that process's sys.modules.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from conftest import seed

SRC = Path(__file__).resolve().parents[3] / "src"

# Opens with its year and names none in its title: the light path asks the outline (a full load) for it.
OPENS_WITH_YEAR = "述职报告\n2023年，本人认真履行职责，完成了全年目标任务。\n一、主要工作\n抓好农业农村工作。\n"


def _python(code: str) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "OPENBLAS_NUM_THREADS"}
    env["PYTHONPATH"] = str(SRC) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout.strip().splitlines()[-1])


def test_index_add_leaves_out_masked_arrays_and_blas_threads(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    for i in range(3):
        (d / f"s{i}.txt").write_bytes(seed(i).read_bytes())
    (d / "y.txt").write_text(OPENS_WITH_YEAR, encoding="utf-8")
    out = _python(
        "import json, os, sys\n"
        "from shuzhi.cli import main\n"
        f"rc = main(['index', 'add', '--jobs', '2', '--index', {str(tmp_path / 'ix')!r}, {str(d)!r}])\n"
        "print(json.dumps({'rc': rc, 'blas': os.environ.get('OPENBLAS_NUM_THREADS'),"
        " 'mods': sorted(m for m in sys.modules if m.split('.')[0] in ('docx', 'pypdfium2', 'openpyxl')"
        " or m.startswith(('numpy.ma.', 'shuzhi.figures', 'shuzhi.rules.engine')) or m == 'numpy.ma')}))"
    )
    assert out["rc"] == 0
    # np.unique (numpy 2) imports numpy.ma; OpenBLAS started a thread per core: neither is used by the index.
    assert out["mods"] == []
    assert out["blas"] == "1"


def test_a_year_from_the_outline_is_read_without_the_figures(tmp_path):
    p = tmp_path / "y.txt"
    p.write_text(OPENS_WITH_YEAR, encoding="utf-8")
    out = _python(
        "import json, sys\n"
        "from shuzhi.similarity.index.from_files import read_for_index\n"
        f"r = read_for_index(__import__('pathlib').Path({str(p)!r}), 'y.txt')\n"
        "figures = sorted(m for m in sys.modules if m.startswith('shuzhi.figures'))\n"
        "import shuzhi\n"
        f"doc = shuzhi.load({str(p)!r})\n"
        "print(json.dumps({'figures': figures, 'read': [r.text, r.year], 'full': [doc.text, doc.meta.year],"
        " 'claims': len(doc.claims) >= 0}))"
    )
    assert out["figures"] == []
    assert out["read"] == out["full"] and out["full"][1] is not None
    assert out["claims"]  # a document still reaches its figures when asked for them


def test_walk_reports_names_the_links_it_found(tmp_path):
    from shuzhi.loaders import walk_reports
    from shuzhi.pipeline.paths import expand

    d = tmp_path / "in"
    (d / "b").mkdir(parents=True)
    (d / "b-c").mkdir()
    (d / "b" / "x.txt").write_bytes(seed(0).read_bytes())
    (d / "b-c" / "y.txt").write_bytes(seed(1).read_bytes())
    (d / "link.txt").symlink_to(d / "b" / "x.txt")
    links: set[Path] = set()
    found, notices = walk_reports(d, links)
    assert found == sorted(found) and len(found) == 3 and notices == []
    assert links == {d / "link.txt"}
    # The link and its target are one file: read once, under the name met first.
    files, errors = expand([d])
    assert [p for p, _ in files] == [d / "b" / "x.txt", d / "b-c" / "y.txt"] and errors == []


def test_the_reader_for_the_workers_leaves_the_store_for_later():
    # `index add` imports pipeline.indexing (the light reader) before it forks its workers, and the store
    # (SQLite, the fingerprinting) while they read: the package no longer imports the store with itself.
    out = _python(
        "import json, sys\n"
        "import shuzhi.pipeline.indexing\n"
        "before = sorted(m for m in sys.modules if m in ('sqlite3', 'shuzhi.similarity.index.store',"
        " 'shuzhi.similarity.core.bulk'))\n"
        "from shuzhi.similarity.index import DocMeta, Index, text_key\n"
        "from shuzhi.similarity.index.store import Index as StoreIndex\n"
        "print(json.dumps({'before': before, 'same': Index is StoreIndex and DocMeta.__name__ == 'DocMeta'"
        " and callable(text_key)}))"
    )
    assert out == {"before": [], "same": True}


def test_the_workers_find_the_fingerprinting_built_before_they_fork(tmp_path):
    # With the index's settings given, read_all builds what the workers fingerprint with (the module, its
    # table, the formulas' automaton) once in this process before forking them: neither worker imports or
    # builds it again (the parent itself fingerprints nothing).
    p = tmp_path / "a.txt"
    p.write_bytes(seed(0).read_bytes())
    out = _python(
        "import json, sys\n"
        "from pathlib import Path\n"
        "from shuzhi.pipeline.indexing import read_all\n"
        "from shuzhi.similarity.core.settings import Settings\n"
        "from shuzhi.similarity.core.formulas import formula_list\n"
        f"reads = read_all([(Path({str(p)!r}), 'a.txt')], jobs=2, prints=(Settings(), formula_list()))\n"
        "from shuzhi.similarity.core import formulas, hashing\n"
        "print(json.dumps({'parts': reads[0].prints is not None, 'imported': 'shuzhi.similarity.core.parts' in"
        " sys.modules, 'table': hashing._TABLE is not None, 'automaton': formulas._automaton.cache_info().currsize,"
        " 'store': 'shuzhi.similarity.index.store' in sys.modules}))"
    )
    assert out == {"parts": True, "imported": True, "table": True, "automaton": 1, "store": False}
