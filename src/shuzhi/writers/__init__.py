"""Writers: every output rendered from results (text, json, sarif, the dashboard, Excel, Word comments, evidence)."""

from __future__ import annotations

FORMATS = ("text", "json", "sarif")
