"""The parts of shuzhi the year-over-year checks use, imported in this one place (the package layout moves)."""

from __future__ import annotations

from ..claims import diagnose_same
from ..document import Document
from ..lexicons import Lexicons
from ..loaders import loads
from ..quantities import Quantity
from ..similarity.compare import compare
from ..similarity.formulas import formula_list

__all__ = ["Document", "Lexicons", "Quantity", "compare", "diagnose_same", "formula_list", "loads"]
