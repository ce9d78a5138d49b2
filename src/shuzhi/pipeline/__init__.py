"""Running checks: one document, a batch, a round in worker processes, copy checks against an index or the round."""
