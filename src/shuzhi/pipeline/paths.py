"""The files named on a command line: directories walked, each file once, a coded error for each bad path.

Light on purpose (the loaders' path checks, no loader or checker): `shuzhi index add` starts from it.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from ..loaders import SUPPORTED_LABEL, walk_reports
from ..model.errors import LoadError


def expand(paths: Iterable[str | os.PathLike]) -> tuple[list[tuple[Path, str]], list[dict]]:
    """(file, source-as-given) pairs for the given paths, plus errors for missing/empty ones."""
    files: list[tuple[Path, str]] = []
    errors: list[dict] = []
    for given in paths:
        p = Path(given)
        if not p.exists():
            errors.append(
                LoadError(f"路径不存在：{given}。请检查路径是否正确。", code="E001", source=str(given)).to_dict()
            )
            continue
        if p.is_dir():
            found, notices = walk_reports(p)
            errors.extend(n.to_dict() for n in notices)
            if not found:
                errors.append(
                    LoadError(
                        f"目录 {given} 中没有可检查的报告（{SUPPORTED_LABEL}）。请确认目录是否正确。",
                        code="E002",
                        source=str(given),
                    ).to_dict()
                )
            for q in found:
                files.append((q, str(q)))
        else:
            files.append((p, str(given)))
    return _once(files), errors


def _once(files: list[tuple[Path, str]]) -> list[tuple[Path, str]]:
    """Each file once, however often it was named (a directory and a file in it): else it would copy itself."""
    seen: set[Path] = set()
    folders: dict[Path, Path] = {}
    out = []
    for path, source in files:
        try:
            key = _resolved(path, folders)
        except OSError:
            key = path
        if key not in seen:
            seen.add(key)
            out.append((path, source))
    return out


def _resolved(path: Path, folders: dict[Path, Path]) -> Path:
    """path.resolve(): its folder resolved once per folder (in ``folders``) and its name, unless the name is
    itself a link (one lstat per file instead of one per component of its path)."""
    if path.name in ("", ".", "..") or path.is_symlink():
        return path.resolve()
    folder = path.parent
    real = folders.get(folder)
    if real is None:
        real = folders[folder] = folder.resolve()
    return real / path.name
