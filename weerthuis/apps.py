from django.apps import AppConfig


class WeerThuisConfig(AppConfig):
    name = "weerthuis"
    verbose_name = "Weer Thuis"
