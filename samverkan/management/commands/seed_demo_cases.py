"""A demo clinician and demo cases so a newcomer can walk the routine after `make run`.
Safe to repeat: users and cases are found by fixed keys, never duplicated."""

import secrets
import uuid

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from organisation.models import Municipality
from samverkan.identity import IdKind
from samverkan.models import AuditAction, Case
from samverkan.services.audit import audit

DEMO_USERNAME = "demo.kliniker"
DEMO_CASE_ID = uuid.UUID("d3e0c45e-5a3f-4c2e-9b1d-7e6a9c0f1e01")
DEMO_ADMIN_CASE_ID = uuid.UUID("d3e0c45e-5a3f-4c2e-9b1d-7e6a9c0f1e02")
# Skatteverket's well-known test number: valid format and check digit, belongs to nobody.
DEMO_PERSONNUMMER = "201212121212"


def _demo_case(pk, owner, child_name) -> Case:
    case, created = Case.objects.get_or_create(
        pk=pk,
        defaults={
            "created_by": owner,
            "child_name": child_name,
            "child_personnummer": DEMO_PERSONNUMMER,
            "child_id_kind": IdKind.PERSONNUMMER,
            "child_address": "Demogatan 1, 351 00 Växjö",
            "municipality": Municipality.objects.filter(name="Växjö").first(),
        },
    )
    if created:
        audit(who=owner, case=case, action=AuditAction.CHANGED, detail="Demoärende skapat.")
    elif not case.child_id_kind and case.child_personnummer == DEMO_PERSONNUMMER:
        # A demo case made before the number's kind was recorded showed "Personnummer –".
        case.child_id_kind = IdKind.PERSONNUMMER
        case.save(update_fields=["child_id_kind"])
    return case


class Command(BaseCommand):
    help = "Skapar en demokliniker och demoärenden (bara för utveckling, kräver --dev)."

    def add_arguments(self, parser):
        parser.add_argument("--dev", action="store_true")

    @transaction.atomic
    def handle(self, *args, dev, **options):
        if not dev:
            raise CommandError("Demodata skapas bara med --dev, aldrig i produktion.")
        User = get_user_model()
        password = secrets.token_urlsafe(12)
        clinician, created = User.objects.get_or_create(
            username=DEMO_USERNAME, defaults={"first_name": "Demo", "last_name": "Kliniker"}
        )
        clinician.set_password(password)
        clinician.save(update_fields=["password"])
        clinician.groups.add(Group.objects.get(name="Kliniker"))
        case = _demo_case(DEMO_CASE_ID, clinician, "Demo Demosson")
        self.stdout.write(
            f"Demokliniker: användarnamn {DEMO_USERNAME}, lösenord {password} "
            f"({'skapad' if created else 'nytt lösenord'}). Demoärende {case.short_ref}."
        )
        admin = User.objects.filter(is_superuser=True).order_by("pk").first()
        if admin is not None:
            admin_case = _demo_case(DEMO_ADMIN_CASE_ID, admin, "Demo Adminsson")
            self.stdout.write(f"Demoärende {admin_case.short_ref} ägs av {admin.get_username()}.")
