"""The personal QR code of a registration: a link to the check-in page carrying the registration's token."""

import io

import segno
from django.urls import reverse

from .calendar import site_url


def check_in_url(registration):
    path = reverse("conferences:check_in", args=[registration.conference_id])
    return site_url(f"{path}?code={registration.token}")


def qr_png(registration, scale=6):
    buffer = io.BytesIO()
    segno.make(check_in_url(registration), error="m").save(buffer, kind="png", scale=scale, border=4)
    return buffer.getvalue()


def qr_svg(registration, scale=4):
    """Inline SVG (no XML declaration) for the registration page."""
    buffer = io.BytesIO()
    segno.make(check_in_url(registration), error="m").save(
        buffer, kind="svg", scale=scale, border=4, xmldecl=False, svgns=True, title=None, nl=False
    )
    return buffer.getvalue().decode()
