"""The config reader: one reader per documented key, each refusing a value of the wrong shape in Chinese."""

from __future__ import annotations

import re

import pytest

from shuzhi.model.errors import ConfigError
from shuzhi.rules.config import _SETTERS, TOP_KEYS, config_from_dict


def test_every_documented_key_has_a_reader_and_no_reader_is_undocumented():
    assert set(_SETTERS) == set(TOP_KEYS)


@pytest.mark.parametrize("key", sorted(TOP_KEYS))
def test_each_key_refuses_a_value_of_the_wrong_shape_in_chinese(key):
    # A number where every key wants a list, a string, a table or a size: always the wrong shape
    # except for max-file-size and file-time-budget, which take a number; give those a negative one.
    bad = -5 if key in ("max-file-size", "file-time-budget") else 12345
    with pytest.raises(ConfigError) as e:
        config_from_dict({key: bad}, where="t.toml")
    assert "t.toml" in str(e.value)
    assert re.search(r"[\u4e00-\u9fff]", str(e.value)), str(e.value)


def test_readers_set_what_they_read():
    cfg = config_from_dict(
        {
            "select": ["P"],
            "ignore": "P103",
            "fail-level": "error",
            "max-file-size": "2MB",
            "file-time-budget": 3,
            "severity": {"P101": "info"},
            "campaign": {"year": 2023},
            "lexicons": {"placeholders.surnames": ["欧阳"]},
            "per-file-ignores": {"drafts/*": ["P102"]},
            "history": {"common-authors": 3},
        }
    )
    assert (cfg.select, cfg.ignore, cfg.fail_level) == (["P"], ["P103"], "error")
    assert (cfg.max_file_size, cfg.file_time_budget) == (2 * 1024 * 1024, 3.0)
    assert cfg.severity == {"P101": "info"} and cfg.campaign == {"year": 2023}
    assert "欧阳" in cfg.lexicons.get("placeholders.surnames")
    assert cfg.per_file_ignores == {"drafts/*": ["P102"]} and cfg.history == {"common-authors": 3}
    assert cfg.enabled_codes() == {"P101", "P102"}
