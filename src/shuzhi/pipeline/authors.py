"""Who wrote each report of a review round: the command line's options, the round manifest, the index, the report.

The manifest (pipeline.manifest) and the options are read here, once; the identity itself is recognised in the
worker that checks the report (analysis.history.identity.identify), where the whole document is at hand.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..model.errors import ShuzhiError
from .manifest import read_manifest, row_for

# How many file names a note lists before “等”.
LISTED = 10


@dataclass
class Authors:
    """What the reviewer said about the authors of a round: manifest rows by file name, and the options."""

    manifest: dict[str, dict[str, str]] = field(default_factory=dict)
    options: dict[str, str] = field(default_factory=dict)
    manifest_path: str | None = None

    @classmethod
    def read(
        cls,
        manifest=None,
        *,
        person: str | None = None,
        unit: str | None = None,
        post: str | None = None,
        year: int | None = None,
    ) -> Authors:
        """The manifest read (ManifestError, E401, when it cannot be) and the options as a manifest-shaped row."""
        rows = read_manifest(manifest) if manifest else {}
        options = {
            k: str(v).strip() for k, v in (("姓名", person), ("单位", unit), ("职务", post), ("年度", year)) if v
        }
        return cls(rows, options, str(manifest) if manifest else None)

    @property
    def personal(self) -> bool:
        """Whether the options name one person (--person/--post): then the round must be one report."""
        return bool(self.options.get("姓名") or self.options.get("职务"))

    def check_round_size(self, n_files: int) -> None:
        """--person/--post name one report's author: refused (E203) for a round of several reports."""
        if self.personal and n_files > 1:
            raise ShuzhiError(
                f"--person / --post 只能用于审查一份报告，本轮有 {n_files} 份。多份报告请用 --manifest 名册"
                "（CSV 或 Excel：文件、姓名、单位、职务、年度），或不给出，由报告本身识别作者；"
                "--unit、--year 可用于整轮。",
                code="E203",
            )

    def declared(self, source: str) -> dict:
        """What identify() takes for one report: the options and the report's manifest row."""
        return {"options": self.options or None, "manifest_row": row_for(self.manifest, source)}

    def notes(self, sources: list[str]) -> list[str]:
        """The manifest's rows without a report in the round, and the round's reports without a row, in Chinese."""
        if not self.manifest_path:
            return []
        names = [Path(str(s).replace("\\", "/")).name for s in sources]
        out = []
        unused = [f for f in self.manifest if f not in set(names)]
        if unused:
            out.append(
                f"名册中有 {len(unused)} 行的文件不在本轮报告中（按文件名对应）：{_listed(unused)}。"
                "请核对名册的“文件”列，或补交这些报告。"
            )
        missing = [n for n in names if n not in self.manifest]
        if missing:
            out.append(
                f"本轮有 {len(missing)} 份报告不在名册中，作者取自报告本身（落款、标题、开头）：{_listed(missing)}。"
            )
        twice = sorted(n for n, k in Counter(names).items() if k > 1 and n in self.manifest)
        if twice:
            out.append(
                f"本轮有同名的报告文件（在不同文件夹中），名册的同一行用于每一份：{_listed(twice)}。"
                "请在名册中区分或改名。"
            )
        return out


def _listed(names: list[str]) -> str:
    return "、".join(names[:LISTED]) + (f" 等 {len(names)} 份" if len(names) > LISTED else "")
