from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "shuzhi.web.reports"
    label = "reports"
    verbose_name = "报告"
