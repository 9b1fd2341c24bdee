from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PracticesConfig(AppConfig):
    name = "jalons.practices"
    verbose_name = _("Bonnes pratiques")
