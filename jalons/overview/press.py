"""Drafting the "communiqué de presse" of a conference cycle from the data, in the shape of the 2019 release."""

import datetime

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import formats
from django.utils.translation import gettext as _

from jalons.accounts.models import ActorCategory, User

ORDINALS = {1: "premier", 2: "second", 3: "troisième", 4: "quatrième", 5: "cinquième", 6: "sixième"}


def lower_first(text):
    return text[:1].lower() + text[1:]


def people_mobilised():
    """The number of people taking part, rounded down to the thousand, as the press release says it."""
    count = User.objects.filter(is_active=True, region__isnull=False).count()
    rounded = count - count % 1000 if count >= 1000 else count
    return formats.number_format(rounded, force_grouping=True).replace("\u202f", " ").replace("\xa0", " ")


def months_of(dates):
    months = []
    for day in sorted(dates):
        name = formats.date_format(day, "F")
        if name not in months:
            months.append(name)
    return " et ".join([", ".join(months[:-1]), months[-1]]) if len(months) > 1 else "".join(months)


def draft(cycle):
    """{"title", "place", "date", "body"} of a draft for this cycle; the body is Markdown."""
    strategy = cycle.strategy
    conferences = list(cycle.conferences.published().select_related("region").order_by("date"))
    date = cycle.starts_on - datetime.timedelta(days=1)
    title = _(
        "Déploiement de la %(strategy)s : les acteurs se retrouvent en conférences régionales pour un point d'étape"
    ) % {"strategy": lower_first(strategy.short_name if len(strategy.name) > 80 else strategy.name)}
    body = render_to_string(
        "overview/press_release.md",
        {
            "strategy": strategy,
            "strategy_name": lower_first(strategy.name),
            "ordinal": ORDINALS.get(cycle.number, f"{cycle.number}e"),
            "months": months_of(conference.date for conference in conferences) or months_of([cycle.starts_on]),
            "objectives": [lower_first(objective.title) for objective in cycle.objectives.all()],
            "categories": [
                lower_first(category.name)
                for category in ActorCategory.objects.exclude(slug__in=["entreprises", "autres"]).order_by("order")
            ],
            "people": people_mobilised(),
            "conferences": conferences,
            "workstreams": strategy.workstreams.order_by("number"),
            "press_contact": settings.PRESS_CONTACT,
        },
    ).strip()
    return {"title": title, "place": "Paris", "date": date, "body": body}


def dateline(release):
    return _("%(place)s, le %(date)s") % {"place": release.place, "date": formats.date_format(release.date, "j F Y")}


def as_markdown(release):
    """The whole release as one Markdown document, for download."""
    return f"## {_('COMMUNIQUÉ DE PRESSE')}\n\n### {release.title}\n\n{dateline(release)}\n\n{release.body}\n"
