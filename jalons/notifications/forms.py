from django import forms

from jalons.core.forms import JalonsModelForm

from .models import NotificationPreference


class PreferenceForm(JalonsModelForm):
    class Meta:
        model = NotificationPreference
        fields = ["email"]
        widgets = {"email": forms.RadioSelect}
