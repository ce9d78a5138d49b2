"""atheris harness: .doc/.rtf/.odt/.wps converted by LibreOffice headless (slow: a conversion per input).

python fuzz/fuzz_office.py fuzz/corpus/office [libFuzzer options, e.g. -max_total_time=60]
"""

from atheris_main import main

if __name__ == "__main__":
    main("office")
