"""A report's structure: sections and their kinds, the words that name parts, enumerations, metadata."""
