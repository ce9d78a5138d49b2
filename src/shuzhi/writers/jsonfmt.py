"""The versioned JSON contract of `shuzhi check` (see docs/output-formats.md)."""

from __future__ import annotations

import json
from typing import Any

from .. import __version__

JSON_VERSION = 1


def to_json_obj(results, errors) -> dict[str, Any]:
    return {
        "version": JSON_VERSION,
        "tool": {"name": "shuzhi", "version": __version__},
        "results": [r.to_dict() for r in results],
        "errors": list(errors),
    }


def dumps(results, errors) -> str:
    return json.dumps(to_json_obj(results, errors), ensure_ascii=False, indent=2)
