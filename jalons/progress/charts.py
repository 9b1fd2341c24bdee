"""Small server-side SVG charts. Every chart comes with a table alternative in the page that shows it."""

from decimal import Decimal

from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

WIDTH, HEIGHT = 640, 260
STYLE = (
    "<style>"
    ".jalons-chart__line{fill:none;stroke:var(--text-action-high-blue-france,#000091);stroke-width:3}"
    ".jalons-chart__dot{fill:var(--text-action-high-blue-france,#000091)}"
    ".jalons-chart__axis{stroke:var(--border-default-grey,#ddd)}"
    ".jalons-chart__target{stroke:var(--text-default-success,#18753c);stroke-width:2;stroke-dasharray:6 4}"
    ".jalons-chart__label{fill:var(--text-mention-grey,#666);font-size:12px}"
    "</style>"
)
LEFT, RIGHT, TOP, BOTTOM = 64, 24, 20, 40


def _number(value):
    text = format(Decimal(value).normalize(), "f") if value is not None else ""
    return text.replace(".", ",")


def trend_chart(points, target=None, unit="", title=""):
    """A line chart of [(date, value)] with an optional target (date, value), as inline SVG markup.

    The SVG is marked aria-hidden: the data is given to everyone by the table that follows it in the page.
    """
    dates = [date for date, _value in points]
    values = [Decimal(value) for _date, value in points]
    if target and target[0] is not None:
        dates.append(target[0])
    if target:
        values.append(Decimal(target[1]))
    low, high = min(values), max(values)
    if low > 0 and (high - low) < high:
        low = Decimal(0) if low < high / 2 else low
    if high == low:
        high = low + 1
    start, end = min(dates), max(dates)
    span = max((end - start).days, 1)

    def x(date):
        return LEFT + (WIDTH - LEFT - RIGHT) * (date - start).days / span

    def y(value):
        return TOP + (HEIGHT - TOP - BOTTOM) * float((high - Decimal(value)) / (high - low))

    line = " ".join(f"{x(date):.1f},{y(value):.1f}" for date, value in points)
    dots = format_html_join(
        "",
        '<circle cx="{:.1f}" cy="{:.1f}" r="4" class="jalons-chart__dot"></circle>',
        ((x(date), y(value)) for date, value in points),
    )
    years = sorted({date.year for date in dates})
    ticks = format_html_join(
        "",
        '<text x="{:.1f}" y="{}" text-anchor="middle" class="jalons-chart__label">{}</text>',
        ((x(min(d for d in dates if d.year == year)), HEIGHT - 12, year) for year in years),
    )
    axis = format_html(
        '<line x1="{}" y1="{}" x2="{}" y2="{}" class="jalons-chart__axis"></line>'
        '<text x="{}" y="{:.1f}" text-anchor="end" class="jalons-chart__label">{} {}</text>'
        '<text x="{}" y="{:.1f}" text-anchor="end" class="jalons-chart__label">{} {}</text>',
        LEFT,
        HEIGHT - BOTTOM,
        WIDTH - RIGHT,
        HEIGHT - BOTTOM,
        LEFT - 8,
        y(high) + 4,
        _number(high),
        unit,
        LEFT - 8,
        y(low) + 4,
        _number(low),
        unit,
    )
    target_mark = ""
    if target:
        target_x = x(target[0]) if target[0] is not None else WIDTH - RIGHT
        target_mark = format_html(
            '<line x1="{}" y1="{:.1f}" x2="{}" y2="{:.1f}" class="jalons-chart__target"></line>'
            '<text x="{:.1f}" y="{:.1f}" text-anchor="end" class="jalons-chart__label">cible {} {}</text>',
            LEFT,
            y(target[1]),
            WIDTH - RIGHT,
            y(target[1]),
            target_x,
            y(target[1]) - 6,
            _number(target[1]),
            unit,
        )
    return (
        format_html(
            '<svg class="jalons-chart" viewBox="0 0 {} {}" width="100%" focusable="false" aria-hidden="true"'
            ' style="max-width:40rem;height:auto" data-title="{}">{}{}{}'
            '<polyline points="{}" class="jalons-chart__line"></polyline>{}{}</svg>',
            WIDTH,
            HEIGHT,
            title,
            mark_safe(STYLE),  # noqa: S308 — a constant
            axis,
            target_mark,
            line,
            dots,
            ticks,
        )
        if points
        else mark_safe("")
    )  # noqa: S308 — a constant empty string
