from django.db.models import Prefetch
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from jalons.core.permissions import public_page

from .models import Conference, ConferenceCycle


@public_page
def conference_list(request):
    cycles = ConferenceCycle.objects.order_by("-starts_on").prefetch_related(
        "objectives",
        Prefetch(
            "conferences",
            queryset=Conference.objects.published().select_related("region").order_by("date"),
            to_attr="published_conferences",
        ),
    )
    return render(
        request,
        "conferences/conference_list.html",
        {"cycles": cycles, "today": timezone.localdate(), "title": _("Les conférences régionales")},
    )
