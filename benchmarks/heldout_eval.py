"""Run the dated held-out sets in benchmarks/heldout/ against whatever shuzhi does today.

    python benchmarks/heldout_eval.py                     # every set of the newest date, every class
    python benchmarks/heldout_eval.py --date 2026-12-04 --class placeholders --class completion
    python benchmarks/heldout_eval.py --json out.json     # also write everything as JSON ("-" = stdout)
    python benchmarks/heldout_eval.py --quiet             # the table only, no list of misses/false alarms

Only the public API is used: shuzhi.loads(text) / shuzhi.load(path) and shuzhi.check(doc) with the default
configuration; result.meta, result.findings, doc.outline. Tables are written into a real .docx with
python-docx and loaded with shuzhi.load.

Per class, a "positive" is what the fix must find and a "decoy" what it must leave alone; precision =
TP / (TP + FP), recall = TP / positives, counted per example (see each data file's header for what a hit
is). Classes that need a feature that does not exist yet are scored honestly against what exists: the
missing feature counts as a miss, and the field is picked up as soon as it exists:

- doc_kind: reads `result.meta["doc_kind"]` (or `doc.meta.doc_kind`). Absent: every positive is a miss.
  Its values are mapped to the data's labels through KIND_ALIASES below; a value not in the map is
  printed as "unmapped" and counts as "not 述职" — add it to KIND_ALIASES (one line) when you name the
  kinds. A second line shows today's implicit reading (meta.kinds non-empty = treated as a report).
- terms_body_year: any T5xx finding counts (the stale-term lexicon may grow under any T code);
  `result.meta["year"]` is compared with the year the body gives, whatever `year_source` says.
- figures: any N finding counts for a positive (the implausible-count rule has no code yet).
- parts: the shortcomings part is read from doc.outline (sections of kind "shortcomings").
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import tomllib
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

import shuzhi

HELDOUT = ROOT / "benchmarks" / "heldout"

# doc_kind values -> the labels used in doc_kind.toml. Extend when the field's values are chosen.
KIND_ALIASES = {
    "述职": "述职",
    "述职报告": "述职",
    "述职述廉报告": "述职",
    "report": "述职",
    "personal-report": "述职",
    "personal_report": "述职",
    "shuzhi": "述职",
    "主持词": "主持词",
    "host": "主持词",
    "host-script": "主持词",
    "chair": "主持词",
    "presiding": "主持词",
    "讲话": "讲话",
    "讲话稿": "讲话",
    "speech": "讲话",
    "工作总结": "工作总结",
    "总结": "工作总结",
    "summary": "工作总结",
    "work-summary": "工作总结",
    "单位报告": "单位报告",
    "unit-report": "单位报告",
    "unit_report": "单位报告",
    "情况报告": "单位报告",
    "对照检查材料": "对照检查材料",
    "对照检查": "对照检查材料",
    "self-examination": "对照检查材料",
    "self-check": "对照检查材料",
    "民主生活会": "对照检查材料",
}


def load_set(date_dir: Path, name: str) -> list[dict]:
    with (date_dir / f"{name}.toml").open("rb") as f:
        return tomllib.load(f)["case"]


def check_text(text: str):
    doc = shuzhi.loads(text)
    return doc, shuzhi.check(doc)


def meta_get(doc, result, key):
    meta = result.meta if isinstance(result.meta, dict) else {}
    if key in meta:
        return meta[key]
    return getattr(doc.meta, key, None)


def short(text: str, n: int = 60) -> str:
    t = text.replace("\n", "⏎")
    return t if len(t) <= n else t[:n] + "…"


class Score:
    def __init__(self, name: str, what: str):
        self.name, self.what = name, what
        self.pos = self.neg = self.tp = self.fp = 0
        self.misses: list[str] = []
        self.false_alarms: list[str] = []
        self.groups: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])  # pos, tp, neg, fp
        self.notes: list[str] = []

    def add(self, case: dict, is_pos: bool, hit: bool, detail: str = "", group: str = ""):
        g = self.groups[group or "-"]
        line = f"{case['id']}: {detail + ' | ' if detail else ''}{short(case.get('text') or case.get('caption', ''))}"
        if is_pos:
            self.pos += 1
            g[0] += 1
            if hit:
                self.tp += 1
                g[1] += 1
            else:
                self.misses.append(line)
        else:
            self.neg += 1
            g[2] += 1
            if hit:
                self.fp += 1
                g[3] += 1
                self.false_alarms.append(line)

    def precision(self):
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    def recall(self):
        return self.tp / self.pos if self.pos else None

    def to_dict(self):
        return {
            "class": self.name,
            "what": self.what,
            "positives": self.pos,
            "decoys": self.neg,
            "tp": self.tp,
            "fn": self.pos - self.tp,
            "fp": self.fp,
            "precision": self.precision(),
            "recall": self.recall(),
            "groups": {
                k: dict(zip(("positives", "tp", "decoys", "fp"), v, strict=False))
                for k, v in sorted(self.groups.items())
            },
            "misses": self.misses,
            "false_alarms": self.false_alarms,
            "notes": self.notes,
        }


def fmt(x):
    return "n/a" if x is None else f"{x:.2f}"


# ---------------------------------------------------------------- the classes
def ev_placeholders(d: Path) -> list[Score]:
    s = Score("placeholders", "P101/P102 on the new placeholder forms (#13)")
    for c in load_set(d, "placeholders"):
        _doc, r = check_text(c["text"])
        codes = [f.code for f in r.findings if f.code in ("P101", "P102")]
        want = set(c.get("code") or ["P101", "P102"])
        hit = any(x in want for x in codes) if c["label"] == "pos" else bool(codes)
        s.add(c, c["label"] == "pos", hit, ",".join(codes) or "no P finding", c.get("form", ""))
    return [s]


def ev_figures(d: Path) -> list[Score]:
    s = Score("figures", "N rules: 其中 lists that end, sum identities, implausible counts (#13)")
    for c in load_set(d, "figures"):
        _doc, r = check_text(c["text"])
        codes = [f.code for f in r.findings if f.code.startswith("N")]
        s.add(c, c["label"] == "pos", bool(codes), ",".join(codes) or "no N finding", c["relation"])
    return [s]


def ev_doc_kind(d: Path) -> list[Score]:
    s = Score("doc_kind", "meta.doc_kind says 述职 for reports and not for speeches, summaries … (#13)")
    proxy = Score(
        "doc_kind (today's proxy)", "meta.kinds non-empty = treated as a 述职 report (not the target measure)"
    )
    exact = total = 0
    unmapped: set[str] = set()
    field_seen = False
    s_on_decoys = 0
    for c in load_set(d, "doc_kind"):
        doc, r = check_text(c["text"])
        value = meta_get(doc, r, "doc_kind")
        if value is not None:
            field_seen = True
        kind = KIND_ALIASES.get(str(value).strip()) if value is not None else None
        if value is not None and kind is None:
            unmapped.add(str(value))
        total += 1
        exact += kind == c["kind"]
        is_pos = c["label"] == "pos"
        detail = f"doc_kind={value!r}"
        s.add(c, is_pos, (kind == "述职"), detail, c["kind"])
        kinds = meta_get(doc, r, "kinds") or []
        proxy.add(c, is_pos, bool(kinds), f"kinds={kinds}", c["kind"])
        if not is_pos:
            s_on_decoys += sum(1 for f in r.findings if f.code.startswith("S"))
    if not field_seen:
        s.notes.append("meta.doc_kind does not exist yet: every positive counted as a miss")
    else:
        s.notes.append(f"kind accuracy over all {total} texts (6 kinds): {exact / total:.2f}")
    if unmapped:
        s.notes.append(f"unmapped doc_kind values (add to KIND_ALIASES): {sorted(unmapped)}")
    s.notes.append(f"S-rule findings on the {proxy.neg} decoys (not reports): {s_on_decoys}")
    return [s, proxy]


def _span_in(doc, span: str):
    a = doc.text.find(span)
    if a < 0:  # the analysed text may normalise a character; fall back to the first 12 characters
        a = doc.text.find(span[:12])
        if a < 0:
            return None
        return a, a + 12
    return a, a + len(span)


def _in_shortcomings(doc, a: int, b: int) -> bool:
    for sec in doc.outline.walk():
        if sec.kind == "shortcomings":
            overlap = min(b, sec.end) - max(a, sec.start)
            if overlap > (b - a) / 2:
                return True
    return False


def ev_parts(d: Path) -> list[Score]:
    s = Score(
        "parts: shortcomings vs opening",
        "outline's shortcomings part holds the real one, not a reflective opening (#13)",
    )
    lian = Score(
        "parts: 述职述廉 without 廉",
        "S301 names 廉 whenever a 述职述廉 report has no 廉 content, whatever its parts (#13)",
    )
    for c in load_set(d, "parts"):
        doc, r = check_text(c["text"])
        if c["sub"] in ("shortcomings-found", "opening-reflection"):
            sp = _span_in(doc, c["span"])
            if sp is None:
                s.notes.append(f"{c['id']}: span not found in the analysed text")
                inside = False
            else:
                inside = _in_shortcomings(doc, *sp)
            kinds = [sec.kind for sec in doc.outline.walk() if sec.kind != "body"]
            s.add(c, c["label"] == "pos", inside, f"parts={kinds}", c["sub"] + ":" + c["shape"])
        else:
            dims = [f.data.get("dimension") for f in r.findings if f.code == "S301"]
            lian.add(c, c["label"] == "pos", "廉" in dims, f"S301 dims={dims}", c["shape"])
    return [s, lian]


def ev_s301(d: Path) -> list[Score]:
    found = Score(
        "s301: plain-word part found",
        "positive = the 廉/责 part is present in plain words; found = no S301 for it (#13)",
    )
    rule = Score("s301: as a rule", "positive = the part is missing; hit = S301 names that dimension")
    covered = [0, 0]
    covered_dim: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for c in load_set(d, "s301_recall"):
        _doc, r = check_text(c["text"])
        dims = [f.data.get("dimension") for f in r.findings if f.code == "S301"]
        flagged = c["dimension"] in dims
        present = c["label"] == "pos"
        cov = ((r.profile or {}).get("coverage") or {}).get(c["dimension"]) if isinstance(r.profile, dict) else None
        if present:
            covered[0] += 1
            covered[1] += bool(cov)
            covered_dim[c["dimension"]][0] += 1
            covered_dim[c["dimension"]][1] += bool(cov)
        found.add(c, present, not flagged, f"S301 dims={dims} coverage={cov}", c["dimension"])
        rule.add(c, not present, flagged, f"S301 dims={dims}", c["dimension"])
    found.notes.append(
        "positives whose part is actually classified (profile.coverage[dimension] > 0): "
        f"{covered[1]}/{covered[0]} ("
        + ", ".join(f"{k} {v[1]}/{v[0]}" for k, v in sorted(covered_dim.items()))
        + ") — not being flagged can also come from S301's unclassified-text gate"
    )
    return [found, rule]


def ev_terms(d: Path) -> list[Score]:
    s = Score("terms_body_year", "T rules run when only the body dates the report (#13)")
    year_ok = year_n = 0
    sources = defaultdict(int)
    for c in load_set(d, "terms_body_year"):
        doc, r = check_text(c["text"])
        codes = [f.code for f in r.findings if f.code.startswith("T5")]
        y = meta_get(doc, r, "year")
        year_n += 1
        year_ok += y == c["year"]
        sources[str(meta_get(doc, r, "year_source"))] += 1
        detail = f"year={y} {','.join(codes) or 'no T finding'}"
        s.add(c, c["label"] == "pos", bool(codes), detail, c.get("code", "decoy"))
    s.notes.append(f"meta.year equals the body's year in {year_ok}/{year_n} texts; year_source counts {dict(sources)}")
    return [s]


def ev_f402(d: Path) -> list[Score]:
    s = Score("f402_scope", "F402 only on the shortcomings part, not on openings/closings (#13)")
    for c in load_set(d, "f402_scope"):
        _doc, r = check_text(c["text"])
        n = sum(1 for f in r.findings if f.code == "F402")
        s.add(c, c["label"] == "pos", n > 0, f"F402×{n}", c["where"])
    return [s]


def _docx(case: dict, path: Path) -> Path:
    import docx

    d = docx.Document()
    d.add_paragraph(case.get("caption", ""))
    rows = case["table"]
    t = d.add_table(rows=len(rows), cols=len(rows[0]))
    for i, row in enumerate(rows):
        for j, cell in enumerate(row):
            t.cell(i, j).text = cell
    d.add_paragraph("注：数据来源于县统计局。")
    d.save(path)
    return path


def ev_completion(d: Path) -> list[Score]:
    s = Score("completion (#16)", "N findings on completion rates in every order and in .docx tables (#16)")
    with tempfile.TemporaryDirectory() as tmp:
        for c in load_set(d, "completion"):
            if "table" in c:
                doc = shuzhi.load(str(_docx(c, Path(tmp) / f"{c['id']}.docx")))
                r = shuzhi.check(doc)
                group = "table"
            else:
                doc, r = check_text(c["text"])
                group = "exact-target" if c.get("exact_target_only") else "sentence"
            codes = [f.code for f in r.findings if f.code.startswith("N")]
            s.add(c, c["label"] == "pos", bool(codes), ",".join(codes) or "no N finding", group)
    return [s]


# ---------------------------------------------------------------- classes of 2026-12-05
def _config_from_text(text: str):
    """A shuzhi.toml text -> Config, or (None, the refusal) when today's shuzhi does not accept it."""
    from shuzhi.rules.config import load_config

    with tempfile.TemporaryDirectory() as tmp:
        p = Path(tmp) / "shuzhi.toml"
        p.write_text(text, encoding="utf-8")
        try:
            return load_config(p), ""
        except Exception as e:  # a refused config is the feature missing: scored, not fatal
            return None, f"{type(e).__name__}: {e}"


def _n_codes(doc, config=None):
    r = shuzhi.check(doc, config) if config is not None else shuzhi.check(doc)
    return [f.code for f in r.findings if f.code.startswith("N")]


def ev_identities(d: Path) -> list[Score]:
    s = Score("identities", "N206 on sums that hold by definition, built in or from the config (#13)")
    refused = 0
    for c in load_set(d, "identities"):
        config = None
        if c.get("config"):
            config, why = _config_from_text(c["config"])
            if config is None:
                refused += 1
                if refused == 1:
                    s.notes.append(f"config refused by today's shuzhi ({why[:120]}); checked with the defaults")
        doc = shuzhi.loads(c["text"])
        codes = _n_codes(doc, config)
        s.add(c, c["label"] == "pos", bool(codes), ",".join(codes) or "no N finding", c["group"])
    if refused:
        s.notes.append(f"{refused} cases had their config refused")
    return [s]


def ev_shared_names(d: Path) -> list[Score]:
    s = Score("shared_names", "N206 on identity sums whose parts share one name in a 分别 list (#13)")
    for c in load_set(d, "shared_names"):
        codes = _n_codes(shuzhi.loads(c["text"]))
        s.add(c, c["label"] == "pos", bool(codes), ",".join(codes) or "no N finding", c["group"])
    return [s]


def ev_parts_unheaded(d: Path) -> list[Score]:
    s = Score(
        "parts: unheaded shortcomings before a non-plans part",
        "the paragraph is the shortcomings part; the part after it is not swallowed (#13)",
    )
    swallowed = 0
    for c in load_set(d, "parts_unheaded"):
        doc = shuzhi.loads(c["text"])
        sp = _span_in(doc, c["span"])
        inside = sp is not None and _in_shortcomings(doc, *sp)
        nsp = _span_in(doc, c["not_span"])
        over = nsp is not None and _in_shortcomings(doc, *nsp)
        swallowed += over
        kinds = [sec.kind for sec in doc.outline.walk() if sec.kind != "body"]
        hit = inside and not over if c["label"] == "pos" else inside
        detail = f"parts={kinds}{' next part swallowed' if over else ''}"
        s.add(c, c["label"] == "pos", hit, detail, f"{c['shape']}:{c['kind']}")
    s.notes.append(f"texts whose next part (廉/责/作风/意识形态) was read as shortcomings: {swallowed}")
    return [s]


def ev_s301_plain(d: Path) -> list[Score]:
    s = Score(
        "s301: plain-word 廉/责 found",
        "pos found = not named by S301 and profile.coverage > 0; decoy false alarm = not named by S301 (#13)",
    )
    visible = Score("s301: plain-word, not flagged", "pos found = S301 does not name it (whatever the coverage)")
    for c in load_set(d, "s301_plain"):
        _doc, r = check_text(c["text"])
        dims = [f.data.get("dimension") for f in r.findings if f.code == "S301"]
        flagged = c["dimension"] in dims
        cov = ((r.profile or {}).get("coverage") or {}).get(c["dimension"]) if isinstance(r.profile, dict) else None
        pos = c["label"] == "pos"
        hit = (not flagged and bool(cov)) if pos else not flagged
        detail = f"S301 dims={dims} coverage={cov}"
        s.add(c, pos, hit, detail, f"{c['dimension']}:{c['shape']}")
        visible.add(c, pos, not flagged, detail, c["dimension"])
    return [s, visible]


CLASSES = {
    "placeholders": ev_placeholders,
    "figures": ev_figures,
    "doc_kind": ev_doc_kind,
    "parts": ev_parts,
    "s301_recall": ev_s301,
    "terms_body_year": ev_terms,
    "f402_scope": ev_f402,
    "completion": ev_completion,
    "identities": ev_identities,
    "shared_names": ev_shared_names,
    "parts_unheaded": ev_parts_unheaded,
    "s301_plain": ev_s301_plain,
}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--date", help="folder under benchmarks/heldout (default: the newest)")
    ap.add_argument("--class", dest="classes", action="append", choices=sorted(CLASSES), help="repeatable")
    ap.add_argument("--json", help="write the results as JSON to this file ('-' = stdout)")
    ap.add_argument("--quiet", action="store_true", help="no lists of misses and false alarms")
    args = ap.parse_args(argv)
    dates = sorted(p.name for p in HELDOUT.iterdir() if p.is_dir())
    date = args.date or dates[-1]
    d = HELDOUT / date
    scores: list[Score] = []
    for name in args.classes or list(CLASSES):
        if (d / f"{name}.toml").exists():
            scores += CLASSES[name](d)
    try:
        commit = subprocess.run(
            ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=False
        ).stdout.strip()
    except OSError:
        commit = ""
    out = sys.stderr if args.json == "-" else sys.stdout
    print(f"held-out sets of {date}, shuzhi {getattr(shuzhi, '__version__', '?')}, commit {commit or '?'}", file=out)
    print("| class | positives | decoys | TP | FN | FP | precision | recall |", file=out)
    print("|---|---:|---:|---:|---:|---:|---:|---:|", file=out)
    for s in scores:
        row = [s.name, s.pos, s.neg, s.tp, s.pos - s.tp, s.fp, fmt(s.precision()), fmt(s.recall())]
        print("| " + " | ".join(str(x) for x in row) + " |", file=out)
    for s in scores:
        print(f"\n## {s.name}: {s.what}", file=out)
        for g, (p, tp, n, fp) in sorted(s.groups.items()):
            print(f"  {g}: found {tp}/{p}, false alarms {fp}/{n}", file=out)
        for note in s.notes:
            print(f"  note: {note}", file=out)
        if not args.quiet:
            for m in s.misses:
                print(f"  MISS  {m}", file=out)
            for m in s.false_alarms:
                print(f"  FALSE {m}", file=out)
    if args.json:
        data = {"date": date, "commit": commit, "classes": [s.to_dict() for s in scores]}
        text = json.dumps(data, ensure_ascii=False, indent=1)
        if args.json == "-":
            print(text)
        else:
            Path(args.json).write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
