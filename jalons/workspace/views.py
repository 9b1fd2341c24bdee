from datetime import UTC, datetime, timedelta

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, F, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from jalons.accounts.models import Invitation
from jalons.core.permissions import (
    can_animate_group,
    can_ask_to_join,
    can_contribute_to_group,
    can_edit_meeting_note,
    can_edit_message,
    can_see_member_contacts,
    can_view_group,
    can_view_group_summary,
    can_view_region_private,
    commissioned_region_ids,
    group_roles,
    is_national,
)
from jalons.core.uploads import file_download, limit_upload_size
from jalons.notifications.outbox import queue_email
from jalons.notifications.services import notify
from jalons.strategy.models import Membership, WorkingGroup
from jalons.territories.models import Region

from .forms import (
    DocumentForm,
    EditMessageForm,
    GroupDescriptionForm,
    HideForm,
    InviteForm,
    ManagedMemberForm,
    MeetingNoteForm,
    ReplyForm,
    ReportForm,
    ThreadForm,
    VersionForm,
)
from .models import Activity, Document, DocumentVersion, GroupVisit, MeetingNote, Message, MessageReport, Thread
from .services import active_members, animators, publish

MESSAGES_PER_PAGE = 20
THREADS_PER_PAGE = 20
DOCUMENTS_PER_PAGE = 20
NOTES_PER_PAGE = 20
MEMBERS_PER_PAGE = 50
LATEST = 5
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def _bound(request):
    """Form data and files of a POST (bound even when the only field, a file, was refused), else nothing."""
    return (request.POST, request.FILES) if request.method == "POST" else (None, None)


def _group_or_404(request, pk, predicate=can_view_group):
    """The group, if the user may see at least its summary (else 404); 403 when predicate refuses the rest."""
    group = WorkingGroup.objects.select_related("workstream", "region").filter(pk=pk).first()
    if group is None or not can_view_group_summary(request.user, group):
        raise Http404
    if not predicate(request.user, group):
        raise PermissionDenied
    return group


def _check(request, group, predicate):
    if not can_view_group_summary(request.user, group):
        raise Http404
    if not predicate(request.user, group):
        raise PermissionDenied


def _with_unread(groups, user):
    """Annotate groups with the number of activity lines (by others) since the user last opened them."""
    last_seen = GroupVisit.objects.filter(user=user, group=OuterRef("pk")).values("seen_at")[:1]
    return groups.annotate(seen_at=Coalesce(Subquery(last_seen), Value(EPOCH))).annotate(
        unread_count=Count(
            "activities",
            filter=Q(activities__created_at__gt=F("seen_at")) & ~Q(activities__actor=user),
            distinct=True,
        ),
        last_activity_at=Subquery(
            Activity.objects.filter(group=OuterRef("pk")).order_by("-created_at").values("created_at")[:1]
        ),
    )


RECENT_DAYS = 30


def _region_groups(region):
    """The region's groups with their members and their activity of the last RECENT_DAYS days."""
    active = Q(memberships__status=Membership.Status.ACTIVE)
    since = timezone.now() - timedelta(days=RECENT_DAYS)
    return WorkingGroup.objects.for_region(region).annotate(
        member_count=Count("memberships", filter=active, distinct=True),
        recent_count=Count("activities", filter=Q(activities__created_at__gte=since), distinct=True),
        last_activity_at=Subquery(
            Activity.objects.filter(group=OuterRef("pk")).order_by("-created_at").values("created_at")[:1]
        ),
    )


@require_http_methods(["GET"])
def group_list(request):
    user = request.user
    memberships = {
        membership.group_id: membership
        for membership in Membership.objects.filter(user=user).only("group_id", "role", "status")
    }
    mine = _with_unread(
        WorkingGroup.objects.filter(pk__in=[pk for pk, m in memberships.items() if m.status == "active"])
        .select_related("workstream", "region")
        .order_by("region__name", "workstream__number"),
        user,
    )
    pending = (
        WorkingGroup.objects.filter(pk__in=[pk for pk, m in memberships.items() if m.status == "pending"])
        .select_related("workstream", "region")
        .order_by("region__name", "workstream__number")
    )
    if is_national(user):
        regions = Region.objects.order_by("name")
    else:
        regions = Region.objects.filter(Q(pk__in=commissioned_region_ids(user)) | Q(pk=user.region_id)).order_by(
            "name"
        )
    return render(
        request,
        "workspace/group_list.html",
        {"title": _("Mes groupes de travail"), "mine": mine, "pending": pending, "regions": regions},
    )


@require_http_methods(["GET"])
def region_groups(request, code):
    region = get_object_or_404(Region, code=code)
    if not can_view_region_private(request.user, region):
        raise Http404
    roles = group_roles(request.user)
    pending = set(
        Membership.objects.filter(user=request.user, status=Membership.Status.PENDING).values_list(
            "group_id", flat=True
        )
    )
    groups = list(_region_groups(region))
    for group in groups:
        group.my_role = roles.get(group.pk)
        group.my_pending = group.pk in pending
    return render(
        request,
        "workspace/region_groups.html",
        {
            "title": _("Groupes de travail — %(region)s") % {"region": region.name},
            "region": region,
            "groups": groups,
            "recent_days": RECENT_DAYS,
        },
    )


def _group_context(request, group, tab):
    user = request.user
    return {
        "group": group,
        "tab": tab,
        "can_view": can_view_group(user, group),
        "can_contribute": can_contribute_to_group(user, group),
        "can_animate": can_animate_group(user, group),
    }


@require_http_methods(["GET"])
def group_detail(request, pk):
    group = _group_or_404(request, pk, predicate=can_view_group_summary)
    user = request.user
    context = _group_context(request, group, "overview")
    context["title"] = str(group.workstream.title)
    context["animators"] = list(animators(group).select_related("organisation").order_by("last_name", "first_name"))
    context["member_count"] = active_members(group).count()
    membership = Membership.objects.filter(user=user, group=group).first()
    context["my_membership"] = membership
    context["can_ask_to_join"] = can_ask_to_join(user, group) and membership is None
    if context["can_view"]:
        context["activities"] = list(group.activities.select_related("actor")[:10])
        context["threads"] = list(group.threads.select_related("author")[:LATEST])
        context["documents"] = list(group.documents.select_related("latest_version")[:LATEST])
        context["notes"] = list(group.meeting_notes.all()[:LATEST])
        if context["can_animate"]:
            context["requests"] = list(
                group.memberships.filter(status=Membership.Status.PENDING)
                .select_related("user__organisation", "user__category")
                .order_by("created_at")
            )
            context["reported"] = list(
                Message.objects.filter(
                    thread__group=group, reports__isnull=False, hidden_at__isnull=True, deleted_at__isnull=True
                )
                .select_related("thread", "author")
                .annotate(report_count=Count("reports"))
                .order_by("-report_count", "-created_at")[:10]
            )
        GroupVisit.objects.bulk_create(
            [GroupVisit(user=user, group=group, seen_at=timezone.now())],
            update_conflicts=True,
            unique_fields=["user", "group"],
            update_fields=["seen_at"],
        )
    else:
        context["thread_count"] = group.threads.count()
        context["document_count"] = group.documents.count()
        context["note_count"] = group.meeting_notes.count()
    return render(request, "workspace/group_detail.html", context)


# Membership ----------------------------------------------------------------------------------------------------


@require_POST
def ask_to_join(request, pk):
    group = _group_or_404(request, pk, predicate=can_ask_to_join)
    with transaction.atomic():
        membership, created = Membership.objects.get_or_create(
            user=request.user, group=group, defaults={"status": Membership.Status.PENDING}
        )
        if created:
            publish(
                group,
                request.user,
                _("%(person)s demande à rejoindre le groupe « %(group)s ».")
                % {"person": request.user.get_full_name(), "group": group.workstream.title},
                reverse("workspace:group_detail", args=[group.pk]),
                recipients=animators(group),
            )
    messages.success(request, _("Votre demande est envoyée aux animateurs et animatrices du groupe."))
    return redirect("workspace:group_detail", pk=group.pk)


def _pending_request(request, pk):
    membership = get_object_or_404(
        Membership.objects.select_related("group__workstream", "group__region", "user"),
        pk=pk,
        status=Membership.Status.PENDING,
    )
    _check(request, membership.group, can_animate_group)
    return membership


@require_POST
def accept_request(request, pk):
    membership = _pending_request(request, pk)
    group = membership.group
    with transaction.atomic():
        membership.status = Membership.Status.ACTIVE
        membership.save(update_fields=["status"])
        publish(
            group,
            request.user,
            _("%(person)s a rejoint le groupe « %(group)s ».")
            % {"person": membership.user.get_full_name(), "group": group.workstream.title},
            reverse("workspace:group_detail", args=[group.pk]),
            recipients=[],
        )
        notify(
            [membership.user],
            _("Votre demande pour rejoindre le groupe « %(group)s » (%(region)s) est acceptée.")
            % {"group": group.workstream.title, "region": group.region.name},
            url=reverse("workspace:group_detail", args=[group.pk]),
            actor=request.user,
            group=group,
        )
    messages.success(request, _("%(person)s fait désormais partie du groupe.") % {"person": membership.user})
    return redirect("workspace:group_detail", pk=group.pk)


@require_POST
def decline_request(request, pk):
    membership = _pending_request(request, pk)
    group = membership.group
    with transaction.atomic():
        membership.delete()
        notify(
            [membership.user],
            _("Votre demande pour rejoindre le groupe « %(group)s » (%(region)s) n'a pas été retenue.")
            % {"group": group.workstream.title, "region": group.region.name},
            url=reverse("workspace:group_list"),
            actor=request.user,
            group=group,
        )
    messages.success(request, _("La demande de %(person)s est refusée.") % {"person": membership.user})
    return redirect("workspace:group_detail", pk=group.pk)


@require_POST
def leave_group(request, pk):
    group = WorkingGroup.objects.select_related("workstream", "region").filter(pk=pk).first()
    if group is None:
        raise Http404
    membership = Membership.objects.filter(user=request.user, group=group).first()
    if membership is None:
        if not can_view_group_summary(request.user, group):
            raise Http404
        raise PermissionDenied
    is_animator = membership.role == Membership.Role.ANIMATOR and membership.status == Membership.Status.ACTIVE
    if is_animator and animators(group).count() <= 1:
        messages.error(
            request,
            _(
                "Vous êtes la seule personne qui anime ce groupe : demandez au commissaire régional de nommer "
                "une autre personne avant de le quitter."
            ),
        )
        return redirect("workspace:group_detail", pk=group.pk)
    membership.delete()
    if membership.status == Membership.Status.PENDING:
        messages.success(request, _("Votre demande est retirée."))
    else:
        messages.success(request, _("Vous avez quitté le groupe « %(group)s ».") % {"group": group.workstream.title})
    return redirect("workspace:group_list")


@require_POST
def remove_member(request, pk):
    membership = get_object_or_404(
        Membership.objects.select_related("group__workstream", "group__region", "user"),
        pk=pk,
        status=Membership.Status.ACTIVE,
    )
    group = membership.group
    _check(request, group, can_animate_group)
    directory = redirect("workspace:member_directory", pk=group.pk)
    if membership.user_id == request.user.pk:
        messages.error(request, _("Pour quitter le groupe vous-même, utilisez « Quitter le groupe »."))
        return directory
    if membership.role == Membership.Role.ANIMATOR and animators(group).count() <= 1:
        messages.error(request, _("Le groupe doit garder au moins une personne qui l'anime."))
        return directory
    with transaction.atomic():
        membership.delete()
        notify(
            [membership.user],
            _("Vous ne faites plus partie du groupe « %(group)s » (%(region)s).")
            % {"group": group.workstream.title, "region": group.region.name},
            actor=request.user,
            group=group,
        )
    messages.success(
        request, _("%(person)s ne fait plus partie du groupe.") % {"person": membership.user.get_full_name()}
    )
    return directory


@require_http_methods(["GET", "POST"])
def group_edit(request, pk):
    group = _group_or_404(request, pk, predicate=can_animate_group)
    form = GroupDescriptionForm(request.POST or None, instance=group)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("La présentation du groupe est enregistrée."))
        return redirect("workspace:group_detail", pk=group.pk)
    context = _group_context(request, group, "overview-edit")
    context.update({"title": _("Présentation du groupe"), "form": form})
    return render(request, "workspace/group_edit.html", context)


@require_http_methods(["GET", "POST"])
def invite(request, pk):
    group = _group_or_404(request, pk, predicate=can_animate_group)
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        valid, invalid = form.cleaned_data["addresses"], form.invalid_addresses
        members = set(active_members(group).filter(email__in=valid).values_list("email", flat=True))
        invited = []
        with transaction.atomic():
            for address in valid:
                if address in members:
                    continue
                invitation, token = Invitation.create(address, invited_by=request.user, group=group)
                link = request.build_absolute_uri(reverse("accounts:accept_invitation", args=[token]))
                queue_email(
                    address,
                    _("Invitation au groupe de travail « %(group)s » sur Jalons") % {"group": group.workstream.title},
                    _(
                        "Bonjour,\n\n%(person)s vous invite à rejoindre le groupe de travail « %(group)s » "
                        "(%(region)s) sur Jalons.\n\nPour accepter, ouvrez ce lien (valable %(days)s jours, "
                        "une seule fois) :\n%(link)s\n"
                    )
                    % {
                        "person": request.user.get_full_name(),
                        "group": group.workstream.title,
                        "region": group.region.name,
                        "days": (invitation.expires_at - invitation.created_at).days,
                        "link": link,
                    },
                )
                invited.append(address)
        if invited:
            messages.success(
                request,
                _("Invitation envoyée à %(count)s adresse(s) : %(list)s.")
                % {"count": len(invited), "list": ", ".join(invited)},
            )
        already = sorted(members)
        if already:
            messages.info(request, _("Déjà membres du groupe : %(list)s.") % {"list": ", ".join(already)})
        if not invalid:
            return redirect("workspace:group_detail", pk=group.pk)
        form = InviteForm(initial={"addresses": "\n".join(invalid)})
        form.invalid_list = invalid
    context = _group_context(request, group, "members")
    context.update({"title": _("Inviter des personnes"), "form": form, "invalid": getattr(form, "invalid_list", [])})
    return render(request, "workspace/invite.html", context)


@require_http_methods(["GET", "POST"])
def add_managed_member(request, pk):
    group = _group_or_404(request, pk, predicate=can_animate_group)
    form = ManagedMemberForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            person = form.save(commit=False)
            person.email = None
            person.managed_by = request.user
            person.region = group.region
            person.save()
            Membership.objects.create(user=person, group=group)
            Activity.objects.create(
                group=group,
                actor=request.user,
                text=_("%(person)s a rejoint le groupe, accompagné·e par %(animator)s.")
                % {"person": person.get_full_name(), "animator": request.user.get_full_name()},
                url=reverse("workspace:member_directory", args=[group.pk]),
            )
        messages.success(
            request,
            _("%(person)s est membre du groupe. Vous pouvez publier en son nom dans les discussions.")
            % {"person": person.get_full_name()},
        )
        return redirect("workspace:member_directory", pk=group.pk)
    context = _group_context(request, group, "members")
    context.update({"title": _("Ajouter un membre accompagné"), "form": form})
    return render(request, "workspace/managed_member_form.html", context)


@require_http_methods(["GET"])
def member_directory(request, pk):
    group = _group_or_404(request, pk, predicate=can_view_group_summary)
    memberships = (
        group.memberships.filter(status=Membership.Status.ACTIVE)
        .select_related("user__organisation", "user__category", "user__managed_by")
        .order_by("-role", "user__last_name", "user__first_name")
    )
    context = _group_context(request, group, "members")
    context.update(
        {
            "title": _("Membres du groupe"),
            "page": Paginator(memberships, MEMBERS_PER_PAGE).get_page(request.GET.get("page")),
            "show_contacts": can_see_member_contacts(request.user, group),
        }
    )
    return render(request, "workspace/member_directory.html", context)


# Discussions ---------------------------------------------------------------------------------------------------


@require_http_methods(["GET"])
def thread_list(request, pk):
    group = _group_or_404(request, pk)
    threads = group.threads.select_related("author")
    context = _group_context(request, group, "threads")
    context.update(
        {"title": _("Discussions"), "page": Paginator(threads, THREADS_PER_PAGE).get_page(request.GET.get("page"))}
    )
    return render(request, "workspace/thread_list.html", context)


def _post_message(thread, form, user, body, *, new_thread=False):
    author = form.author()
    now = timezone.now()
    message = Message.objects.create(
        thread=thread, author=author, posted_by=user if author != user else None, body=body, created_at=now
    )
    Thread.objects.filter(pk=thread.pk).update(last_message_at=now, message_count=F("message_count") + 1)
    group = thread.group
    if new_thread:
        text = _("%(person)s a ouvert la discussion « %(title)s » dans le groupe « %(group)s ».")
    else:
        text = _("%(person)s a répondu dans la discussion « %(title)s » (groupe « %(group)s »).")
    publish(
        group,
        author,
        text % {"person": author.get_full_name(), "title": thread.title, "group": group.workstream.title},
        thread.get_absolute_url() + f"#message-{message.pk}",
    )
    return message


@require_http_methods(["GET", "POST"])
def thread_create(request, pk):
    group = _group_or_404(request, pk, predicate=can_contribute_to_group)
    form = ThreadForm(request.POST or None, user=request.user, group=group)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            thread = Thread.objects.create(group=group, title=form.cleaned_data["title"], author=form.author())
            _post_message(thread, form, request.user, form.cleaned_data["body"], new_thread=True)
        messages.success(request, _("La discussion est ouverte."))
        return redirect(thread)
    context = _group_context(request, group, "threads")
    context.update({"title": _("Nouvelle discussion"), "form": form})
    return render(request, "workspace/thread_form.html", context)


@require_http_methods(["GET", "POST"])
def thread_detail(request, pk):
    thread = get_object_or_404(Thread.objects.select_related("group__workstream", "group__region"), pk=pk)
    group = thread.group
    _check(request, group, can_view_group)
    can_contribute = can_contribute_to_group(request.user, group)
    form = ReplyForm(request.POST or None, user=request.user, group=group) if can_contribute else None
    if request.method == "POST":
        if not can_contribute:
            raise PermissionDenied
        if form.is_valid():
            with transaction.atomic():
                message = _post_message(thread, form, request.user, form.cleaned_data["body"])
            count = thread.messages.filter(created_at__lte=message.created_at).count()
            last_page = (count - 1) // MESSAGES_PER_PAGE + 1
            return redirect(f"{thread.get_absolute_url()}?page={last_page}#message-{message.pk}")
    thread_messages = (
        thread.messages.select_related("author__organisation", "posted_by", "hidden_by")
        .annotate(report_count=Count("reports"))
        .order_by("created_at", "pk")
    )
    page = Paginator(thread_messages, MESSAGES_PER_PAGE).get_page(request.GET.get("page"))
    user = request.user
    can_animate = can_animate_group(user, group)
    for message in page:
        message.editable = (
            can_contribute
            and message.deleted_at is None
            and (message.author_id == user.pk or message.posted_by_id == user.pk)
        )
        message.hideable = can_animate and message.deleted_at is None and not message.is_hidden
    context = _group_context(request, group, "threads")
    context.update({"title": thread.title, "thread": thread, "page": page, "form": form})
    return render(request, "workspace/thread_detail.html", context)


def _message_or_404(request, pk, predicate):
    message = get_object_or_404(
        Message.objects.select_related("thread__group__workstream", "thread__group__region", "author"),
        pk=pk,
        deleted_at__isnull=True,
    )
    _check(request, message.thread.group, can_view_group)
    if not predicate(request.user, message):
        raise PermissionDenied
    return message


def _message_url(message):
    return f"{message.thread.get_absolute_url()}#message-{message.pk}"


@require_http_methods(["GET", "POST"])
def message_edit(request, pk):
    message = _message_or_404(request, pk, can_edit_message)
    form = EditMessageForm(request.POST or None, initial={"body": message.body})
    if request.method == "POST" and form.is_valid():
        message.body = form.cleaned_data["body"]
        message.edited_at = timezone.now()
        message.save(update_fields=["body", "edited_at"])
        messages.success(request, _("Votre message est modifié."))
        return redirect(_message_url(message))
    context = _group_context(request, message.thread.group, "threads")
    context.update({"title": _("Modifier mon message"), "form": form, "message": message})
    return render(request, "workspace/message_form.html", context)


@require_POST
def message_delete(request, pk):
    message = _message_or_404(request, pk, can_edit_message)
    with transaction.atomic():
        message.deleted_at = timezone.now()
        message.body = ""
        message.save(update_fields=["deleted_at", "body"])
    messages.success(request, _("Votre message est supprimé."))
    return redirect(message.thread)


@require_http_methods(["GET", "POST"])
def message_hide(request, pk):
    message = _message_or_404(request, pk, lambda user, message: can_animate_group(user, message.thread.group))
    form = HideForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            message.hidden_at = timezone.now()
            message.hidden_by = request.user
            message.hidden_reason = form.cleaned_data["reason"]
            message.save(update_fields=["hidden_at", "hidden_by", "hidden_reason"])
            if message.author:
                notify(
                    [message.author],
                    _("Votre message dans « %(title)s » a été masqué : %(reason)s")
                    % {"title": message.thread.title, "reason": message.hidden_reason},
                    url=_message_url(message),
                    actor=request.user,
                    group=message.thread.group,
                )
        messages.success(request, _("Le message est masqué."))
        return redirect(_message_url(message))
    context = _group_context(request, message.thread.group, "threads")
    context.update({"title": _("Masquer un message"), "form": form, "message": message, "action": "hide"})
    return render(request, "workspace/message_reason.html", context)


@require_http_methods(["GET", "POST"])
def message_report(request, pk):
    message = _message_or_404(request, pk, lambda user, message: can_contribute_to_group(user, message.thread.group))
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            _report, created = MessageReport.objects.get_or_create(
                message=message, reporter=request.user, defaults={"reason": form.cleaned_data["reason"]}
            )
            if created:
                notify(
                    list(animators(message.thread.group)),
                    _("Un message de la discussion « %(title)s » a été signalé : %(reason)s")
                    % {"title": message.thread.title, "reason": form.cleaned_data["reason"]},
                    url=_message_url(message),
                    actor=request.user,
                    group=message.thread.group,
                )
        messages.success(request, _("Merci, le message est signalé aux animateurs et animatrices du groupe."))
        return redirect(_message_url(message))
    context = _group_context(request, message.thread.group, "threads")
    context.update({"title": _("Signaler un message"), "form": form, "message": message, "action": "report"})
    return render(request, "workspace/message_reason.html", context)


# Documents -----------------------------------------------------------------------------------------------------


def _store_version(document, form, user, number):
    upload = form.cleaned_data["file"]
    version = DocumentVersion(
        document=document,
        number=number,
        filename=form.clean_name,
        content_type=form.file_type.content_type,
        size=upload.size,
        uploaded_by=user,
        comment=form.cleaned_data.get("comment", ""),
    )
    upload.seek(0)
    version.file.save(form.clean_name, upload, save=False)
    try:
        version.save()
    except Exception:
        version.file.delete(save=False)
        raise
    return version


@require_http_methods(["GET"])
def document_list(request, pk):
    group = _group_or_404(request, pk)
    documents = group.documents.select_related("latest_version__uploaded_by")
    context = _group_context(request, group, "documents")
    context.update(
        {
            "title": _("Documents"),
            "page": Paginator(documents, DOCUMENTS_PER_PAGE).get_page(request.GET.get("page")),
        }
    )
    return render(request, "workspace/document_list.html", context)


@limit_upload_size
@require_http_methods(["GET", "POST"])
def document_create(request, pk):
    group = _group_or_404(request, pk, predicate=can_contribute_to_group)
    form = DocumentForm(*_bound(request), oversized=getattr(request, "oversized_uploads", ()))
    if request.method == "POST" and form.is_valid():
        stored = None
        try:
            with transaction.atomic():
                document = Document.objects.create(
                    group=group, title=form.cleaned_data["title"], created_by=request.user
                )
                stored = _store_version(document, form, request.user, 1)
                document.latest_version = stored
                document.save(update_fields=["latest_version"])
                publish(
                    group,
                    request.user,
                    _("%(person)s a déposé le document « %(title)s » dans le groupe « %(group)s ».")
                    % {
                        "person": request.user.get_full_name(),
                        "title": document.title,
                        "group": group.workstream.title,
                    },
                    document.get_absolute_url(),
                )
        except Exception:
            if stored is not None:
                stored.file.delete(save=False)
            raise
        messages.success(request, _("Le document « %(title)s » est déposé.") % {"title": document.title})
        return redirect(document)
    context = _group_context(request, group, "documents")
    context.update({"title": _("Déposer un document"), "form": form})
    return render(request, "workspace/document_form.html", context, status=400 if form.errors else 200)


@limit_upload_size
@require_http_methods(["GET", "POST"])
def document_detail(request, pk):
    document = get_object_or_404(Document.objects.select_related("group__workstream", "group__region"), pk=pk)
    group = document.group
    _check(request, group, can_view_group)
    can_contribute = can_contribute_to_group(request.user, group)
    form = None
    if can_contribute:
        form = VersionForm(*_bound(request), oversized=getattr(request, "oversized_uploads", ()))
    if request.method == "POST":
        if not can_contribute:
            raise PermissionDenied
        if form.is_valid():
            stored = None
            try:
                with transaction.atomic():
                    locked = Document.objects.select_for_update().get(pk=document.pk)
                    number = (locked.versions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
                    stored = _store_version(locked, form, request.user, number)
                    locked.latest_version = stored
                    locked.updated_at = timezone.now()
                    locked.save(update_fields=["latest_version", "updated_at"])
                    publish(
                        group,
                        request.user,
                        _("%(person)s a déposé la version %(number)s du document « %(title)s ».")
                        % {"person": request.user.get_full_name(), "number": number, "title": document.title},
                        document.get_absolute_url(),
                    )
            except Exception:
                if stored is not None:
                    stored.file.delete(save=False)
                raise
            messages.success(request, _("La version %(number)s est déposée.") % {"number": number})
            return redirect(document)
    context = _group_context(request, group, "documents")
    context.update(
        {
            "title": document.title,
            "document": document,
            "versions": document.versions.select_related("uploaded_by"),
            "form": form,
        }
    )
    return render(request, "workspace/document_detail.html", context, status=400 if form and form.errors else 200)


@require_http_methods(["GET"])
def download_version(request, pk):
    version = get_object_or_404(
        DocumentVersion.objects.select_related("document__group__region"),
        pk=pk,
    )
    _check(request, version.document.group, can_view_group)
    return file_download(version.file, version.filename, version.content_type)


# Meeting notes -------------------------------------------------------------------------------------------------


@require_http_methods(["GET"])
def note_list(request, pk):
    group = _group_or_404(request, pk)
    notes = group.meeting_notes.select_related("author")
    context = _group_context(request, group, "notes")
    context.update(
        {"title": _("Comptes rendus"), "page": Paginator(notes, NOTES_PER_PAGE).get_page(request.GET.get("page"))}
    )
    return render(request, "workspace/note_list.html", context)


@require_http_methods(["GET", "POST"])
def note_create(request, pk):
    group = _group_or_404(request, pk, predicate=can_contribute_to_group)
    form = MeetingNoteForm(request.POST or None, group=group, initial={"date": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            note = form.save(commit=False)
            note.group = group
            note.author = request.user
            note.save()
            form.save_m2m()
            publish(
                group,
                request.user,
                _("%(person)s a publié le compte rendu « %(title)s » du %(date)s.")
                % {
                    "person": request.user.get_full_name(),
                    "title": note.title,
                    "date": note.date.strftime("%d/%m/%Y"),
                },
                note.get_absolute_url(),
            )
        messages.success(request, _("Le compte rendu est publié."))
        return redirect(note)
    context = _group_context(request, group, "notes")
    context.update({"title": _("Nouveau compte rendu"), "form": form})
    return render(request, "workspace/note_form.html", context)


@require_http_methods(["GET", "POST"])
def note_edit(request, pk):
    note = get_object_or_404(MeetingNote.objects.select_related("group__workstream", "group__region"), pk=pk)
    group = note.group
    _check(request, group, can_view_group)
    if not can_edit_meeting_note(request.user, note):
        raise PermissionDenied
    form = MeetingNoteForm(request.POST or None, instance=note, group=group)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Le compte rendu est enregistré."))
        return redirect(note)
    context = _group_context(request, group, "notes")
    context.update({"title": _("Modifier le compte rendu"), "form": form, "note": note})
    return render(request, "workspace/note_form.html", context)


@require_http_methods(["GET"])
def note_detail(request, pk):
    note = get_object_or_404(MeetingNote.objects.select_related("group__workstream", "group__region", "author"), pk=pk)
    _check(request, note.group, can_view_group)
    context = _group_context(request, note.group, "notes")
    context.update(
        {
            "title": note.title,
            "note": note,
            "participants": note.participants.order_by("last_name", "first_name"),
            "can_edit": can_edit_meeting_note(request.user, note),
        }
    )
    return render(request, "workspace/note_detail.html", context)
