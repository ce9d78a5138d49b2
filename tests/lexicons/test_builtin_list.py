"""One built-in word list without parsing every file: builtin_list(name) is builtin()[name]."""

from __future__ import annotations

import pytest

from shuzhi.lexicons.loader import Lexicons, builtin, builtin_list


def test_each_list_is_the_one_in_builtin():
    names = list(builtin())
    assert len(names) > 20
    for name in names:
        assert builtin_list(name) is builtin()[name]
        assert Lexicons().get(name) == builtin()[name]


@pytest.mark.parametrize("name", ["formulas.nope", "nope.stock", "formulas", "", ".stock", "formulas.stock.x"])
def test_an_unknown_name_is_a_key_error(name):
    with pytest.raises(KeyError):
        builtin_list(name)
    with pytest.raises(KeyError, match="unknown lexicon"):
        Lexicons().get(name)
