from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgressConfig(AppConfig):
    name = "jalons.progress"
    verbose_name = _("Suivi : feuilles de route, points d'étape, contraintes, indicateurs")
