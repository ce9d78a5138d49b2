"""Configuration from shuzhi.toml or [tool.shuzhi] in pyproject.toml. Strict: unknown keys are errors."""

from __future__ import annotations

import contextlib
import fnmatch
import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..lexicons.loader import Lexicons, builtin
from ..model.errors import ConfigError
from ..model.findings import SEVERITIES
from ..model.vocabulary import DIMENSIONS, REQUIRING_KINDS
from ..text.residue import KINDS as RESIDUE_KINDS
from .registry import Registry

# Campaign settings: key -> (type, Chinese description). Rules read them via ctx.campaign.
CAMPAIGN_KEYS: dict[str, tuple[type | tuple[type, ...], str]] = {
    "name": (str, "本轮述职的名称，写入输出"),
    "year": (int, "本轮述职的年度；报告未写年份时据此判断时间与届次"),
    "required-dimensions": (dict, '按“述”的种类覆盖必须具备的维度，如 {"述职" = ["能", "勤", "绩"]}'),
    "min-chars": (int, "报告最少字数（S304，默认不检查）"),
    "max-chars": (int, "报告最多字数（S304，默认不检查）"),
}

TOP_KEYS = {
    "select": "启用的规则（代码、前缀或名称；默认 ALL）",
    "ignore": "停用的规则（代码、前缀或名称）",
    "fail-level": "达到此严重程度的问题使退出码为 1：error / warning / info（默认 warning）",
    "max-file-size": '单个文件大小上限，如 "50MB"（默认 50MB）',
    "file-time-budget": "批量检查时单个文件的时间上限（秒，默认 120，按每 10MB 计；0 为不限）：超时的文件报告 E114 后跳过",
    "severity": '按规则覆盖严重程度，如 F404 = "warning"',
    "rules": "规则参数，如 [rules.C301] min-chars = 13",
    "campaign": "本轮述职的设置（年度、字数限制、必需维度……）",
    "lexicons": '扩展内置词表，如 "formalism.slogans" = ["……"]',
    "per-file-ignores": '按文件名模式停用规则，如 "drafts/*" = ["S304"]',
    "history": "往年对照：同一人的别名（换了职务或写法不同）、通用语言的判定人数",
    "verdict": "每份报告的审核结论（可提交 / 需修改 / 重点核查）由哪些问题决定",
}

# [verdict]: which findings decide each report's 审核结论 (shuzhi.pipeline.verdict), with their defaults.
VERDICT_KEYS: dict[str, tuple[Any, str]] = {
    "focus": (
        ["C302", "N", "F401", "H601", "H603", "H604"],
        "出现即“重点核查”的问题（代码或前缀，默认整篇照抄、数字对不上、单位总结冒充个人述职、照抄往年）",
    ),
    "focus-copied": (0.5, "与其他报告相同的文字达到此比例即“重点核查”（0–1，默认 0.5）"),
    "revise": (["P", "S301", "S302", "S303", "T", "C301"], "出现即“需修改”的问题（代码或前缀）"),
    "revise-severity": ("error", "达到此严重程度的其他问题也“需修改”：error / warning / info / none（默认 error）"),
}

HISTORY_KEYS: dict[str, str] = {
    "aliases": '同一人的其他名字或职务写法，如 {"李明远" = ["李明远同志", "临河县常务副县长"]}',
    "common-authors": "一条问题在索引中几位其他人的报告里出现即视为通用语言，不算本人重复（默认 2）",
}

_SIZE_RE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([KMG]?B?)\s*$", re.I)


def parse_size(value: Any, where: str) -> int:
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return value
    if isinstance(value, str):
        m = _SIZE_RE.match(value)
        if m:
            unit = m.group(2).upper().rstrip("B")
            mult = {"": 1, "K": 1024, "M": 1024**2, "G": 1024**3}[unit]
            size = int(float(m.group(1)) * mult)
            if size > 0:  # "0MB" would refuse every file
                return size
    raise ConfigError(f'{where}: max-file-size 应为正整数（字节）或如 "50MB" 的字符串，得到 {value!r}')


@dataclass
class Config:
    select: list[str] = field(default_factory=lambda: ["ALL"])
    ignore: list[str] = field(default_factory=list)
    fail_level: str = "warning"
    max_file_size: int = 50 * 1024 * 1024
    file_time_budget: float = 120.0
    severity: dict[str, str] = field(default_factory=dict)
    rule_options: dict[str, dict[str, Any]] = field(default_factory=dict)
    campaign: dict[str, Any] = field(default_factory=dict)
    lexicon_extensions: dict[str, list] = field(default_factory=dict)
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    history: dict[str, Any] = field(default_factory=dict)
    verdict: dict[str, Any] = field(default_factory=lambda: {k: d for k, (d, _) in VERDICT_KEYS.items()})
    path: str | None = None
    # None: the built-in rules (Registry.default()), built when first read. Building it imports every rule
    # module; `shuzhi index add` reads the config and never runs a rule.
    registry: Registry = field(default=None, repr=False)  # type: ignore[assignment]

    def __post_init__(self):
        self.lexicons = Lexicons(self.lexicon_extensions)
        if self.registry is None:
            del self.registry  # read through __getattr__ below

    def __getattr__(self, name: str):
        # Only for attributes not set on the instance: the built-in registry, on first use.
        if name == "registry":
            self.registry = Registry.default()
            return self.registry
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    # ---- which rules run -------------------------------------------------------
    def _resolve(self, selectors: list[str], where: str) -> set[str]:
        codes: set[str] = set()
        for s in selectors:
            rules = self.registry.matching(s)
            if not rules:
                valid = "、".join(sorted({r.code[0] for r in self.registry})) + " 开头的代码、规则名或 ALL"
                raise ConfigError(
                    f"{where}: 未知的规则“{s}”（有效值：{valid}；`shuzhi rules` 列出全部规则）", code="E202"
                )
            codes.update(r.code for r in rules)
        return codes

    def enabled_codes(self, source: str | None = None) -> set[str]:
        # The selection resolved once per (select, ignore, registry): run_rules asks for every document.
        key = (tuple(self.select), tuple(self.ignore), id(self.registry), len(self.registry))
        cached = self.__dict__.get("_enabled")
        if cached is None or cached[0] != key or cached[1] is not self.registry:
            base = frozenset(self._resolve(self.select, "select") - self._resolve(self.ignore, "ignore"))
            cached = self.__dict__["_enabled"] = (key, self.registry, base)
        codes = set(cached[2])
        if source is not None:
            for pattern, sel in self.per_file_ignores.items():
                if any(fnmatch.fnmatch(c, pattern) for c in self._path_forms(source)):
                    codes -= self._resolve(sel, f"per-file-ignores.{pattern}")
        return codes

    def _path_forms(self, source: str) -> list[str]:
        """The path as given, normalised, relative to the config's directory and to the cwd, and the file name.

        So "drafts/*" matches drafts/a.txt however the path was written (./drafts/a.txt, absolute...).
        """
        forms = [source, os.path.normpath(source), Path(source).name]
        bases = [Path.cwd()]
        if self.path and not self.path.startswith("配置"):
            bases.insert(0, Path(self.path.removesuffix(" [tool.shuzhi]")).parent)
        for base in bases:
            with contextlib.suppress(ValueError, OSError):
                forms.append(Path(source).resolve().relative_to(base.resolve()).as_posix())
        return forms

    def validate(self) -> None:
        """Resolve every code now, so a typo fails before any file is read."""
        self.enabled_codes()
        for pattern, sel in self.per_file_ignores.items():
            self._resolve(sel, f"per-file-ignores.{pattern}")

    def severity_of(self, rule) -> str:
        return self.severity.get(rule.code, rule.severity)


# The dataclass keeps None as the default of its __init__; without the class attribute, an instance that
# was given no registry finds none and asks __getattr__.
del Config.registry


def _check_list(value: Any, where: str) -> list[str]:
    if isinstance(value, str):
        value = [v for v in re.split(r"[,\s]+", value) if v]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f'{where} 应为规则代码列表，如 ["P101", "N2"]，得到 {value!r}')
    return value


_TYPE_ZH = {int: "整数", float: "数字（不加引号，如 0.05）", str: "字符串", bool: "true 或 false", list: "列表"}
_DIMENSIONS = DIMENSIONS
_KINDS = REQUIRING_KINDS


def _check_required_dimensions(value: Any, where: str) -> None:
    """[campaign] required-dimensions: 述 kind -> list of dimensions, each one of 学德能勤绩责廉法."""
    if value is None:
        return
    for kind, dims in value.items():
        # report_kinds() only recognises these six; any other key would be silently unused.
        if kind not in _KINDS:
            raise ConfigError(
                f"{where}: [campaign] required-dimensions 中未知的“述”的种类“{kind}”。有效的种类：{'、'.join(_KINDS)}"
            )
        if not isinstance(dims, list) or not all(isinstance(d, str) and d in _DIMENSIONS for d in dims):
            raise ConfigError(
                f"{where}: [campaign] required-dimensions 中“{kind}”应为维度列表，每项取自 "
                f'{"、".join(_DIMENSIONS)}，如 "{kind}" = ["能", "绩"]；得到 {dims!r}'
            )


def _check_history(value: Any, where: str) -> dict[str, Any]:
    """[history]: aliases = {person = [other names or posts]}, common-authors = N."""
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: [history] 应为表")
    for k, v in value.items():
        if k not in HISTORY_KEYS:
            raise ConfigError(f"{where}: [history] 中未知的配置项“{k}”。有效的配置项：{', '.join(HISTORY_KEYS)}")
        if k == "aliases":
            ok = isinstance(v, dict) and all(
                isinstance(names, list) and all(isinstance(n, str) and n.strip() for n in names) for names in v.values()
            )
            if not ok:
                raise ConfigError(
                    f'{where}: [history] aliases 应为表，每人对应一个名字列表，如 {{"李明远" = ["李明远同志"]}}；得到 {v!r}'
                )
            seen: dict[str, str] = {}
            for person, names in v.items():
                for n in names:
                    if n in seen and seen[n] != person:
                        raise ConfigError(f"{where}: [history] aliases 中“{n}”同时属于“{seen[n]}”和“{person}”")
                    seen[n] = person
        if k == "common-authors" and (not isinstance(v, int) or isinstance(v, bool) or v < 1):
            raise ConfigError(f"{where}: [history] common-authors 应为正整数，得到 {v!r}")
    return dict(value)


def _check_verdict(value: Any, where: str, reg: Registry) -> dict[str, Any]:
    """[verdict]: focus / revise = [codes or prefixes], focus-copied = 0–1, revise-severity = error|warning|info|none."""
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: [verdict] 应为表")
    out = {k: d for k, (d, _) in VERDICT_KEYS.items()}
    for k, v in value.items():
        if k not in VERDICT_KEYS:
            raise ConfigError(f"{where}: [verdict] 中未知的配置项“{k}”。有效的配置项：{'、'.join(VERDICT_KEYS)}")
        if k in ("focus", "revise"):
            codes = _check_list(v, f"{where}: [verdict] {k}")
            for c in codes:
                if not reg.matching(c):
                    raise ConfigError(f"{where}: [verdict] {k} 中的“{c}”不是规则代码或前缀（如 C302、N、P101）")
            out[k] = codes
        elif k == "focus-copied":
            if isinstance(v, bool) or not isinstance(v, (int, float)) or not 0 < v <= 1:
                raise ConfigError(f"{where}: [verdict] focus-copied 应为 0 到 1 之间的比例（如 0.5），得到 {v!r}")
            out[k] = float(v)
        elif k == "revise-severity":
            if v not in (*SEVERITIES, "none"):
                raise ConfigError(f"{where}: [verdict] revise-severity 应为 error、warning、info 或 none，得到 {v!r}")
            out[k] = v
    return out


def config_from_dict(data: dict[str, Any], *, where: str = "配置", registry: Registry | None = None) -> Config:
    """Build a Config from parsed TOML, rejecting anything unknown with a message that lists what is valid."""
    reg = registry or Registry.default()
    cfg = Config(registry=reg, path=where)
    for key, value in data.items():
        if key not in TOP_KEYS:
            raise ConfigError(f"{where}: 未知的配置项“{key}”。有效的配置项：{', '.join(TOP_KEYS)}")
        _SETTERS[key](cfg, value, where, reg)
    cfg.validate()
    return cfg


# One reader per top-level key: each checks its value and sets it on the Config.


def _set_select(cfg: Config, value: Any, where: str, reg: Registry) -> None:
    cfg.select = _check_list(value, f"{where}: select")


def _set_ignore(cfg: Config, value: Any, where: str, reg: Registry) -> None:
    cfg.ignore = _check_list(value, f"{where}: ignore")


def _set_fail_level(cfg: Config, value: Any, where: str, reg: Registry) -> None:
    if value not in SEVERITIES:
        raise ConfigError(f"{where}: fail-level 应为 error、warning 或 info，得到 {value!r}")
    cfg.fail_level = value


def _set_max_file_size(cfg: Config, value: Any, where: str, reg: Registry) -> None:
    cfg.max_file_size = parse_size(value, where)


def _set_file_time_budget(cfg: Config, value: Any, where: str, reg: Registry) -> None:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
        raise ConfigError(
            f"{where}: file-time-budget 应为不小于 0 的秒数（不加引号，如 120；0 为不限），得到 {value!r}"
        )
    cfg.file_time_budget = float(value)


def _set_severity(cfg: Config, value: Any, where: str, reg: Registry) -> None:
    if not isinstance(value, dict):
        raise ConfigError(f'{where}: [severity] 应为表，如 F404 = "warning"')
    for code, sev in value.items():
        r = reg.get(code)
        if r is None:
            raise ConfigError(f"{where}: [severity] 中未知的规则“{code}”", code="E202")
        if sev not in SEVERITIES:
            raise ConfigError(f"{where}: [severity] {code} 应为 error、warning 或 info，得到 {sev!r}")
        cfg.severity[r.code] = sev


def _set_rules(cfg: Config, value: Any, where: str, reg: Registry) -> None:
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: [rules] 应为表，如 [rules.C301]")
    for code, opts in value.items():
        r = reg.get(code)
        if r is None:
            raise ConfigError(f"{where}: [rules] 中未知的规则“{code}”", code="E202")
        if not isinstance(opts, dict):
            raise ConfigError(f"{where}: [rules.{code}] 应为表")
        for k, v in opts.items():
            _check_rule_option(r, code, k, v, where)
        cfg.rule_options.setdefault(r.code, {}).update(opts)


def _check_rule_option(r, code: str, k: str, v: Any, where: str) -> None:
    if k not in r.options:
        valid = "、".join(r.options) or "（该规则没有参数）"
        raise ConfigError(f"{where}: 规则 {r.code} 没有参数“{k}”。有效参数：{valid}")
    default = r.options[k]
    # bool is an int to Python: `true` for a number (or 1 for a switch) is a typo, not a value.
    if default is not None and (
        (not isinstance(v, type(default)) and not (isinstance(default, float) and isinstance(v, int)))
        or isinstance(v, bool) != isinstance(default, bool)
    ):
        raise ConfigError(
            f"{where}: [rules.{code}] {k} 应为{_TYPE_ZH.get(type(default), type(default).__name__)}"
            f"（默认 {default!r}），得到 {v!r}"
        )


def _set_campaign(cfg: Config, value: Any, where: str, reg: Registry) -> None:
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: [campaign] 应为表")
    for k, v in value.items():
        if k not in CAMPAIGN_KEYS:
            raise ConfigError(f"{where}: [campaign] 中未知的配置项“{k}”。有效的配置项：{', '.join(CAMPAIGN_KEYS)}")
        typ = CAMPAIGN_KEYS[k][0]
        if not isinstance(v, typ) or isinstance(v, bool):
            expected = {int: "整数", str: "字符串", dict: '表，如 {"述职" = ["能", "绩"]}'}.get(typ, str(typ))
            raise ConfigError(f"{where}: [campaign] {k} 应为{expected}，得到 {v!r}")
    lo, hi = value.get("min-chars"), value.get("max-chars")
    if lo is not None and hi is not None and lo > hi:
        raise ConfigError(f"{where}: [campaign] min-chars（{lo}）大于 max-chars（{hi}），请检查这两项")
    _check_required_dimensions(value.get("required-dimensions"), where)
    cfg.campaign = dict(value)


def _set_lexicons(cfg: Config, value: Any, where: str, reg: Registry) -> None:
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: [lexicons] 应为表")
    known = builtin()
    for k, v in value.items():
        if k not in known:
            raise ConfigError(f"{where}: 未知的词表“{k}”。有效的词表：{', '.join(sorted(known))}")
        if not isinstance(v, (list, dict)):
            raise ConfigError(f"{where}: 词表 {k} 的扩展应为列表")
        if isinstance(known[k], dict) and not isinstance(v, dict):
            # A list merged into a table would be dropped without a word: say so now.
            raise ConfigError(
                f'{where}: 词表 {k} 是表（键 = 值），扩展也应为表，如 "{k}" = {{ \'正则表达式\' = "值" }}；得到 {v!r}'
            )
        if isinstance(known[k], list) and not isinstance(v, list):
            raise ConfigError(f'{where}: 词表 {k} 是列表，扩展也应为列表，如 "{k}" = ["……"]；得到 {v!r}')
        if k == "figures.identities":
            _check_identities(v, where)
        if k == "placeholders.residue_signals":
            _check_residue_signals(v, where)
    cfg.lexicon_extensions = dict(value)
    cfg.lexicons = Lexicons(cfg.lexicon_extensions)


def _check_identities(value: Any, where: str) -> None:
    """[lexicons] "figures.identities": a list of {name, whole, parts} (as in lexicons/figures.toml)."""
    example = '如 { name = "经营性收入与非经营性收入之和等于村集体经济收入", whole = ["村集体经济收入"], parts = [["经营性收入"], ["非经营性收入"]] }'
    if not isinstance(value, list):
        raise ConfigError(f"{where}: 词表 figures.identities 的扩展应为列表，每项是一个表，{example}")

    def words(x) -> bool:
        return isinstance(x, list) and bool(x) and all(isinstance(w, str) and w.strip() for w in x)

    for n, item in enumerate(value, 1):
        at = f"{where}: figures.identities 第 {n} 项"
        if not isinstance(item, dict):
            raise ConfigError(f"{at}应为表，{example}")
        unknown = sorted(set(item) - {"name", "whole", "parts", "not", "unless"})
        if unknown:
            raise ConfigError(f"{at}有未知的键：{', '.join(unknown)}。有效的键：name、whole、parts、not、unless")
        if not isinstance(item.get("name"), str) or not item["name"].strip():
            raise ConfigError(f"{at}缺少 name（这个加和关系的名称，写入问题说明）")
        if not words(item.get("whole")):
            raise ConfigError(f"{at}的 whole 应为非空的字符串列表（整体的名称）")
        parts = item.get("parts")
        if not isinstance(parts, list) or len(parts) < 2 or not all(words(p) for p in parts):
            raise ConfigError(f'{at}的 parts 应至少列出两个分项，每个分项是非空的字符串列表（如 [["来信"], ["来访"]]）')
        for key in ("not", "unless"):
            if key in item and not (isinstance(item[key], list) and all(isinstance(w, str) for w in item[key])):
                raise ConfigError(f"{at}的 {key} 应为字符串列表")


def _check_residue_signals(value: dict, where: str) -> None:
    """[lexicons] "placeholders.residue_signals": regular expression -> one of the residue kinds."""
    for pattern, kind in value.items():
        if kind not in RESIDUE_KINDS:
            raise ConfigError(
                f"{where}: 词表 placeholders.residue_signals 中“{pattern}”的种类“{kind}”无效。"
                f"有效的种类：{'、'.join(RESIDUE_KINDS)}"
            )
        try:
            re.compile(pattern)
        except re.error as e:
            raise ConfigError(
                f"{where}: 词表 placeholders.residue_signals 中的正则表达式无效：{pattern!r}（{e}）"
            ) from None


def _set_per_file_ignores(cfg: Config, value: Any, where: str, reg: Registry) -> None:
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: [per-file-ignores] 应为表")
    cfg.per_file_ignores = {p: _check_list(v, f"{where}: per-file-ignores.{p}") for p, v in value.items()}


def _set_history(cfg: Config, value: Any, where: str, reg: Registry) -> None:
    cfg.history = _check_history(value, where)


def _set_verdict(cfg: Config, value: Any, where: str, reg: Registry) -> None:
    cfg.verdict = _check_verdict(value, where, reg)


_SETTERS = {
    "select": _set_select,
    "ignore": _set_ignore,
    "fail-level": _set_fail_level,
    "max-file-size": _set_max_file_size,
    "file-time-budget": _set_file_time_budget,
    "severity": _set_severity,
    "rules": _set_rules,
    "campaign": _set_campaign,
    "lexicons": _set_lexicons,
    "per-file-ignores": _set_per_file_ignores,
    "history": _set_history,
    "verdict": _set_verdict,
}


def load_config(path: str | Path | None = None, *, start: Path | None = None) -> Config:
    """Read an explicit config file, or find shuzhi.toml / pyproject.toml upward from ``start``."""
    if path is not None:
        p = Path(path)
        if not p.is_file():
            raise ConfigError(f"配置文件不存在：{p}")
        return _read(p)
    here = (start or Path.cwd()).resolve()
    for d in (here, *here.parents):
        for name in ("shuzhi.toml", ".shuzhi.toml"):
            if (d / name).is_file():
                return _read(d / name)
        pp = d / "pyproject.toml"
        if pp.is_file():
            try:
                data = tomllib.loads(pp.read_text(encoding="utf-8"))
            except (tomllib.TOMLDecodeError, UnicodeDecodeError):
                continue
            if "shuzhi" in data.get("tool", {}):
                return config_from_dict(data["tool"]["shuzhi"], where=f"{pp} [tool.shuzhi]")
    return Config()


def _toml_error_zh(e: tomllib.TOMLDecodeError, text: str) -> str:
    """Where the TOML error is, the line itself, and the usual cause: a Chinese key without quotes."""
    m = re.search(r"\(at line (\d+), column (\d+)\)", str(e))
    if not m:
        return f"TOML 语法错误：{e}"
    lineno, col = int(m.group(1)), int(m.group(2))
    lines = text.splitlines()
    line = lines[lineno - 1] if 0 < lineno <= len(lines) else ""
    msg = f"TOML 语法错误：第 {lineno} 行第 {col} 列（{str(e)[: m.start()].strip()}）：{line.strip()}"
    bare = re.search(r"(?:^|[{,])\s*([^\x00-\x7f\s\"'=][^=\"']*?)\s*=", line)
    if bare:
        msg += f'。TOML 中的中文键名要加引号，如 "{bare.group(1)}" = …'
    return msg


def _read(p: Path) -> Config:
    try:
        text = p.read_text(encoding="utf-8")
    except UnicodeDecodeError as e:
        raise ConfigError(f"{p}: 配置文件必须是 UTF-8 编码") from e
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"{p}: {_toml_error_zh(e, text)}") from e
    if p.name == "pyproject.toml":
        data = data.get("tool", {}).get("shuzhi", {})
        return config_from_dict(data, where=f"{p} [tool.shuzhi]")
    return config_from_dict(data, where=str(p))
