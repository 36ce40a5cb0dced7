"""The real parts for the background work: an SMTP server (aiosmtpd) on loopback, the queue's
own worker, and a world with a clinician's case and a unit's familjeombud and head."""

import asyncio
import datetime
import email
import logging
import os
import socket
import sqlite3
import sys
from contextlib import contextmanager
from dataclasses import dataclass, field
from email import policy
from urllib.parse import urlsplit, urlunsplit
from zoneinfo import ZoneInfo

import pytest
from aiosmtpd.controller import Controller
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.db import connection

from checklists.models import EventKind, RegionEvent
from organisation.models import Membership, MembershipRole, Municipality, Unit
from samverkan.models import (
    Case,
    CaseState,
    Meeting,
    OrganisationType,
    PlanItem,
    PlanVersion,
    WheelArea,
)
from tests.queue import run_queue  # noqa: F401  (the tests import it from here)
from training.models import Action, TrainingSession

STOCKHOLM = ZoneInfo("Europe/Stockholm")
# A Tuesday in March: after REMINDER_READINESS_FROM (03-01), before the daily reminders' time.
NOW = datetime.datetime(2026, 3, 10, 6, 45, tzinfo=STOCKHOLM)
CHILD_NAME = "Alva Hemligsdotter"
CHILD_PNR = "201212121212"
SECRET_WORDS = (CHILD_NAME, "Alva", "Hemligsdotter", CHILD_PNR, "20121212-1212", "121212-1212")


@dataclass
class Received:
    sender: str
    recipients: list[str]
    raw: bytes
    message: email.message.EmailMessage

    @property
    def subject(self) -> str:
        return str(self.message["subject"])

    @property
    def text(self) -> str:
        """Every header and every part, decoded: what a reader of the message could see."""
        headers = "\n".join(f"{k}: {v}" for k, v in self.message.items())
        parts = [part.get_content() for part in self.message.walk() if not part.is_multipart()]
        return headers + "\n" + "\n".join(parts)


@dataclass
class Inbox:
    messages: list[Received] = field(default_factory=list)
    host: str = "127.0.0.1"
    port: int = 0
    delay: float = 0.0  # seconds each message takes: a slow mail server

    async def handle_DATA(self, server, session, envelope):
        if self.delay:
            await asyncio.sleep(self.delay)
        self.messages.append(
            Received(
                envelope.mail_from,
                list(envelope.rcpt_tos),
                envelope.content,
                email.message_from_bytes(envelope.content, policy=policy.default),
            )
        )
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list[Received]:
        return [m for m in self.messages if address in m.recipients]

    def env(self) -> dict:
        """For a worker in another process."""
        return {
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": self.host,
            "EMAIL_PORT": str(self.port),
        }


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp(settings):
    """A real SMTP server on loopback; the portal's mail goes to it over TCP."""
    logging.getLogger("mail.log").setLevel(logging.WARNING)  # aiosmtpd's every command
    inbox = Inbox(port=free_port())
    controller = Controller(inbox, hostname=inbox.host, port=inbox.port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = inbox.host
    settings.EMAIL_PORT = inbox.port
    settings.EMAIL_USE_TLS = False
    yield inbox
    controller.stop()


WORKER = [sys.executable, "manage.py", "db_worker", "--no-reload", "--no-startup-delay"]


def process_env(database_url: str, **extra: str) -> dict:
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "familjeombud.settings.test",
        "CACHE_URL": "locmemcache://",
        **extra,
    }


@contextmanager
def database_for_another_process():
    """A DATABASE_URL another process can open with this test's (committed) data.

    PostgreSQL: the test database itself. SQLite: the test database is in this process's
    memory, which no other process can open, so it is copied to a file with SQLite's backup
    API, and the file, as the other process left it, is copied back when the block ends.
    """
    if connection.vendor == "postgresql":
        parts = urlsplit(os.environ["DATABASE_URL"])
        yield urlunsplit(parts._replace(path="/" + connection.settings_dict["NAME"]))
        return
    connection.ensure_connection()
    path = os.path.join(settings.BASE_DIR, f".pytest-worker-{os.getpid()}.sqlite3")
    try:
        target = sqlite3.connect(path)
        connection.connection.backup(target)
        target.close()
        yield f"sqlite:///{path}"
        source = sqlite3.connect(path)
        source.backup(connection.connection)
        source.close()
    finally:
        if os.path.exists(path):
            os.remove(path)


@dataclass
class World:
    clinician: object
    colleague: object
    familjeombud: object
    head: object
    member: object
    reviewer: object
    case: Case
    unit: Unit


@pytest.fixture
def world(db, django_user_model):
    """At NOW: the clinician's case has a meeting in two days and an overdue plan action; the
    unit has an agreed action due in three days, no readiness checklist for the year and a
    network meeting in five days."""
    call_command("loaddata", "fixtures/40_samverkan_directory.json", verbosity=0)
    users = {
        name: django_user_model.objects.create_user(
            username=name, password="x", email=f"{name}@example.se"
        )
        for name in ("kliniker", "kollega", "ombudet", "chefen", "medarbetaren", "granskaren")
    }
    users["kliniker"].groups.add(Group.objects.get(name="Kliniker"))
    users["granskaren"].user_permissions.add(Permission.objects.get(codename="review_audit_log"))
    case = Case.objects.create(
        created_by=users["kliniker"],
        state=CaseState.PLAN,
        child_name=CHILD_NAME,
        child_personnummer=CHILD_PNR,
        child_address="Hemliga gatan 1, Växjö",
        municipality=Municipality.objects.get(name="Växjö"),
    )
    case.members.add(users["kollega"])
    Meeting.objects.create(
        case=case,
        form="physical",
        room="Rum Alva",
        starts_at=NOW + datetime.timedelta(days=2),
    )
    version = PlanVersion.objects.create(
        case=case, number=1, created_by=users["kliniker"], child_view="Alva vill ha hjälp"
    )
    PlanItem.objects.create(
        version=version,
        area=WheelArea.objects.order_by("order").first(),
        need="Läsning för Alva",
        action="Lästräning",
        organisation=OrganisationType.objects.get(name="Skola"),
        person="Rektor",
        due_on=NOW.date() - datetime.timedelta(days=1),
    )
    unit = Unit.objects.create(
        name="Vårdcentralen Lönnen", kind="vardcentral", municipality_id="vaxjo"
    )
    for username, role in (
        ("ombudet", MembershipRole.FAMILJEOMBUD),
        ("chefen", MembershipRole.CHEF),
        ("medarbetaren", MembershipRole.MEDARBETARE),
    ):
        Membership.objects.create(unit=unit, user=users[username], role=role)
    session = TrainingSession.objects.create(
        unit=unit,
        date=NOW.date() - datetime.timedelta(days=20),
        start_time=datetime.time(13),
        created_by=users["ombudet"],
    )
    Action.objects.create(
        session=session,
        what="Sätta upp rutinen i fikarummet",
        who="Ombudet",
        due_on=NOW.date() + datetime.timedelta(days=3),
    )
    RegionEvent.objects.create(
        kind=EventKind.NETWORK_MEETING,
        date=NOW.date() + datetime.timedelta(days=5),
        title="Nätverksträff i Växjö",
    )
    return World(
        clinician=users["kliniker"],
        colleague=users["kollega"],
        familjeombud=users["ombudet"],
        head=users["chefen"],
        member=users["medarbetaren"],
        reviewer=users["granskaren"],
        case=case,
        unit=unit,
    )
