from django.apps import AppConfig


class StrategyConfig(AppConfig):
    name = "jalons.strategy"
