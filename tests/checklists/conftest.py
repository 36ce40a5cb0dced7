from pathlib import Path

import factory
import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.core.management import call_command

from checklists.services import assessment_start_year
from mandates.models import ChecklistItem
from organisation.models import Membership, MembershipRole, Unit, UnitKind
from organisation.roles import strateg_group

# The browser harness's fixtures, shared as tests/pages/conftest.py shares them: one Playwright
# session for the whole run (the sync API allows one per thread), so test_browser.py runs in
# the full suite too; a CSP-enforcing page, axe and the seed content.
from tests.browser.conftest import axe, browser, content, page  # noqa: F401

FIXTURES = Path(settings.BASE_DIR, "fixtures")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Test"


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    name = factory.Sequence(lambda n: f"Verksamhet {n:03d}")
    kind = UnitKind.VARDCENTRAL
    municipality_id = "vaxjo"


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    unit = factory.SubFactory(UnitFactory)
    user = factory.SubFactory(UserFactory)
    role = MembershipRole.MEDARBETARE


@pytest.fixture
def items(db):
    """The real 5 areas × 3 items from the support package."""
    call_command(
        "loaddata",
        str(FIXTURES / "10_mandate_areas.json"),
        str(FIXTURES / "30_checklist_items.json"),
        verbosity=0,
    )
    return list(ChecklistItem.objects.select_related("area").order_by("area__order", "order"))


@pytest.fixture
def unit(db):
    return UnitFactory(name="Vårdcentralen Teleborg")


@pytest.fixture
def member(unit):
    return MembershipFactory(unit=unit, user=UserFactory(username="anna"), role="familjeombud").user


@pytest.fixture
def other_member(unit):
    return MembershipFactory(unit=unit, user=UserFactory(username="bertil"), role="chef").user


@pytest.fixture
def outsider(db):
    other = UnitFactory(name="Annan verksamhet")
    return MembershipFactory(unit=other, user=UserFactory(username="olle")).user


@pytest.fixture
def strateg(db):
    user = UserFactory(username="stina")
    user.groups.add(strateg_group())
    return user


@pytest.fixture
def superuser(db):
    return User.objects.create_superuser("admin", password="x")


@pytest.fixture
def assessment(unit, member, items):
    return assessment_start_year(unit=unit, year=2026, by=member, copy_previous=False)
