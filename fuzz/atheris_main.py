"""The atheris (libFuzzer) entry point shared by the harnesses: instrument shuzhi, then fuzz one kind of input."""

from __future__ import annotations

import sys
from pathlib import Path

import atheris

sys.path.insert(0, str(Path(__file__).resolve().parent))

with atheris.instrument_imports(include=["shuzhi", "harness"]):
    import harness

    import shuzhi.loaders.docx
    import shuzhi.loaders.layout
    import shuzhi.loaders.numbering
    import shuzhi.loaders.ocr
    import shuzhi.loaders.ofd
    import shuzhi.loaders.office
    import shuzhi.loaders.pdf
    import shuzhi.loaders.txt
    import shuzhi.pipeline.isolation  # noqa: F401  (the rules, analyses and writers of the pipeline)


def main(kind: str) -> None:
    def one_input(data: bytes) -> None:
        harness.run(kind, data)  # raises on a broken promise; atheris saves the input as a crash

    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()
