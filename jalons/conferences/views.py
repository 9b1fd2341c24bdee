import mimetypes

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, Max, Prefetch, Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from jalons.accounts.models import User
from jalons.core import tabular
from jalons.core.caching import cache_for_visitors
from jalons.core.pdf import pdf_response
from jalons.core.permissions import (
    can_act_for,
    can_create_conference,
    can_create_cycle,
    can_edit_conference,
    can_view_conference,
    get_visible_or_404,
    is_national,
    public_page,
    steered_region_ids,
)
from jalons.core.uploads import file_download
from jalons.territories.models import Region

from . import services
from .calendar import calendar_for
from .exports import ATTENDANCE_FILENAME, all_registrations_rows, attendance_rows
from .forms import (
    AgendaFormSet,
    CheckInForm,
    ConferenceCreateForm,
    ConferenceForm,
    CycleForm,
    DocumentForm,
    RegistrationForm,
    SurveyForm,
    WorkshopFormSet,
)
from .models import Conference, ConferenceCycle, Objective, Registration
from .qrcode import qr_svg


@public_page
@cache_for_visitors
def conference_list(request):
    conferences = Conference.objects.published().select_related("region").order_by("date")
    cycles = ConferenceCycle.objects.order_by("-starts_on")
    selected_cycle = request.GET.get("cycle", "")
    selected_region = request.GET.get("region", "")
    if selected_cycle.isdigit():
        cycles = cycles.filter(pk=selected_cycle)
    if selected_region:
        conferences = conferences.filter(region__code=selected_region)
    cycles = cycles.prefetch_related(
        "objectives", Prefetch("conferences", queryset=conferences, to_attr="published_conferences")
    )
    return render(
        request,
        "conferences/conference_list.html",
        {
            "cycles": cycles,
            "all_cycles": ConferenceCycle.objects.order_by("-starts_on"),
            "regions": Region.objects.order_by("name"),
            "selected_cycle": selected_cycle,
            "selected_region": selected_region,
            "today": timezone.localdate(),
            "can_create_cycle": can_create_cycle(request.user),
            "can_create_conference": can_create_conference(request.user),
            "title": _("Les conférences régionales"),
        },
    )


def _conference(request, pk, predicate=can_view_conference):
    return get_visible_or_404(Conference.objects.select_related("region", "cycle"), predicate, request.user, pk=pk)


def _workshops(conference):
    workshops = list(
        conference.workshops.select_related("workstream").annotate(
            taken=Count(
                "registrations",
                filter=Q(
                    registrations__status=Registration.Status.CONFIRMED,
                    registrations__workshop_status=Registration.WorkshopStatus.CONFIRMED,
                ),
            )
        )
    )
    for workshop in workshops:
        workshop.left = max(workshop.capacity - workshop.taken, 0)
    return workshops


def _own_registration(request, conference, person=None):
    if not request.user.is_authenticated:
        return None
    person = person or request.user
    return Registration.objects.filter(conference=conference, user=person).select_related("workshop").first()


def _person(request):
    """Whom the registration pages are about: the signed-in person, or (`?pour=<id>`) a managed member whom
    they accompany (an animator acts for members without e-mail). Anyone else: 404."""
    person_id = request.GET.get("pour") or request.POST.get("pour")
    if not person_id:
        return request.user, ""
    person = User.objects.filter(pk=person_id).first() if str(person_id).isdigit() else None
    if person is None or not can_act_for(request.user, person):
        raise Http404
    return person, f"?pour={person.pk}"


def _mine(conference, suffix):
    return redirect(reverse("conferences:my_registration", args=[conference.pk]) + suffix)


@public_page
@cache_for_visitors
def conference_detail(request, pk):
    conference = _conference(request, pk)
    counts = conference.registrations.counts()
    registration = _own_registration(request, conference)
    accompanied = []
    if request.user.is_authenticated:
        accompanied = list(
            request.user.managed_members.filter(is_active=True)
            .order_by("last_name", "first_name")
            .prefetch_related(
                Prefetch(
                    "registrations",
                    queryset=Registration.objects.filter(conference=conference).active(),
                    to_attr="conference_registrations",
                )
            )
        )
    return render(
        request,
        "conferences/conference_detail.html",
        {
            "conference": conference,
            "title": str(conference),
            "objectives": conference.cycle.objectives.all(),
            "agenda": conference.agenda_items.select_related("objective"),
            "workshops": _workshops(conference),
            "counts": counts,
            "places_left": max(conference.capacity - counts["confirmed"], 0),
            "registration": registration if registration and registration.is_active else None,
            "registration_open": conference.registration_is_open(),
            "can_edit": can_edit_conference(request.user, conference),
            "documents": conference.documents.all(),
            "accompanied": accompanied,
        },
    )


def _ics_response(content, filename):
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@public_page
def calendar_feed(request):
    conferences = Conference.objects.published().select_related("region", "cycle").order_by("date")
    return _ics_response(calendar_for(conferences), "conferences.ics")


@public_page
def conference_calendar(request, pk):
    conference = _conference(request, pk)
    return _ics_response(calendar_for([conference]), f"conference-{conference.pk}.ics")


@require_http_methods(["GET", "POST"])
def conference_edit(request, pk):
    conference = _conference(request, pk, can_edit_conference)
    # The form edits a copy: the page's title and summary keep the saved values when the form has errors.
    form = ConferenceForm(request.POST or None, instance=Conference.objects.get(pk=conference.pk))
    if request.method == "POST" and form.is_valid():
        was_cancelled = conference.status == Conference.Status.CANCELLED
        with transaction.atomic():
            conference = form.save()
            if conference.status == Conference.Status.CANCELLED and not was_cancelled:
                told = services.notify_cancellation(conference)
                messages.info(
                    request, _("%(count)s personne(s) inscrite(s) prévenue(s) de l'annulation.") % {"count": told}
                )
        promoted = services.fill(conference)  # a larger capacity gives places to the waiting list
        if promoted:
            messages.info(
                request,
                _("%(count)s personne(s) de la liste d'attente ont reçu une place.") % {"count": len(promoted)},
            )
        messages.success(request, _("La conférence est enregistrée."))
        return redirect(conference)
    return render(
        request,
        "conferences/conference_edit.html",
        {"conference": conference, "form": form, "title": _("Modifier la conférence")},
    )


@require_http_methods(["GET", "POST"])
def conference_program(request, pk):
    """The agenda (time, title, objective, speakers) and the workshops (with their places), edited together."""
    conference = _conference(request, pk, can_edit_conference)
    data = request.POST if request.method == "POST" else None
    agenda = AgendaFormSet(data, instance=conference, prefix="programme")
    workshops = WorkshopFormSet(data, instance=conference, prefix="ateliers")
    if request.method == "POST" and agenda.is_valid() and workshops.is_valid():
        with transaction.atomic():
            items = agenda.save(commit=False)
            next_order = (conference.agenda_items.aggregate(top=Max("order"))["top"] or 0) + 1
            for item in agenda.deleted_objects:
                item.delete()
            for item in items:
                if item.order is None:
                    item.order, next_order = next_order, next_order + 1
                item.save()
            workshops.save()
            promoted = services.fill(conference)  # workshops that gained places give them to their waiting lists
        if promoted:
            messages.info(
                request,
                _("%(count)s personne(s) des listes d'attente ont reçu une place.") % {"count": len(promoted)},
            )
        messages.success(request, _("Le programme et les ateliers sont enregistrés."))
        return redirect(conference)
    return render(
        request,
        "conferences/conference_program.html",
        {
            "conference": conference,
            "agenda": agenda,
            "workshops": workshops,
            "title": _("Programme et ateliers"),
        },
        status=400 if request.method == "POST" else 200,
    )


def _steered_regions(user):
    ids = steered_region_ids(user)
    regions = Region.objects.order_by("name")
    return regions if ids is None else regions.filter(pk__in=ids)


@require_http_methods(["GET", "POST"])
def conference_create(request):
    if not can_create_conference(request.user):
        raise PermissionDenied
    form = ConferenceCreateForm(request.POST or None, regions=_steered_regions(request.user))
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            conference = form.save()
            # The objectives of the cycle open the agenda, as in the reference data.
            conference.agenda_items.bulk_create(
                [
                    conference.agenda_items.model(
                        conference=conference, order=objective.order, title=objective.title, objective=objective
                    )
                    for objective in conference.cycle.objectives.all()
                ]
            )
        messages.success(request, _("La conférence est créée. Complétez son programme et ses ateliers."))
        return redirect("conferences:conference_program", pk=conference.pk)
    return render(
        request,
        "conferences/conference_create.html",
        {"form": form, "title": _("Nouvelle conférence")},
        status=400 if request.method == "POST" else 200,
    )


@require_http_methods(["GET", "POST"])
def cycle_create(request):
    if not can_create_cycle(request.user):
        raise PermissionDenied
    form = CycleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            cycle = form.save()
            Objective.objects.bulk_create(
                Objective(cycle=cycle, order=order, title=title)
                for order, title in enumerate(form.cleaned_data["objectives"], start=1)
            )
        messages.success(request, _("Le cycle est créé. Ajoutez-lui ses conférences."))
        return redirect(f"{reverse('conferences:conference_list')}?cycle={cycle.pk}")
    return render(
        request,
        "conferences/cycle_create.html",
        {"form": form, "title": _("Nouveau cycle de conférences")},
        status=400 if request.method == "POST" else 200,
    )


@require_http_methods(["GET", "POST"])
def invitations_view(request, pk):
    """Invite the members of the region's groups (one action, sent by a task) or a pasted list of guests."""
    from . import invitations

    conference = _conference(request, pk, can_edit_conference)
    guest_errors, guest_text = [], ""
    if request.method == "POST":
        if request.POST.get("action") == "members":
            run, skipped = invitations.invite_members(conference, by=request.user)
            messages.success(
                request,
                _("%(count)s invitation(s) en cours d'envoi (%(skipped)s personne(s) déjà invitée(s)).")
                % {"count": run.total, "skipped": skipped},
            )
            return redirect("conferences:invitations", pk=conference.pk)
        guest_text = request.POST.get("guests", "")
        guests, guest_errors = invitations.parse_guest_list(guest_text)
        if not guest_errors:
            run, skipped = invitations.invite_guests(conference, guests, by=request.user)
            messages.success(
                request,
                _("%(count)s invitation(s) en cours d'envoi (%(skipped)s adresse(s) déjà invitée(s)).")
                % {"count": run.total, "skipped": skipped},
            )
            return redirect("conferences:invitations", pk=conference.pk)
    members = invitations.region_members(conference)
    return render(
        request,
        "conferences/invitations.html",
        {
            "conference": conference,
            "member_count": members.count(),
            "invited_count": conference.invitations.count(),
            "runs": conference.invitation_runs.all()[:10],
            "guest_errors": guest_errors,
            "guest_text": guest_text,
            "title": _("Invitations"),
        },
        status=400 if guest_errors else 200,
    )


def invitation_progress(request, pk, run_pk):
    """The progress of one invitation run (an htmx fragment, polled while the task runs)."""
    conference = _conference(request, pk, can_edit_conference)
    run = conference.invitation_runs.filter(pk=run_pk).first()
    if run is None:
        raise Http404
    return render(request, "conferences/includes/invitation_run.html", {"conference": conference, "run": run})


@require_http_methods(["GET", "POST"])
def after_view(request, pk):
    """After the conference: the satisfaction survey (to attendees only), minutes and materials."""
    conference = _conference(request, pk, can_edit_conference)
    action = request.POST.get("action") if request.method == "POST" else None
    survey_form = SurveyForm(request.POST if action == "survey" else None, instance=conference, prefix="survey")
    document_form = DocumentForm(
        request.POST if action == "document" else None,
        request.FILES if action == "document" else None,
        prefix="document",
    )
    if action == "survey" and survey_form.is_valid():
        with transaction.atomic():
            survey_form.save()
            try:
                sent = services.send_survey(conference)
            except services.RegistrationError as error:
                messages.error(request, error.message)
            else:
                messages.success(
                    request, _("Questionnaire envoyé à %(count)s personne(s) présente(s).") % {"count": sent}
                )
        return redirect("conferences:after", pk=conference.pk)
    if action == "document" and document_form.is_valid():
        document = document_form.save(commit=False)
        document.conference, document.uploaded_by, document.size = conference, request.user, document.file.size
        document.save()
        messages.success(request, _("Le document est ajouté."))
        return redirect("conferences:after", pk=conference.pk)
    if action == "delete":
        conference.documents.filter(pk=request.POST.get("document")).delete()
        messages.success(request, _("Le document est supprimé."))
        return redirect("conferences:after", pk=conference.pk)
    counts = conference.registrations.counts()
    return render(
        request,
        "conferences/after.html",
        {
            "conference": conference,
            "survey_form": survey_form,
            "document_form": document_form,
            "documents": conference.documents.all(),
            "counts": counts,
            "survey_sent": conference.registrations.filter(survey_sent_at__isnull=False).count(),
            "title": _("Après la conférence"),
        },
        status=400 if action else 200,
    )


@public_page
def document_download(request, pk, document_pk):
    conference = _conference(request, pk)
    document = conference.documents.filter(pk=document_pk).first()
    if document is None:
        raise Http404
    content_type = mimetypes.guess_type(document.file.name)[0] or "application/octet-stream"
    return file_download(document.file, document.file.name.rsplit("/", 1)[-1], content_type)


def _registration_form(request, conference, registration=None):
    workshops = _workshops(conference)
    initial, holding = {}, None
    if registration is not None:
        if (
            registration.status == Registration.Status.CONFIRMED
            and registration.workshop_status == Registration.WorkshopStatus.CONFIRMED
        ):
            holding = registration.workshop_id
        initial = {
            "workshop": registration.workshop_id if registration.workshop_status else None,
            "accessibility_needs": registration.accessibility_needs,
            "dietary_needs": registration.dietary_needs,
            "answer": registration.answer,
            "consent": True,
        }
    data = request.POST if request.method == "POST" else None
    return RegistrationForm(data, initial=initial, conference=conference, workshops=workshops, holding=holding)


@require_http_methods(["GET", "POST"])
def register_view(request, pk):
    conference = _conference(request, pk)
    person, suffix = _person(request)
    form = _registration_form(request, conference)
    if request.method == "POST" and form.is_valid():
        registered_by = request.user if person != request.user else None
        try:
            registration = services.register(conference, person, form.answers(), registered_by=registered_by)
        except services.RegistrationError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            if suffix:
                messages.success(
                    request,
                    _("L'inscription de %(name)s est enregistrée : %(status)s. Les e-mails vous sont envoyés.")
                    % {"name": person, "status": registration.get_status_display().lower()},
                )
            elif registration.status == Registration.Status.CONFIRMED:
                messages.success(
                    request, _("Votre inscription est confirmée. Un e-mail de confirmation vous est envoyé.")
                )
            else:
                messages.info(
                    request,
                    _("La conférence est complète : vous êtes sur la liste d'attente, au rang %(position)s.")
                    % {"position": registration.position},
                )
            return _mine(conference, suffix)
    # Read only to show the page: register() itself checks for a registration under the conference lock.
    existing = _own_registration(request, conference, person)
    return render(
        request,
        "conferences/register.html",
        {
            "conference": conference,
            "form": form,
            "person": person,
            "suffix": suffix,
            "already_registered": existing is not None and existing.is_active,
            "registration_open": conference.registration_is_open(),
            "title": _("S'inscrire à la conférence"),
        },
        status=400 if request.method == "POST" else 200,
    )


@require_http_methods(["GET", "POST"])
def my_registration(request, pk):
    conference = _conference(request, pk)
    person, suffix = _person(request)
    registration = _own_registration(request, conference, person)
    if registration is None or not registration.is_active:
        return redirect(reverse("conferences:register", args=[conference.pk]) + suffix)
    is_open = conference.registration_is_open()
    form = _registration_form(request, conference, registration) if is_open else None
    if request.method == "POST":
        if form is None:
            messages.error(request, _("Les inscriptions à cette conférence sont closes."))
            return _mine(conference, suffix)
        if form.is_valid():
            try:
                services.change(registration, form.answers())
            except services.RegistrationError as error:
                form.add_error(error.field if error.field in form.fields else None, error.message)
            else:
                messages.success(request, _("Votre inscription est modifiée."))
                return _mine(conference, suffix)
    return render(
        request,
        "conferences/my_registration.html",
        {
            "conference": conference,
            "registration": registration,
            "form": form,
            "registration_open": is_open,
            "qr_code": qr_svg(registration) if registration.status == Registration.Status.CONFIRMED else "",
            "person": person,
            "suffix": suffix,
            "title": _("Mon inscription") if not suffix else _("Inscription de %(name)s") % {"name": person},
        },
        status=400 if request.method == "POST" else 200,
    )


@require_http_methods(["GET", "POST"])
def cancel_view(request, pk):
    conference = _conference(request, pk)
    person, suffix = _person(request)
    registration = _own_registration(request, conference, person)
    if registration is None or not registration.is_active:
        return redirect(reverse("conferences:register", args=[conference.pk]) + suffix)
    if request.method == "POST":
        try:
            services.cancel(registration)
        except services.RegistrationError as error:
            messages.error(request, error.message)
            return _mine(conference, suffix)
        if suffix:
            messages.success(request, _("L'inscription de %(name)s est annulée.") % {"name": person})
        else:
            messages.success(request, _("Votre inscription est annulée. Un e-mail vous le confirme."))
        return redirect(conference)
    return render(
        request,
        "conferences/cancel.html",
        {
            "conference": conference,
            "registration": registration,
            "registration_open": conference.registration_is_open(),
            "suffix": suffix,
            "title": _("Annuler mon inscription")
            if not suffix
            else _("Annuler l'inscription de %(name)s") % {"name": person},
        },
    )


def certificate(request, pk):
    """The attendance certificate (PDF) of the signed-in person, once their presence is recorded."""
    conference = _conference(request, pk)
    registration = _own_registration(request, conference)
    if registration is None or registration.checked_in_at is None:
        raise Http404
    return pdf_response(
        "conferences/certificate.html",
        {"conference": conference, "registration": registration, "person": registration.user},
        f"attestation-conference-{conference.pk}",
    )


@require_http_methods(["GET", "POST"])
def check_in(request, pk):
    conference = _conference(request, pk, can_edit_conference)
    registrations = (
        Registration.objects.filter(conference=conference).active().select_related("user__organisation", "workshop")
    )
    if request.method == "POST":
        registration = None
        if request.POST.get("registration"):
            registration = registrations.filter(pk=request.POST["registration"]).first()
        else:
            scan = CheckInForm(request.POST)
            if scan.is_valid():
                registration = registrations.filter(token=scan.cleaned_data["code"]).first()
        if registration is None:
            messages.error(request, _("Code inconnu : aucune inscription active ne correspond à ce code."))
        else:
            registration, new = services.check_in(registration, by=request.user)
            name = registration.user.get_full_name()
            if new:
                messages.success(request, _("Présence enregistrée : %(name)s.") % {"name": name})
            else:
                messages.info(
                    request,
                    _("%(name)s était déjà enregistré·e à %(time)s.")
                    % {"name": name, "time": timezone.localtime(registration.checked_in_at).strftime("%H:%M")},
                )
            if registration.status == Registration.Status.WAITING:
                messages.warning(request, _("Attention : cette personne est sur la liste d'attente."))
        query = request.POST.get("q", "")
        return redirect(f"{request.path}?q={query}" if query else request.path)
    query = request.GET.get("q", "").strip()
    scanned = None
    if request.GET.get("code"):
        scanned = registrations.filter(token=request.GET["code"].strip()).first()
    listed = registrations.order_by("user__last_name", "user__first_name")
    if query:
        for word in query.split():
            listed = listed.filter(
                Q(user__last_name__icontains=word)
                | Q(user__first_name__icontains=word)
                | Q(user__email__icontains=word)
            )
    page = Paginator(listed, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "conferences/check_in.html",
        {
            "conference": conference,
            "form": CheckInForm(),
            "query": query,
            "scanned": scanned,
            "code_unknown": bool(request.GET.get("code")) and scanned is None,
            "page_obj": page,
            "counts": conference.registrations.counts(),
            "title": _("Émargement"),
        },
    )


def _export_rows(request, pk):
    conference = _conference(request, pk, can_edit_conference)
    personal = request.GET.get("personnel") == "1"
    return conference, attendance_rows(conference, personal=personal)


def all_registrations_csv(request):
    """The national team's export of every registration (no personal data), streamed in constant memory."""
    if not is_national(request.user):
        raise Http404
    rows = all_registrations_rows()
    return tabular.csv_response("inscriptions-conferences", next(rows), rows)


def attendance_csv(request, pk):
    conference, rows = _export_rows(request, pk)
    return tabular.csv_response(ATTENDANCE_FILENAME % conference.pk, next(rows), rows)


def attendance_pdf(request, pk):
    conference, rows = _export_rows(request, pk)
    header, *body = list(rows)
    return pdf_response(
        "conferences/attendance_pdf.html",
        {"conference": conference, "header": header, "rows": body, "generated_at": timezone.localtime()},
        ATTENDANCE_FILENAME % conference.pk,
    )


def attendance_xlsx(request, pk):
    conference, rows = _export_rows(request, pk)
    return tabular.xlsx_response(ATTENDANCE_FILENAME % conference.pk, next(rows), rows, _("Participants"))
