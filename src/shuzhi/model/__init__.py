"""The document model, findings and results, typed errors: the bottom layer, importing nothing else of shuzhi."""
