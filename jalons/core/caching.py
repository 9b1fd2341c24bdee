"""Public pages and figures kept for a minute (ADR 0007).

A visitor who is not signed in sees the same page as every other visitor, so the rendered page is kept for
`PUBLIC_CACHE_SECONDS` and shared. Signed-in people get a page computed for them: they see their own changes
at once, and private data never enters the cache; only the national figures that are the same for everyone
(`shared_fragment`) come to them from the cache too.
"""

import functools
import hashlib

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe

# Free-text searches form a long tail of distinct pages: caching them would fill the cache with pages read once.
SEARCH_PARAMETER = "q"


def _cacheable_request(request):
    return (
        request.method in ("GET", "HEAD")
        and not request.user.is_authenticated
        and SEARCH_PARAMETER not in request.GET
        # A message waiting for this visitor (e.g. "vous êtes déconnecté") belongs to their page only.
        and len(get_messages(request)) == 0
    )


def _cacheable_response(request, response):
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        # The page holds a CSRF token (a form): the token is this visitor's.
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and len(get_messages(request)) == 0
    )


def _key(request):
    digest = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    return f"visitor-page:{request.LANGUAGE_CODE}:{int(bool(getattr(request, 'htmx', False)))}:{digest}"


def cache_for_visitors(view):
    """Serve anonymous visitors a copy of the page at most `PUBLIC_CACHE_SECONDS` old."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if not _cacheable_request(request):
            return view(request, *args, **kwargs)
        key = _key(request)
        response = cache.get(key)
        if response is None:
            response = view(request, *args, **kwargs)
            if _cacheable_response(request, response):
                cache.set(key, response, settings.PUBLIC_CACHE_SECONDS)
        return response

    return wrapper


def shared_fragment(parts, template, context):
    """A section that is the same for everyone who asks with these parts (public figures, never private data),
    rendered at most once per `PUBLIC_CACHE_SECONDS` in each process. context() gives the template's context;
    it is called only when the section is not kept, and `computed_at` (when the figures were read) is added."""
    key = "fragment:" + hashlib.sha256(repr((template, *parts)).encode()).hexdigest()
    html = cache.get(key)
    if html is None:
        html = render_to_string(template, {**context(), "computed_at": timezone.localtime()})
        cache.set(key, html, settings.PUBLIC_CACHE_SECONDS)
    return mark_safe(html)  # noqa: S308 — rendered by our templates, escaped there
