from django import template

register = template.Library()

BADGES = {
    # roadmap workflow
    "draft": "fr-badge--new",
    "submitted": "fr-badge--info",
    "validated": "fr-badge--success",
    "returned": "fr-badge--warning",
    "finalised": "fr-badge--success",
    # actions
    "to_start": "fr-badge--new",
    "in_progress": "fr-badge--info",
    "done": "fr-badge--success",
    "abandoned": "",
    # checkpoints
    "on_track": "fr-badge--success",
    "watch": "fr-badge--warning",
    "difficulty": "fr-badge--error",
    # constraints
    "open": "fr-badge--new",
    "escalated": "fr-badge--warning",
    "lifted": "fr-badge--success",
}


@register.filter
def badge_class(status):
    """The DSFR badge modifier for a status code."""
    return BADGES.get(status, "")
