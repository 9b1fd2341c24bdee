"""The Markdown subset of messages and meeting notes, rendered then sanitised with nh3 on every display.

Raw HTML typed by a person is never interpreted: markdown-it escapes it (html disabled), and nh3 then keeps only
the tags below, without any event-handler attribute or script URL. What is stored is exactly what was typed.
"""

import nh3
from django.utils.safestring import mark_safe
from markdown_it import MarkdownIt

ALLOWED_TAGS = {"p", "br", "strong", "em", "ul", "ol", "li", "a", "code", "pre", "blockquote", "hr"}
ALLOWED_ATTRIBUTES = {"a": {"href"}, "ol": {"start"}}
URL_SCHEMES = {"http", "https", "mailto"}

_markdown = (
    MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    .disable(["image", "heading", "lheading", "table"], ignoreInvalid=True)
    .enable(["strikethrough"], ignoreInvalid=True)
)


def render_markdown(text):
    html = _markdown.render(text or "")
    return mark_safe(  # noqa: S308 — sanitised by nh3 just above
        nh3.clean(
            html,
            tags=ALLOWED_TAGS,
            attributes=ALLOWED_ATTRIBUTES,
            url_schemes=URL_SCHEMES,
            link_rel="nofollow noopener noreferrer",
        )
    )
