"""Writers for check results: text, json, sarif (one finding model, many formats)."""

from __future__ import annotations

FORMATS = ("text", "json", "sarif")
