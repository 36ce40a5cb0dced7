"""Recording, correcting and withdrawing a party's consent. The rules live in the services."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import ConsentMethod, OrganisationType


class DateInput(forms.DateInput):  # shared with forms.py
    input_type = "date"


def party_choices(case) -> list[tuple[str, str]]:
    """Every party who may give consent: the registered guardians, and the young person when
    age and maturity allow ("g<id>" or "youth")."""
    choices = [(f"g{g.pk}", g.name) for g in case.guardians.all()]
    if case.youth_consents:
        choices.append(("youth", _("Barnet själv")))
    return choices


class PartyForm(forms.Form):
    party = forms.ChoiceField(label=_("Samtycke lämnat av"))

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["party"].choices = party_choices(case)
        self.case = case

    def clean(self):
        data = super().clean()
        party = data.get("party", "")
        data["by_youth"] = party == "youth"
        data["guardian"] = next((g for g in self.case.guardians.all() if f"g{g.pk}" == party), None)
        return data


class ConsentForm(PartyForm):
    method = forms.ChoiceField(
        label=_("Form"), choices=ConsentMethod.choices, widget=forms.RadioSelect
    )
    given_on = forms.DateField(label=_("Datum"), widget=DateInput, initial=timezone.localdate)
    organisations = forms.ModelMultipleChoiceField(
        label=_("Verksamheter som får bjudas in"),
        queryset=OrganisationType.objects.all(),
        widget=forms.CheckboxSelectMultiple,
    )
    correction_reason = forms.CharField(
        label=_("Skäl till rättelse (när ett tidigare registrerat samtycke rättas)"),
        help_text=_(
            "Rättelsen ersätter partens tidigare registrering, som finns kvar i historiken. "
            "Skriv inga namn eller personnummer."
        ),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ConsentWithdrawalForm(PartyForm):
    WHOLLY = "wholly"
    SOME = "some"

    party = forms.ChoiceField(label=_("Vem återkallar sitt samtycke?"))
    scope = forms.ChoiceField(
        label=_("Vad återkallas?"),
        choices=[
            (WHOLLY, _("Hela samtycket")),
            (SOME, _("Samtycket för de verksamheter som kryssas nedan")),
        ],
        widget=forms.RadioSelect,
    )
    organisations = forms.ModelMultipleChoiceField(
        label=_("Verksamheter som samtycket inte längre gäller"),
        queryset=OrganisationType.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    withdrawn_on = forms.DateField(
        label=_("Datum för återkallelsen"), widget=DateInput, initial=timezone.localdate
    )
    method = forms.ChoiceField(
        label=_("Form"), choices=ConsentMethod.choices, widget=forms.RadioSelect
    )

    def __init__(self, *args, case, organisation_ids=(), **kwargs):
        super().__init__(*args, case=case, **kwargs)
        # Nobody chosen beforehand: a withdrawal is never recorded for the wrong party by default.
        self.fields["party"].choices = [("", _("Välj vem"))] + party_choices(case)
        # Only what some party still consents to can be withdrawn.
        self.fields["organisations"].queryset = OrganisationType.objects.filter(
            pk__in=organisation_ids
        )

    def clean(self):
        data = super().clean()
        data["wholly"] = data.get("scope") == self.WHOLLY
        if data["wholly"]:
            data["organisations"] = []
        return data


class InformedForm(forms.Form):
    """Only a confirmation: the clinician has informed everyone named."""
