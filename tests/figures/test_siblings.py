"""A population base named after a 其中 list is a sibling of the whole, not one more part (#13 leftover)."""

from __future__ import annotations

import pytest

import shuzhi


def n_codes(text: str) -> list[str]:
    return [f.code for f in shuzhi.check(shuzhi.loads(text)).findings if f.code.startswith("N")]


@pytest.mark.parametrize(
    "text",
    [
        "2023年末全县常住人口41.2万人，其中城镇人口22.7万人，年末户籍人口45.9万人。",
        "全区户籍人口30万人，其中农业人口17.5万人，常住人口33.8万人，人口净流入明显。",
        "全镇总人口5.6万人，其中女性2.8万人，常住人口6.1万人。",
        # 城镇人口 splits 常住人口; it is no part of the 户籍人口 identity (城镇 + 乡村)
        "全县常住人口41.2万人，其中城镇人口22.7万人；户籍人口45.9万人，其中乡村人口24.6万人。",
    ],
)
def test_a_sibling_total_is_not_a_part(text):
    assert n_codes(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "2023年末全县常住人口41.2万人，其中城镇人口42.7万人，年末户籍人口45.9万人。",
        "全县常住人口41.2万人，其中城镇人口22.7万人，乡村常住人口20.6万人。",
        "全县户籍人口45.9万人，其中城镇人口22.7万人，乡村人口24.6万人。",
    ],
)
def test_real_parts_are_still_checked(text):
    assert n_codes(text), text
