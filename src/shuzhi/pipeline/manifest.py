"""The round manifest reviewers keep: a CSV or XLSX of file → 姓名, 单位, 职务, 年度."""

from __future__ import annotations

import csv
from pathlib import Path

from ..model.errors import ShuzhiError

COLUMNS = ("文件", "姓名", "单位", "职务", "年度")
_FILE_COLUMNS = ("文件", "文件名", "报告", "报告文件")


class ManifestError(ShuzhiError):
    """A manifest that cannot be read (E401)."""

    code = "E401"


def read_manifest(path: str | Path) -> dict[str, dict[str, str]]:
    """Rows keyed by the file's name (without folders): {"李明远-2023.docx": {"姓名": …, "年度": …}}."""
    path = Path(path)
    if not path.is_file():
        raise ManifestError(f"名册文件不存在：{path}", source=str(path))
    try:
        rows = _xlsx_rows(path) if path.suffix.lower() in (".xlsx", ".xlsm") else _csv_rows(path)
    except ManifestError:
        raise
    except Exception as e:  # a broken workbook or an undecodable file: say which and why
        raise ManifestError(f"名册文件无法读取：{path}（{type(e).__name__}）", source=str(path)) from e
    if not rows:
        raise ManifestError(f"名册文件是空的：{path}", source=str(path))
    header = [str(c or "").strip() for c in rows[0]]
    file_col = next((c for c in _FILE_COLUMNS if c in header), None)
    if file_col is None or "姓名" not in header:
        raise ManifestError(
            f"名册 {path} 的第一行应为列名，至少包括“文件”和“姓名”（可选：单位、职务、年度），得到：{'、'.join(h for h in header if h) or '空行'}",
            source=str(path),
        )
    out: dict[str, dict[str, str]] = {}
    for r in rows[1:]:
        row = {h: str(v).strip() if v is not None else "" for h, v in zip(header, r, strict=False) if h}
        name = Path(row.get(file_col, "").replace("\\", "/")).name
        if not name:
            continue
        year = row.get("年度", "")
        if year.endswith(".0"):  # a year typed into Excel as a number
            row["年度"] = year[:-2]
        row["文件"] = name
        out[name] = row
    return out


def _csv_rows(path: Path) -> list[list[str]]:
    raw = path.read_bytes()
    for enc in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(enc)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise ManifestError(f"名册文件不是 UTF-8 或 GB18030 编码的文本：{path}", source=str(path))
    return [r for r in csv.reader(text.splitlines()) if any(c.strip() for c in r)]


def _xlsx_rows(path: Path) -> list[list]:
    from openpyxl import load_workbook

    wb = load_workbook(path, read_only=True, data_only=True)
    try:
        ws = wb.worksheets[0]
        return [list(r) for r in ws.iter_rows(values_only=True) if any(c not in (None, "") for c in r)]
    finally:
        wb.close()


def row_for(manifest: dict[str, dict[str, str]], source: str | None) -> dict[str, str] | None:
    """The manifest row of a report, matched by file name (no row when there is no manifest: `index add`
    asks for each of thousands of files, and the file name costs a Path)."""
    if not manifest or not source:
        return None
    return manifest.get(Path(str(source).replace("\\", "/")).name)
