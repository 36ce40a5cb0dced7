import pytest
from django.contrib.auth.models import Permission

from checklists.models import Membership, MembershipRole, Unit, UnitKind
from samverkan.services import cases as cs
from tests.samverkan.conftest import (  # noqa: F401 - fixtures shared with samverkan's tests
    VALID_PNR,
    clinician,
    directory,
    make_clinician,
    new_case,
)


@pytest.fixture
def unit(db):
    return Unit.objects.create(name="Vårdcentralen Teleborg", kind=UnitKind.VARDCENTRAL,
                               municipality="vaxjo")  # fmt: skip


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
