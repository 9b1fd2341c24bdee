"""The Markdown subset people write in (messages, meeting notes, good practices), rendered then sanitised.

Raw HTML typed by a person is never interpreted: markdown-it escapes it (html disabled), and nh3 then keeps only
an allow-list of tags, without any event-handler attribute or script URL. What is stored is exactly what was
typed; rendering happens on every display.
"""

import re

import nh3
from django.utils.safestring import mark_safe
from markdown_it import MarkdownIt

ALLOWED_TAGS = {"p", "br", "strong", "em", "s", "ul", "ol", "li", "a", "code", "pre", "blockquote", "hr"}
HEADING_TAGS = {"h3", "h4", "h5", "h6"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}}
URL_SCHEMES = {"http", "https", "mailto"}


def _parser(headings):
    disabled = ["image", "table"] + ([] if headings else ["heading", "lheading"])
    return (
        MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
        .disable(disabled, ignoreInvalid=True)
        .enable(["strikethrough"], ignoreInvalid=True)
    )


_PARSERS = {False: _parser(headings=False), True: _parser(headings=True)}


def _shift_headings(html):
    # The page owns h1 and h2: the author's headings start at level 3.
    return re.sub(r"<(/?)h([1-6])>", lambda match: f"<{match.group(1)}h{min(int(match.group(2)) + 2, 6)}>", html)


def render_markdown(text, headings=False):
    """Sanitised HTML (marked safe) of the Markdown subset; headings, when allowed, start at level 3."""
    if not text:
        return ""
    html = _PARSERS[headings].render(text)
    if headings:
        html = _shift_headings(html)
    return mark_safe(  # noqa: S308 — sanitised by nh3 just below
        nh3.clean(
            html,
            tags=ALLOWED_TAGS | (HEADING_TAGS if headings else set()),
            attributes=ALLOWED_ATTRIBUTES,
            url_schemes=URL_SCHEMES,
            link_rel="nofollow noopener noreferrer",
        )
    )
