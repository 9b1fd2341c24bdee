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


@register.inclusion_tag("progress/includes/region_summary.html", takes_context=True)
def region_progress(context, region):
    """The region's progress per chantier, for the people who may see it (nothing for the others)."""
    from jalons.core.permissions import can_view_progress
    from jalons.progress.services import region_summary

    user = context["request"].user
    if not can_view_progress(user, region):
        return {"visible": False, "region": region, "roadmap": None, "rows": []}
    roadmap, rows = region_summary(region)
    return {"visible": True, "region": region, "roadmap": roadmap, "rows": rows}
