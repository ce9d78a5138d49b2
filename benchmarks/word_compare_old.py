"""The XML-level Word writer against the python-docx one it replaced, on the seeds: same comments, same anchors.

Run from the repository root with a checkout of the old code (e.g. a worktree of b7f24cc with its own venv):

    python benchmarks/word_compare_old.py --baseline ../speed-base [--libreoffice]

For each seed (as .txt, and as a .docx whose lines are split into runs) both writers annotate the same
findings; the comments are read back from each file (author, text, the characters between the range
marks) and compared. With --libreoffice every file written by the new writer is also converted by
LibreOffice to .odt, and the number of annotations it reads is compared with the number of comments.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT.parent / "shared" / "corpus" / "seeds").glob("0*.txt"))

# Run inside either checkout: annotate each input, print the comments as read back from the files.
CHILD = r"""
import json, sys
from pathlib import Path
sys.path.insert(0, sys.argv[1])  # tests/ of this repository: review.docx_comments
import shuzhi
from shuzhi.config import Config
from shuzhi.engine import check_document
from shuzhi.review.annotate import annotate
from review.docx_comments import read_comments
out = {}
for src in sys.argv[3:]:
    result = check_document(shuzhi.load(src), Config())
    path = Path(sys.argv[2]) / (Path(src).stem + "-" + Path(src).suffix[1:] + ".docx")
    annotate(result, path)
    out[src] = [(c["author"], c["text"], c["anchored"]) for c in read_comments(path)]
print(json.dumps(out, ensure_ascii=False))
"""


def _docx_inputs(tmp: Path) -> list[Path]:
    import docx

    out = []
    for seed in SEEDS:
        d = docx.Document()
        for line in seed.read_text(encoding="utf-8").split("\n"):
            p = d.add_paragraph()
            k = max(1, len(line) // 3)
            for j, part in enumerate((line[:k], line[k : 2 * k], line[2 * k :])):
                if part:
                    p.add_run(part).bold = j == 1
        path = tmp / f"{seed.stem}.docx"
        d.save(str(path))
        out.append(path)
    return out


def _run(python: str, repo: Path, outdir: Path, inputs: list[Path]) -> dict:
    outdir.mkdir(parents=True, exist_ok=True)
    r = subprocess.run(
        [python, "-c", CHILD, str(ROOT / "tests"), str(outdir), *map(str, inputs)],
        capture_output=True,
        text=True,
        cwd=repo,
        check=True,
    )
    return json.loads(r.stdout)


def _libreoffice_annotations(path: Path, tmp: Path) -> int:
    profile = (tmp / "lo-profile").as_uri()
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "odt",
            "--outdir",
            str(tmp),
            str(path),
        ],
        capture_output=True,
        check=True,
        timeout=300,
    )
    with zipfile.ZipFile(tmp / (path.stem + ".odt")) as z:
        return z.read("content.xml").decode("utf-8").count("<office:annotation ")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--baseline", required=True, help="checkout of the old code, with .venv/bin/python")
    ap.add_argument("--libreoffice", action="store_true")
    args = ap.parse_args()
    base = Path(args.baseline).resolve()
    with tempfile.TemporaryDirectory() as t:
        tmp = Path(t)
        inputs = SEEDS + _docx_inputs(tmp)
        old = _run(str(base / ".venv" / "bin" / "python"), base, tmp / "old", inputs)
        new = _run(sys.executable, ROOT, tmp / "new", inputs)
        total = same = 0
        for src in map(str, inputs):
            total += len(old[src])
            same += sum(a == b for a, b in zip(old[src], new[src], strict=False))
            if old[src] != new[src]:
                print(f"differs: {Path(src).name}: old {len(old[src])} comments, new {len(new[src])}")
                for a, b in zip(old[src], new[src], strict=False):
                    if a != b:
                        print("  old:", a, "\n  new:", b)
        print(
            f"{len(inputs)} files, {total} comments by the old writer, {same} identical in the new one (author, text, anchor)"
        )
        if args.libreoffice:
            lo = 0
            for path in sorted((tmp / "new").glob("*.docx")):
                n = _libreoffice_annotations(path, tmp)
                m = sum(len(v) for k, v in new.items() if Path(k).stem + "-" + Path(k).suffix[1:] == path.stem)
                lo += n == m
                if n != m:
                    print(f"LibreOffice reads {n} annotations in {path.name}, the file has {m} comments")
            print(f"LibreOffice: {lo} of {len(inputs)} files read with every comment")
        return 0 if same == total else 1


if __name__ == "__main__":
    raise SystemExit(main())
