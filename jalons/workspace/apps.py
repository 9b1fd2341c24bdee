from django.apps import AppConfig


class WorkspaceConfig(AppConfig):
    name = "jalons.workspace"
    verbose_name = "Espace de travail"
