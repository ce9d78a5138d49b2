"""A hash of every result `shuzhi check` gives on each corpus, to show a refactoring changed nothing.

    PYTHONPATH=src python benchmarks/findings_digest.py [CORPUS_DIR ...] [--per-doc OUT.json]

For each corpus (default: ../shared/corpus seeds, gov-reports, laws) every file is checked with
every rule plain `check` runs (`check_paths`, as `shuzhi check` does) and the SHA-1 of each
result's `to_dict()` (findings with ids, messages, evidence and positions; metadata; profile) is
taken, plus one over the corpus. Run it on two trees (PYTHONPATH=OLD/src, then NEW/src) and compare
the output; --per-doc writes each file's hash so a difference can be traced to its file.
--analyses also hashes, per file, the shared analyses the rules read (outline, sentences, paragraphs,
quantities, claims, the dimension analysis with its blocks, the signals): a refactoring of one of
them must leave it equal, not only the findings built from it.
"""

from __future__ import annotations

import argparse
import hashlib
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"


def digests(corpus: Path) -> dict[str, str]:
    from shuzhi.pipeline.batch import check_paths
    from shuzhi.rules.config import Config

    files = sorted(str(p) for p in corpus.glob("*.txt"))
    batch = check_paths(files, Config())
    assert not batch.errors, batch.errors
    out = {}
    for r in batch.results:
        d = r.to_dict()
        out[str(d.get("source", len(out)))] = hashlib.sha1(
            json.dumps(d, ensure_ascii=False, sort_keys=True).encode()
        ).hexdigest()
    return out


def analysis_digests(corpus: Path) -> dict[str, str]:
    from shuzhi.analysis.dimensions import analyse
    from shuzhi.analysis.signals import signals_of
    from shuzhi.loaders import load
    from shuzhi.rules.config import Config

    cfg = Config()
    out = {}
    for p in sorted(corpus.glob("*.txt")):
        doc = load(p, source=str(p))
        parts = [
            repr(doc.outline),
            repr(doc.sentences),
            repr(doc.paragraphs),
            repr(doc.quantities),
            repr(doc.claims),
            repr(analyse(doc, cfg.lexicons)),
            repr(signals_of(doc, cfg.lexicons)),
        ]
        out[str(p)] = hashlib.sha1("\x00".join(parts).encode()).hexdigest()
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="*", type=Path)
    ap.add_argument("--per-doc", type=Path, help="write each file's hash to this JSON file")
    ap.add_argument("--analyses", action="store_true", help="also hash each file's shared analyses")
    a = ap.parse_args()
    corpora = a.corpus or [CORPUS / "seeds", CORPUS / "gov-reports", CORPUS / "laws"]
    every = {}
    for c in corpora:
        d = digests(c)
        every[c.name] = d
        whole = hashlib.sha1(json.dumps(sorted(d.items())).encode()).hexdigest()
        print(f"{c.name}: {len(d)} results, {whole}")
        if a.analyses:
            d = analysis_digests(c)
            every[c.name + " analyses"] = d
            whole = hashlib.sha1(json.dumps(sorted(d.items())).encode()).hexdigest()
            print(f"{c.name}: analyses of {len(d)} files, {whole}")
    if a.per_doc:
        a.per_doc.write_text(json.dumps(every, indent=1, sort_keys=True))


if __name__ == "__main__":
    main()
