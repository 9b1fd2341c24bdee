from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from .forms import PreferenceForm
from .models import Notification, NotificationPreference

PAGE_SIZE = 30


@require_http_methods(["GET"])
def notification_list(request):
    notifications = request.user.notifications.select_related("actor", "group__workstream", "group__region")
    page = Paginator(notifications, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "notifications/notification_list.html",
        {"title": _("Mes notifications"), "page": page, "unread_count": request.user.notifications.unread().count()},
    )


@require_POST
def mark_all_read(request):
    request.user.notifications.unread().update(read_at=timezone.now())
    messages.success(request, _("Toutes vos notifications sont marquées comme lues."))
    return redirect("notifications:list")


@require_POST
def open_notification(request, pk):
    """Mark one notification read, then follow its link (a local path only)."""
    notification = Notification.objects.filter(pk=pk, recipient=request.user).first()
    if notification is None:
        return redirect("notifications:list")
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    if notification.url and url_has_allowed_host_and_scheme(notification.url, allowed_hosts=set()):
        return redirect(notification.url)
    return redirect("notifications:list")


@require_http_methods(["GET", "POST"])
def preferences(request):
    preference = NotificationPreference.objects.filter(user=request.user).first() or NotificationPreference(
        user=request.user
    )
    form = PreferenceForm(request.POST or None, instance=preference)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Vos préférences de notification sont enregistrées."))
        return redirect("notifications:preferences")
    return render(request, "notifications/preferences.html", {"title": _("Préférences de notification"), "form": form})
