"""Issue #17: a review round keeps its findings on disk, not in the parent process: each report's findings are
written as its result comes back and again by the copy rules' worker that adds the copy findings; every writer
reads one report's back. The outputs are the same as with the findings in memory."""

from __future__ import annotations

import gc
import json
import pickle

from helpers.round_files import gov_paragraphs
from shuzhi.model.findings import Finding
from shuzhi.pipeline.copying import add_copy_findings, compare_round
from shuzhi.pipeline.runner import check_round
from shuzhi.pipeline.spool import FindingsFiles, SpooledFindings
from shuzhi.review import review
from shuzhi.rules.config import Config

N = 12


def _copied_round(tmp_path):
    """N reports, each of its own paragraphs and one paragraph they all share (C301 in every report)."""
    pool = gov_paragraphs()
    shared, own = pool[0], pool[1:]
    d = tmp_path / "round"
    d.mkdir()
    for k in range(N):
        paras = [f"第{k}号报告", own[4 * k], shared, *own[4 * k + 1 : 4 * k + 4]]
        (d / f"r{k:02d}.txt").write_text("\n".join(paras), encoding="utf-8")
    (d / "zz_broken.docx").write_bytes(b"PK\x03\x04 not a zip")  # an error before no report: keys by file position
    return d


def test_a_review_keeps_no_findings_in_the_parent_after_writing_its_outputs(tmp_path):
    out = tmp_path / "out"
    gc.collect()
    # Findings other tests of this session left alive (held here, so no new object can take their place).
    before = [o for o in gc.get_objects() if isinstance(o, Finding)]
    known = {id(o) for o in before}
    rv = review([_copied_round(tmp_path)], out, jobs=2)
    results = rv.round.results
    assert len(results) == N
    gc.collect()
    # No Finding object of this round is alive in this process: every result's findings are a stand-in on disk.
    assert not [o for o in gc.get_objects() if isinstance(o, Finding) and id(o) not in known]
    assert all(isinstance(r.findings, SpooledFindings) for r in results)
    # What they read back is what results.json holds, copy findings included, in order.
    written = json.loads((out / "results.json").read_text(encoding="utf-8"))["results"]
    for r, w in zip(results, written, strict=True):
        back = list(r.findings)
        assert len(r.findings) == len(back) == len(w["findings"])
        assert [f.to_dict() for f in back] == w["findings"]
    assert all(any(f.code == "C301" for f in r.findings) for r in results)


def test_copy_findings_written_by_the_workers_equal_those_merged_in_memory(tmp_path):
    d = _copied_round(tmp_path)
    config = Config()
    plain = check_round([d], config=config, jobs=1)
    plain.copying = compare_round([r.document for r in plain.results])
    add_copy_findings(plain.results, plain.copying, config, jobs=1)

    spooled = check_round([d], config=config, jobs=1)
    files = FindingsFiles(tmp_path)
    for k, r in enumerate(spooled.results):
        r.findings = files.put(f"r{k}", r.findings)
    spooled.copying = compare_round([r.document for r in spooled.results])
    changed = add_copy_findings(spooled.results, spooled.copying, config, jobs=2, findings_files=files)
    assert sorted(changed) == list(range(N))
    for a, b in zip(plain.results, spooled.results, strict=True):
        assert isinstance(b.findings, SpooledFindings) and len(b.findings) == len(a.findings)
        assert [f.to_dict() for f in b.findings] == [f.to_dict() for f in a.findings]  # ids disambiguated alike
        assert b.findings == a.findings
        assert b.profile["copy_round"] == a.profile["copy_round"]


def test_spooled_findings_read_like_a_list_and_their_folder_goes_with_the_last_of_them(tmp_path):
    d = _copied_round(tmp_path)
    found = check_round([d], config=Config(), jobs=1).results[0].findings
    assert found
    files = FindingsFiles(tmp_path)
    folder = files.dir
    stand_in = files.put("0", found)
    assert len(stand_in) == len(found) and list(stand_in) == found and stand_in[0] == found[0]
    assert stand_in == found and stand_in == files.stand_in("0", len(found))
    assert pickle.loads(pickle.dumps(stand_in)) == found  # pickled, a plain list
    assert type(pickle.loads(pickle.dumps(stand_in))) is list
    del files
    gc.collect()
    assert folder.exists()  # the stand-in keeps its folder
    del stand_in
    gc.collect()
    assert not folder.exists()
