from django.apps import AppConfig


class FindingsConfig(AppConfig):
    name = "shuzhi.web.findings"
    label = "findings"
    verbose_name = "问题与处理"
