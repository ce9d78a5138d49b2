"""The oracle of the report pages' side-by-side rows: report.html's former per-row template, and rows to render."""

from __future__ import annotations

from types import SimpleNamespace

from jinja2 import Environment

from shuzhi.writers.rows import pct

# The side-by-side table's rows as report.html wrote them before (one template row per passage).
OLD_ROWS = """{% for s in sides %}
<tr><td><div class="sub">本报告第 {{ s.start }}–{{ s.end }} 字，{{ s.chars }} 字，相同度 {{ s.identity|pct }}</div>{{ s.mine }}</td>
<td><div class="sub"><a href="{{ s.other.id }}.html">{{ s.other.name }}</a></div>{{ s.theirs }}</td></tr>
{% endfor %}
"""


def old_rows_template():
    env = Environment(autoescape=True, trim_blocks=True, lstrip_blocks=True)
    env.filters["pct"] = pct
    return env.from_string(OLD_ROWS)


def report_rows(texts, missing=()):
    """The dashboard's rows for reports with these texts (ids and names with characters to escape)."""
    return {
        i: SimpleNamespace(
            id=f"r{i}&<", name=f"报告\"{i}'", result_index=i, result=SimpleNamespace(document=SimpleNamespace(text=t))
        )
        for i, t in enumerate(texts)
        if i not in missing
    }


def rendered(old, texts, rows, i, passages) -> str:
    """The side-by-side rows of report i's ``passages`` as the per-row template made them."""
    return old.render(
        sides=[
            {
                "mine": texts[i][p.start : p.end],
                "theirs": texts[p.other][p.other_start : p.other_end],
                "other": rows[p.other],
                "chars": p.chars,
                "identity": p.identity,
                "start": p.start,
                "end": p.end,
            }
            for p in passages
        ]
    )
