from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "shuzhi.web.audit"
    label = "audit"
    verbose_name = "审计日志"
