from django import forms
from django.utils.translation import gettext_lazy as _

from jalons.core.forms import JalonsForm, JalonsModelForm

from .models import (
    ActionMilestone,
    Checkpoint,
    CheckpointCampaign,
    Constraint,
    ConstraintTopic,
    Indicator,
    IndicatorValue,
    Maille,
    Roadmap,
    RoadmapAction,
)

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class RoadmapCreateForm(JalonsModelForm):
    class Meta:
        model = Roadmap
        fields = ["period"]

    def __init__(self, *args, region, strategy, **kwargs):
        self.region, self.strategy = region, strategy
        super().__init__(*args, **kwargs)

    def clean_period(self):
        period = self.cleaned_data["period"].strip()
        if Roadmap.objects.filter(region=self.region, period=period).exists():
            raise forms.ValidationError(_("La région a déjà une feuille de route pour cette période."))
        return period

    def save(self, commit=True):
        self.instance.region, self.instance.strategy = self.region, self.strategy
        return super().save(commit)


class TransitionForm(JalonsForm):
    transition = forms.ChoiceField(choices=Roadmap.Transition.choices, widget=forms.HiddenInput)
    comment = forms.CharField(label=_("Commentaire"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class ActionForm(JalonsModelForm):
    class Meta:
        model = RoadmapAction
        fields = [
            "workstream",
            "title",
            "description",
            "lead_organisation",
            "partners",
            "owner",
            "start_on",
            "due_on",
            "status",
            "progress",
        ]
        widgets = {
            "start_on": DATE_WIDGET,
            "due_on": DATE_WIDGET,
            "description": forms.Textarea(attrs={"rows": 4}),
            "partners": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, workstreams, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["workstream"].queryset = workstreams
        self.fields["workstream"].empty_label = None
        if len(workstreams) == 1:
            # One chantier only: shown, not chosen.
            self.fields["workstream"].disabled = True
            if not self.instance.workstream_id:
                self.initial["workstream"] = workstreams[0].pk
        self.fields["progress"].widget.attrs.update({"min": 0, "max": 100})


class MilestoneForm(JalonsModelForm):
    class Meta:
        model = ActionMilestone
        fields = ["title", "due_on", "done_on"]
        widgets = {"due_on": DATE_WIDGET, "done_on": DATE_WIDGET}


MilestoneFormSet = forms.inlineformset_factory(
    RoadmapAction, ActionMilestone, form=MilestoneForm, extra=1, can_delete=True, max_num=20
)


class CheckpointForm(JalonsModelForm):
    new_strength = forms.CharField(
        label=_("Une force à signaler"),
        max_length=300,
        required=False,
        help_text=_("Ce qui marche : elle s'ajoute aux forces du chantier."),
    )
    new_constraint = forms.CharField(
        label=_("Une contrainte à lever"),
        max_length=300,
        required=False,
        help_text=_("Ce qui bloque : elle s'ajoute aux contraintes du chantier."),
    )
    new_constraint_level = forms.ChoiceField(
        label=_("Qui peut lever cette contrainte ?"),
        choices=[(Constraint.Level.LOCAL, _("Locale")), (Constraint.Level.REGIONAL, _("Régionale"))],
        required=False,
    )

    class Meta:
        model = Checkpoint
        fields = ["workstream", "date", "conference", "status", "narrative", "achievements", "key_figures"]
        widgets = {
            "date": DATE_WIDGET,
            "status": forms.RadioSelect,
            "narrative": forms.Textarea(attrs={"rows": 5}),
            "achievements": forms.Textarea(attrs={"rows": 4}),
            "key_figures": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, region, workstreams, conferences, **kwargs):
        self.region = region
        super().__init__(*args, **kwargs)
        self.fields["workstream"].queryset = workstreams
        self.fields["workstream"].empty_label = None
        self.fields["conference"].queryset = conferences
        self.fields["conference"].label_from_instance = lambda conference: (
            f"{conference.cycle.name} — {conference.date:%d/%m/%Y}"
        )
        self.fields["conference"].empty_label = _("Aucune")
        if self.instance.pk:
            self.fields["workstream"].disabled = True
            self.fields["date"].disabled = True
        elif len(workstreams) == 1:
            self.fields["workstream"].disabled = True
            self.initial["workstream"] = workstreams[0].pk

    def clean(self):
        data = super().clean()
        workstream, date = data.get("workstream"), data.get("date")
        duplicate = Checkpoint.objects.filter(region=self.region, workstream=workstream, date=date)
        if workstream and date and not self.instance.pk and duplicate.exists():
            self.add_error("date", _("Ce chantier a déjà un point d'étape à cette date : modifiez-le."))
        if data.get("new_constraint") and not data.get("new_constraint_level"):
            data["new_constraint_level"] = Constraint.Level.LOCAL
        return data


class StrengthForm(JalonsForm):
    workstream = forms.ModelChoiceField(queryset=None, label=_("Chantier"), empty_label=None)
    title = forms.CharField(label=_("Force"), max_length=300)
    description = forms.CharField(label=_("Précisions"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, workstreams, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["workstream"].queryset = workstreams


class ConstraintForm(StrengthForm):
    title = forms.CharField(label=_("Contrainte"), max_length=300)
    level = forms.ChoiceField(
        label=_("Qui peut la lever ?"),
        choices=[(Constraint.Level.LOCAL, _("Locale")), (Constraint.Level.REGIONAL, _("Régionale"))],
        help_text=_("Une contrainte nationale se remonte ensuite à la délégation nationale."),
    )


class AnswerForm(JalonsForm):
    answer = forms.CharField(label=_("Réponse"), widget=forms.Textarea(attrs={"rows": 4}))
    status = forms.ChoiceField(
        label=_("Statut"),
        choices=[(Constraint.Status.IN_PROGRESS, _("En traitement")), (Constraint.Status.LIFTED, _("Levée"))],
        widget=forms.RadioSelect,
    )


class GroupConstraintsForm(JalonsForm):
    constraints = forms.ModelMultipleChoiceField(
        queryset=None, label=_("Contraintes à regrouper"), widget=forms.CheckboxSelectMultiple
    )
    topic = forms.ModelChoiceField(
        queryset=ConstraintTopic.objects.all(),
        label=_("Regroupement existant"),
        required=False,
        empty_label=_("Nouveau regroupement"),
    )
    new_topic = forms.CharField(label=_("Intitulé du nouveau regroupement"), max_length=300, required=False)

    def __init__(self, *args, constraints, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["constraints"].queryset = constraints

    def clean(self):
        data = super().clean()
        if not data.get("topic") and not (data.get("new_topic") or "").strip():
            self.add_error("new_topic", _("Choisissez un regroupement existant ou donnez l'intitulé d'un nouveau."))
        return data


class AssignForm(JalonsForm):
    assignee = forms.ModelChoiceField(queryset=None, label=_("Suivi par"), required=False, empty_label=_("Personne"))

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = people


class ImportForm(JalonsForm):
    file = forms.FileField(
        label=_("Fichier CSV ou XLSX"),
        help_text=_("Format CSV (UTF-8, séparateur virgule ou point-virgule) ou XLSX, 5 Mo au plus."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )


class IndicatorValueForm(JalonsModelForm):
    class Meta:
        model = IndicatorValue
        fields = ["maille", "zone_code", "date", "value", "initial_value", "target_value", "target_date"]
        localized_fields = ["value", "initial_value", "target_value"]
        widgets = {"date": DATE_WIDGET, "target_date": DATE_WIDGET}

    def __init__(self, *args, indicator, known_zones, **kwargs):
        self.indicator, self.known_zones = indicator, known_zones
        super().__init__(*args, **kwargs)

    def clean(self):
        data = super().clean()
        maille, zone = data.get("maille"), (data.get("zone_code") or "").strip().upper()
        if maille and zone:
            if (maille, zone) not in self.known_zones:
                self.add_error("zone_code", _("Code « %(code)s » inconnu pour cette maille.") % {"code": zone})
            data["zone_code"] = zone
            if (
                data.get("date")
                and IndicatorValue.objects.filter(
                    indicator=self.indicator, maille=maille, zone_code=zone, date=data["date"]
                ).exists()
            ):
                self.add_error("date", _("Une valeur existe déjà pour ce territoire à cette date."))
        if maille == Maille.NATIONAL and not zone:
            data["zone_code"] = "FR"
        return data

    def save(self, commit=True):
        self.instance.indicator = self.indicator
        self.instance.zone_code = self.cleaned_data["zone_code"]
        return super().save(commit)


class IndicatorForm(JalonsModelForm):
    class Meta:
        model = Indicator
        fields = ["code", "name", "unit", "workstream", "direction", "level", "source", "description"]


class CampaignForm(JalonsModelForm):
    class Meta:
        model = CheckpointCampaign
        fields = ["title", "cycle", "due_on"]
        widgets = {"due_on": DATE_WIDGET}
