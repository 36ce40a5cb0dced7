import datetime

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.utils import timezone

from organisation.models import Municipality
from samverkan.models import OrganisationType, WheelArea
from samverkan.services import cases as cs
from samverkan.services import meetings as ms
from samverkan.services.plan import PlanItemData, case_save_plan

VALID_PNR = "201212121212"


@pytest.fixture
def directory(db):
    call_command("loaddata", "fixtures/40_samverkan_directory.json", verbosity=0)
    call_command("loaddata", "fixtures/41_samverkan_routine.json", verbosity=0)


@pytest.fixture
def make_clinician(db, django_user_model):
    def make(username="klinikern"):
        user = django_user_model.objects.create_user(username=username, password="x")
        user.groups.add(Group.objects.get(name="Kliniker"))
        return django_user_model.objects.get(pk=user.pk)

    return make


@pytest.fixture
def clinician(make_clinician):
    return make_clinician("klinikern")


@pytest.fixture
def org(directory):
    return lambda name: OrganisationType.objects.get(name=name)


@pytest.fixture
def new_case(clinician, directory):
    def make(**kwargs):
        defaults = {
            "actor": clinician,
            "child_name": "Testa Barnsson",
            "child_personnummer": VALID_PNR,
            "child_address": "Gatan 1, Växjö",
            "municipality": Municipality.objects.get(name="Växjö"),
            "unit_name": "BUP Växjö",
            "unit_phone": "0470-58 80 00",
            # Fixtures make several cases for one child on purpose; the warning has its own
            # tests (test_duplicate_cases.py).
            "duplicate_confirmed": True,
        }
        defaults.update(kwargs)
        return cs.case_create(**defaults)

    return make


@pytest.fixture
def activated_case(new_case, clinician):
    case = new_case()
    return cs.case_record_needs_assessment(
        case=case,
        actor=clinician,
        noticed="Oro i skolan",
        own_care_sufficient=False,
        other_org_alone=False,
        together=True,
    )


@pytest.fixture
def consented_case(activated_case, clinician, org):
    case = activated_case
    cs.case_set_custody(case=case, actor=clinician, custody="one")
    g = cs.case_add_guardian(case=case, actor=clinician, name="Vera Vårdnadshavare")
    cs.case_record_consent(
        case=case,
        actor=clinician,
        guardian=g,
        by_youth=False,
        method="oral",
        given_on=timezone.localdate(),
        organisations=[org("Skola"), org("Socialtjänsten")],
    )
    return cs.case_complete_consent(case=case, actor=clinician)


@pytest.fixture
def invited_case(consented_case, clinician, org):
    case = consented_case
    ms.case_record_initiation(
        case=case,
        actor=clinician,
        age_group="school",
        municipality=case.municipality,
        areas=list(WheelArea.objects.filter(order__in=[1, 3])),
    )
    ms.case_book_meeting(
        case=case,
        actor=clinician,
        form="physical",
        room="Rum 3",
        starts_at=timezone.now() + datetime.timedelta(days=7),
    )
    ms.case_invite(case=case, actor=clinician, organisation=org("Skola"), recipient="Rektor")
    return case


@pytest.fixture
def planned_case(invited_case, clinician, org):
    case = invited_case
    # The meeting day has come: a meeting is held on or after its date.
    case.meetings.update(starts_at=timezone.now())
    ms.case_record_meeting(case=case, actor=clinician, guide_confirmed=True)
    area = case.areas.order_by("order").first()
    case_save_plan(
        case=case,
        actor=clinician,
        items=[
            PlanItemData(
                area,
                "Stöd i läsning",
                "Extra lästräning",
                org("Skola"),
                "Rektor",
                timezone.localdate() + datetime.timedelta(days=30),
            ),
        ],
        child_view="Vill ha hjälp",
        guardians_view="Positiva",
        participants="Rektor, kurator",
    )
    case.refresh_from_db()
    return case
