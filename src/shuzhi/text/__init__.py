"""Text before structure: normalization, vendor residue, sentences, regex and phrase scanning."""
