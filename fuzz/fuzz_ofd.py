"""atheris harness: the OFD loader (GB/T 33190: the zip, OFD.xml, Document.xml, each page's Content.xml).

python fuzz/fuzz_ofd.py fuzz/corpus/ofd [libFuzzer options, e.g. -max_total_time=60]
"""

from atheris_main import main

if __name__ == "__main__":
    main("ofd")
