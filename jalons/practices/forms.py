from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from jalons.core.forms import JalonsForm, JalonsModelForm
from jalons.core.uploads import check_upload
from jalons.strategy.models import Workstream
from jalons.territories.models import Department, Region

from .models import Adoption, GoodPractice, PracticeAttachment, TargetPublic


class DsfrCheckboxSelectMultiple(forms.CheckboxSelectMultiple):
    """Each option as a DSFR checkbox group (input, then its label)."""

    option_template_name = "practices/widgets/checkbox_option.html"


class DsfrRadioSelect(forms.RadioSelect):
    """Each option as a DSFR radio group (input, then its label)."""

    option_template_name = "practices/widgets/radio_option.html"


class PracticeForm(JalonsModelForm):
    """Proposal and edit of a practice. The author is set by the view (the user, or the managed member)."""

    workstreams = forms.ModelMultipleChoiceField(
        label=_("Chantiers"),
        queryset=Workstream.objects.order_by("strategy", "number"),
        widget=DsfrCheckboxSelectMultiple,
        error_messages={"required": _("Choisissez au moins un chantier.")},
    )

    class Meta:
        model = GoodPractice
        fields = [
            "title",
            "summary",
            "description",
            "workstreams",
            "region",
            "department",
            "commune",
            "lead_organisation_name",
            "actor_category",
            "partners",
            "target_public",
            "start_date",
            "results",
            "cost_and_funding",
            "tags",
            "contact_name",
            "contact_email",
            "contact_phone",
            "contact_consent",
        ]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "description": forms.Textarea(attrs={"rows": 10}),
            "partners": forms.Textarea(attrs={"rows": 3}),
            "results": forms.Textarea(attrs={"rows": 5}),
            "cost_and_funding": forms.Textarea(attrs={"rows": 3}),
            "start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    # The form page shows the fields in these sections, in this order (fields added later go last).
    SECTIONS = [
        (_("La pratique"), ["title", "summary", "description", "workstreams", "target_public", "tags"]),
        (
            _("Le territoire et les porteurs"),
            ["region", "department", "commune", "lead_organisation_name", "actor_category", "partners", "start_date"],
        ),
        (_("Résultats et moyens"), ["results", "cost_and_funding"]),
        (_("Contact"), ["contact_name", "contact_email", "contact_phone", "contact_consent"]),
    ]

    def sections(self):
        placed = {name for _title, names in self.SECTIONS for name in names}
        sections = [(title, [self[name] for name in names if name in self.fields]) for title, names in self.SECTIONS]
        others = [self[name] for name in self.fields if name not in placed]
        if others:
            sections.insert(0, (_("Auteur·rice"), others))
        return sections

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = Region.objects.order_by("name")
        self.fields["department"].queryset = Department.objects.order_by("code")
        self.fields["target_public"].choices = [("", "---------"), *TargetPublic.choices]

    def clean_tags(self):
        tags = []
        for tag in self.cleaned_data["tags"].split(","):
            tag = " ".join(tag.split()).lower()
            if tag and tag not in tags:
                tags.append(tag)
        return ", ".join(tags)

    def clean(self):
        cleaned = super().clean()
        region, department = cleaned.get("region"), cleaned.get("department")
        if region and department and department.region_id != region.pk:
            self.add_error("department", _("Ce département n'est pas dans la région choisie."))
        contact_given = cleaned.get("contact_email") or cleaned.get("contact_phone")
        if contact_given and not cleaned.get("contact_name"):
            self.add_error("contact_name", _("Indiquez le nom de la personne à contacter."))
        if cleaned.get("contact_consent") and not contact_given:
            self.add_error("contact_email", _("Indiquez une adresse e-mail ou un téléphone à publier."))
        return cleaned


class ModerationForm(JalonsForm):
    class Decision(models.TextChoices):
        PUBLISH = "publish", _("Publier")
        REQUEST_CHANGES = "request_changes", _("Demander des modifications")
        REJECT = "reject", _("Refuser")

    decision = forms.ChoiceField(label=_("Décision"), choices=Decision.choices, widget=DsfrRadioSelect)
    comment = forms.CharField(
        label=_("Commentaire pour l'auteur·rice"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Obligatoire pour demander des modifications ou refuser : il est montré à l'auteur·rice."),
    )

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("decision") in {self.Decision.REQUEST_CHANGES, self.Decision.REJECT}
            and not cleaned.get("comment", "").strip()
        ):
            self.add_error("comment", _("Expliquez à l'auteur·rice ce qui doit changer ou la raison du refus."))
        return cleaned


class AdoptionForm(JalonsModelForm):
    class Meta:
        model = Adoption
        fields = ["status", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3}), "status": DsfrRadioSelect}
        labels = {
            "status": _("Où en est votre organisation ?"),
            "notes": _("Notes (adaptations, contacts, résultats)"),
        }


SORT_CHOICES = [
    ("relevance", _("Pertinence")),
    ("date", _("Date de publication")),
    ("spread", _("Essaimage")),
]


class AttachmentForm(JalonsModelForm):
    upload = forms.FileField(
        label=_("Fichier"),
        help_text=_("PDF, Word, Excel, PowerPoint, OpenDocument, image (PNG, JPEG, GIF, WebP) ou CSV."),
    )

    class Meta:
        model = PracticeAttachment
        fields = ["description"]

    def clean_upload(self):
        upload = self.cleaned_data.get("upload")
        self.filename, self.file_type = check_upload(upload)
        return upload

    def save_for(self, practice, user):
        attachment = super().save(commit=False)
        upload = self.cleaned_data["upload"]
        attachment.practice, attachment.uploaded_by = practice, user
        attachment.filename, attachment.content_type = self.filename, self.file_type.content_type
        attachment.size = upload.size
        attachment.file.save(self.filename, upload, save=False)
        attachment.save()
        return attachment
