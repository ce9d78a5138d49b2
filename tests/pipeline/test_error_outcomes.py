"""One file's failure becomes its coded error the same way in load_safely, check_file_safely and the grouped check."""

from __future__ import annotations

import pytest

from conftest import seed
from shuzhi.model.errors import LoadError
from shuzhi.pipeline import isolation
from shuzhi.pipeline.grouped import check_files_safely
from shuzhi.pipeline.isolation import FileError, check_file_safely, load_safely
from shuzhi.rules.config import Config


@pytest.fixture
def fails_on(monkeypatch):
    """Loading the file named ``name`` raises ``error``; the others load as they are."""

    def arm(name: str, error: BaseException):
        real = isolation.load

        def load(path, *a, **kw):
            if str(path).endswith(name):
                raise error
            return real(path, *a, **kw)

        monkeypatch.setattr(isolation, "load", load)

    return arm


@pytest.mark.parametrize(
    ("error", "code", "words"),
    [
        (MemoryError(), "E107", "内存不足"),
        (LoadError("文件已损坏，请另存后再检查。", code="E103"), "E103", "文件已损坏，请另存后再检查。"),
        (ValueError("boom"), "E113", "内部出错"),
        (KeyError("k"), "E113", "内部出错"),
    ],
)
def test_a_failure_is_the_file_s_coded_error_everywhere(fails_on, error, code, words):
    fails_on(seed(1).name, error)
    cfg = Config()
    checked = check_file_safely(seed(1), cfg)
    loaded = load_safely(seed(1), cfg)
    grouped = check_files_safely([(seed(i), str(seed(i))) for i in range(3)], cfg)
    for out in (checked, loaded, grouped[1]):
        assert isinstance(out, FileError) and out.code == code and words in out.message, out
    assert grouped[1] == checked
    assert not isinstance(grouped[0], FileError) and not isinstance(grouped[2], FileError)  # the others are checked
    if code == "E107":
        assert "无法检查" in checked.message and "无法读取" in loaded.message


def test_an_interrupt_is_not_a_file_s_error(fails_on):
    fails_on(seed(0).name, KeyboardInterrupt())
    with pytest.raises(KeyboardInterrupt):
        check_file_safely(seed(0), Config())
    with pytest.raises(KeyboardInterrupt):
        check_files_safely([(seed(0), str(seed(0)))], Config())
