"""Pure copy-detection functions over text: hashing, shingles, winnowing, MinHash, LSH bands, alignment, formula masking."""
