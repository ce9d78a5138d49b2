"""Typed, coded errors: what happened, where, and what to do about it."""

from __future__ import annotations

# The catalogue of error codes. Messages are Chinese (our users); codes are stable.
CATALOGUE: dict[str, str] = {
    "E001": "路径不存在",
    "E002": "目录中没有可检查的报告",
    "E003": "不支持的文件格式",
    "E004": "无法写入输出文件或目录",
    "E005": "符号链接指向所给目录之外，未读取",
    "E006": "以“.”开头的隐藏文件，未检查",
    "E007": "缺少可选组件（扩展）",
    "E008": "不是 shuzhi review 写出的 results.json（review --from）",
    "E101": "文件为空",
    "E102": "无法识别文件编码或文件不是文本",
    "E103": "文件已损坏或不是有效的 Word 文档",
    "E104": "文件疑似压缩炸弹",
    "E105": "PDF 已加密",
    "E106": "PDF 没有文字层",
    "E107": "文件超过大小限制",
    "E108": "该格式（.doc/.wps/.rtf/.odt）需要 LibreOffice 转换",
    "E109": "PDF 文件已损坏",
    "E110": "无法读取文件",
    "E111": "扫描件需要文字识别（OCR）组件",
    "E113": "检查该文件时程序内部出错",
    "E114": "检查该文件超过时间上限",
    "E201": "配置文件错误",
    "E202": "未知的规则代码",
    "E203": "命令参数错误",
    "E301": "索引目录不存在或不是 shuzhi 索引",
    "E302": "索引文档元数据无效",
    "E303": "索引格式版本不受支持",
    "E304": "索引段缺失或损坏",
    "E305": "索引中没有该文档",
    "E401": "名册文件无法读取或缺少必需的列",
    "E402": "索引中没有此人的报告",
    "E501": "未安装 Spark 扩展（pyspark）",
    "E502": "未找到 Java 运行环境",
    "E503": "语料表缺少必需的列或格式无法识别",
}


class ShuzhiError(Exception):
    """Base of every error shuzhi reports to a user."""

    code = "E000"

    def __init__(self, message: str, *, code: str | None = None, source: str | None = None):
        super().__init__(message)
        if code is not None:
            self.code = code
        self.message = message
        self.source = source

    def to_dict(self) -> dict:
        return {"source": self.source, "code": self.code, "message": self.message}

    def __str__(self) -> str:  # pragma: no cover - trivial
        return f"{self.code} {self.message}"


class LoadError(ShuzhiError):
    """A file could not be read into a document."""


class ConfigError(ShuzhiError):
    """A configuration file or option is invalid."""

    code = "E201"
