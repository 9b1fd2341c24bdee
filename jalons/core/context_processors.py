from django.conf import settings
from dsfr.models import DsfrConfig

# Built once, never saved: the DSFR templates read their site settings from it without a query per page.
SITE_CONFIG = DsfrConfig(
    site_title="Jalons",
    site_tagline="Le déploiement territorial de la stratégie de prévention et de lutte contre la pauvreté",
    header_brand="République française",
    header_brand_html="République<br>française",
    footer_brand="République française",
    footer_brand_html="République<br>française",
    footer_description=(
        "Jalons accompagne les acteurs de la stratégie dans chaque région : groupes de travail, conférences, "
        "feuilles de route et bonnes pratiques."
    ),
    accessibility_status="NOT",
)


def site(request):
    return {"SITE_CONFIG": SITE_CONFIG, "DEBUG": settings.DEBUG}
