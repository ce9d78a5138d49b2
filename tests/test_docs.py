"""Docs stay true: every command, config key, error code and rule is documented."""

from __future__ import annotations

import re

from conftest import ROOT
from shuzhi.cli import cli
from shuzhi.cli.rules import docs_markdown
from shuzhi.model.errors import CATALOGUE
from shuzhi.rules.config import CAMPAIGN_KEYS, TOP_KEYS
from shuzhi.rules.registry import Registry


def test_every_config_key_is_documented():
    doc = (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")
    for key in list(TOP_KEYS) + list(CAMPAIGN_KEYS):
        assert f"`{key}`" in doc, f"config key {key} is not in docs/configuration.md"


def test_every_error_code_is_documented():
    doc = (ROOT / "docs" / "output-formats.md").read_text(encoding="utf-8")
    for code in CATALOGUE:
        assert re.search(rf"\| {code} \|", doc), f"{code} missing from docs/output-formats.md"


def test_every_command_is_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in cli.commands:
        assert f"shuzhi {name}" in readme, f"command {name} is not in README.md"


def test_rules_page_is_generated_and_current():
    page = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert page.strip() == docs_markdown(Registry.default()).strip(), (
        "docs/rules.md is stale: regenerate with `shuzhi rules --format markdown > docs/rules.md`"
    )
