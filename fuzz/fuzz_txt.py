"""atheris harness: the .txt loader.

python fuzz/fuzz_txt.py fuzz/corpus/txt [libFuzzer options, e.g. -max_total_time=60]
"""

from atheris_main import main

if __name__ == "__main__":
    main("txt")
