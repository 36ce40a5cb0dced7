from django import forms
from django.utils.translation import gettext_lazy as _

from organisation.models import Municipality, UnitKind

from .models import ItemStatus

START_EMPTY, START_COPY = "empty", "copy"


class StartYearForm(forms.Form):
    year = forms.IntegerField(widget=forms.HiddenInput)
    mode = forms.ChoiceField(
        label=_("Hur vill ni börja året?"),
        choices=[
            (START_EMPTY, _("Med en tom checklista")),
            (START_COPY, _("Med förra årets statusar och kommentarer")),
        ],
        widget=forms.RadioSelect,
        initial=START_EMPTY,
    )


class EntryForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ItemStatus.choices)
    reason = forms.CharField(label=_("Skäl (krävs för Ej aktuell)"), required=False)
    comment = forms.CharField(label=_("Kommentar"), required=False)


class DashboardFilterForm(forms.Form):
    municipality = forms.ChoiceField(
        label=_("Kommun"),
        required=False,
        choices=lambda: [
            ("", _("Alla kommuner")),
            *Municipality.objects.values_list("code", "name"),
        ],
    )
    kind = forms.ChoiceField(
        label=_("Typ av verksamhet"),
        required=False,
        choices=[("", _("Alla typer")), *UnitKind.choices],
    )
    ar = forms.IntegerField(label=_("År"), required=False, min_value=2000, max_value=2100)


class DaysForm(forms.Form):
    days = forms.IntegerField(
        label=_("Avsatta dagar per månad"), required=False, min_value=0, max_value=23
    )
