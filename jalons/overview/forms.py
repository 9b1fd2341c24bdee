from django import forms
from django.utils.translation import gettext_lazy as _

from jalons.conferences.models import ConferenceCycle
from jalons.core.forms import JalonsForm, JalonsModelForm
from jalons.strategy.models import Workstream
from jalons.territories.models import Region

from .models import PressRelease


class DashboardFilterForm(JalonsForm):
    cycle = forms.ModelChoiceField(
        label=_("Cycle de conférences"),
        queryset=ConferenceCycle.objects.order_by("-starts_on"),
        required=False,
        empty_label=_("Tous (dernier état connu)"),
    )
    chantier = forms.ModelChoiceField(
        label=_("Chantier"),
        queryset=Workstream.objects.order_by("number"),
        to_field_name="number",
        required=False,
        empty_label=_("Tous les chantiers"),
    )
    region = forms.ModelChoiceField(
        label=_("Région"),
        queryset=Region.objects.order_by("name"),
        to_field_name="code",
        required=False,
        empty_label=_("Toutes les régions"),
    )

    def filters(self):
        """(cycle, workstream, region) chosen, None for "all"; values that are not valid count as "all"."""
        cleaned = self.cleaned_data if self.is_valid() else {}
        return cleaned.get("cycle"), cleaned.get("chantier"), cleaned.get("region")


class PressReleaseForm(JalonsModelForm):
    class Meta:
        model = PressRelease
        fields = ["title", "place", "date", "body"]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "body": forms.Textarea(attrs={"rows": 30}),
        }
