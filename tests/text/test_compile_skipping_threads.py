"""compile_skipping must leave the regex compiler as it found it.

A pattern compiled meanwhile — by another thread of `shuzhi serve`, say — must get its own start set. An
earlier compile_skipping swapped `re._compiler._get_charset_prefix` while it compiled; a `re.compile` in that
window got the other pattern's class, and `re`'s cache kept the broken pattern for the life of the process
(here: a search that cannot find "yq"). The window is simulated by compiling from a profile hook at the moment
compile_skipping's own compilation builds its info block.
"""

import re
import sys
import uuid

from shuzhi.text.fastre import compile_skipping


def _compile_meanwhile(pattern: str):
    """compile_skipping(pattern), and a new pattern compiled each time its work builds an info block."""
    meanwhile = []

    def hook(frame, event, arg):
        if (
            event == "call"
            and frame.f_code.co_name == "_compile_info"
            and frame.f_globals.get("__name__") == "re._compiler"
        ):
            then = f"(?=[xy])(?:xq|yq)(?#{uuid.uuid4().hex})"  # never in re's cache
            meanwhile.append((then, re.compile(then)))  # a hook does not see its own calls

    sys.setprofile(hook)
    try:
        fast = compile_skipping(pattern)
    finally:
        sys.setprofile(None)
    return fast, meanwhile


def test_a_pattern_compiled_meanwhile_keeps_its_own_start_set():
    fast, meanwhile = _compile_meanwhile(r"(?=[ab])(?:abc|bcd)")
    assert len(meanwhile) >= 2, "the hook did not run during compile_skipping's own compilation"
    for then, compiled in meanwhile:
        assert compiled.findall("zzxq zzyq") == ["xq", "yq"]
        assert re.compile(then).findall("zzyq") == ["yq"]  # what re's cache holds
    assert fast.findall("zzabczbcdq") == ["abc", "bcd"]


def test_the_skipping_pattern_still_skips():
    """The info block is really there (the compiled code differs from the plain one's) and matches the same."""
    plain = re.compile(r"(?=[ab])(?:abc|bcd)")
    fast = compile_skipping(r"(?=[ab])(?:abc|bcd)")
    text = "q" * 1000 + "abc" + "z" * 1000 + "bcd"
    assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)]
    # the engine's info block is not visible from Python; its effect is: the same pattern compiled with the
    # class in front (the compiler's own skipping form) and this one take the same path on a long rare text
    assert fast is not plain and fast.pattern == plain.pattern
