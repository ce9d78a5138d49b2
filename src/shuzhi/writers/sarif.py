"""SARIF 2.1.0 output, for code-scanning tools and editors."""

from __future__ import annotations

import json
from pathlib import Path

from .. import __version__

_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def dumps(results, errors, registry) -> str:
    used = sorted({f.code for r in results for f in r.findings})
    rules = []
    index = {}
    for code in used:
        rule = registry.get(code)
        index[code] = len(rules)
        rules.append(
            {
                "id": code,
                "name": rule.name if rule else code,
                "shortDescription": {"text": rule.title if rule else code},
                "fullDescription": {"text": rule.doc if rule else ""},
                "defaultConfiguration": {"level": _LEVEL[rule.severity] if rule else "warning"},
                "helpUri": f"https://shuzhi.invalid/rules/{code}",
            }
        )
    out_results = []
    for r in results:
        uri = _uri(r.source)
        for f in r.findings:
            out_results.append(
                {
                    "ruleId": f.code,
                    "ruleIndex": index[f.code],
                    "level": _LEVEL[f.severity],
                    "message": {"text": f.message},
                    "locations": [
                        {
                            "physicalLocation": {
                                "artifactLocation": {"uri": uri},
                                "region": {
                                    "startLine": f.line,
                                    "startColumn": f.column,
                                    "endLine": f.end_line,
                                    "endColumn": f.end_column,
                                    "snippet": {"text": f.excerpt},
                                },
                            }
                        }
                    ],
                    "properties": {
                        "name": f.name,
                        "start": f.start,
                        "end": f.end,
                        "data": f.data,
                        "heuristic": f.heuristic,
                    },
                }
            )
    notifications = [
        {
            "level": "error",
            "message": {"text": e["message"]},
            "descriptor": {"id": e["code"]},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": _uri(e.get("source") or "")}}}],
        }
        for e in errors
    ]
    doc = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": {"name": "shuzhi", "version": __version__, "rules": rules}},
                "results": out_results,
                "invocations": [{"executionSuccessful": True, "toolExecutionNotifications": notifications}],
            }
        ],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2)


def _uri(source: str) -> str:
    """A SARIF artifact URI: the path as given, percent-encoded (spaces and Hanzi are not allowed raw)."""
    from urllib.parse import quote

    return quote(Path(source).as_posix(), safe="/:") if source else ""
