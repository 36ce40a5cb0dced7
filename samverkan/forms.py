"""Forms only collect and clean input; the rules live in services."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.formsets import bounded_formset_factory
from organisation.models import Municipality
from samverkan import routine

# The consent forms live beside these; re-exported so that views read every form from here.
from .consent_forms import (  # noqa: F401
    ConsentForm,
    ConsentWithdrawalForm,
    DateInput,
    InformedForm,
)
from .identity import (
    NO_NUMBER_REASON_MAX,
    IdentityError,
    IdEntry,
    child_identity,
)
from .models import (
    AgeGroup,
    Custody,
    Meeting,
    MeetingMode,
    OrganisationType,
    WheelArea,
)
from .services.errors import INVITE_NOT_CONSENTED

YES_NO = [("", _("Ej besvarad")), ("ja", _("Ja")), ("nej", _("Nej"))]
# The meeting's columns' lengths; PostgreSQL refuses longer values with a server error.
ROOM_MAX = Meeting._meta.get_field("room").max_length
LINK_MAX = Meeting._meta.get_field("link").max_length
ROOM_TOO_LONG = f"Lokalen får vara högst {ROOM_MAX} tecken."
LINK_TOO_LONG = f"Möteslänken får vara högst {LINK_MAX} tecken."


def _yes_no(label):
    return forms.TypedChoiceField(
        label=label,
        choices=YES_NO,
        coerce=lambda v: v == "ja",
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
    )


class TimeInput(forms.TimeInput):
    input_type = "time"


class CaseCreateForm(forms.Form):
    child_name = forms.CharField(label=_("Barnets namn"), max_length=200)
    child_id_entry = forms.ChoiceField(
        label=_("Barnets nummer"),
        choices=IdEntry.choices,
        initial=IdEntry.NUMBER,
        required=False,
        widget=forms.RadioSelect,
    )
    child_personnummer = forms.CharField(
        label=_("Personnummer, samordningsnummer eller reservnummer"),
        help_text=_(
            "10 eller 12 siffror, med eller utan bindestreck, till exempel ÅÅÅÅMMDD-NNNN. "
            "Ett reservnummer skrivs så som det står i journalsystemet."
        ),
        max_length=40,
        required=False,
    )
    child_birth_date = forms.DateField(
        label=_("Födelsedatum"),
        help_text=_("Krävs när barnet saknar nummer. Läses annars ur personnumret."),
        required=False,
        widget=DateInput,
    )
    child_no_number_reason = forms.CharField(
        label=_("Skäl till att nummer saknas"),
        max_length=NO_NUMBER_REASON_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    protected_identity = forms.BooleanField(
        label=_("Barnet har skyddade personuppgifter"), required=False
    )
    child_address = forms.CharField(
        label=_("Barnets adress"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Lämna tomt om barnet har skyddade personuppgifter: adressen sparas inte då."),
    )
    child_is_patient = forms.BooleanField(
        label=_("Barnet är patient hos oss"), required=False, initial=True
    )
    age_group = forms.ChoiceField(label=_("Barnets ålder"), choices=AgeGroup.choices)
    municipality = forms.ModelChoiceField(
        label=_("Kommun"), queryset=Municipality.objects.all(), required=False
    )
    unit_name = forms.CharField(
        label=_("Din verksamhet (avsändare)"),
        max_length=200,
        help_text=_("Står på inbjudan, samtyckesblanketten och Barnets plan."),
    )
    unit_phone = forms.CharField(label=_("Verksamhetens telefonnummer"), max_length=40)

    FIELD_OF = {
        "number": "child_personnummer",
        "birth_date": "child_birth_date",
        "no_number_reason": "child_no_number_reason",
    }

    def clean(self):
        data = super().clean()
        if any(name in self.errors for name in self.FIELD_OF.values()):
            return data
        try:
            data["identity"] = child_identity(
                entry=data.get("child_id_entry") or IdEntry.NUMBER,
                number=data.get("child_personnummer", ""),
                birth_date=data.get("child_birth_date"),
                no_number_reason=data.get("child_no_number_reason", ""),
            )
        except IdentityError as error:
            self.add_error(self.FIELD_OF[error.field], str(error))
        return data

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        keep = [
            "child_name",
            "identity",
            "protected_identity",
            "child_address",
            "child_is_patient",
            "age_group",
            "municipality",
            "unit_name",
            "unit_phone",
        ]
        return {name: data[name] for name in keep}


class DuplicateConfirmForm(forms.Form):
    """Shown on the new-case form only with the warning of an open case for the same child."""

    duplicate_shown = forms.BooleanField(required=False, widget=forms.HiddenInput)
    duplicate_confirmed = forms.BooleanField(
        label=_("Jag har stämt av enligt rutinen och ett nytt ärende behövs ändå"),
        required=False,
    )


def _question(number: int, key: str) -> str:
    """The assessment's questions are the routine's own steps, numbered (samverkan/routine.py)."""
    return f"{number}. {routine.lines(key)[0].text}"


class AssessmentForm(forms.Form):
    noticed = forms.CharField(
        label=_question(1, "need_noticed"),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    own_care_sufficient = _yes_no(_question(2, "need_enough"))
    other_org_alone = _yes_no(_question(3, "need_other"))
    referral_mode = forms.ChoiceField(
        label=_("Om ja på fråga 3"),
        required=False,
        widget=forms.RadioSelect,
        choices=[
            ("family", _("Familjen kontaktar den andra verksamheten för att få stöd från dem")),
            (
                "oral_consent",
                _(
                    "Muntligt samtycke: jag kontaktar verksamheten och ber dem kontakta "
                    "barnet/barnen/familjen"
                ),
            ),
        ],
    )
    referral_organisation = forms.ModelChoiceField(
        label=_("Verksamhet"), queryset=OrganisationType.objects.all(), required=False
    )
    referral_consent_on = forms.DateField(
        label=_("Datum för muntligt samtycke"), required=False, widget=DateInput
    )
    together = _yes_no(_question(4, "need_together"))


class CustodyForm(forms.Form):
    custody = forms.ChoiceField(
        label=_("Vem har vårdnaden om barnet?"), choices=Custody.choices, widget=forms.RadioSelect
    )


class GuardianForm(forms.Form):
    name = forms.CharField(label=_("Vårdnadshavarens namn"), max_length=200)
    is_patient = forms.BooleanField(label=_("Vårdnadshavaren är patient hos oss"), required=False)


class YouthForm(forms.Form):
    youth_consents = forms.BooleanField(
        label=_("Barnet har egen ålder och mognad att samtycka"), required=False
    )


class InitiationForm(forms.Form):
    age_group = forms.ChoiceField(label=_("Barnets ålder"), choices=AgeGroup.choices)
    municipality = forms.ModelChoiceField(
        label=_("Kommun"), queryset=Municipality.objects.all(), required=False
    )
    areas = forms.ModelMultipleChoiceField(
        label=_("Områden i Barnets bästa-hjulet som samverkan gäller"),
        queryset=WheelArea.objects.all(),
        widget=forms.CheckboxSelectMultiple,
    )
    initiation_note = forms.CharField(
        label=_("Avstämning (med Barnets bästa-ansvarig i BVC eller Barnens bästa-ansvarig)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class MeetingBookingForm(forms.Form):
    form = forms.ChoiceField(
        label=_("Mötesform"), choices=MeetingMode.choices, widget=forms.RadioSelect
    )
    room = forms.CharField(
        label=_("Bokad lokal (fysiskt möte)"),
        required=False,
        max_length=ROOM_MAX,
        error_messages={"max_length": ROOM_TOO_LONG},
    )
    link = forms.URLField(
        label=_("Möteslänk (digitalt möte)"),
        required=False,
        assume_scheme="https",
        max_length=LINK_MAX,
        error_messages={"max_length": LINK_TOO_LONG},
    )
    date = forms.DateField(label=_("Datum"), widget=DateInput)
    time = forms.TimeField(label=_("Tid"), widget=TimeInput)

    def clean(self):
        data = super().clean()
        if data.get("date") and data.get("time"):
            naive = datetime.datetime.combine(data["date"], data["time"])
            data["starts_at"] = timezone.make_aware(naive)
        return data


class InvitationForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Verksamhet"),
        queryset=OrganisationType.objects.all(),
        error_messages={"invalid_choice": INVITE_NOT_CONSENTED},
    )
    recipient = forms.CharField(label=_("Mottagare (namn eller funktion)"), max_length=200)
    recipient_address = forms.CharField(
        label=_("Mottagarens adress eller e-post"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ContactForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Verksamhet"), queryset=OrganisationType.objects.all()
    )
    purpose = forms.CharField(
        label=_("Syfte och vad som delades"), widget=forms.Textarea(attrs={"rows": 3})
    )
    shared_was_proportionate = forms.BooleanField(
        label=_("Det som delades var nödvändigt, relevant och proportionerligt"), required=False
    )
    no_support_agreed = forms.BooleanField(
        label=_("Vi kom inte överens om något stöd utan barnet och familjen"), required=False
    )


class MeetingHeldForm(forms.Form):
    family_first = forms.BooleanField(
        label=_("Familjen presenterades först, sedan de som deltar från olika verksamheter"),
    )
    proportionate = forms.BooleanField(
        label=_(
            "Alla kom överens om att information som delas ska vara nödvändig, relevant och "
            "proportionerlig"
        ),
    )
    areas = forms.BooleanField(
        label=_("Vi utgick från de områden i Barnets bästa-hjulet som är relevanta")
    )
    views = forms.BooleanField(
        label=_("Barnets och vårdnadshavares åsikter beaktades under hela mötet")
    )
    solutions = forms.BooleanField(
        label=_("Verksamheterna sökte samverkanslösningar för ett sammanhållet stöd")
    )


class PlanForm(forms.Form):
    child_view = forms.CharField(
        label=_("Barnets egen syn"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    guardians_view = forms.CharField(
        label=_("Vårdnadshavarnas syn"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    participants = forms.CharField(
        label=_("Deltagare (namn och verksamhet)"), widget=forms.Textarea(attrs={"rows": 3})
    )
    # The version the form was opened from: the optimistic check in case_save_plan.
    based_on = forms.IntegerField(min_value=0, required=False, widget=forms.HiddenInput)


class PlanItemForm(forms.Form):
    area = forms.ModelChoiceField(label=_("Område"), queryset=WheelArea.objects.none())
    need = forms.CharField(label=_("Vad behövs"), widget=forms.Textarea(attrs={"rows": 2}))
    action = forms.CharField(label=_("Vad ska göras"), widget=forms.Textarea(attrs={"rows": 2}))
    organisation = forms.ModelChoiceField(
        label=_("Ansvarig verksamhet"), queryset=OrganisationType.objects.all()
    )
    person = forms.CharField(label=_("Ansvarig person"), max_length=200)
    due_on = forms.DateField(label=_("Klart senast"), widget=DateInput)

    def __init__(self, *args, areas=None, **kwargs):
        super().__init__(*args, **kwargs)
        if areas is not None:
            self.fields["area"].queryset = areas


PLAN_EXTRA_ROWS = 2
PLAN_MAX_ROWS = 60


def plan_rows_offered(existing: int) -> int:
    """The rows the plan page shows: the current actions and two empty ones, at most
    PLAN_MAX_ROWS (a plan saved with more before the bound keeps all its rows)."""
    return max(existing, min(existing + PLAN_EXTRA_ROWS, PLAN_MAX_ROWS))


def plan_item_formset(existing: int):
    """Bounded to what the page offers (core/formsets.py): a post claiming more rows is a
    Swedish 400 before any form is built."""
    return bounded_formset_factory(
        PlanItemForm,
        max_num=plan_rows_offered(existing),
        extra=PLAN_EXTRA_ROWS,
        can_delete=True,
    )


class FollowUpForm(MeetingBookingForm):
    coordinator = forms.ModelChoiceField(
        label=_("Samordnar nästa samverkansmöte"), queryset=OrganisationType.objects.all()
    )
    parties_next_time = forms.CharField(
        label=_("Parter att bjuda in nästa gång"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    field_order = ["coordinator", "date", "time", "form", "room", "link", "parties_next_time"]


class CloseForm(forms.Form):
    reason = forms.CharField(label=_("Skäl"), widget=forms.Textarea(attrs={"rows": 2}))


class MemberForm(forms.Form):
    username = forms.CharField(label=_("Kollegans användarnamn"), max_length=150)


class BreakGlassForm(forms.Form):
    case_id = forms.UUIDField(label=_("Ärendets id"))
    reason = forms.CharField(
        label=_("Skäl till nödåtkomst"), widget=forms.Textarea(attrs={"rows": 3})
    )


class WithdrawInvitationForm(forms.Form):
    reason = forms.CharField(
        label=_("Skäl till att inbjudan dras tillbaka"), widget=forms.Textarea(attrs={"rows": 2})
    )
