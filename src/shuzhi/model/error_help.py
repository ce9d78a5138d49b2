"""What each error code means for the person who met it, and what to do: `shuzhi explain E103`."""

from __future__ import annotations

from .errors import CATALOGUE

# code → (when it happens, what to do). Written for the official or the reviewer, not for developers.
HELP: dict[str, tuple[str, str]] = {
    "E001": (
        "命令中给出的文件或目录不存在。",
        "检查路径是否写错（中文文件名、空格需要加引号），或先 cd 到报告所在的目录。",
    ),
    "E002": (
        "目录中没有 .txt、.docx、.pdf、.ofd、.doc、.wps 等可检查的报告。",
        "确认给出的是放报告的目录；压缩包（.zip、.rar）请先解压。",
    ),
    "E003": (
        "文件的格式不受支持（如 .xyz），或把目录当作单个文件读取。",
        "用 Word/WPS 另存为 .docx 后再检查；.doc、.wps、.rtf、.odt 需安装 LibreOffice，扫描件图片需安装文字识别组件。",
    ),
    "E004": ("输出文件或目录无法写入：-o 的目录不存在、没有写权限或磁盘已满。", "换一个有写权限、空间足够的输出目录。"),
    "E005": (
        "目录中的符号链接指向所给目录之外（或已失效），出于安全没有读取。",
        "如确实要检查该文件，在命令中直接给出它的路径。",
    ),
    "E006": (
        "文件名以“.”开头，是隐藏文件（如 macOS 拷贝时生成的 ._ 文件），未检查。",
        "如它确是报告，去掉文件名开头的“.”后再检查。",
    ),
    "E007": (
        "所用功能需要的可选组件没有安装，消息中写明了缺少哪一个。",
        "按消息运行 pip install 'shuzhi[组件名]'（如 web、spark、ocr）。",
    ),
    "E008": (
        "shuzhi review --from 给出的文件不是 shuzhi review 写出的 results.json，或其中的报告原文已无法读取。",
        "给出 shuzhi review 输出目录中的 results.json，并确认原报告文件仍在原处。",
    ),
    "E101": (
        "文件为空（0 字节），或文件中没有任何文字（只有空白或图片）。",
        "确认提交的是正确的文件；图片版请提供 Word 原文件。",
    ),
    "E102": (
        "文本文件不是可识别的文字：可能是二进制文件，或编码不是 UTF-8、UTF-16、GB18030/GBK、Big5。",
        "用记事本或 Word 打开后另存为 UTF-8 文本或 .docx 再检查。",
    ),
    "E103": (
        "Word 文件已损坏或不是有效的 .docx（也包括改了扩展名的 .doc、设了密码的文档、LibreOffice 转换失败、OFD 文件损坏）。",
        "用 Word/WPS 打开，去掉密码，另存为 .docx 后再检查。",
    ),
    "E104": ("文件解压后大得异常（疑似压缩炸弹），已拒绝读取。", "不要打开该文件，向报送单位索要原文件。"),
    "E105": (
        "PDF 设置了打开密码，无法读取。",
        "用 PDF 阅读器输入密码后另存为不加密的 PDF，或向报送单位索要 Word 原文件。",
    ),
    "E106": (
        "PDF 没有文字层（扫描件或图片），或 OFD 中没有文字、扫描页上没有识别出文字。",
        "先做文字识别（OCR），或向报送单位索要 Word 原文件。",
    ),
    "E107": (
        "文件超过大小限制（默认 50 MB），或图片、扫描页数过多。",
        "如文件确为正常报告，在配置中调大 max-file-size。",
    ),
    "E108": (
        "该格式（.doc、.wps、.rtf、.odt）需要 LibreOffice 转换，本机未安装。",
        "安装 LibreOffice（Debian/Ubuntu：apt-get install libreoffice-writer-nogui），或用 Word/WPS 另存为 .docx。",
    ),
    "E109": ("PDF 文件已损坏，无法打开。", "重新导出或另存 PDF 后再检查。"),
    "E110": (
        "操作系统拒绝读取该文件：没有权限、符号链接循环或磁盘读写出错，消息中写明了原因。",
        "检查文件权限和磁盘。",
    ),
    "E111": (
        "PDF 或图片是扫描件，需要文字识别（OCR）组件，当前未安装。",
        "运行 pip install 'shuzhi[ocr]'（识别模型随安装包提供，无需联网），或提供 Word 原文件。",
    ),
    "E113": (
        "检查该文件时程序内部出错，或检查进程意外退出；该文件未能检查，其余文件照常检查。",
        "用 Word/WPS 重新另存该文件后再试；仍出错请把文件和消息报告给维护者。",
    ),
    "E114": (
        "检查该文件超过了单个文件的时间上限（file-time-budget，默认 120 秒），已跳过。",
        "如文件确为正常报告，在配置中调大 file-time-budget。",
    ),
    "E201": (
        "配置文件（shuzhi.toml）有错：未知的键、类型不符、词表或正则表达式写错，消息中写明了位置。",
        "按消息改正配置；各项见 docs/configuration.md。",
    ),
    "E202": ("给出的规则代码或名称不存在。", "运行 shuzhi rules 查看全部规则。"),
    "E203": (
        "命令参数错误：取值超出范围、互相冲突或缺少必需的参数；例如 shuzhi review 审查多份报告时给出了 --person 或 --post"
        "（一个人只能是一份报告的报告人）。",
        "运行该命令加 --help 查看用法；多份报告的报告人用 --manifest 名册给出，--unit、--year 可用于整轮。",
    ),
    "E301": ("给出的目录不存在，或不是 shuzhi 建立的索引。", "先用 shuzhi index add 建立索引，或检查 --index 的路径。"),
    "E302": ("要加入索引的文档元数据（姓名、单位、年度等）无效。", "按消息改正名册或 --person/--unit/--year 的取值。"),
    "E303": ("索引是用不兼容版本的 shuzhi 建立的。", "用当前版本重新建立索引（shuzhi index add）。"),
    "E304": ("索引的某个段文件缺失或损坏。", "从备份恢复索引目录，或重新建立索引。"),
    "E305": ("索引中没有给出的文档。", "运行 shuzhi index list 查看索引中的文档。"),
    "E401": (
        "名册文件（CSV 或 XLSX）不存在、已损坏、不是 UTF-8 或 GB18030 编码，或第一行缺少“文件”“姓名”列；"
        "shuzhi review --manifest 因此什么也没有检查。",
        "名册第一行写列名：文件、姓名，可选单位、职务、年度，每行一份报告，按文件名（不含文件夹）对应本轮的报告；"
        "Excel 请另存为 .xlsx，CSV 存为 UTF-8 或 GB18030。名册中有而本轮没有的文件、本轮有而名册中没有的报告"
        "不是错误，只在结果中提示（docs/review.md）。",
    ),
    "E402": (
        "索引中没有此人往年的报告，无法做跨年度比对。",
        "先把此人往年的报告加入索引（shuzhi index add --person 姓名）。",
    ),
    "E501": ("shuzhi corpus 需要 Spark 扩展（pyspark），当前未安装。", "运行 pip install 'shuzhi[spark]'。"),
    "E502": (
        "Spark 需要 Java 运行环境，本机未找到。",
        "安装 Java（Debian/Ubuntu：apt-get install default-jre-headless），或设置 JAVA_HOME。",
    ),
    "E503": (
        "语料表缺少必需的列（id、text），或输入格式无法识别。",
        "语料表用 Parquet 或 JSONL，至少包括 id 和 text 两列；或给出放报告文件的目录。",
    ),
}


def error_markdown(code: str) -> str | None:
    """The explanation page of an error code, or None when the code is not one of ours."""
    code = code.upper()
    if code not in CATALOGUE:
        return None
    when, todo = HELP[code]
    return "\n".join([f"## {code}：{CATALOGUE[code]}", "", f"- 何时出现：{when}", f"- 怎么办：{todo}", ""])
