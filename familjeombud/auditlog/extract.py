"""The log extract a child or guardian may ask for: who accessed the case, in what role and unit,
when and how. It shows no child data at all (no name, personnummer or address), only the
case's short reference, so it can be handed out as it is.

Role and unit are the user's memberships and groups *when the extract is produced*: the audit
log stores who acted, not what role they held then.
"""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import Prefetch
from django.utils import timezone

from core.exports import Table, csv_bytes
from core.masking import mask_personnummer
from organisation.models import Membership
from samverkan.access import extract_refusal_hides_case, may_produce_extract
from samverkan.models import AuditAction, AuditEntry, Case
from samverkan.services.audit import audit, audited_export

EXTRACT_DENIED = "Bara ärendets ägare eller en administratör kan ta fram ett loggutdrag."
DELETED_ACCOUNT = "borttaget konto"
ADMINISTRATOR = "Administratör"
CSV_HEADER = ["Tid", "Användare", "Namn", "Roll och enhet", "Händelse", "Detalj"]
FORMAT_DETAIL = {"pdf": "Loggutdrag (PDF)", "csv": "Loggutdrag (CSV)"}


class ExtractDenied(Exception):
    """`hide_case` is set for a clinician who cannot see the case: the answer is then the same
    as for a case that does not exist, so that its existence is not revealed."""

    def __init__(self, message: str, *, hide_case: bool):
        super().__init__(message)
        self.hide_case = hide_case


@dataclass(frozen=True)
class ExtractRow:
    when: object  # aware datetime, shown in the portal's time zone
    username: str
    full_name: str
    roles: str
    action: str
    detail: str


def roles_of(user) -> str:
    """Memberships (role, unit) and groups, read from prefetched relations."""
    parts = [f"{m.get_role_display()}, {m.unit.name}" for m in user.unit_memberships.all()]
    parts += [g.name for g in user.groups.all()]
    if user.is_superuser:
        parts.append(ADMINISTRATOR)
    return "; ".join(parts)


def extract_rows(case: Case) -> list[ExtractRow]:
    """Every entry for the case, oldest first, in a constant number of queries."""
    entries = list(
        AuditEntry.objects.filter(case_ref=case.pk)
        .order_by("when", "id")
        .only("who_id", "who_username", "when", "action", "detail")
    )
    user_ids = {e.who_id for e in entries if e.who_id}
    users = {
        u.pk: u
        for u in get_user_model()
        .objects.filter(pk__in=user_ids)
        .prefetch_related(
            Prefetch("unit_memberships", queryset=Membership.objects.select_related("unit")),
            "groups",
        )
    }
    rows = []
    for entry in entries:
        user = users.get(entry.who_id)
        rows.append(
            ExtractRow(
                when=timezone.localtime(entry.when),
                username=entry.who_username or DELETED_ACCOUNT,
                full_name=user.get_full_name() if user else "",
                roles=roles_of(user) if user else DELETED_ACCOUNT,
                action=AuditAction(entry.action).label,
                detail=mask_personnummer(entry.detail),
            )
        )
    return rows


def case_produce_extract(*, case: Case, actor, fmt: str, render, path: str = "") -> bytes:
    """The extract's own production is logged first, inside the same transaction as the
    rendering: the extract then ends with the entry for itself, and a rendering that fails
    rolls the entry back, so the log never claims an extract nobody received. A refused
    attempt is logged too, like any refused access to the case."""
    if not may_produce_extract(actor, case):
        audit(who=actor, case=case, action=AuditAction.REFUSED, detail=f"Nekat loggutdrag: {path}")
        hide = extract_refusal_hides_case(actor, case)
        raise ExtractDenied(EXTRACT_DENIED, hide_case=hide)
    return audited_export(
        who=actor, case=case, detail=FORMAT_DETAIL[fmt], render=lambda: render(extract_rows(case))
    )


def rows_to_csv(rows: list[ExtractRow]) -> bytes:
    return csv_bytes(
        Table(
            "Loggutdrag",
            CSV_HEADER,
            [
                [
                    row.when.strftime("%Y-%m-%d %H:%M:%S"),
                    row.username,
                    row.full_name,
                    row.roles,
                    row.action,
                    row.detail,
                ]
                for row in rows
            ],
        )
    )
