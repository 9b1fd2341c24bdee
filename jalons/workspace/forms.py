import re

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.functional import lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jalons.accounts.models import ActorCategory, User
from jalons.core.forms import JalonsForm, JalonsModelForm
from jalons.core.permissions import is_group_animator
from jalons.core.uploads import check_upload, too_large_error
from jalons.strategy.models import WorkingGroup

from .models import MeetingNote

MAX_MESSAGE_LENGTH = 20_000
MARKDOWN_HELP = gettext_lazy(
    "Mise en forme simple : **gras**, *italique*, listes avec « - », liens [texte](https://…). Le HTML n'est pas "
    "interprété."
)


def managed_members_for(user, group):
    """The managed members of the group for whom user may post (see permissions.can_act_for)."""
    people = User.objects.filter(email__isnull=True, memberships__group=group, memberships__status="active").order_by(
        "last_name", "first_name"
    )
    if not is_group_animator(user, group):
        people = people.filter(managed_by=user)
    return people


class OnBehalfMixin:
    """Adds « Publier au nom de » when the person may act for managed members of the group."""

    def add_on_behalf_field(self, user, group):
        self.acting_user = user
        managed = list(managed_members_for(user, group))
        self.managed_people = {str(person.pk): person for person in managed}
        if managed:
            self.fields["on_behalf_of"] = forms.ChoiceField(
                label=_("Publier au nom de"),
                choices=[("", _("Moi-même"))] + [(str(person.pk), person.get_full_name()) for person in managed],
                required=False,
                help_text=_("Pour un membre sans adresse e-mail que vous accompagnez."),
            )

    def author(self):
        chosen = self.cleaned_data.get("on_behalf_of") or ""
        return self.managed_people.get(chosen, self.acting_user)


class ThreadForm(OnBehalfMixin, JalonsForm):
    title = forms.CharField(label=gettext_lazy("Sujet"), max_length=200)
    body = forms.CharField(
        label=gettext_lazy("Premier message"),
        max_length=MAX_MESSAGE_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=MARKDOWN_HELP,
    )

    def __init__(self, *args, user, group, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_on_behalf_field(user, group)


class ReplyForm(OnBehalfMixin, JalonsForm):
    body = forms.CharField(
        label=gettext_lazy("Votre réponse"),
        max_length=MAX_MESSAGE_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=MARKDOWN_HELP,
    )

    def __init__(self, *args, user, group, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_on_behalf_field(user, group)


class EditMessageForm(JalonsForm):
    body = forms.CharField(
        label=gettext_lazy("Message"),
        max_length=MAX_MESSAGE_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=MARKDOWN_HELP,
    )


class HideForm(JalonsForm):
    reason = forms.CharField(label=gettext_lazy("Motif du masquage (visible par le groupe)"), max_length=300)


class ReportForm(JalonsForm):
    reason = forms.CharField(label=gettext_lazy("Pourquoi signalez-vous ce message ?"), max_length=300)


def split_addresses(text):
    return [item for item in re.split(r"[\s,;]+", text or "") if item]


class InviteForm(JalonsForm):
    addresses = forms.CharField(
        label=gettext_lazy("Adresses e-mail"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=gettext_lazy("Une adresse, ou une liste collée : une par ligne, ou séparées par des virgules."),
    )

    def clean_addresses(self):
        valid, invalid = [], []
        for address in split_addresses(self.cleaned_data["addresses"]):
            try:
                validate_email(address)
            except ValidationError:
                invalid.append(address)
            else:
                if address.lower() not in valid:
                    valid.append(address.lower())
        if not valid and not invalid:
            raise ValidationError(_("Saisissez au moins une adresse e-mail."))
        if len(valid) > 500:
            raise ValidationError(_("Au plus 500 adresses à la fois."))
        self.invalid_addresses = invalid
        return valid


class ManagedMemberForm(JalonsModelForm):
    class Meta:
        model = User
        fields = ["first_name", "last_name", "category", "phone"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = ActorCategory.objects.order_by("order")
        self.fields["first_name"].required = True
        self.fields["last_name"].required = True


def file_help_text():
    from django.template.defaultfilters import filesizeformat

    from jalons.core.uploads import ALLOWED_LABEL, max_upload_size

    return _("Formats acceptés : %(allowed)s. Taille maximale : %(size)s.") % {
        "allowed": ALLOWED_LABEL,
        "size": filesizeformat(max_upload_size()),
    }


# Read when the form is shown, so that the size limit follows the settings.
FILE_HELP_TEXT = lazy(file_help_text, str)()


class DsfrFileInput(forms.FileInput):
    """The DSFR upload field (fr-upload in an fr-upload-group)."""

    group_class = "fr-upload-group"

    def __init__(self, attrs=None):
        super().__init__({"class": "fr-upload", **(attrs or {})})


class UploadMixin:
    """The file field of a form; `oversized` names the files that the size-limit handler stopped reading."""

    def __init__(self, *args, oversized=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.oversized = list(oversized)
        if self.oversized:
            self.fields["file"].required = False  # absent because too large: clean_file says so

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload is None and self.oversized:
            raise too_large_error(self.oversized[0])
        self.clean_name, self.file_type = check_upload(upload)
        return upload


class DocumentForm(UploadMixin, JalonsForm):
    title = forms.CharField(label=gettext_lazy("Titre du document"), max_length=200)
    file = forms.FileField(
        label=gettext_lazy("Fichier"), allow_empty_file=True, widget=DsfrFileInput, help_text=FILE_HELP_TEXT
    )
    comment = forms.CharField(label=gettext_lazy("Commentaire"), max_length=300, required=False)

    def clean_title(self):
        title = self.cleaned_data["title"].strip()
        if "/" in title or "\\" in title:
            raise ValidationError(_("Le titre ne peut pas contenir de barre oblique (/ ou \\)."))
        return title


class VersionForm(UploadMixin, JalonsForm):
    file = forms.FileField(
        label=gettext_lazy("Nouvelle version du fichier"),
        allow_empty_file=True,
        widget=DsfrFileInput,
        help_text=FILE_HELP_TEXT,
    )
    comment = forms.CharField(label=gettext_lazy("Ce qui change"), max_length=300, required=False)


class MeetingNoteForm(JalonsModelForm):
    class Meta:
        model = MeetingNote
        fields = ["title", "date", "participants", "other_participants", "minutes", "decisions", "actions"]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "participants": forms.CheckboxSelectMultiple,
            "other_participants": forms.Textarea(attrs={"rows": 2}),
            "minutes": forms.Textarea(attrs={"rows": 8}),
            "decisions": forms.Textarea(attrs={"rows": 4}),
            "actions": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "minutes": MARKDOWN_HELP,
            "decisions": MARKDOWN_HELP,
            "actions": format_lazy("{} {}", gettext_lazy("Qui fait quoi, pour quand."), MARKDOWN_HELP),
        }

    def __init__(self, *args, group, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["participants"].queryset = User.objects.filter(
            memberships__group=group, memberships__status="active"
        ).order_by("last_name", "first_name")


class GroupDescriptionForm(JalonsModelForm):
    class Meta:
        model = WorkingGroup
        fields = ["description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 6})}
        help_texts = {"description": gettext_lazy("Ce que fait le groupe, comment le rejoindre, ses rendez-vous.")}
