"""Copy-detection settings: passage length N = k + w − 1, MinHash size, frequency suppression."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from typing import Any

from ...model.errors import ConfigError


@dataclass(frozen=True)
class Settings:
    """What decides what counts as copied. An index records the settings it was built with.

    ``min_chars`` (N) is the guaranteed length: every run of at least N characters
    (after normalization: punctuation and spaces dropped, digits unified) shared by two
    documents is found. With k-grams of ``kgram`` characters the winnowing window is
    ``w = N − k + 1``, so one fingerprint is kept in every window of w k-grams.
    """

    min_chars: int = 13
    kgram: int = 5
    num_perm: int = 128
    bands: int = 32
    # A fingerprint found in the reports of more than this many distinct authors is common language.
    max_authors: int = 10
    # Document-level near-duplicate threshold on the Jaccard similarity of k-gram sets.
    near_duplicate: float = 0.5
    # Chaining: exact runs at most this many characters apart (in both documents) form one passage.
    max_gap: int = 20
    # Passages whose edit similarity (rapidfuzz Indel) is below this are dropped.
    min_identity: float = 0.5

    def __post_init__(self):
        def bad(msg: str):
            raise ConfigError(f"复制检测参数错误：{msg}")

        for f in fields(self):
            v = getattr(self, f.name)
            if f.type in ("int",) and (not isinstance(v, int) or isinstance(v, bool)):
                bad(f"{f.name} 应为整数，得到 {v!r}")
        if not 2 <= self.kgram <= 16:
            bad(f"kgram 应在 2–16 之间，得到 {self.kgram}")
        if self.min_chars < self.kgram:
            bad(f"min-chars（{self.min_chars}）不能小于 kgram（{self.kgram}）")
        if self.num_perm % self.bands != 0 or not 16 <= self.num_perm <= 1024:
            bad(f"num-perm（{self.num_perm}）应在 16–1024 之间且是 bands（{self.bands}）的整数倍")
        if self.max_authors < 1:
            bad(f"max-authors 应至少为 1，得到 {self.max_authors}")
        if not 0 < self.near_duplicate <= 1:
            bad(f"near-duplicate 应在 (0, 1] 之间，得到 {self.near_duplicate}")
        if not 0 <= self.min_identity <= 1:
            bad(f"min-identity 应在 [0, 1] 之间，得到 {self.min_identity}")
        if self.max_gap < 0:
            bad(f"max-gap 不能为负，得到 {self.max_gap}")

    @property
    def window(self) -> int:
        return self.min_chars - self.kgram + 1

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Settings:
        known = {f.name for f in fields(cls)}
        unknown = set(d) - known
        if unknown:
            raise ConfigError(f"未知的复制检测参数：{', '.join(sorted(unknown))}；有效参数：{', '.join(sorted(known))}")
        return cls(**d)


DEFAULT = Settings()
