from django import forms
from django.utils.translation import gettext_lazy as _

from .models import ReminderKind
from .reminders import CASE_KINDS, UNIT_KINDS

HELP = {
    ReminderKind.MEETING_SOON: _("Några dagar före ett bokat samverkansmöte i dina ärenden."),
    ReminderKind.PLAN_ACTIONS_DUE: _(
        "När insatser i Barnets plan snart ska vara klara eller är försenade."
    ),
    ReminderKind.STALE_CASES: _(
        "En gång i veckan, om du har öppna ärenden som ingen har ändrat på länge."
    ),
    ReminderKind.TRAINING_ACTIONS_DUE: _(
        "När åtgärder ni kom överens om på ett utbildningstillfälle snart ska vara klara."
    ),
    ReminderKind.READINESS_NOT_STARTED: _(
        "Om din verksamhet inte har påbörjat årets beredskapschecklista."
    ),
    ReminderKind.NETWORK_MEETING_SOON: _("När regionens nästa nätverksträff närmar sig."),
}


class ReminderSettingsForm(forms.Form):
    """One checkbox per kind of reminder; a cleared box turns that kind off."""

    def __init__(self, *args, off: set[str] = frozenset(), **kwargs):
        super().__init__(*args, **kwargs)
        for kind in ReminderKind:
            self.fields[kind.value] = forms.BooleanField(
                label=kind.label, help_text=HELP[kind], required=False, initial=kind not in off
            )

    def groups(self):
        return [
            (_("Samverkan, för dig som har ärenden"), [self[k.value] for k in CASE_KINDS]),
            (_("Familjeombud och chef för en verksamhet"), [self[k.value] for k in UNIT_KINDS]),
        ]

    def enabled(self) -> set[str]:
        return {kind for kind in ReminderKind.values if self.cleaned_data.get(kind)}
