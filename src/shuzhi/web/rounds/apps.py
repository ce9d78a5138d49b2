from django.apps import AppConfig


class RoundsConfig(AppConfig):
    name = "shuzhi.web.rounds"
    label = "rounds"
    verbose_name = "审核轮次"
