"""atheris harness: the .pdf loader.

python fuzz/fuzz_pdf.py fuzz/corpus/pdf [libFuzzer options, e.g. -max_total_time=60]
"""

from atheris_main import main

if __name__ == "__main__":
    main("pdf")
