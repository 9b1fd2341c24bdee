from django.apps import AppConfig


class TerritoriesConfig(AppConfig):
    name = "jalons.territories"
