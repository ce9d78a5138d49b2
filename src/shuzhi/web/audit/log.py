"""Writing to the audit log: one call per action a user takes."""

from __future__ import annotations

import contextlib

from .models import AuditEntry

ACTIONS_ZH = {
    "login": "登录",
    "login_failed": "登录失败",
    "logout": "退出",
    "round_created": "创建轮次",
    "member_set": "设置成员",
    "member_removed": "移除成员",
    "user_created": "创建用户",
    "upload": "上传报告",
    "upload_rejected": "拒收文件",
    "decision": "处理问题",
    "assign": "分配报告",
    "export": "导出",
    "download": "下载",
}


def record(user, action: str, *, round=None, target: str = "", **detail) -> AuditEntry:
    u = user if user is not None and getattr(user, "is_authenticated", False) else None
    return AuditEntry.objects.create(user=u, round=round, action=action, target=target[:300], detail=detail)


_KEYS_ZH = {
    "file": "文件",
    "size": "字节",
    "verdict": "处理",
    "comment": "意见",
    "code": "代码",
    "message": "说明",
    "role": "角色",
    "assignee": "承办人",
    "address": "地址",
    "superuser": "系统管理员",
    "revision": "第几次修改",
}
_VALUES_ZH = {
    "confirmed": "确认",
    "dismissed": "驳回（误报）",
    "explain": "需说明",
    "admin": "管理员",
    "lead": "组长",
    "reviewer": "审核员",
    "observer": "只读",
    True: "是",
    False: "否",
}


def describe(detail: dict) -> str:
    """An entry's details in Chinese for the log page."""
    parts = []
    for k, v in (detail or {}).items():
        if v in ("", None):
            continue
        with contextlib.suppress(TypeError):
            v = _VALUES_ZH.get(v, v)
        parts.append(f"{_KEYS_ZH.get(k, k)}：{v}")
    return "；".join(parts)
