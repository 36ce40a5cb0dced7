import datetime
from pathlib import Path

import factory
import pytest
from django.conf import settings
from django.contrib.auth.models import Group, Permission, User
from django.core.management import call_command

from mandates.models import MandateArea
from organisation.models import Membership, MembershipRole, Unit, UnitKind
from training.services import session_plan

FIXTURES = [
    str(Path(settings.BASE_DIR, "fixtures", name))
    for name in ["10_mandate_areas.json", "20_mandates_content.json", "30_checklist_items.json"]
]
PAST = datetime.date(2026, 3, 10)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"person{n}")


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    name = factory.Sequence(lambda n: f"Enhet {n:03d}")
    kind = UnitKind.BVC
    municipality_id = "ljungby"


def add_member(unit, username, role):
    user = UserFactory(username=username)
    Membership.objects.create(unit=unit, user=user, role=role)
    return user


@pytest.fixture
def package(db):
    """The support package exactly as the fixtures ship it (the source's real films)."""
    call_command("loaddata", *FIXTURES, verbosity=0)


@pytest.fixture
def unit(db):
    return UnitFactory(name="BVC Ljungby")


@pytest.fixture
def ombud(unit):
    return add_member(unit, "fia", MembershipRole.FAMILJEOMBUD)


@pytest.fixture
def chef(unit):
    return add_member(unit, "carl", MembershipRole.CHEF)


@pytest.fixture
def colleague(unit):
    """A member who reads the unit's sessions but does not plan them."""
    return add_member(unit, "maja", MembershipRole.MEDARBETARE)


@pytest.fixture
def outsider(db):
    return add_member(UnitFactory(name="Akuten Växjö"), "otto", MembershipRole.FAMILJEOMBUD)


@pytest.fixture
def strateg(db):
    user = UserFactory(username="stina")
    user.groups.add(Group.objects.get(name="Strateg"))
    return user


@pytest.fixture
def superuser(db):
    return User.objects.create_superuser("admin", password="x")


@pytest.fixture
def viewer_admin(db):
    """Staff with the admin permission to read sessions, but no planning rights."""
    user = UserFactory(username="vera", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_trainingsession"))
    return user


def area(slug):
    return MandateArea.objects.get(slug=slug)


@pytest.fixture
def session(package, unit, ombud):
    return session_plan(
        unit=unit,
        date=PAST,
        start_time=datetime.time(13, 0),
        areas=[area("vald-i-nara-relationer")],
        by=ombud,
        title="APT våld",
    )
