"""What a rule sees besides the document: its options, the word lists, the campaign."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..lexicons.loader import Lexicons


@dataclass
class Context:
    lexicons: Lexicons
    campaign: dict[str, Any] = field(default_factory=dict)
    options: dict[str, Any] = field(default_factory=dict)
    rule_options: dict[str, dict[str, Any]] = field(default_factory=dict)
    # What a command provides beyond the document (e.g. "copy": the CopyReport of an index lookup).
    extra: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def default(cls) -> Context:
        return cls(Lexicons())

    def lexicon(self, name: str) -> Any:
        return self.lexicons.get(name)

    def for_rule(self, rule) -> Context:
        opts = dict(rule.options)
        own = self.rule_options.get(rule.code)
        if own:  # a config's options for this rule (most rules have none: no empty dict made and merged)
            opts.update(own)
        return Context(self.lexicons, self.campaign, opts, self.rule_options, self.extra)
