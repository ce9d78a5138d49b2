""".doc, .wps, .rtf and .odt made by the real LibreOffice from a .docx the test wrote, read back through LibreOffice."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

import pytest

from loaders.docbuilders import make_seed_docx, soffice_convert
from shuzhi.loaders import load, office
from shuzhi.model.errors import LoadError
from shuzhi.rules.config import Config
from shuzhi.rules.engine import check_document

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    """seed 003 as .docx, and LibreOffice's .doc, .odt, .rtf of it; the .wps is the Word 97 file WPS writes."""
    d = tmp_path_factory.mktemp("office")
    src = make_seed_docx(d / "r.docx")
    files = {"docx": src}
    for target in ("doc:MS Word 97", "odt", "rtf"):
        files[target.split(":")[0]] = soffice_convert(src, d, target)
    # Kingsoft WPS Writer's .wps is a Word 97 binary document (an OLE compound file with a
    # WordDocument stream) under another name; LibreOffice cannot write .wps, so the .wps is the
    # Word 97 file LibreOffice wrote, renamed, which is byte for byte what such a .wps is.
    wps = d / "r.wps"
    wps.write_bytes(files["doc"].read_bytes())
    files["wps"] = wps
    return files


@pytest.fixture(scope="module")
def loaded(made):
    return {ext: load(p) for ext, p in made.items()}


def test_made_files_are_what_they_claim(made):
    assert made["doc"].read_bytes()[:8] == OLE_MAGIC
    # A Word 97 document: the WordDocument stream's name (UTF-16) is in the OLE directory.
    assert "WordDocument".encode("utf-16-le") in made["wps"].read_bytes()
    with zipfile.ZipFile(made["odt"]) as z:
        assert z.read("mimetype") == b"application/vnd.oasis.opendocument.text"
    assert made["rtf"].read_bytes().startswith(b"{\\rtf1")


@pytest.mark.parametrize("ext", ["doc", "wps", "odt"])
def test_same_text_as_the_docx(loaded, ext):
    assert loaded[ext].text == loaded["docx"].text
    # The list numbering survived both conversions and is rendered, as in the .docx.
    assert "一、坚定理想信念" in loaded[ext].text
    assert "地区生产总值\nXX亿元" in loaded[ext].text


def test_rtf_text_is_what_the_rtf_file_says(made, loaded):
    # LibreOffice 7.4's RTF export writes the 、 of a list label in the ANSI code page, as "?"
    # (\leveltext \'02\'00\'3f): the file itself says "一?", and that is what is read.
    assert b"\\leveltext \\'02\\'00\\'3f;" in made["rtf"].read_bytes()
    want = re.sub(r"(?m)^([一二三])、", r"\1?", loaded["docx"].text)
    assert want != loaded["docx"].text
    assert loaded["rtf"].text == want


@pytest.mark.parametrize("ext", ["doc", "wps", "odt"])
def test_same_findings_and_paragraph_numbers(loaded, ext):
    want = check_document(loaded["docx"], Config())
    got = check_document(loaded[ext], Config())
    assert len(want.findings) > 5
    assert [(f.code, f.start, f.end, f.message, f.line, f.column) for f in got.findings] == [
        (f.code, f.start, f.end, f.message, f.line, f.column) for f in want.findings
    ]


@pytest.mark.parametrize("ext", ["doc", "wps"])
def test_result_says_the_file_was_converted(loaded, ext):
    doc = loaded[ext]
    assert doc.format == "docx" and doc.path.endswith("." + ext)
    loading = check_document(doc, Config()).meta["loading"]
    assert loading["format"] == ext and loading["converted"] == "libreoffice"
    assert any("LibreOffice" in n and "段落" in n for n in loading["notes"])
    assert check_document(loaded["docx"], Config()).meta["loading"] == {}


def test_no_temporary_folder_is_left(made, tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    load(made["odt"])
    with pytest.raises(LoadError):
        broken = tmp_path / "broken.doc"
        broken.write_bytes(OLE_MAGIC + b"\0" * 2000)
        load(broken)
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith("shuzhi-convert-")] == []


@pytest.mark.parametrize(
    ("name", "content"),
    [
        # LibreOffice would import these as plain text: a page of random characters, "checked".
        ("broken.doc", OLE_MAGIC + os.urandom(3000)),
        ("broken.wps", OLE_MAGIC + os.urandom(3000)),
        ("notes.rtf", "这不是RTF文件".encode()),
        ("picture.doc", b"\x89PNG\r\n\x1a\n" + os.urandom(500)),
        # A zip that is no document: LibreOffice fails on it.
        ("broken.odt", b"PK\3\4" + os.urandom(3000)),
    ],
)
def test_broken_office_file_is_e103(tmp_path, name, content):
    p = tmp_path / name
    p.write_bytes(content)
    with pytest.raises(LoadError) as e:
        load(p)
    assert e.value.code == "E103"
    assert "另存为 .docx" in e.value.message


def test_the_pool_bounds_conversions(monkeypatch, tmp_path):
    # One slot: while it is held (by this test, as by another worker), a conversion waits, then gives up clearly.
    # The lock files in a folder of the test's own: other shuzhi runs on the machine share the default one.
    monkeypatch.setenv(office.SLOT_DIR_ENV, str(tmp_path / "slots"))
    monkeypatch.setenv(office.SLOTS_ENV, "1")
    with office.conversion_slot():
        t0 = time.monotonic()
        with pytest.raises(LoadError) as e, office.conversion_slot(wait_s=0.5):
            pass
        assert time.monotonic() - t0 >= 0.5
        assert e.value.code == "E103" and "LibreOffice" in e.value.message
    with office.conversion_slot(wait_s=0.5):  # free again
        pass
    # Two slots: a second holder gets in at once, a third waits.
    monkeypatch.setenv(office.SLOTS_ENV, "2")
    with office.conversion_slot(), office.conversion_slot(wait_s=0.1), pytest.raises(LoadError):  # noqa: SIM117
        with office.conversion_slot(wait_s=0.3):
            pass


def test_a_hung_libreoffice_is_stopped(tmp_path, monkeypatch):
    # An soffice that hangs (as LibreOffice does on some broken files): stopped at the timeout, with its children.
    bindir = tmp_path / "bin"
    bindir.mkdir()
    pidfile = tmp_path / "child.pid"
    fake = bindir / "soffice"
    fake.write_text(f"#!/bin/sh\nsleep 60 &\necho $! > {pidfile}\nwait\n")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bindir}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setattr(office, "CONVERT_TIMEOUT_S", 1)
    doc = tmp_path / "r.doc"
    doc.write_bytes(OLE_MAGIC + "WordDocument".encode("utf-16-le") + b"\0" * 100)
    t0 = time.monotonic()
    with pytest.raises(LoadError) as e:
        load(doc)
    assert time.monotonic() - t0 < 20
    assert e.value.code == "E103" and "1 秒" in e.value.message
    child = int(pidfile.read_text())
    assert not _running(child)


def _running(pid: int) -> bool:
    """Whether a process runs (a killed child waiting to be reaped by init is not running)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state not in ("Z", "X")


def test_review_writes_a_docx_with_comments_for_a_wps(made, tmp_path):
    from helpers.docx_comments import read_comments

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "张三.wps").write_bytes(made["wps"].read_bytes())
    out = tmp_path / "out"
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2] / "src")}
    p = subprocess.run(
        [sys.executable, "-m", "shuzhi", "review", str(folder), "-o", str(out)],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert p.returncode in (0, 1), p.stderr
    annotated = out / "annotated" / "张三.docx"
    comments = read_comments(annotated)
    from shuzhi.writers.comments import comments_for

    result = check_document(load(folder / "张三.wps"), Config())
    notes = comments_for(result)  # several findings of one rule in one paragraph share a comment
    assert sorted(i for n in notes for i in n.findings) == sorted(f.id for f in result.findings)
    assert len(comments) == len(notes) > 5
    # Anchored on the converted document's own text: the XX placeholders are commented where they are.
    assert any(c["anchored"] == "XX" for c in comments)
