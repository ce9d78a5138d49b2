"""atheris harness: the whole pipeline (load, every rule, the profile) on .txt/.docx/.pdf inputs.

python fuzz/fuzz_pipeline.py fuzz/corpus/pipeline [libFuzzer options, e.g. -max_total_time=60]
"""

from atheris_main import main

if __name__ == "__main__":
    main("pipeline")
