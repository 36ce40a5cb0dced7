"""What the case page shows, read in one query.

The page shows a dozen small relations of one case (guardians, colleagues, consents and their
organisations, meetings, invitations, contacts, plan versions and the current plan's actions,
the chosen areas) and the region's catalogue rows it links (organisations, the wheel, the
routine's documents, the municipal contacts, the child health units of the municipality). As
prefetches that was one query each; here each is a JSON subquery of one query (core.rows, its
SQL compiled once per process), carried by the very query with which reading.case_open opens
the case and checks access as for every case page (a break-glass opening reads them after it).
The rows are put where the prefetches put them (`case.guardians.all()` and the like), so
steps.py, the services' rules and the template read them unchanged."""

import functools

from django.contrib.auth import get_user_model
from django.db.models import OuterRef

from core.rows import RowsOfOne, needs_sorting, ordering_of, sort_like
from samverkan.models import (
    BvcUnit,
    Case,
    Consent,
    ConsentWithdrawal,
    ContactBeforeMeeting,
    Guardian,
    Invitation,
    Meeting,
    MunicipalContact,
    OrganisationType,
    PlanItem,
    PlanVersion,
    RoutineDocument,
    WheelArea,
)
from samverkan.models.directory import documents_by_step

CASE = OuterRef("pk")
# A colleague is shown by username; the rest of the user row (its password hash) stays out.
MEMBER_FIELDS = ["id", "username", "first_name", "last_name", "is_active"]
# The case page does not show the plan's texts (the plan's own page does).
PLAN_VERSION_FIELDS = [
    f.name
    for f in PlanVersion._meta.concrete_fields
    if f.name not in ("child_view", "guardians_view", "participants")
]


def _members():
    return get_user_model().objects.filter(shared_cases=CASE).order_by("pk")


# name: (queryset, fields), built once per process (the SQL is compiled once, core.rows).
@functools.cache
def _relations() -> dict:
    consent_organisations = Consent.organisations.through.objects.filter(consent__case=CASE)
    withdrawn_organisations = ConsentWithdrawal.organisations.through.objects.filter(
        consentwithdrawal__consent__case=CASE
    )
    # Who replaced a consent record (shown by username); OuterRef of the outer query: the case.
    superseders = get_user_model().objects.filter(
        pk__in=Consent.objects.filter(case=OuterRef(CASE)).values("superseded_by")
    )
    return {
        "guardians": (Guardian.objects.filter(case=CASE), None),
        "members": (_members(), MEMBER_FIELDS),
        "consents": (Consent.objects.filter(case=CASE), None),
        "consent_organisations": (consent_organisations.order_by("pk"), None),
        "superseders": (superseders.order_by("pk"), MEMBER_FIELDS),
        "withdrawals": (ConsentWithdrawal.objects.filter(consent__case=CASE), None),
        "withdrawn_organisations": (withdrawn_organisations.order_by("pk"), None),
        "meetings": (Meeting.objects.filter(case=CASE), None),
        "invitations": (Invitation.objects.filter(case=CASE), None),
        "contacts": (ContactBeforeMeeting.objects.filter(case=CASE), None),
        "plan_versions": (PlanVersion.objects.filter(case=CASE), PLAN_VERSION_FIELDS),
        "plan_items": (
            PlanItem.objects.filter(version__case=CASE, version__is_current=True),
            None,
        ),
        "chosen_areas": (Case.areas.through.objects.filter(case=CASE).order_by("pk"), None),
        "organisations": (OrganisationType.objects.all(), None),
        "wheel_areas": (WheelArea.objects.all(), None),
        "routine_documents": (RoutineDocument.objects.all(), None),
        "municipal_contacts": (MunicipalContact.objects.all(), None),
        "bvc_units": (BvcUnit.objects.filter(municipality=OuterRef("municipality")), None),
    }


@functools.cache
def rows() -> RowsOfOne:
    """Given to reading.case_open, so the case and its rows come in one query."""
    return RowsOfOne(Case, _relations())


def _prefetched(instance, accessor: str, objects: list) -> None:
    """As prefetch_related_objects leaves it: the manager's .all() answers from memory."""
    manager = getattr(instance, accessor)
    name = getattr(manager, "prefetch_cache_name", None) or manager.field.remote_field.cache_name
    queryset = manager.get_queryset()
    queryset._result_cache = list(objects)
    queryset._prefetch_done = True
    instance.__dict__.setdefault("_prefetched_objects_cache", {})[name] = queryset


class CasePage:
    """The case's rows, read with the case itself (or in one query after it) and attached."""

    def __init__(self, case: Case):
        # An order through a relation (area__order) is sorted below, once it is attached.
        loaded = rows().taken_from(case) or rows().fetch(case.pk)
        self.organisations = loaded["organisations"]
        by_org = {o.pk: o for o in self.organisations}
        self.wheel_areas = loaded["wheel_areas"]
        by_area = {a.pk: a for a in self.wheel_areas}
        self.chosen_area_ids = {row.wheelarea_id for row in loaded["chosen_areas"]}
        for area in self.wheel_areas:
            area.chosen = area.pk in self.chosen_area_ids

        guardians = loaded["guardians"]
        by_guardian = {g.pk: g for g in guardians}
        for guardian in guardians:
            guardian.case = case
        _prefetched(case, "guardians", guardians)
        _prefetched(case, "members", loaded["members"])

        org_ids: dict[int, set[int]] = {}
        for row in loaded["consent_organisations"]:
            org_ids.setdefault(row.consent_id, set()).add(row.organisationtype_id)
        withdrawn_ids: dict[int, set[int]] = {}
        for row in loaded["withdrawn_organisations"]:
            withdrawn_ids.setdefault(row.consentwithdrawal_id, set()).add(row.organisationtype_id)
        withdrawals: dict[int, list] = {}
        for withdrawal in loaded["withdrawals"]:
            withdrawals.setdefault(withdrawal.consent_id, []).append(withdrawal)
            chosen = withdrawn_ids.get(withdrawal.pk, set())
            _prefetched(withdrawal, "organisations", self._organisations(chosen))
        by_user = {u.pk: u for u in loaded["superseders"]}
        consents = loaded["consents"]
        for consent in consents:
            consent.case = case
            consent.guardian = by_guardian.get(consent.guardian_id)
            consent.superseded_by = by_user.get(consent.superseded_by_id)
            chosen = org_ids.get(consent.pk, set())
            _prefetched(consent, "organisations", self._organisations(chosen))
            for withdrawal in withdrawals.get(consent.pk, []):
                withdrawal.consent = consent
            _prefetched(consent, "withdrawals", withdrawals.get(consent.pk, []))
        _prefetched(case, "consents", consents)

        meetings = loaded["meetings"]
        by_meeting = {m.pk: m for m in meetings}
        for meeting in meetings:
            meeting.case = case
        _prefetched(case, "meetings", meetings)
        for invitation in loaded["invitations"]:
            invitation.case = case
            invitation.meeting = by_meeting[invitation.meeting_id]
            invitation.organisation = by_org[invitation.organisation_id]
        _prefetched(case, "invitations", loaded["invitations"])
        for contact in loaded["contacts"]:
            contact.case = case
            contact.organisation = by_org[contact.organisation_id]
        _prefetched(case, "contacts", loaded["contacts"])

        items = loaded["plan_items"]
        for item in items:
            item.area = by_area[item.area_id]
            item.organisation = by_org[item.organisation_id]
        if needs_sorting():  # the order reads the area: sorted once the areas are attached
            sort_like(items, ordering_of(PlanItem.objects.all()))
        versions = loaded["plan_versions"]
        for version in versions:
            version.case = case
            mine = [item for item in items if item.version_id == version.pk]
            for item in mine:
                item.version = version
            _prefetched(version, "items", mine)
        _prefetched(case, "plan_versions", versions)

        self.routine_documents = loaded["routine_documents"]
        self.municipal_contacts = loaded["municipal_contacts"]
        self.bvc_units = loaded["bvc_units"]
        for unit in self.bvc_units:
            unit.municipality = case.municipality
        if needs_sorting():
            sort_like(self.bvc_units, ordering_of(BvcUnit.objects.all()))

    def _organisations(self, pks: set[int]) -> list:
        """In the organisations' own order, as the m2m manager orders them."""
        return [o for o in self.organisations if o.pk in pks]

    def routine_documents_by_step(self) -> dict[str, list]:
        return documents_by_step(self.routine_documents)
