"""Vendor residue of template sites: spans kept out of the analysed text and reported as P103."""
from __future__ import annotations

import re

from .document import Excluded

# Paid-content markers of template sites are cut out wherever they stand, even
# mid-word ("方##paidbegin##案").
_MARKER = re.compile(r"##paid(?:begin|end)##")


def find_residue(raw: str) -> list[Excluded]:
    """Return the raw spans of vendor residue, sorted and non-overlapping."""
    out = [Excluded(m.start(), m.end(), "paid-marker", m.group()) for m in _MARKER.finditer(raw)]
    out.sort(key=lambda e: e.raw_start)
    return out
