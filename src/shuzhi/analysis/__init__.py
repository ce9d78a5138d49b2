"""Analyses over a loaded report: dimensions covered, agency and fact signals, the profile."""
