"""Bad input through the real CLI: one Chinese line per bad file, exit 2 when nothing was checked, batches go on."""

from __future__ import annotations

import random
import re
import zipfile

import pytest

from loaders.docbuilders import seed_paragraphs

GOOD_REPORT = "\n".join(seed_paragraphs(3))
CJK = re.compile(r"[\u4e00-\u9fff]")


def _zip_bomb(path):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z, z.open("word/document.xml", "w") as f:
        for _ in range(300):  # 300 MB of zeros in a few hundred KB
            f.write(b"\0" * (1 << 20))


def _encrypted_pdf(path):
    from reportlab.lib.pdfencrypt import StandardEncryption
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), encrypt=StandardEncryption("user-pw", "owner-pw"))
    c.drawString(100, 700, "report")
    c.save()


def _image_pdf(path):
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 170, 250, style="F")
    pdf.output(str(path))


BAD_FILES = {
    "E101": ("empty.txt", lambda p: p.write_bytes(b"")),
    "E102": ("garbage.txt", lambda p: p.write_bytes(random.Random(7).randbytes(4000))),
    "E103": ("notzip.docx", lambda p: p.write_text("不是 Word 文档", encoding="utf-8")),
    "E104": ("bomb.docx", _zip_bomb),
    "E105": ("locked.pdf", _encrypted_pdf),
    "E106": ("scan.pdf", _image_pdf),
    "E109": ("broken.pdf", lambda p: p.write_bytes(b"%PDF-1.4\n" + b"\xff\x00" * 3000)),
}


def _assert_one_clear_error(errors, code):
    assert [e["code"] for e in errors] == [code]
    msg = errors[0]["message"]
    assert "\n" not in msg and CJK.search(msg), msg
    assert "Traceback" not in msg


@pytest.mark.parametrize("code", sorted(BAD_FILES))
def test_each_bad_file_gives_one_chinese_line_and_exit_2(tmp_path, shuzhi_cli, code):
    name, make = BAD_FILES[code]
    make(tmp_path / name)
    rc, out, err = shuzhi_cli("check", "--format", "json", str(tmp_path / name), timeout=60)
    assert rc == 2
    assert out["results"] == []
    _assert_one_clear_error(out["errors"], code)
    assert out["errors"][0]["source"] == str(tmp_path / name)
    assert "Traceback" not in err


@pytest.mark.parametrize("code", ["E101", "E104", "E106"])
def test_text_mode_prints_the_message_on_stderr(tmp_path, shuzhi_cli, code):
    name, make = BAD_FILES[code]
    make(tmp_path / name)
    rc, _out, err = shuzhi_cli("check", str(tmp_path / name))
    assert rc == 2
    lines = [ln for ln in err.splitlines() if ln.strip()]
    assert len(lines) == 1 and code in lines[0] and CJK.search(lines[0])
    assert "Traceback" not in err


def test_missing_path_is_e001(tmp_path, shuzhi_cli):
    rc, out, _ = shuzhi_cli("check", "--format", "json", str(tmp_path / "没有这个文件.docx"))
    assert rc == 2
    _assert_one_clear_error(out["errors"], "E001")


def test_directory_without_reports_is_e002(tmp_path, shuzhi_cli):
    (tmp_path / "notes.md").write_text("不是报告", encoding="utf-8")
    rc, out, _ = shuzhi_cli("check", "--format", "json", str(tmp_path))
    assert rc == 2
    _assert_one_clear_error(out["errors"], "E002")


def test_file_over_the_size_limit_is_e107(tmp_path, shuzhi_cli):
    (tmp_path / "big.txt").write_text(GOOD_REPORT, encoding="utf-8")
    (tmp_path / "shuzhi.toml").write_text('max-file-size = "1KB"\n', encoding="utf-8")
    rc, out, _ = shuzhi_cli(
        "check", "--format", "json", "--config", str(tmp_path / "shuzhi.toml"), str(tmp_path / "big.txt")
    )
    assert rc == 2
    _assert_one_clear_error(out["errors"], "E107")
    assert "max-file-size" in out["errors"][0]["message"]
    # The sizes must be readable at small limits too (was "0.0 MB 超过限制 0 MB").
    assert "0 MB" not in out["errors"][0]["message"] and "1 KB" in out["errors"][0]["message"]


@pytest.mark.parametrize("suffix", [".doc", ".wps"])
def test_legacy_word_without_libreoffice_is_e108(tmp_path, shuzhi_cli, suffix):
    # A PATH with no soffice on it: what a machine without LibreOffice really looks like.
    (tmp_path / "bin").mkdir()
    (tmp_path / f"old{suffix}").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 4000)
    rc, out, _ = shuzhi_cli(
        "check", "--format", "json", str(tmp_path / f"old{suffix}"), env={"PATH": str(tmp_path / "bin")}
    )
    assert rc == 2
    _assert_one_clear_error(out["errors"], "E108")
    assert "LibreOffice" in out["errors"][0]["message"] and "另存为 .docx" in out["errors"][0]["message"]


def test_batch_with_bad_files_still_checks_the_good_one(tmp_path, shuzhi_cli):
    good = tmp_path / "good.txt"
    good.write_text(GOOD_REPORT, encoding="utf-8")
    rc_alone, alone, _ = shuzhi_cli("check", "--format", "json", str(good))
    for code in ("E102", "E104", "E106"):
        name, make = BAD_FILES[code]
        make(tmp_path / name)
    rc, out, _ = shuzhi_cli("check", "--format", "json", str(tmp_path))
    assert [r["source"] for r in out["results"]] == [str(good)]
    assert out["results"][0]["findings"] == alone["results"][0]["findings"]
    assert sorted(e["code"] for e in out["errors"]) == ["E102", "E104", "E106"]
    # The exit code is the good file's: bad files alone never make it 2.
    assert rc == rc_alone and rc in (0, 1)


def test_failed_libreoffice_conversion_is_e103_not_a_traceback(tmp_path, shuzhi_cli):
    # A real executable named soffice that fails, as LibreOffice does on a file it cannot read.
    (tmp_path / "bin").mkdir()
    fake = tmp_path / "bin" / "soffice"
    fake.write_text("#!/bin/sh\necho 'Error: source file could not be loaded' >&2\nexit 1\n")
    fake.chmod(0o755)
    # Looks like a Word 97 file (OLE header, a WordDocument stream name), so it reaches LibreOffice.
    (tmp_path / "old.doc").write_bytes(
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "WordDocument".encode("utf-16-le") + b"\0" * 100
    )
    rc, out, _ = shuzhi_cli("check", "--format", "json", str(tmp_path / "old.doc"), env={"PATH": str(tmp_path / "bin")})
    assert rc == 2
    _assert_one_clear_error(out["errors"], "E103")
    assert "另存为 .docx" in out["errors"][0]["message"]
