import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jalons.core.forms import JalonsForm, JalonsModelForm
from jalons.core.uploads import check_upload

from .models import AgendaItem, Conference, ConferenceCycle, ConferenceDocument, Registration, Workshop
from .services import Answers


class WorkshopChoiceField(forms.ModelChoiceField):
    holding = None  # the workshop where the registration being changed already holds a place

    def label_from_instance(self, workshop):
        left = max(workshop.capacity - workshop.taken + (workshop.pk == self.holding), 0)
        times = ""
        if workshop.start_time:
            times = f" ({workshop.start_time:%H:%M}–{workshop.end_time:%H:%M})" if workshop.end_time else ""
        if left:
            return _("%(title)s%(times)s — %(left)s place(s) restante(s)") % {
                "title": workshop.title,
                "times": times,
                "left": left,
            }
        return _("%(title)s%(times)s — complet, liste d'attente") % {"title": workshop.title, "times": times}


class RegistrationForm(JalonsForm):
    """The questions of one conference: workshop, accessibility and dietary needs, its free question, consent."""

    workshop = WorkshopChoiceField(
        label=_("Atelier de l'après-midi"),
        queryset=None,
        required=False,
        widget=forms.RadioSelect,
    )
    accept_workshop_waitlist = forms.BooleanField(
        label=_("Si l'atelier choisi est complet, m'inscrire sur sa liste d'attente"), required=False
    )
    accessibility_needs = forms.CharField(
        label=_("Besoins d'accessibilité"),
        help_text=_("Par exemple : accès en fauteuil roulant, boucle magnétique, interprète en langue des signes."),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    dietary_needs = forms.CharField(
        label=_("Régime alimentaire pour le déjeuner"),
        help_text=_("Par exemple : végétarien, sans porc, allergie."),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    answer = forms.CharField(required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
    consent = forms.BooleanField(
        label=_(
            "J'accepte que ces informations soient utilisées par les organisateurs de la conférence pour préparer "
            "l'accueil, puis supprimées six mois après la conférence."
        ),
        error_messages={"required": _("Cochez cette case pour vous inscrire.")},
    )

    def __init__(self, *args, conference, workshops, holding=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.conference = conference
        self.fields["workshop"].holding = holding
        if workshops:
            self.fields["workshop"].queryset = conference.workshops.all()
            self.fields["workshop"].choices = self._choices(workshops)
            if conference.workshop_required:
                self.fields["workshop"].required = True
                self.fields["workshop"].error_messages["required"] = _("Choisissez un atelier.")
        else:
            del self.fields["workshop"], self.fields["accept_workshop_waitlist"]
        if not conference.asks_accessibility:
            del self.fields["accessibility_needs"]
        if not conference.asks_dietary:
            del self.fields["dietary_needs"]
        if conference.question:
            self.fields["answer"].label = conference.question
            self.fields["answer"].required = conference.question_required
            self.fields["answer"].error_messages["required"] = _("Répondez à cette question.")
        else:
            del self.fields["answer"]
        # DsfrBaseForm built the bound fields before the labels and requirements above were set.
        self._bound_fields_cache.clear()

    def _choices(self, workshops):
        field = self.fields["workshop"]
        choices = [] if self.conference.workshop_required else [("", _("Je ne participe à aucun atelier"))]
        return choices + [(workshop.pk, field.label_from_instance(workshop)) for workshop in workshops]

    def answers(self):
        data = self.cleaned_data
        return Answers(
            workshop=data.get("workshop"),
            accept_workshop_waitlist=data.get("accept_workshop_waitlist", False),
            accessibility_needs=data.get("accessibility_needs", ""),
            dietary_needs=data.get("dietary_needs", ""),
            answer=data.get("answer", ""),
            consent=data.get("consent", False),
        )


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs):
        super().__init__(format="%H:%M", **kwargs)


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class ConferenceForm(JalonsModelForm):
    class Meta:
        model = Conference
        fields = [
            "status",
            "date",
            "start_time",
            "end_time",
            "city",
            "venue",
            "address",
            "access_information",
            "capacity",
            "registration_opens_at",
            "registration_closes_at",
            "asks_accessibility",
            "asks_dietary",
            "question",
            "question_required",
            "workshop_required",
        ]
        widgets = {
            "date": DateInput(),
            "start_time": TimeInput(),
            "end_time": TimeInput(),
            "registration_opens_at": DateTimeInput(),
            "registration_closes_at": DateTimeInput(),
            "access_information": forms.Textarea(attrs={"rows": 3}),
        }

    def clean_capacity(self):
        capacity = self.cleaned_data["capacity"]
        if self.instance.pk:
            confirmed = self.instance.registrations.confirmed().count()
            if capacity < confirmed:
                raise forms.ValidationError(
                    _("%(count)s personnes ont déjà une place confirmée : pas moins de %(count)s places.")
                    % {"count": confirmed}
                )
        return capacity

    def clean(self):
        data = super().clean()
        start, end = data.get("start_time"), data.get("end_time")
        if start and end and end <= start:
            self.add_error("end_time", _("L'heure de fin doit suivre l'heure de début."))
        opens, closes = data.get("registration_opens_at"), data.get("registration_closes_at")
        if opens and closes and closes <= opens:
            self.add_error("registration_closes_at", _("La clôture des inscriptions doit suivre leur ouverture."))
        day, start = data.get("date"), data.get("start_time")
        if closes and day and start:
            starts_at = timezone.make_aware(datetime.datetime.combine(day, start))
            if closes > starts_at:
                self.add_error(
                    "registration_closes_at", _("La clôture des inscriptions doit précéder le début de la conférence.")
                )
        if data.get("question_required") and not data.get("question"):
            self.add_error("question", _("Écrivez la question, ou décochez « réponse obligatoire »."))
        return data


class ConferenceCreateForm(ConferenceForm):
    class Meta(ConferenceForm.Meta):
        fields = ["cycle", "region", *ConferenceForm.Meta.fields]

    def __init__(self, *args, regions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cycle"].queryset = ConferenceCycle.objects.order_by("-starts_on")
        self.fields["region"].queryset = regions
        self._bound_fields_cache.clear()

    def clean(self):
        data = super().clean()
        cycle, date = data.get("cycle"), data.get("date")
        if cycle and date and not cycle.starts_on <= date <= cycle.ends_on:
            self.add_error("date", _("La date doit être comprise dans les dates du cycle."))
        return data


class CycleForm(JalonsModelForm):
    objectives = forms.CharField(
        label=_("Objectifs de chaque conférence"),
        help_text=_("Un objectif par ligne, dans l'ordre."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    class Meta:
        model = ConferenceCycle
        fields = ["strategy", "number", "name", "starts_on", "ends_on"]
        widgets = {"starts_on": DateInput(), "ends_on": DateInput()}

    def clean_objectives(self):
        lines = [line.strip() for line in self.cleaned_data["objectives"].splitlines() if line.strip()]
        for number, line in enumerate(lines, start=1):
            if len(line) > 300:
                raise forms.ValidationError(
                    _("Objectif %(number)s : 300 caractères au plus (%(length)s).")
                    % {"number": number, "length": len(line)}
                )
        return lines

    def clean(self):
        data = super().clean()
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", _("La fin du cycle précède son début."))
        return data


class AgendaItemForm(JalonsModelForm):
    class Meta:
        model = AgendaItem
        fields = ["start_time", "title", "objective", "speakers"]
        widgets = {"start_time": TimeInput()}


class WorkshopForm(JalonsModelForm):
    class Meta:
        model = Workshop
        fields = ["title", "workstream", "start_time", "end_time", "room", "capacity"]
        widgets = {"start_time": TimeInput(), "end_time": TimeInput()}

    def clean(self):
        data = super().clean()
        start, end = data.get("start_time"), data.get("end_time")
        if start and end and end <= start:
            self.add_error("end_time", _("L'heure de fin doit suivre l'heure de début."))
        if self.instance.pk and data.get("capacity") is not None:
            taken = self.instance.registrations.filter(
                status=Registration.Status.CONFIRMED, workshop_status=Registration.WorkshopStatus.CONFIRMED
            ).count()
            if data["capacity"] < taken:
                self.add_error(
                    "capacity",
                    _("%(taken)s personnes ont déjà une place dans cet atelier : pas moins de %(taken)s places.")
                    % {"taken": taken},
                )
        return data


class BaseWorkshopFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        # The forms marked for deletion are not validated one by one: refuse here to delete a workshop in use.
        for form in self.deleted_forms:
            if form.instance.pk and form.instance.registrations.active().exists():
                raise forms.ValidationError(
                    _("L'atelier « %(title)s » a des inscrits : il ne peut pas être supprimé.")
                    % {"title": form.instance.title}
                )


class BaseAgendaFormSet(forms.BaseInlineFormSet):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        objectives = self.instance.cycle.objectives.all()
        for form in self.forms + [self.empty_form]:
            form.fields["objective"].queryset = objectives
            form._bound_fields_cache.clear()


AgendaFormSet = forms.inlineformset_factory(
    Conference, AgendaItem, form=AgendaItemForm, formset=BaseAgendaFormSet, extra=2, can_delete=True
)
WorkshopFormSet = forms.inlineformset_factory(
    Conference, Workshop, form=WorkshopForm, formset=BaseWorkshopFormSet, extra=2, can_delete=True
)


class CheckInForm(JalonsForm):
    code = forms.CharField(
        label=_("Code personnel (QR code)"),
        help_text=_("Scannez le QR code du participant, ou collez le lien ou le code qu'il contient."),
        max_length=500,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autofocus": True}),
    )

    def clean_code(self):
        value = self.cleaned_data["code"].strip()
        if "code=" in value:  # a scanned check-in link
            value = value.split("code=", 1)[1].split("&", 1)[0]
        return value


class SurveyForm(JalonsModelForm):
    survey_url = forms.URLField(
        label=_("Lien du questionnaire de satisfaction"),
        help_text=_("Envoyé aux seules personnes dont la présence a été enregistrée."),
        assume_scheme="https",
        max_length=200,
    )

    class Meta:
        model = Conference
        fields = ["survey_url"]


class DocumentForm(JalonsModelForm):
    class Meta:
        model = ConferenceDocument
        fields = ["kind", "title", "file"]
        help_texts = {"file": _("PDF, Word, Excel, PowerPoint, OpenDocument, image (PNG, JPEG, GIF, WebP) ou CSV.")}

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        upload.name, _file_type = check_upload(upload)
        return upload
