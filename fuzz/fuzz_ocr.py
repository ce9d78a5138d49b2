"""atheris harness: scanned page images (.png/.jpg/.tif) read by OCR (the `ocr` extra, rapidocr).

python fuzz/fuzz_ocr.py fuzz/corpus/ocr [libFuzzer options, e.g. -max_total_time=60]
"""

from atheris_main import main

if __name__ == "__main__":
    main("ocr")
