"""The architecture, enforced: import contracts (import-linter), ruff lint and format, a model that imports nothing above it."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from conftest import ROOT

PATHS = ["src", "tests", "benchmarks", "scripts"]


def _tool(name: str) -> str:
    """The tool installed beside this interpreter (the test extra), else the one on PATH."""
    here = Path(sys.executable).parent / name
    found = str(here) if here.exists() else shutil.which(name)
    assert found, f"{name} is not installed: pip install -e '.[test]'"
    return found


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(args, cwd=ROOT, capture_output=True, text=True, encoding="utf-8", timeout=300)


def test_import_contracts_are_kept():
    r = _run(_tool("lint-imports"), "--no-cache")
    assert r.returncode == 0, r.stdout + r.stderr
    assert "0 broken" in r.stdout


def test_ruff_finds_nothing():
    r = _run(_tool("ruff"), "check", "--no-cache", *PATHS)
    assert r.returncode == 0, r.stdout + r.stderr


def test_code_is_ruff_formatted():
    r = _run(_tool("ruff"), "format", "--check", "--no-cache", *PATHS)
    assert r.returncode == 0, r.stdout + r.stderr


def test_the_document_model_loads_without_any_analysis():
    code = (
        "import sys, shuzhi.model.document, shuzhi.model.findings\n"
        "print(' '.join(sorted(m for m in sys.modules if m.startswith('shuzhi'))))"
    )
    r = _run(sys.executable, "-c", code)
    assert r.returncode == 0, r.stderr
    loaded = set(r.stdout.split())
    assert loaded == {"shuzhi", "shuzhi.model", "shuzhi.model.document", "shuzhi.model.findings"}


def test_the_similarity_core_loads_without_loaders_rules_or_documents():
    code = (
        "import sys, shuzhi.similarity.core.shingle, shuzhi.similarity.core.allpairs, shuzhi.similarity.core.bulk\n"
        "print(' '.join(sorted(m for m in sys.modules if m.startswith('shuzhi'))))"
    )
    r = _run(sys.executable, "-c", code)
    assert r.returncode == 0, r.stderr
    loaded = set(r.stdout.split())
    assert not {m for m in loaded if m.startswith(("shuzhi.loaders", "shuzhi.rules", "shuzhi.pipeline"))}
    assert "shuzhi.model.document" not in loaded and "shuzhi.similarity.index" not in loaded


def test_the_public_api_is_unchanged():
    import shuzhi

    for name in ("load", "loads", "check", "Config", "Document", "Finding", "Result", "Registry", "load_config"):
        assert hasattr(shuzhi, name), name
    for name in ("ConfigError", "LoadError", "ShuzhiError", "check_document", "__version__"):
        assert hasattr(shuzhi, name), name
    doc = shuzhi.loads("关于2023年度的述职报告\n一、学习\n本人认真学习。")
    assert isinstance(doc, shuzhi.Document)
    assert isinstance(shuzhi.check(doc), shuzhi.Result)


MAX_MODULE_LINES = 600


def test_no_module_is_over_600_lines():
    """A module that passes ~600 lines is split into named parts (STYLE.md, convention 1)."""
    sizes = {
        p.relative_to(ROOT).as_posix(): len(p.read_text(encoding="utf-8").splitlines())
        for p in (ROOT / "src" / "shuzhi").rglob("*.py")
    }
    assert len(sizes) > 50  # the walk found the package
    too_long = {p: n for p, n in sizes.items() if n > MAX_MODULE_LINES}
    assert not too_long, f"modules over {MAX_MODULE_LINES} lines: {too_long}"


def test_every_package_data_glob_matches_a_file():
    """A glob that matches nothing ships nothing and says nothing (it was `output/templates/*`)."""
    import tomllib

    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    globs = data["tool"]["setuptools"]["package-data"]["shuzhi"]
    assert globs
    empty = [g for g in globs if not any(p.is_file() for p in (ROOT / "src" / "shuzhi").glob(g))]
    assert not empty, f"package-data globs that match no file: {empty}"
