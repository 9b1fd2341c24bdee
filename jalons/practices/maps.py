"""A small tile map of the regions (one square per region, placed roughly where it lies), rendered server-side
as SVG. It shows where a practice comes from and where it spread; the page gives the same facts as a table.
"""

from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

# region code → (column, row, short label)
TILES = {
    "28": (2, 0, "NOR"),
    "32": (3, 0, "HDF"),
    "53": (0, 1, "BRE"),
    "11": (3, 1, "IDF"),
    "44": (4, 1, "GES"),
    "52": (1, 2, "PDL"),
    "24": (2, 2, "CVL"),
    "27": (3, 2, "BFC"),
    "75": (1, 3, "NAQ"),
    "84": (3, 3, "ARA"),
    "76": (2, 4, "OCC"),
    "93": (3, 4, "PAC"),
    "94": (4, 4, "COR"),
    "01": (0, 6, "GUA"),
    "02": (1, 6, "MTQ"),
    "03": (2, 6, "GUY"),
    "04": (3, 6, "LRE"),
    "06": (4, 6, "MAY"),
}
SIZE, GAP = 52, 6
# Fill and text colours with enough contrast (DSFR blue France scale).
NONE = ("#eeeeee", "#3a3a3a")
SHADES = [(1, "#cacafb", "#161616"), (2, "#8585f6", "#161616"), (4, "#000091", "#ffffff")]


def _shade(count):
    fill, text = NONE
    for threshold, shade_fill, shade_text in SHADES:
        if count >= threshold:
            fill, text = shade_fill, shade_text
    return fill, text


def spread_map(regions, origin_code, counts, title_id):
    """SVG markup: `regions` {code: name}, `counts` {code: organisations that take the practice up}."""
    tiles = []
    for code, (column, row, label) in TILES.items():
        if code not in regions:
            continue
        count = counts.get(code, 0)
        fill, text = _shade(count)
        x, y = column * (SIZE + GAP) + 2, row * (SIZE + GAP) + 2
        # French: zero takes the singular.
        description = ngettext(
            "%(name)s : %(count)s organisation", "%(name)s : %(count)s organisations", max(count, 1)
        ) % {
            "name": regions[code],
            "count": count,
        }
        if code == origin_code:
            description += _(" (région d'origine)")
        tiles.append(
            (
                x,
                y,
                SIZE,
                SIZE,
                fill,
                "#e1000f" if code == origin_code else "#ffffff",
                4 if code == origin_code else 1,
                description,
                x + SIZE / 2,
                y + SIZE / 2 + 5,
                text,
                label,
            )
        )
    width = 5 * (SIZE + GAP) + 4
    height = 7 * (SIZE + GAP) + 4
    body = format_html_join(
        "",
        '<g><rect x="{}" y="{}" width="{}" height="{}" rx="4" fill="{}" stroke="{}" stroke-width="{}">'
        "<title>{}</title></rect>"
        '<text x="{}" y="{}" text-anchor="middle" font-size="14" font-weight="700" fill="{}" '
        'aria-hidden="true">{}</text></g>',
        tiles,
    )
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" width="{}" height="{}" role="img" '
        'aria-labelledby="{}" class="jalons-tile-map">{}</svg>',
        width,
        height,
        width,
        height,
        title_id,
        body,
    )
