"""Bench-only data: content rows multiplied and extra login sessions, in the throwaway database.

No management command: this is for `make bench` alone and must never touch a real database, so
it lives beside the driver and is called only from bench/prepare.py."""

import random
import secrets
import uuid
from datetime import timedelta

from django.apps import apps
from django.db import models, transaction
from django.utils import timezone

# Order fields of copies move up by this much per copy so "unique per area and order" holds.
ORDER_STEP = 1000


def content_models() -> list[type[models.Model]]:
    """Every row of the support package (films, questions, laws...): "content items" here.

    Areas stay five and the checklist stays its fifteen lines: they are the package's fixed
    structure, not content that grows. Units ×10 already makes ten times the checklist answers.
    """
    found: list[type[models.Model]] = []
    from mandates.models import ContentItem

    for model in apps.get_models():
        if issubclass(model, ContentItem):
            found.append(model)
    return _dependency_order(found)


def _dependency_order(found: list[type[models.Model]]) -> list[type[models.Model]]:
    """Referenced models first, so a copied film can point at the copy of its film group."""
    ordered: list[type[models.Model]] = []
    pending = list(found)
    while pending:
        for model in pending:
            deps = {
                f.related_model
                for f in model._meta.concrete_fields
                if f.is_relation and f.related_model in pending and f.related_model is not model
            }
            if not deps:
                ordered.append(model)
                pending.remove(model)
                break
        else:  # a cycle: keep the rest in any order
            ordered.extend(pending)
            break
    return ordered


def _unique_field_names(model: type[models.Model]) -> set[str]:
    names = {f.name for f in model._meta.concrete_fields if f.unique and not f.primary_key}
    for group in model._meta.unique_together:
        names.update(group)
    for constraint in model._meta.constraints:
        names.update(getattr(constraint, "fields", ()) or ())
    return names


def _vary(field: models.Field, value, copy: int):
    """A value that differs per copy for fields that must stay unique."""
    if isinstance(field, models.CharField | models.TextField) and value is not None:
        suffix = f"-k{copy}"
        limit = getattr(field, "max_length", None)
        base = str(value)
        if limit:
            base = base[: max(0, limit - len(suffix))]
        return base + suffix
    if isinstance(field, models.IntegerField) and value is not None:
        return value + copy * ORDER_STEP
    return value


def multiply_content(factor: int) -> dict[str, int]:
    """Adds factor-1 copies of every content row; returns the row count per model afterwards."""
    if factor <= 1:
        return {m._meta.label: m._default_manager.count() for m in content_models()}
    mapping: dict[tuple[type[models.Model], object, int], object] = {}
    counts: dict[str, int] = {}
    with transaction.atomic():
        for model in content_models():
            originals = list(model._default_manager.all().order_by("pk"))
            unique = _unique_field_names(model)
            fields = [f for f in model._meta.concrete_fields if not f.primary_key]
            m2m = [f for f in model._meta.many_to_many if f.remote_field.through._meta.auto_created]
            for copy in range(1, factor):
                clones = []
                for row in originals:
                    clone = model()
                    for field in fields:
                        value = getattr(row, field.attname)
                        if field.is_relation and (field.related_model, value, copy) in mapping:
                            value = mapping[(field.related_model, value, copy)]
                        elif field.name in unique and not field.is_relation:
                            value = _vary(field, value, copy)
                        setattr(clone, field.attname, value)
                    clones.append(clone)
                model._default_manager.bulk_create(clones, batch_size=500)
                for row, clone in zip(originals, clones, strict=True):
                    mapping[(model, row.pk, copy)] = clone.pk
                    for field in m2m:
                        getattr(clone, field.name).set(getattr(row, field.name).all())
            counts[model._meta.label] = model._default_manager.count()
        # bulk_create sends no signals: the cached pages and the search index must see the copies.
        from mandates.cache import bump_version

        bump_version()
    return counts


def add_sessions(count: int) -> int:
    """Other people's login sessions, so the session table has a realistic size to look up in."""
    from django.contrib.sessions.backends.db import SessionStore
    from django.contrib.sessions.models import Session

    store = SessionStore()
    expires = timezone.now() + timedelta(hours=8)
    rows = [
        Session(
            session_key=secrets.token_hex(16),
            session_data=store.encode({"bench": i}),
            expire_date=expires,
        )
        for i in range(count)
    ]
    Session.objects.bulk_create(rows, batch_size=1000)
    return Session.objects.count()


CASES_PER_CLINICIAN = 4
PLAN_ITEMS = 5


def add_cases(count: int, *, seed: int = 8) -> int:
    """Samverkan cases that have walked the whole routine: guardians, consents, a meeting held,
    invitations, Barnets plan with items, and audit rows. seed_demo_cases makes one --dev case
    only, so the bench makes its own. Synthetic: no real name, and Skatteverket's test number."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from organisation.models import Municipality
    from samverkan.models import (
        AuditAction,
        AuditEntry,
        Case,
        CaseState,
        Consent,
        ConsentMethod,
        Guardian,
        Invitation,
        Meeting,
        MeetingMode,
        OrganisationType,
        PlanItem,
        PlanVersion,
        WheelArea,
    )

    rng = random.Random(seed)
    user_model = get_user_model()
    organisations = list(OrganisationType.objects.all())
    wheel = list(WheelArea.objects.all())
    municipalities = list(Municipality.objects.all())
    if not organisations or not wheel:
        raise RuntimeError("samverkans katalog saknas: läs in fixtures/40_* först")
    now = timezone.now()
    with transaction.atomic():
        tag = secrets.token_hex(3)
        clinicians = user_model.objects.bulk_create(
            user_model(username=f"bench-kliniker-{tag}-{i}", password="!")
            for i in range(max(1, count // CASES_PER_CLINICIAN))
        )
        clinicians = list(user_model.objects.filter(username__startswith=f"bench-kliniker-{tag}-"))
        group = Group.objects.filter(name="Kliniker").first()
        if group is not None:
            group.user_set.add(*clinicians)
        cases = []
        for i in range(count):
            owner = clinicians[i % len(clinicians)]
            cases.append(
                Case(
                    id=uuid.uuid4(),
                    state=rng.choice([CaseState.PLAN, CaseState.FOLLOW_UP]),
                    created_by=owner,
                    child_name=f"Testbarn {i + 1}",
                    child_personnummer="201212121212",
                    child_address="Testgatan 1, 351 00 Växjö",
                    municipality=rng.choice(municipalities) if municipalities else None,
                    noticed="Barnet har behov som flera verksamheter behöver möta tillsammans.",
                    own_care_sufficient=False,
                    other_org_alone=False,
                    together=True,
                    outcome="activate",
                    initiation_note="Stämt av med vårdnadshavarna.",
                )
            )
        Case.objects.bulk_create(cases, batch_size=500)
        guardians, meetings = [], []
        for case in cases:
            guardians += [Guardian(case=case, name=f"Vårdnadshavare {n}") for n in (1, 2)]
            meetings.append(
                Meeting(
                    case=case,
                    form=MeetingMode.DIGITAL,
                    link="https://example.invalid/mote",
                    starts_at=now - timedelta(days=rng.randint(1, 60)),
                    held=True,
                )
            )
        Guardian.objects.bulk_create(guardians, batch_size=1000)
        Meeting.objects.bulk_create(meetings, batch_size=1000)
        consents = [
            Consent(
                case=g.case,
                guardian=g,
                method=ConsentMethod.WRITTEN,
                given_on=now.date(),
                recorded_by=g.case.created_by,
            )
            for g in guardians
        ]
        Consent.objects.bulk_create(consents, batch_size=1000)
        chosen = {case.pk: rng.sample(organisations, min(3, len(organisations))) for case in cases}
        Consent.organisations.through.objects.bulk_create(
            [
                Consent.organisations.through(consent_id=c.pk, organisationtype_id=o.pk)
                for c in consents
                for o in chosen[c.case_id]
            ],
            batch_size=2000,
        )
        Case.areas.through.objects.bulk_create(
            [
                Case.areas.through(case_id=case.pk, wheelarea_id=w.pk)
                for case in cases
                for w in rng.sample(wheel, min(3, len(wheel)))
            ],
            batch_size=2000,
        )
        Invitation.objects.bulk_create(
            [
                Invitation(
                    case=m.case,
                    meeting=m,
                    organisation=o,
                    recipient=f"{o.name}, ansvarig",
                    channel=o.channel,
                    created_by=m.case.created_by,
                )
                for m in meetings
                for o in chosen[m.case_id]
            ],
            batch_size=2000,
        )
        versions = PlanVersion.objects.bulk_create(
            [
                PlanVersion(
                    case=case,
                    number=1,
                    is_current=True,
                    child_view="Barnet vill ha lugn i skolan.",
                    guardians_view="Vi vill ha ett samlat stöd.",
                    participants="Vårdnadshavare, skola, BUP",
                    created_by=case.created_by,
                )
                for case in cases
            ],
            batch_size=1000,
        )
        PlanItem.objects.bulk_create(
            [
                PlanItem(
                    version=v,
                    area=wheel[n % len(wheel)],
                    need=f"Behov {n + 1}",
                    action=f"Insats {n + 1}",
                    organisation=chosen[v.case_id][n % len(chosen[v.case_id])],
                    person="Ansvarig person",
                    due_on=(now + timedelta(days=30 * (n + 1))).date(),
                )
                for v in versions
                for n in range(PLAN_ITEMS)
            ],
            batch_size=2000,
        )
        AuditEntry.objects.bulk_create(
            [
                AuditEntry(
                    who=case.created_by,
                    who_username=case.created_by.username,
                    case=case,
                    case_ref=case.pk,
                    action=AuditAction.CHANGED,
                    detail="Skapat av bench",
                )
                for case in cases
            ],
            batch_size=2000,
        )
    return Case.objects.count()
