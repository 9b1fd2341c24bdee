from django.utils.functional import SimpleLazyObject


def unread_notifications(request):
    """The header's badge: one query, only for a signed-in person, only when a template reads it."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"unread_notification_count": 0}
    return {"unread_notification_count": SimpleLazyObject(lambda: user.notifications.unread().count())}
