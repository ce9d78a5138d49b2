"""The round manifest (CSV or XLSX): file → 姓名, 单位, 职务, 年度; bad manifests get E401 in Chinese."""

from __future__ import annotations

import pytest
from openpyxl import Workbook

from shuzhi.pipeline.manifest import ManifestError, read_manifest, row_for

ROWS = [
    ["文件", "姓名", "单位", "职务", "年度"],
    ["2023/李明远.docx", "李明远", "临河县人民政府", "县长", 2023],
    ["赵立新.txt", "赵立新", "临河县人民政府", "县委常委、常务副县长", 2023],
]


def test_csv_in_utf8_and_gb18030(tmp_path):
    for enc in ("utf-8-sig", "gb18030"):
        p = tmp_path / f"名册-{enc}.csv"
        p.write_bytes("\n".join(",".join(str(c) for c in r) for r in ROWS).encode(enc))
        m = read_manifest(p)
        assert m["李明远.docx"]["姓名"] == "李明远" and m["赵立新.txt"]["年度"] == "2023"
        assert row_for(m, "/round/2023/李明远.docx")["职务"] == "县长"
        assert row_for(m, "别人.docx") is None


def test_xlsx_with_years_typed_as_numbers(tmp_path):
    wb = Workbook()
    for r in ROWS:
        wb.active.append(r)
    wb.active.append([None, None, None, None, None])
    p = tmp_path / "名册.xlsx"
    wb.save(p)
    m = read_manifest(p)
    assert m["李明远.docx"]["年度"] == "2023" and m["赵立新.txt"]["职务"] == "县委常委、常务副县长"


@pytest.mark.parametrize(
    "content,expected",
    [
        ("姓名,年度\n李明远,2023\n", "至少包括“文件”和“姓名”"),
        ("", "是空的"),
    ],
)
def test_bad_manifests_say_what_is_wrong(tmp_path, content, expected):
    p = tmp_path / "名册.csv"
    p.write_text(content, encoding="utf-8")
    with pytest.raises(ManifestError) as e:
        read_manifest(p)
    assert e.value.code == "E401" and expected in e.value.message


def test_missing_and_broken_files(tmp_path):
    with pytest.raises(ManifestError, match="不存在"):
        read_manifest(tmp_path / "没有.csv")
    broken = tmp_path / "坏.xlsx"
    broken.write_bytes(b"PK\x03\x04 not a workbook")
    with pytest.raises(ManifestError) as e:
        read_manifest(broken)
    assert e.value.code == "E401" and "无法读取" in e.value.message
