"""`shuzhi review`: a round of reports checked and compared, written as a dashboard, Excel, Word and JSON."""

from __future__ import annotations

import contextlib
import ctypes
import gc
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

from rich.console import Console

from ..pipeline.authors import Authors
from ..pipeline.copying import add_copy_findings, compare_round
from ..pipeline.runner import Round, check_round, fork_context, progress_bar
from ..pipeline.spool import FindingsFiles, Spool, full_document
from ..pipeline.verdict import add_verdicts
from ..rules.config import Config, load_config
from ..similarity.core.formulas import formula_list
from ..similarity.core.settings import DEFAULT
from ..similarity.core.shingle import Fingerprint, fingerprint
from ..similarity.index.store import Index
from ..writers.annotate import annotate_safely, annotated_paths
from ..writers.dashboard import ReportPages, prepare_dashboard, write_index
from ..writers.evidence import evidence_remembered
from ..writers.jsonfmt import write_json
from ..writers.meeting import print_meeting
from ..writers.rows import Row, build_rows
from ..writers.xlsx import write_xlsx

__all__ = ["Review", "review"]


@dataclass
class Review:
    round: Round
    rows: list[Row]
    outdir: Path
    files: dict[str, Path] = field(default_factory=dict)
    annotated: dict = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)


def review(
    paths,
    outdir,
    *,
    config: Config | None = None,
    config_path: str | None = None,
    jobs: int | None = None,
    index: str | None = None,
    progress: bool = False,
    pretty_json: bool = False,
    authors: Authors | None = None,
) -> Review:
    """Review every report under ``paths`` and write all outputs under ``outdir``.

    Bad files are listed (dashboard, Excel, JSON ``errors``), never raised. results.json is compact
    (one report per line) unless ``pretty_json``. ``authors`` (pipeline.authors.Authors.read: the round
    manifest and the --person-style options) names the reports' authors; what it does not say is recognised
    from each report (signature, title, opening), and every result carries its ``identity``.
    """
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    _no_links_to_write_through(outdir)
    if config is None:
        config = load_config(config_path)
    t0 = time.perf_counter()
    index_dir = _usable_index(index)
    formulas = formula_list(lexicons=config.lexicons)
    # Each report's findings on disk from the moment its result comes back: the copy rules' workers write them
    # again with the copy findings, every writer reads one report's back (they outlive the round's spool: the
    # returned results read them).
    findings_files = FindingsFiles()
    with Spool() as spool:
        fingerprints: dict[int, Fingerprint] = {}

        def keep(i: int, result) -> None:
            # As each report comes back: the fingerprint the round comparison needs, then its document and its
            # findings to disk.
            fingerprints[i] = fingerprint(result.document.text, DEFAULT, formulas).compact()
            result.document = spool.put(i, result.document)
            result.findings = findings_files.put(str(i), result.findings)

        rnd = check_round(
            paths,
            config=config,
            config_path=config_path,
            jobs=jobs,
            progress=progress,
            index_dir=index_dir,
            outdir=outdir,
            authors=authors if authors is not None else Authors(),
            keep=keep,
        )
        fps = [fingerprints.pop(i) for i, e in enumerate(rnd.entries) if e.result is not None]
        t1 = time.perf_counter()
        if progress and len(rnd.results) > 1:
            Console(stderr=True).print(f"比对本轮 {len(rnd.results)} 份报告（复制检测）……")
        with _before_forks():  # the comparison's aligning workers are forked too
            rnd.copying = compare_round(
                [r.document for r in rnd.results], jobs=rnd.jobs, formulas=formulas, fingerprints=fps
            )
        with _before_forks():
            add_copy_findings(
                rnd.results, rnd.copying, config, jobs=rnd.jobs, fingerprints=fps, findings_files=findings_files
            )
        del fps
        rnd.copying.comparisons = []  # the copy rules' input, not an output: results.json keeps the rest
        add_verdicts(rnd.results, config)  # after the copy findings: a copied report is to be looked at
        t2 = time.perf_counter()
        _clear_previous_round(outdir)
        out = Review(rnd, [], outdir)
        out.files["results.json"] = target = outdir / "results.json"
        info = round_info(rnd, stream=True)  # the notes as they are now, before any Word file's

        def results_json() -> Path:
            with target.open("w", encoding="utf-8") as fh:
                write_json(fh, rnd.results, rnd.errors, pretty=pretty_json, round_info=info)
            return target

        with _before_forks():
            seconds = write_views(out, config, progress, results_json=results_json)
        t5 = time.perf_counter()
    # The writers run side by side (write_views): "json" and "xlsx" are each writer's own time, inside "word"
    # (from the first Word file to the last, the two writers in the same workers) when there are workers.
    out.seconds = {"check": t1 - t0, "compare": t2 - t1, **seconds, "total": t5 - t0}
    return out


@contextlib.contextmanager
def _before_forks():
    """Before the round's workers are forked: the heap's free pages given back to the system (the comparison's
    peak leaves the heap at its size; glibc only), and every object moved out of the collector's sight, so that a
    worker's garbage collections do not write to (and so copy) the pages it shares with the parent."""
    gc.collect()
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def round_info(rnd: Round, *, stream: bool = False) -> dict:
    """What a review's results.json holds besides results and errors, so that its dashboard, Excel and
    Word files can be written again from it (`shuzhi review --from`): the files in the order given
    (a result or an error each), the round's notes, workers and comparison. ``stream``: the comparison as
    the RoundCopying itself, which writers.jsonfmt writes piece by piece, not as one dict."""
    entries, r, e = [], 0, len(rnd.path_errors)
    for entry in rnd.entries:
        if entry.result is not None:
            entries.append(["result", r])
            r += 1
        else:
            entries.append(["error", e])
            e += 1
    return {
        "entries": entries,
        "path_errors": len(rnd.path_errors),
        "notes": list(rnd.notes),
        "jobs": rnd.jobs,
        "copying": None if rnd.copying is None else rnd.copying if stream else rnd.copying.to_dict(),
    }


def write_views(out: Review, config: Config, progress: bool = False, results_json=None) -> dict[str, float]:
    """Word files, report pages, Excel and the dashboard of a checked round, rendered from its results
    (``out.round``), and results.json when ``results_json`` (a function writing it) is given; the seconds of each.

    With workers, summary.xlsx and results.json are the first tasks of the Word files' workers (the Excel first:
    it takes longest), so that no more than ``--jobs`` processes are busy; the meeting summary and its PDF are made
    beside them (a thread here waits on chromium) from the notes as they are before the Word files, and made again
    after them if a Word file failed (its note); index.html, which shows what became of the Word files, comes after.
    With one worker, results.json, the Word files, the Excel, in that order, the meeting summary beside them, then
    index.html. A writer that fails does not stop the others: every other file
    is written, then the first failure is raised (the CLI says in Chinese what it was).
    """
    rnd, outdir = out.round, out.outdir
    t0 = time.perf_counter()
    # After the round comparison, so the copy findings get their comments too.
    checked = [e for e in rnd.entries if e.result is not None]
    persons = [(e.result.identity or {}).get("name") for e in checked]
    targets = annotated_paths([e.source for e in checked], outdir, persons)
    out.rows = rows = build_rows(rnd, config)
    checked_rows = [r for r in rows if r.result is not None]
    for row, target in zip(checked_rows, targets, strict=True):
        row.annotated = target.name
    prepare_dashboard(outdir)
    pages = ReportPages(rnd, rows, outdir)
    jobs = list(zip(checked_rows, targets, strict=True))
    # The Excel reads the rows and the round's comparison only, never what became of a Word file: it can be
    # written beside them.
    writers = {"summary.xlsx": lambda: write_xlsx(rnd, rows, outdir / "summary.xlsx")}
    if results_json is not None:
        writers["results.json"] = results_json
    early = _EarlySummary(rnd, rows, outdir)
    try:
        if progress:
            with progress_bar("批注", len(jobs)) as (bar, task):

                def tick():
                    bar.update(task, advance=1)
                    bar.refresh()

                annotated, written = _per_report(jobs, pages, rnd.jobs, tick, writers=writers, beside=early.start)
        else:
            annotated, written = _per_report(jobs, pages, rnd.jobs, writers=writers, beside=early.start)
    finally:
        early.join()  # it reads the rows, which change below when a Word file failed
    for entry, row, done in zip(checked, checked_rows, annotated, strict=True):
        entry.annotated = done
        if isinstance(done, dict):  # no Word file: the row and its page say so
            rnd.notes.append(f"{Path(entry.source).name}：{done['message']}")
            row.annotated = None
            with _whole_document(row.result):
                pages.write(row)
    t1 = time.perf_counter()
    failed: list[BaseException] = []
    seconds = {"json": 0.0, "word": t1 - t0, "xlsx": 0.0} if results_json is not None else {"word": t1 - t0}
    for name in ("results.json", "summary.xlsx"):
        if name not in written:
            continue
        done, took = written[name]
        seconds["json" if name == "results.json" else "xlsx"] = took
        if isinstance(done, BaseException):
            failed.append(done)
            out.files.pop(name, None)  # not offered by the dashboard
        else:
            out.files[name] = done
    try:
        made = early.files()
        out.files.update(made if made is not None else write_summary(rnd, rows, outdir))
    except Exception as e:  # index.html is still written
        failed.append(e)
    # The dashboard offers the files that were written, none that failed.
    written_names = {p.name for p in out.files.values()}
    offered = {
        "Excel 汇总表": "summary.xlsx",
        "打印版汇总（考核组会议用）": SUMMARY_HTML,
        "打印版汇总 PDF": SUMMARY_PDF,
        "带批注的 Word 文件": "annotated/",
        "JSON 结果": "results.json",
    }
    extra = {label: name for label, name in offered.items() if name.endswith("/") or name in written_names}
    try:
        out.files["index.html"] = write_index(rnd, rows, outdir, extra_files=extra)
    except Exception as e:
        failed.append(e)
    seconds["dashboard"] = time.perf_counter() - t1
    if failed:
        raise failed[0]
    return seconds


SUMMARY_HTML, SUMMARY_PDF = "round-summary.html", "round-summary.pdf"


def write_summary(rnd, rows, outdir: Path) -> dict[str, Path]:
    """The one-page round summary for the 考核组 meeting (writers.meeting) and its PDF, printed by chromium when
    the machine has it; when it cannot be printed, the round's notes say why (and the HTML is there to print)."""
    why = print_meeting(rnd, rows, outdir / SUMMARY_HTML, outdir / SUMMARY_PDF, notes=rnd.notes)
    return _summary_files(rnd, outdir, why)


def _summary_files(rnd, outdir: Path, why: str | None) -> dict[str, Path]:
    """The round summary's files, ``why`` being print_meeting's answer: when the PDF was not printed, the notes say
    why."""
    html = outdir / SUMMARY_HTML
    if why is not None:
        rnd.notes.append(f"打印版汇总的 PDF（{SUMMARY_PDF}）未生成：{why}；可在浏览器中打开 {SUMMARY_HTML} 打印。")
        return {SUMMARY_HTML: html}
    return {SUMMARY_HTML: html, SUMMARY_PDF: outdir / SUMMARY_PDF}


class _EarlySummary:
    """The round summary and its PDF made in a thread while the Word files are written (chromium prints it; the
    thread only waits): from the round's notes as they are before them, which is what write_summary would use after
    them unless a Word file failed and added its note."""

    def __init__(self, rnd, rows, outdir: Path):
        self.rnd, self.rows, self.outdir = rnd, rows, outdir
        self.notes = list(rnd.notes)
        self.thread: threading.Thread | None = None
        self.why: str | None = None
        self.error: Exception | None = None

    def start(self) -> None:
        if self.thread is None:
            self.thread = threading.Thread(target=self._make, name="round-summary", daemon=True)
            self.thread.start()

    def _make(self) -> None:
        try:
            self.why = print_meeting(
                self.rnd, self.rows, self.outdir / SUMMARY_HTML, self.outdir / SUMMARY_PDF, notes=self.notes
            )
        except Exception as e:  # raised where write_summary's would be
            self.error = e

    def join(self) -> None:
        if self.thread is not None:
            self.thread.join()

    def files(self) -> dict[str, Path] | None:
        """write_summary's answer when what was made early is what it would make (its error raised); None when it
        must be made now (a note added since, or never started)."""
        if self.thread is None or self.rnd.notes != self.notes:
            return None
        self.join()
        if self.error is not None:
            raise self.error
        return _summary_files(self.rnd, self.outdir, self.why)


# What a review writes into OUTDIR: files at its top, and folders whose every file it writes.
OUTPUT_FILES = ("results.json", "index.html", "summary.xlsx", SUMMARY_HTML, SUMMARY_PDF)
OUTPUT_FOLDERS = ("annotated", "reports", "assets")


def _no_links_to_write_through(outdir: Path) -> None:
    """Remove the symbolic links where the review is about to write, so it never writes through one.

    A link named results.json (or annotated/ …) left in OUTDIR, by accident or by someone else, would
    make the review overwrite the file it points to, anywhere. The links themselves are removed, never
    what they point to; the review then writes ordinary files in their place.
    """
    for name in (*OUTPUT_FILES, *OUTPUT_FOLDERS):
        p = outdir / name
        if p.is_symlink():
            p.unlink()
    for name in OUTPUT_FOLDERS:
        folder = outdir / name
        if folder.is_dir():
            for p in folder.iterdir():
                if p.is_symlink():
                    p.unlink()


def _clear_previous_round(outdir: Path) -> None:
    """Remove the per-report files a previous review wrote here, so no report of another round stays beside these.

    Only shuzhi's own outputs (annotated/*.docx, reports/*.html) of a directory holding shuzhi's results.json.
    """
    previous = outdir / "results.json"
    try:
        # Only a directory shuzhi wrote: its results.json names the tool near the top.
        if '"shuzhi"' not in previous.read_text(encoding="utf-8", errors="replace")[:400]:
            return
    except OSError:
        return
    for sub, pattern in (("annotated", "*.docx"), ("reports", "*.html")):
        for old in (outdir / sub).glob(pattern):
            old.unlink(missing_ok=True)


def _usable_index(index: str | None) -> str | None:
    """The index directory, opened once here so that a broken index stops the command before any work.

    (IndexFileError is a ShuzhiError: exit 2 with its message.)
    """
    if index is None:
        return None

    Index(index).close()
    return str(index)


# What the forked workers of _per_report read: (row, Word path) pairs, the page writer and the round's other
# writers, never pickled.
_PER_REPORT: tuple | None = None


def _one_report(k: int):
    """Report k's Word file (or the error that stopped it) and its page of the dashboard."""
    jobs, pages, _ = _PER_REPORT
    row, target = jobs[k]
    with _whole_document(row.result), evidence_remembered():  # the comments' evidence lines shown again on the page
        done = annotate_safely(row.result, target)
        if not isinstance(done, dict):
            pages.write(row)
    return done


def _one_writer(name: str) -> tuple:
    """(what the writer ``name`` returned, or the exception that stopped it; its seconds)."""
    t = time.perf_counter()
    try:
        done = _PER_REPORT[2][name]()
    except Exception as e:
        done = e
    return done, time.perf_counter() - t


def _once(fn):
    """``fn`` called the first time only (nothing when None)."""
    done = [fn is None]

    def once() -> None:
        if not done[0]:
            done[0] = True
            fn()

    return once


@contextlib.contextmanager
def _whole_document(result):
    """The result with its whole document and its findings while a writer needs them (read back from the spool),
    then their stand-ins."""
    light, spooled = result.document, result.findings
    result.document = full_document(result)
    result.findings = list(spooled)
    try:
        yield result
    finally:
        result.document, result.findings = light, spooled


def _per_report(
    jobs: list, pages, workers: int, tick=None, *, writers: dict | None = None, beside=None
) -> tuple[list, dict]:
    """Word file and report page of every checked report, in ``workers`` forked processes where fork exists;
    and each of ``writers`` (name: function writing one file), the first tasks of those processes. ``beside()`` is
    called once here when they are working (after the workers are forked: it may start a thread), at once without
    workers.

    Returns (per report: its Word file's outcome; per writer: (its return value or its exception, seconds)).
    Without workers the writers run here: results.json before the Word files, the others after them.
    """
    global _PER_REPORT
    tick = tick or (lambda: None)
    writers = writers or {}
    beside = _once(beside)
    _PER_REPORT = (jobs, pages, writers)
    try:
        ctx = fork_context()
        out: list = []
        written: dict = {}
        if workers > 1 and len(jobs) > 1 and ctx is not None:
            futures = {}
            try:
                with ProcessPoolExecutor(min(workers, len(jobs) + len(writers)), mp_context=ctx) as pool:
                    futures = {name: pool.submit(_one_writer, name) for name in writers}
                    reports = pool.map(_one_report, range(len(jobs)), chunksize=4)  # all submitted: workers forked
                    beside()
                    for done in reports:
                        out.append(done)
                        tick()
            except BrokenProcessPool:  # a worker died: the rest here, one by one
                pass
            for name, fut in futures.items():
                try:
                    written[name] = fut.result()
                except BrokenProcessPool:  # written again below
                    pass
                except Exception as e:  # its outcome could not be sent back (an exception that does not pickle)
                    written[name] = (e, 0.0)
        beside()  # without workers (or when they died before it was called)
        if "results.json" in writers and "results.json" not in written:  # before the Word files, as in one process
            written["results.json"] = _one_writer("results.json")
        for k in range(len(out), len(jobs)):
            out.append(_one_report(k))
            tick()
        for name in writers:
            if name not in written:
                written[name] = _one_writer(name)
        return out, written
    finally:
        _PER_REPORT = None
