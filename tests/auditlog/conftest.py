import pytest
from django.contrib.auth.models import Permission

from organisation.models import Membership, MembershipRole, Unit, UnitKind
from samverkan.services import cases as cs
from tests.samverkan import conftest as samverkan_fixtures

# The samverkan suite's fixtures, shared rather than copied.
VALID_PNR = samverkan_fixtures.VALID_PNR
directory = samverkan_fixtures.directory
make_clinician = samverkan_fixtures.make_clinician
clinician = samverkan_fixtures.clinician
new_case = samverkan_fixtures.new_case


@pytest.fixture
def unit(db):
    return Unit.objects.create(name="Vårdcentralen Teleborg", kind=UnitKind.VARDCENTRAL,
                               municipality_id="vaxjo")  # fmt: skip


@pytest.fixture
def owner(clinician, unit):
    Membership.objects.create(unit=unit, user=clinician, role=MembershipRole.FAMILJEOMBUD)
    return clinician


@pytest.fixture
def colleague(make_clinician):
    return make_clinician("kollegan")


@pytest.fixture
def stranger(make_clinician):
    """A clinician who is not on the case."""
    return make_clinician("frammande")


@pytest.fixture
def case(new_case, owner, colleague):
    case = new_case(actor=owner)
    cs.case_add_member(case=case, actor=owner, colleague=colleague)
    return case


@pytest.fixture
def reviewer(django_user_model):
    """Not a superuser: the review permission alone opens the review page."""
    user = django_user_model.objects.create_user(username="granskaren", password="x")
    user.user_permissions.add(Permission.objects.get(codename="review_audit_log"))
    return django_user_model.objects.get(pk=user.pk)
