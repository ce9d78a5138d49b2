"""atheris harness: the .docx loader.

python fuzz/fuzz_docx.py fuzz/corpus/docx [libFuzzer options, e.g. -max_total_time=60]
"""

from atheris_main import main

if __name__ == "__main__":
    main("docx")
