from django import forms
from dsfr.forms import DsfrBaseForm


class JalonsForm(DsfrBaseForm):
    """Every form of Jalons: DSFR markup, optional fields marked (settings.DSFR_MARK_OPTIONAL_FIELDS)."""

    def get_context(self):
        # DsfrBaseForm.get_context only adds a warning about the transition this project already made.
        context = super(DsfrBaseForm, self).get_context()
        context["DSFR_MARK_OPTIONAL_FIELDS"] = True
        return context


class JalonsModelForm(forms.ModelForm, JalonsForm):
    pass
