"""Error pages in Chinese (never a traceback)."""

from django.shortcuts import render


def not_found(request, exception=None):
    return render(request, "error.html", {"title": "页面不存在", "text": "没有这个页面，或您无权查看。"}, status=404)


def denied(request, exception=None):
    return render(request, "error.html", {"title": "无权访问", "text": "您的角色不能进行此操作。"}, status=403)


def bad_request(request, exception=None):
    return render(
        request, "error.html", {"title": "请求无效", "text": "请求的内容不完整或格式有误，请返回后重试。"}, status=400
    )


def server_error(request):
    return render(
        request,
        "error.html",
        {"title": "出错了", "text": "服务器处理时出错，已记录。请稍后重试或联系系统管理员。"},
        status=500,
    )


def csrf_failure(request, reason=""):
    text = "页面已过期或表单被重复提交，请刷新页面后重试。"
    return render(request, "error.html", {"title": "请刷新后重试", "text": text}, status=403)
