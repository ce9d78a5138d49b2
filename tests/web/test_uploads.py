"""Uploads over HTTP: several files, a zip of a folder, and bad input — each refused with a coded Chinese
message, leaving the database as it was."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.test import override_settings
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart

from conftest import SEEDS, seed
from shuzhi.web.audit.models import AuditEntry
from shuzhi.web.reports.models import Job, Person, Report, Version
from shuzhi.web.reports.worker import work_pending


class Named(io.BytesIO):
    """A file for the test client's multipart encoder: bytes with a client-side name."""

    def __init__(self, name: str, data: bytes):
        super().__init__(data)
        self.name = name


def upload(client, rnd, *files, **fields):
    data = {"files": list(files), **fields, "end": "1"}
    r = client.post(f"/rounds/{rnd.id}/upload/", data, follow=True)
    assert r.status_code == 200
    return [str(m) for m in r.context["messages"]]


def counts():
    return (Person.objects.count(), Report.objects.count(), Version.objects.count(), Job.objects.count())


def make_docx(paragraphs: list[str]) -> bytes:
    from docx import Document

    d = Document()
    for p in paragraphs:
        d.add_paragraph(p)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def zip_of(entries: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
    return buf.getvalue()


def test_several_files_and_a_zip_of_a_folder_become_reports_checked_in_the_background(world, client_for):
    c = client_for(world["users"]["lead_a"])
    rnd = world["a"]
    msgs = upload(c, rnd, *[Named(p.name, p.read_bytes()) for p in SEEDS[1:3]])
    assert any("已接收 2 份报告" in m for m in msgs)
    z = zip_of(
        {
            "材料/王五_述职报告.txt": seed(3).read_bytes(),
            "材料/赵六-述职述廉报告.docx": make_docx(["一年来，本人认真履行职责。"] * 5),
        }
    )
    msgs = upload(c, rnd, Named("第二批.zip", z))
    assert any("已接收 2 份报告" in m for m in msgs)
    names = set(Report.objects.filter(round=rnd).values_list("person__name", flat=True))
    assert {"王五", "赵六", SEEDS[1].stem, SEEDS[2].stem} <= names
    queued = Version.objects.filter(report__round=rnd, status="queued").count()
    assert queued == 4
    assert work_pending() == 4
    assert not Version.objects.filter(report__round=rnd).exclude(status="done").exists()
    # Stored under generated names, never the client's path.
    for v in Version.objects.filter(report__round=rnd):
        assert "/" not in v.stored_name and ".." not in v.stored_name and v.stored_name[:32].isalnum()
        assert v.original_name in {
            "张三_述职报告.txt",
            SEEDS[1].name,
            SEEDS[2].name,
            "王五_述职报告.txt",
            "赵六-述职述廉报告.docx",
        }


def test_a_bad_file_gets_its_coded_error_and_never_stops_the_others(world, client_for):
    c = client_for(world["users"]["lead_a"])
    rnd = world["a"]
    upload(
        c,
        rnd,
        Named("坏文件.docx", b"PK\x03\x04 not really a word file"),
        Named("空文件.txt", b""),
        Named(SEEDS[2].name, SEEDS[2].read_bytes()),
    )
    work_pending()
    by_name = {v.original_name: v for v in Version.objects.filter(report__round=rnd)}
    assert by_name["坏文件.docx"].status == "failed" and by_name["坏文件.docx"].error_code == "E103"
    assert by_name["空文件.txt"].status == "failed" and by_name["空文件.txt"].error_code == "E101"
    assert "文件" in by_name["空文件.txt"].error_message
    assert by_name[SEEDS[2].name].status == "done" and by_name[SEEDS[2].name].findings.count() > 0
    page = c.get(f"/rounds/{rnd.id}/").content.decode()
    assert "E103 无法检查" in page and "E101 无法检查" in page


@override_settings(SHUZHI_MAX_UPLOAD_BYTES=50_000)
def test_an_oversized_upload_is_refused_whole(world, client_for):
    c = client_for(world["users"]["lead_a"])
    before = counts()
    msgs = upload(c, world["a"], Named("大文件.txt", "一年来，本人认真学习。".encode() * 3000))
    assert any(m.startswith("W101 上传内容超过大小限制") for m in msgs), msgs
    assert counts() == before


@override_settings(SHUZHI_MAX_FILE_BYTES=200_000)
def test_a_zip_bomb_is_refused(world, client_for):
    c = client_for(world["users"]["lead_a"])
    before = counts()
    bomb = zip_of({"报告.txt": b"0" * 30_000_000})
    assert len(bomb) < 100_000
    msgs = upload(c, world["a"], Named("材料.zip", bomb))
    assert any(m.startswith("W103 压缩包疑似压缩炸弹") for m in msgs), msgs
    assert counts() == before


def test_a_zip_with_dot_dot_entries_is_refused_and_nothing_is_written_outside(world, client_for, tmp_path):
    from django.conf import settings

    c = client_for(world["users"]["lead_a"])
    before = counts()
    evil = zip_of({"正常_述职报告.txt": seed(0).read_bytes(), "../../逃逸.txt": seed(1).read_bytes()})
    msgs = upload(c, world["a"], Named("材料.zip", evil))
    assert any(m.startswith("W104 压缩包中含有不安全的路径") and "逃逸.txt" in m for m in msgs), msgs
    assert counts() == before
    assert not list(settings.DATA_DIR.parent.glob("逃逸.txt")) and not list(settings.DATA_DIR.glob("**/逃逸.txt"))


def test_a_file_that_is_not_a_report_is_refused_on_its_own(world, client_for):
    c = client_for(world["users"]["lead_a"])
    before = counts()
    msgs = upload(
        c,
        world["a"],
        Named("照片.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 100),
        Named(SEEDS[3].name, SEEDS[3].read_bytes()),
    )
    assert any(m.startswith("W105 不是述职报告文件") and "照片.png" in m for m in msgs), msgs
    assert any("已接收 1 份报告" in m for m in msgs)
    assert counts()[2] == before[2] + 1
    assert AuditEntry.objects.filter(action="upload_rejected", target="照片.png").exists()


def test_an_upload_cut_off_mid_stream_stores_nothing(world, client_for):
    c = client_for(world["users"]["lead_a"])
    before = counts()
    body = encode_multipart(
        BOUNDARY, {"files": [Named("张三.txt", "一年来，本人认真学习。".encode() * 2000)], "end": "1"}
    )
    cut = body[: len(body) // 2]
    r = c.generic("POST", f"/rounds/{world['a'].id}/upload/", cut, content_type=MULTIPART_CONTENT)
    assert r.status_code == 302
    msgs = [str(m) for m in c.get(r["Location"]).context["messages"]]
    assert any(m.startswith("W106 上传未完成") for m in msgs), msgs
    assert counts() == before


def test_re_uploading_makes_a_new_version_and_decisions_carry_over_by_finding_id(world, client_for):
    from shuzhi.web.findings.models import Decision

    c = client_for(world["users"]["lead_a"])
    rnd, report = world["a"], world["report_a"]
    v1 = report.current
    fids = list(v1.findings.values_list("fid", flat=True))
    assert len(fids) > 3
    r = c.post(
        f"/rounds/{rnd.id}/reports/{report.id}/decide/",
        {"fid": fids[0], "verdict": "dismissed", "comment": "地名，不是占位符", "rev": "0"},
    )
    assert r.status_code == 302
    # The revised report: the same text with a paragraph added at the top (every offset moves).
    revised = ("补充说明：本报告已按要求修改。\n" + seed(0).read_text(encoding="utf-8")).encode()
    msgs = upload(c, rnd, Named("张三_述职报告（修改稿）.txt", revised), person="张三")
    assert any("已接收 1 份报告" in m for m in msgs)
    work_pending()
    report.refresh_from_db()
    v2 = report.current
    assert v2.number == 2 and v2.status == "done"
    assert Report.objects.filter(round=rnd, person__name="张三").count() == 1
    new_fids = set(v2.findings.values_list("fid", flat=True))
    assert fids[0] in new_fids
    page = c.get(f"/rounds/{rnd.id}/reports/{report.id}/").content.decode()
    assert "地名，不是占位符" in page
    assert Decision.objects.filter(report=report).count() == 1
    # The first version stays readable.
    assert c.get(f"/rounds/{rnd.id}/reports/{report.id}/?v=1").status_code == 200


def test_a_double_submitted_decision_is_recorded_once(world, client_for):
    from shuzhi.web.findings.models import Decision

    c = client_for(world["users"]["rev_a"])
    rnd, report = world["a"], world["report_a"]
    fid = report.current.findings.first().fid
    form = {"fid": fid, "verdict": "confirmed", "comment": "属实", "rev": "0"}
    first = c.post(f"/rounds/{rnd.id}/reports/{report.id}/decide/", form, follow=True)
    second = c.post(f"/rounds/{rnd.id}/reports/{report.id}/decide/", form, follow=True)
    assert "处理已保存。" in [str(m) for m in first.context["messages"]]
    assert any("重复提交" in str(m) for m in second.context["messages"])
    assert Decision.objects.filter(report=report, fid=fid).count() == 1
    assert Decision.objects.get(report=report, fid=fid).revision == 1
    assert AuditEntry.objects.filter(action="decision", round=rnd).count() == 1
    # A stale form with a different decision does not overwrite the newer one.
    stale = c.post(
        f"/rounds/{rnd.id}/reports/{report.id}/decide/",
        {**form, "verdict": "dismissed", "comment": "误报"},
        follow=True,
    )
    assert any(str(m).startswith("W107 处理已被修改") for m in stale.context["messages"])
    assert Decision.objects.get(report=report, fid=fid).verdict == "confirmed"


def test_a_dismissal_needs_a_reason(world, client_for):
    from shuzhi.web.findings.models import Decision

    c = client_for(world["users"]["rev_a"])
    rnd, report = world["a"], world["report_a"]
    fid = report.current.findings.first().fid
    r = c.post(
        f"/rounds/{rnd.id}/reports/{report.id}/decide/",
        {"fid": fid, "verdict": "dismissed", "comment": " ", "rev": "0"},
        follow=True,
    )
    assert any("请写明理由" in str(m) for m in r.context["messages"])
    assert not Decision.objects.filter(report=report).exists()


@pytest.mark.parametrize("field", ["fid", "verdict"])
def test_a_forged_decision_is_refused(world, client_for, field):
    from shuzhi.web.findings.models import Decision

    c = client_for(world["users"]["rev_a"])
    rnd, report = world["a"], world["report_a"]
    form = {"fid": report.current.findings.first().fid, "verdict": "confirmed", "comment": "", "rev": "0"}
    form[field] = "不存在"
    r = c.post(f"/rounds/{rnd.id}/reports/{report.id}/decide/", form, follow=True)
    assert any(str(m).startswith("W107") for m in r.context["messages"])
    assert not Decision.objects.filter(report=report).exists()
