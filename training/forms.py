"""Forms only parse and label input; the rules live in services.py."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.formsets import bounded_formset_factory
from mandates.models import MandateArea

from .services import MAX_MINUTES, MAX_NOTES, MAX_PARTICIPANTS


class DateInput(forms.DateInput):
    input_type = "date"


class TimeInput(forms.TimeInput):
    input_type = "time"


class SessionForm(forms.Form):
    title = forms.CharField(label=_("Rubrik (valfri)"), max_length=200, required=False)
    date = forms.DateField(label=_("Datum"), widget=DateInput(format="%Y-%m-%d"))
    start_time = forms.TimeField(label=_("Starttid"), widget=TimeInput(format="%H:%M"))
    areas = forms.ModelMultipleChoiceField(
        label=_("Mandatområden"),
        queryset=MandateArea.objects.published().order_by("order", "name"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Välj minst ett mandatområde.")},
    )


class OwnItemForm(forms.Form):
    title = forms.CharField(label=_("Egen punkt"), max_length=300)
    minutes = forms.IntegerField(label=_("Minuter"), min_value=1, max_value=MAX_MINUTES)


class MinutesForm(forms.Form):
    minutes = forms.IntegerField(label=_("Minuter"), min_value=1, max_value=MAX_MINUTES)


class CancelForm(forms.Form):
    reason = forms.CharField(label=_("Skäl (valfritt)"), max_length=300, required=False)


class RecordForm(forms.Form):
    """One notes field per reflection question of the session, named note_<item pk>."""

    participants = forms.IntegerField(
        label=_("Antal deltagare"), min_value=1, max_value=MAX_PARTICIPANTS
    )
    summary = forms.CharField(
        label=_("Övriga anteckningar"),
        required=False,
        max_length=MAX_NOTES,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, question_items=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.question_items = list(question_items)
        for item in self.question_items:
            self.fields[f"note_{item.pk}"] = forms.CharField(
                label=item.label,
                required=False,
                max_length=MAX_NOTES,
                initial=item.notes,
                widget=forms.Textarea(attrs={"rows": 3}),
            )

    def notes(self) -> dict[int, str]:
        return {
            item.pk: self.cleaned_data.get(f"note_{item.pk}", "") for item in self.question_items
        }

    def note_fields(self):
        return [self[f"note_{item.pk}"] for item in self.question_items]


class ActionForm(forms.Form):
    what = forms.CharField(label=_("Vad"), max_length=300, required=False)
    who = forms.CharField(label=_("Vem"), max_length=200, required=False)
    due_on = forms.DateField(label=_("Klart senast"), required=False, widget=DateInput())
    checklist_item = forms.ModelChoiceField(
        label=_("Checklistpunkt som åtgärden ska flytta (valfri)"),
        queryset=None,
        required=False,
        empty_label=_("Ingen"),
    )

    def __init__(self, *args, checklist_items=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["checklist_item"].queryset = checklist_items


ActionFormSet = bounded_formset_factory(ActionForm, extra=3, max_num=20)
