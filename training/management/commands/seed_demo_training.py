"""Demo data for Utbildning (`make run` via dev_setup, --dev): for each demo unit one held
session with notes and agreed actions (one still open, tied to a checklist item) and one
planned session. Written through the training services, like a planner would; safe to repeat:
a unit that already has the demo sessions is left alone."""

from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from checklists.management.commands.seed_demo_units import DEV_UNITS
from mandates.models import ChecklistItem, Film, MandateArea, Presentation, ReflectionQuestion
from organisation.models import Membership, Unit
from training.models import ItemKind, TrainingSession
from training.services import (
    PLANNER_ROLES,
    ActionInput,
    PackageChoice,
    action_mark_done,
    session_add_package_items,
    session_plan,
    session_record_outcome,
)

HELD_TITLE = "Arbetsplatsträff om stödpaketet (demo)"
PLANNED_TITLE = "Uppföljande arbetsplatsträff (demo)"
NO_CONTENT = (
    "Stödpaketet saknar ett publicerat mandatområde med presentation, film, reflektionsfråga "
    "och checklistpunkt: läs in fixtures/ först (manage.py dev_setup gör det)."
)
NO_UNITS = "Inga demoverksamheter: kör 'manage.py seed_demo_units --dev' först."
QUESTION_NOTE = (
    "Vi pratade om hur vi uppmärksammar barn som anhöriga redan vid inskrivningen och vem som "
    "tar kontakt med socialtjänsten när vi är oroliga."
)
SUMMARY = "Bra diskussion; rutinen för orosanmälan behöver synas bättre i personalrummet."


def demo_area() -> MandateArea | None:
    """The first published area that has everything a demo session uses."""
    for area in MandateArea.objects.published().order_by("order", "pk"):
        content = [
            Presentation.objects.published().filter(area=area),
            Film.objects.published().filter(area=area),
            ReflectionQuestion.objects.published().filter(area=area),
            ChecklistItem.objects.published().filter(area=area),
        ]
        if all(qs.exists() for qs in content):
            return area
    return None


def first_pk(queryset) -> int:
    return queryset.published().order_by("order", "pk").values_list("pk", flat=True)[0]


def planner_for(unit: Unit):
    """The unit's familjeombud or chef, else the administrator (who may plan everywhere)."""
    membership = (
        Membership.objects.filter(unit=unit, role__in=PLANNER_ROLES, user__is_active=True)
        .select_related("user")
        .order_by("role", "pk")
        .first()
    )
    if membership:
        return membership.user
    return get_user_model().objects.filter(is_superuser=True, is_active=True).order_by("pk").first()


class Command(BaseCommand):
    help = "Skapar demotillfällen för Utbildning (--dev: för demoverksamheterna, upprepningsbart)."

    def add_arguments(self, parser):
        parser.add_argument("--dev", action="store_true")

    def handle(self, *args, dev, **options):
        if not dev:
            raise CommandError("Ange --dev: kommandot skapar bara det lilla demosetet.")
        area = demo_area()
        if area is None:
            raise CommandError(NO_CONTENT)
        units = list(Unit.objects.filter(name__in=[name for name, *_ in DEV_UNITS]).order_by("pk"))
        if not units:
            raise CommandError(NO_UNITS)
        today = timezone.localdate()
        created = skipped = 0
        for unit in units:
            by = planner_for(unit)
            if by is None:
                skipped += 1
                continue
            with transaction.atomic():
                created += self.seed_held(unit, area, by, today)
                created += self.seed_planned(unit, area, by, today)
        self.stdout.write(
            self.style.SUCCESS(
                f"Utbildning: {created} demotillfällen skapade för {len(units) - skipped} "
                f"verksamheter (befintliga lämnas orörda)."
            )
        )

    def seed_held(self, unit, area, by, today: datetime.date) -> int:
        if TrainingSession.objects.filter(unit=unit, title=HELD_TITLE).exists():
            return 0
        session = session_plan(
            unit=unit,
            date=today - datetime.timedelta(days=14),
            start_time=datetime.time(13, 0),
            areas=[area],
            by=by,
            title=HELD_TITLE,
        )
        self.add_items(session, area, by)
        question = session.items.get(kind=ItemKind.QUESTION)
        item = ChecklistItem.objects.published().filter(area=area).order_by("order", "pk")[0]
        session_record_outcome(
            session=session,
            participants=12,
            notes={question.pk: QUESTION_NOTE},
            summary=SUMMARY,
            actions=[
                ActionInput(
                    what="Sätta upp rutinen för orosanmälan i personalrummet",
                    who="Familjeombudet",
                    due_on=today + datetime.timedelta(days=30),
                    checklist_item_id=item.pk,
                ),
                ActionInput(
                    what="Skicka ut presentationen till dem som inte var med",
                    who="Chefen",
                    due_on=today - datetime.timedelta(days=7),
                ),
            ],
            by=by,
            today=today,
        )
        done = session.actions.get(checklist_item__isnull=True)
        action_mark_done(action=done, by=by)
        return 1

    def seed_planned(self, unit, area, by, today: datetime.date) -> int:
        if TrainingSession.objects.filter(unit=unit, title=PLANNED_TITLE).exists():
            return 0
        session = session_plan(
            unit=unit,
            date=today + datetime.timedelta(days=21),
            start_time=datetime.time(8, 30),
            areas=[area],
            by=by,
            title=PLANNED_TITLE,
        )
        self.add_items(session, area, by)
        return 1

    def add_items(self, session, area, by) -> None:
        session_add_package_items(
            session=session,
            chosen=PackageChoice(
                presentations=[first_pk(Presentation.objects.filter(area=area))],
                films=[first_pk(Film.objects.filter(area=area))],
                questions=[first_pk(ReflectionQuestion.objects.filter(area=area))],
            ),
            by=by,
        )
