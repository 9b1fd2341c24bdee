from django.db import connection
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from jalons.conferences.models import Conference
from jalons.strategy.models import Strategy

from .caching import cache_for_visitors
from .permissions import public_page


@public_page
@cache_for_visitors
def home(request):
    strategy = Strategy.objects.prefetch_related("workstreams").order_by("announced_on").last()
    upcoming = list(Conference.objects.published().upcoming(timezone.localdate()).select_related("region")[:6])
    recent = []
    if not upcoming:
        recent = list(Conference.objects.published().select_related("region").order_by("-date")[:6])
    return render(
        request,
        "core/home.html",
        {"strategy": strategy, "upcoming_conferences": upcoming, "recent_conferences": recent},
    )


@public_page
@never_cache
def healthz(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return HttpResponse("ok", content_type="text/plain")


def _static_page(template, title):
    @public_page
    def view(request):
        return render(request, template, {"title": title})

    return view


accessibility = _static_page("core/accessibility.html", _("Accessibilité : non conforme"))
legal_notice = _static_page("core/legal_notice.html", _("Mentions légales"))
personal_data = _static_page("core/personal_data.html", _("Données personnelles"))
sitemap = _static_page("core/sitemap.html", _("Plan du site"))
