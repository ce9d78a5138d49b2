"""The web app's coded errors (W…): what went wrong with an upload or a form, in Chinese."""

from __future__ import annotations

CATALOGUE: dict[str, str] = {
    "W101": "上传内容超过大小限制",
    "W102": "一次上传的文件过多",
    "W103": "压缩包疑似压缩炸弹",
    "W104": "压缩包中含有不安全的路径",
    "W105": "不是述职报告文件",
    "W106": "上传未完成",
    "W107": "处理已被修改",
    "W108": "压缩包已损坏",
    "W109": "没有选择文件",
    "W110": "检查设置有误",
}


class WebError(Exception):
    """An error shown to the user as “代码 说明：细节”."""

    status = 400

    def __init__(self, code: str, detail: str = "", *, status: int | None = None):
        self.code = code
        self.detail = detail
        if status is not None:
            self.status = status
        super().__init__(self.text)

    @property
    def text(self) -> str:
        head = f"{self.code} {CATALOGUE[self.code]}"
        return f"{head}：{self.detail}" if self.detail else head
