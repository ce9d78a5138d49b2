"""Options shared by several commands, as decorators (one definition, one help text)."""

from __future__ import annotations

import click

from ..model.errors import ConfigError
from ..rules.config import Config, load_config


def config_option(f):
    return click.option(
        "--config",
        "config_path",
        type=click.Path(dir_okay=False),
        default=None,
        help="配置文件（默认在当前目录及上级目录查找 shuzhi.toml 或 pyproject.toml 的 [tool.shuzhi]）",
    )(f)


def selection_options(f):
    f = click.option("--select", multiple=True, help="只运行这些规则（代码、前缀或名称，可用逗号分隔，可重复）")(f)
    f = click.option("--ignore", multiple=True, help="不运行这些规则（代码、前缀或名称）")(f)
    return f


def _split(values) -> list[str]:
    out = []
    for v in values:
        out.extend(x for x in v.replace("，", ",").split(",") if x.strip())
    return [x.strip() for x in out]


def build_config(config_path, select=(), ignore=()) -> Config:
    cfg = load_config(config_path)
    if select:
        cfg.select = _split(select)
        if not cfg.select:
            # An empty --select (e.g. from an unset shell variable) would run no rule and exit 0.
            raise ConfigError(
                "--select 没有列出任何规则。请写规则代码、前缀或名称（如 --select P,N），或去掉该选项。", code="E202"
            )
    if ignore:
        cfg.ignore = list(cfg.ignore) + _split(ignore)
    cfg.validate()
    return cfg
