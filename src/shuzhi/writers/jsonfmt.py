"""The versioned JSON contract of `shuzhi check` (see docs/output-formats.md)."""

from __future__ import annotations

import json
from typing import Any

from .. import __version__

JSON_VERSION = 1


def to_json_obj(results, errors, round_info: dict | None = None) -> dict[str, Any]:
    out = {
        "version": JSON_VERSION,
        "tool": {"name": "shuzhi", "version": __version__},
        "results": [r.to_dict() for r in results],
        "errors": list(errors),
    }
    if round_info is not None:
        out["round"] = round_info
    return out


def dumps(results, errors) -> str:
    return json.dumps(to_json_obj(results, errors), ensure_ascii=False, indent=2)


def write_json(fh, results, errors, *, pretty: bool = False, round_info: dict | None = None) -> None:
    """The same JSON as dumps(), streamed to ``fh`` one result at a time; compact unless ``pretty``.

    ``results`` may be any iterable (a generator reading results back from disk): only one result's
    dict is in memory at a time. ``round_info`` (a review's order of files, notes and round comparison)
    is written as "round", what `shuzhi review --from` needs besides the results; a value of it with
    ``json_chunks()`` (pipeline.copying.RoundCopying) is written piece by piece (its ``to_dict()`` when pretty).
    """
    if pretty:
        if round_info is not None:
            round_info = {k: v.to_dict() if hasattr(v, "json_chunks") else v for k, v in round_info.items()}
        obj = to_json_obj(list(results), errors, round_info)
        fh.write(json.dumps(obj, ensure_ascii=False, indent=2) + "\n")
        return
    compact = {"ensure_ascii": False, "separators": (",", ":")}
    head = {"version": JSON_VERSION, "tool": {"name": "shuzhi", "version": __version__}}
    fh.write(json.dumps(head, **compact)[:-1] + ',"results":[')
    for i, r in enumerate(results):
        if i:
            fh.write(",\n")
        fh.write(json.dumps(r if isinstance(r, dict) else r.to_dict(), **compact))
    fh.write('],"errors":' + json.dumps(list(errors), **compact))
    if round_info is not None:
        fh.write(',\n"round":')
        _write_compact(fh, round_info, compact)
    fh.write("}\n")


def _write_compact(fh, obj, compact: dict) -> None:
    """json.dumps(obj, **compact) written to ``fh``; a value with ``json_chunks()`` (a round's comparison) is
    written chunk by chunk, so it never has to be one dict (or one string) in memory."""
    if hasattr(obj, "json_chunks"):
        for chunk in obj.json_chunks():
            fh.write(chunk)
    elif isinstance(obj, dict) and any(hasattr(v, "json_chunks") for v in obj.values()):
        fh.write("{")
        for k, (key, value) in enumerate(obj.items()):
            fh.write(("," if k else "") + json.dumps(key, **compact) + ":")
            _write_compact(fh, value, compact)
        fh.write("}")
    else:
        fh.write(json.dumps(obj, **compact))
