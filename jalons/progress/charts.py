"""Small server-side SVG charts. Every chart comes with a table alternative in the page that shows it."""

from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import mark_safe

WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 72, 24, 24, 40
STYLE = (
    "<style>"
    ".jalons-chart__line{fill:none;stroke:var(--text-action-high-blue-france,#000091);stroke-width:3}"
    ".jalons-chart__dot{fill:var(--text-action-high-blue-france,#000091)}"
    ".jalons-chart__axis{stroke:var(--border-default-grey,#ddd)}"
    ".jalons-chart__target{stroke:var(--text-default-success,#18753c);stroke-width:2;stroke-dasharray:6 4}"
    ".jalons-chart__label{fill:var(--text-mention-grey,#666);font-size:12px}"
    "</style>"
)


def _number(value):
    return format(Decimal(value).normalize(), "f").replace(".", ",")


def _text(x, y, content, anchor="middle"):
    return f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" class="jalons-chart__label">{escape(content)}</text>'


def trend_chart(points, target=None, unit=""):
    """A line chart of [(date, value)] with an optional target (date or None, value), as inline SVG markup.

    The SVG is hidden from assistive technologies: the same data is in the table that follows it in the page.
    """
    if not points:
        return ""
    dates = [date for date, _value in points]
    values = [Decimal(value) for _date, value in points]
    if target is not None:
        if target[0] is not None:
            dates.append(target[0])
        values.append(Decimal(target[1]))
    low, high = min(values), max(values)
    if low > 0 and low < high / 2:
        low = Decimal(0)
    if high == low:
        high = low + 1
    start, end = min(dates), max(dates)
    span = max((end - start).days, 1)

    def x(date):
        return LEFT + (WIDTH - LEFT - RIGHT) * (date - start).days / span

    def y(value):
        return TOP + (HEIGHT - TOP - BOTTOM) * float((high - Decimal(value)) / (high - low))

    parts = [
        f'<svg class="jalons-chart" viewBox="0 0 {WIDTH} {HEIGHT}" width="100%" focusable="false" '
        'aria-hidden="true" style="max-width:40rem;height:auto">',
        STYLE,
        f'<line x1="{LEFT}" y1="{HEIGHT - BOTTOM}" x2="{WIDTH - RIGHT}" y2="{HEIGHT - BOTTOM}" '
        'class="jalons-chart__axis"></line>',
        _text(LEFT - 8, y(high) + 4, f"{_number(high)} {unit}", "end"),
        _text(LEFT - 8, y(low) + 4, f"{_number(low)} {unit}", "end"),
    ]
    if target is not None:
        target_y = y(target[1])
        target_x = x(target[0]) if target[0] is not None else WIDTH - RIGHT
        parts.append(
            f'<line x1="{LEFT}" y1="{target_y:.1f}" x2="{WIDTH - RIGHT}" y2="{target_y:.1f}" '
            'class="jalons-chart__target"></line>'
        )
        parts.append(_text(target_x, max(target_y - 6, 12), f"cible {_number(target[1])} {unit}", "end"))
    line = " ".join(f"{x(date):.1f},{y(value):.1f}" for date, value in points)
    parts.append(f'<polyline points="{line}" class="jalons-chart__line"></polyline>')
    parts.extend(
        f'<circle cx="{x(date):.1f}" cy="{y(value):.1f}" r="4" class="jalons-chart__dot"></circle>'
        for date, value in points
    )
    for year in sorted({date.year for date in dates}):
        first = min(date for date in dates if date.year == year)
        parts.append(_text(x(first), HEIGHT - 14, str(year)))
    parts.append("</svg>")
    # Every piece of text above is escaped; numbers and coordinates are formatted by this function.
    return mark_safe("".join(parts))  # noqa: S308
