"""iCalendar (RFC 5545) views of conferences: stable UIDs, local times in Europe/Paris with their VTIMEZONE."""

import datetime
import zoneinfo

import icalendar
from django.conf import settings
from django.urls import reverse

PRODID = "-//Jalons//Conférences//FR"
UID_DOMAIN = "jalons"
PARIS = zoneinfo.ZoneInfo("Europe/Paris")


def site_url(path=""):
    return getattr(settings, "SITE_URL", "http://127.0.0.1:8000").rstrip("/") + path


def conference_uid(conference):
    # Stable: the same conference keeps the same UID in every feed and attachment, whatever its changes.
    return f"conference-{conference.pk}@{UID_DOMAIN}"


def conference_event(conference):
    event = icalendar.Event()
    event.add("uid", conference_uid(conference))
    event.add("dtstamp", conference.updated_at.astimezone(datetime.UTC))
    event.add("last-modified", conference.updated_at.astimezone(datetime.UTC))
    event.add("dtstart", datetime.datetime.combine(conference.date, conference.start_time, tzinfo=PARIS))
    event.add("dtend", datetime.datetime.combine(conference.date, conference.end_time, tzinfo=PARIS))
    event.add("summary", f"Conférence régionale — {conference.region.name} ({conference.city})")
    location = ", ".join(part for part in (conference.venue, conference.address, conference.city) if part)
    event.add("location", location)
    url = site_url(reverse("conferences:conference_detail", args=[conference.pk]))
    event.add("url", url)
    description = [conference.cycle.name, url]
    if conference.access_information:
        description.insert(1, conference.access_information)
    event.add("description", "\n\n".join(description))
    event.add("status", "CANCELLED" if conference.status == conference.Status.CANCELLED else "CONFIRMED")
    return event


def calendar_for(conferences, name="Jalons — conférences régionales"):
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/Paris")
    for conference in conferences:
        calendar.add_component(conference_event(conference))
    calendar.add_missing_timezones()
    return calendar.to_ical()
