"""Accepting uploaded reports: several files or a .zip of a folder, checked for size, count, bombs and `../`."""

from __future__ import annotations

import hashlib
import io
import re
import uuid
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.db import transaction

from ..audit.log import record
from ..engine import REPORT_SUFFIXES
from ..errors import WebError
from .models import Job, Person, Report, Version

# A .zip whose entries expand more than this many times over their compressed size is refused as a bomb.
MAX_ZIP_RATIO = 200
ZIP_SKIP = ("__MACOSX/", ".DS_Store", "Thumbs.db")


@dataclass
class Incoming:
    name: str  # the client's file name (shown, never used as a path)
    data: bytes


@dataclass
class Outcome:
    versions: list[Version] = field(default_factory=list)
    rejected: list[tuple[str, WebError]] = field(default_factory=list)


def _zip_name(info: zipfile.ZipInfo) -> str:
    # Zips made on Chinese Windows store GBK names without the UTF-8 flag; zipfile reads them as cp437.
    if info.flag_bits & 0x800:
        return info.filename
    try:
        return info.filename.encode("cp437").decode("gbk")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return info.filename


def _unsafe(name: str) -> bool:
    n = name.replace("\\", "/")
    p = PurePosixPath(n)
    return n.startswith("/") or bool(re.match(r"^[A-Za-z]:", n)) or ".." in p.parts or "\x00" in n


def expand_zip(name: str, data: bytes) -> list[Incoming]:
    """The report files inside a zip upload; raises WebError for a bomb, an unsafe path or a broken archive."""
    max_file, max_total, max_files = (
        settings.SHUZHI_MAX_FILE_BYTES,
        settings.SHUZHI_MAX_UPLOAD_BYTES,
        settings.SHUZHI_MAX_FILES,
    )
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as e:
        raise WebError("W108", f"{name} 无法解开（{e.__class__.__name__}）") from None
    for info in infos:
        if _unsafe(info.filename):
            raise WebError("W104", f"{name} 中的“{_zip_name(info)}”指向压缩包以外的位置，整个压缩包未接收")
    entries = [i for i in infos if not i.is_dir() and not any(s in i.filename for s in ZIP_SKIP)]
    if len(entries) > max_files:
        raise WebError("W102", f"{name} 中有 {len(entries)} 个文件，一次最多 {max_files} 个")
    declared = sum(i.file_size for i in entries)
    if declared > max_total:
        raise WebError("W103", f"{name} 解压后共 {declared / 1048576:.1f} MB，超过 {max_total / 1048576:.0f} MB 的上限")
    out: list[Incoming] = []
    total = 0
    for info in entries:
        if (
            info.compress_size
            and info.file_size / max(info.compress_size, 1) > MAX_ZIP_RATIO
            and info.file_size > 1 << 20
        ):
            raise WebError("W103", f"{name} 中的“{_zip_name(info)}”压缩比异常（超过 {MAX_ZIP_RATIO} 倍）")
        try:
            with zf.open(info) as fh:
                # Never trust the declared size: read at most one byte more than allowed.
                chunk = fh.read(max_file + 1)
        except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError) as e:
            raise WebError("W108", f"{name} 中的“{_zip_name(info)}”无法解开（{e.__class__.__name__}）") from None
        if len(chunk) > max_file:
            raise WebError(
                "W103", f"{name} 中的“{_zip_name(info)}”解压后超过单个文件 {max_file / 1048576:.0f} MB 的上限"
            )
        total += len(chunk)
        if total > max_total:
            raise WebError("W103", f"{name} 解压后超过 {max_total / 1048576:.0f} MB 的上限")
        out.append(Incoming(PurePosixPath(_zip_name(info).replace("\\", "/")).name, chunk))
    return out


def person_from_name(filename: str) -> str:
    """A writer's name guessed from a file name such as 张三_2023年述职述廉报告.docx (else the whole stem)."""
    stem = Path(filename).stem.strip() or "未命名"
    first = re.split(r"[_\-—－·\s]+", stem)[0]
    if re.fullmatch(r"[\u4e00-\u9fff]{2,4}", first) and first != stem:
        return first
    return stem[:100]


def _store(data: bytes, suffix: str) -> str:
    name = f"{uuid.uuid4().hex}{suffix}"
    Path(settings.UPLOAD_DIR).mkdir(parents=True, exist_ok=True)
    (Path(settings.UPLOAD_DIR) / name).write_bytes(data)
    return name


def ingest(rnd, user, files: list[Incoming], *, person: str = "", unit: str = "", post: str = "") -> Outcome:
    """Store each report file as a new version of its writer's report in the round and queue it for checking.

    A file that is not a report is rejected on its own (W105); the others go on. `person`/`unit`/`post` apply
    when exactly one report is uploaded.
    """
    out = Outcome()
    expanded: list[Incoming] = []
    for f in files:
        suffix = Path(f.name).suffix.lower()
        if suffix == ".zip":
            try:
                expanded.extend(expand_zip(f.name, f.data))
            except WebError as e:
                out.rejected.append((f.name, e))
            continue
        expanded.append(f)
    reports = [f for f in expanded if Path(f.name).suffix.lower() in REPORT_SUFFIXES]
    for f in expanded:
        if f not in reports:
            out.rejected.append(
                (f.name, WebError("W105", f"{f.name}：只接收 .docx、.pdf、.txt、.doc、.wps 文件或它们的 .zip 压缩包"))
            )
    if len(reports) > settings.SHUZHI_MAX_FILES:
        out.rejected.append(("", WebError("W102", f"共 {len(reports)} 份，一次最多 {settings.SHUZHI_MAX_FILES} 份")))
        reports = []
    for f in reports:
        if len(f.data) > settings.SHUZHI_MAX_FILE_BYTES:
            out.rejected.append(
                (
                    f.name,
                    WebError(
                        "W101",
                        f"{f.name} 有 {len(f.data) / 1048576:.1f} MB，单个文件最多 {settings.SHUZHI_MAX_FILE_BYTES / 1048576:.0f} MB",
                    ),
                )
            )
            continue
        single = len(reports) == 1
        name = (person.strip() if single and person.strip() else person_from_name(f.name))[:100]
        stored = _store(f.data, Path(f.name).suffix.lower())
        try:
            with transaction.atomic():
                p, _ = Person.objects.get_or_create(name=name)
                report, _ = Report.objects.get_or_create(round=rnd, person=p, defaults={"year": rnd.year})
                report = Report.objects.select_for_update().get(pk=report.pk)
                if single and (unit.strip() or post.strip()):
                    report.unit = unit.strip()[:200] or report.unit
                    report.post = post.strip()[:200] or report.post
                    report.save(update_fields=["unit", "post"])
                last = report.versions.order_by("-number").values_list("number", flat=True).first() or 0
                v = Version.objects.create(
                    report=report,
                    number=last + 1,
                    original_name=f.name[:255],
                    stored_name=stored,
                    size=len(f.data),
                    sha256=hashlib.sha256(f.data).hexdigest(),
                    uploaded_by=user,
                )
                Job.objects.create(version=v)
                record(user, "upload", round=rnd, target=f"{name} 第{v.number}版", file=f.name, size=len(f.data))
        except Exception:
            (Path(settings.UPLOAD_DIR) / stored).unlink(missing_ok=True)
            raise
        out.versions.append(v)
    for name, e in out.rejected:
        record(user, "upload_rejected", round=rnd, target=name, code=e.code, message=e.text)
    return out
