"""Copy detection: pure functions over text (core/), comparisons of documents, copy reports, the on-disk index (index/)."""
