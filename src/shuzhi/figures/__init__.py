"""Figures and the claims between them: quantities, interval arithmetic, one module per relation family."""
