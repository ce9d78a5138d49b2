"""The rule model: a permanent code, a name, docs, examples, and a pure check function."""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from ..model.findings import SEVERITIES, Hit
from .context import Context

CODE_RE = re.compile(r"^[PNSFTCHX]\d{3}$")
NAME_RE = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
FAMILIES = {
    "P": "占位符与模板残留",
    "N": "数字核算",
    "S": "结构与覆盖",
    "F": "形式主义与个人述职",
    "T": "术语与时间",
    "C": "复制检测",
    "H": "往年对照",
    "X": "内部错误",
}


@dataclass(frozen=True)
class Measured:
    """A heuristic rule's measured precision and where it was measured (a page of docs/bench/).

    ``value`` None: no independent measurement yet; ``basis`` then says what is known.
    """

    value: float | None
    basis: str  # in Chinese: on what examples, how many findings, how many false alarms
    source: str  # docs/bench/<page>.md

    def sentence(self) -> str:
        """The precision as a reviewer reads it: 实测精确率 96%（……；见 docs/bench/heuristics.md）."""
        return f"{self.short()}（{self.basis}；见 {self.source}）"

    def short(self) -> str:
        """The few words shown beside a rule group: 实测精确率 96% / 精确率尚无独立测量 (no raw fraction)."""
        return f"实测精确率 {self.value:.0%}" if self.value is not None else "精确率尚无独立测量"


@dataclass(frozen=True)
class Rule:
    """A check. ``check(doc, ctx)`` yields Hits; it does no I/O and keeps no state.

    ``ctx`` is a :class:`shuzhi.context.Context`: the rule's options
    (``ctx.options``), the merged word lists (``ctx.lexicon(name)``) and the
    campaign settings (``ctx.campaign``).

    ``doc`` (Markdown, Chinese) has the same headings for every rule: 检查什么 /
    为什么 / 示例 / 应当怎样写. ``triggers`` are texts that must produce at least
    one finding of this rule; ``passes`` are texts that must produce none.
    """

    code: str
    name: str
    title: str
    severity: str
    check: Callable[..., Iterable[Hit]]
    doc: str
    triggers: tuple[str, ...]
    passes: tuple[str, ...]
    options: dict[str, Any] = field(default_factory=dict)
    # A heuristic rule decides from word lists, densities or a guessed relation between sentences, so it can be
    # wrong where the text is not: its findings are signals to verify, and it states its measured precision.
    # A deterministic check (an XX left in, a recomputed ratio) is not heuristic.
    heuristic: bool = False
    precision: Measured | None = None
    # Rules that need more than a document (an index, other reports) are skipped
    # by plain `check` and run by the commands that supply that context.
    needs: tuple[str, ...] = ()

    def __post_init__(self):
        if not CODE_RE.match(self.code):
            raise ValueError(f"rule code {self.code!r} must be a family letter and three digits")
        if not NAME_RE.match(self.name):
            raise ValueError(f"rule name {self.name!r} must be kebab-case")
        if self.severity not in SEVERITIES:
            raise ValueError(f"rule {self.code} severity {self.severity!r} not in {SEVERITIES}")
        if self.heuristic and self.precision is None:
            raise ValueError(f"heuristic rule {self.code} must state its measured precision (Measured)")

    @property
    def heuristic_note(self) -> str:
        """Said once per rule group wherever findings are shown: 启发式判断，实测精确率 96%，请人工复核."""
        if not self.heuristic or self.precision is None:
            return ""
        return f"启发式判断，{self.precision.short()}，请人工复核"

    @property
    def family(self) -> str:
        return self.code[0]

    def run(self, doc, ctx=None) -> Iterable[Hit]:
        if ctx is None:
            ctx = Context.default().for_rule(self)
        return self.check(doc, ctx)


def rule(
    *,
    code: str,
    name: str,
    title: str,
    severity: str,
    triggers: Iterable[str],
    passes: Iterable[str],
    options: dict[str, Any] | None = None,
    heuristic: bool = False,
    precision: Measured | None = None,
    needs: Iterable[str] = (),
) -> Callable[[Callable[..., Iterable[Hit]]], Rule]:
    """Decorator that turns ``def check(doc, ctx)`` (docstring = the rule's docs) into a Rule."""

    def wrap(fn: Callable[..., Iterable[Hit]]) -> Rule:
        return Rule(
            code=code,
            name=name,
            title=title,
            severity=severity,
            check=fn,
            doc=inspect.cleandoc(fn.__doc__ or ""),
            triggers=tuple(triggers),
            passes=tuple(passes),
            options=dict(options or {}),
            heuristic=heuristic,
            precision=precision,
            needs=tuple(needs),
        )

    return wrap
