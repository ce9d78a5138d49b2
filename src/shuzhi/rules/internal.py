"""X family: problems inside shuzhi itself, reported as findings so a batch never stops."""

from __future__ import annotations

from .base import rule


@rule(
    code="X001",
    name="rule-crashed",
    title="规则运行出错",
    severity="warning",
    # Checked with a probe rule beside it (tests/rules/test_examples.py): a trigger is a text the probe
    # fails on (it reads the figure before 亿元 as a number), a pass one it reads.
    triggers=("全年完成固定资产投资X亿元。",),
    passes=("一年来，本人认真履行职责。全年完成固定资产投资12亿元。",),
    needs=("engine",),
)
def rule_crashed(doc, ctx):
    """检查什么：某条规则在处理本文档时发生内部错误。该规则对本文档的结果缺失，其他规则照常运行。

    为什么：一条规则的缺陷不应中断整批审查，也不应悄悄丢失结果。

    示例：规则 N201 处理某段文字时抛出异常，报告 X001 并注明规则代码与错误信息。

    应当怎样做：这是 shuzhi 的缺陷，不是报告的问题。请把 `data` 中的错误信息反馈给开发者。
    """
    # Raised by the engine, never by running this function.
    return ()
