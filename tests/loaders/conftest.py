"""Fixtures for the loader tests: a runner for the real CLI in a subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def shuzhi_cli():
    """Run ``python -m shuzhi`` in a subprocess, as a user would; returns (rc, parsed-json-or-stdout, stderr)."""

    def run(*args: str, env: dict | None = None, timeout: float = 60):
        e = dict(os.environ)
        e["PYTHONPATH"] = str(ROOT / "src")
        if env:
            e.update(env)
        p = subprocess.run(
            [sys.executable, "-m", "shuzhi", *args], capture_output=True, text=True, env=e, timeout=timeout, cwd=ROOT
        )
        out = p.stdout
        if "--format" in args and args[args.index("--format") + 1] == "json":
            out = json.loads(p.stdout)
        return p.returncode, out, p.stderr

    return run
