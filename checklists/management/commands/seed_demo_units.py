"""Demo data for the readiness pages: a small, idempotent set for `make run` (--dev), or a large
set for trying the dashboard at region scale (--units 500 --years 3), written with bulk_create."""

from __future__ import annotations

import datetime
import random
import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

from checklists.figures import figures_changed
from checklists.models import (
    Assessment,
    EventAttendance,
    EventKind,
    ItemAssessment,
    ItemStatus,
    RegionEvent,
    StatusChange,
)
from mandates.models import ChecklistItem
from organisation.models import Membership, MembershipRole, Municipality, Unit, UnitKind
from organisation.roles import strateg_group

DEV_UNITS = [
    ("Vårdcentralen Teleborg", UnitKind.VARDCENTRAL, "vaxjo"),
    ("BVC Centrum Växjö", UnitKind.BVC, "vaxjo"),
    ("Barn- och ungdomspsykiatrin Växjö", UnitKind.BUP, "vaxjo"),
    ("Akutmottagningen Växjö", UnitKind.AKUTMOTTAGNING, "vaxjo"),
    ("Vuxenpsykiatrin Ljungby", UnitKind.VUXENPSYKIATRI, "ljungby"),
    ("Folktandvården Ljungby", UnitKind.TANDVARD, "ljungby"),
    ("Vårdcentralen Alvesta", UnitKind.VARDCENTRAL, "alvesta"),
    ("Vårdcentralen Lessebo", UnitKind.VARDCENTRAL, "lessebo"),
    ("BVC Markaryd", UnitKind.BVC, "markaryd"),
    ("Folktandvården Tingsryd", UnitKind.TANDVARD, "tingsryd"),
    ("Vårdcentralen Åseda", UnitKind.VARDCENTRAL, "uppvidinge"),
    ("Habiliteringen Älmhult", UnitKind.HABILITERING, "almhult"),
]
DEV_USERS = [
    # username, first, last, unit index, role
    ("demo.familjeombud", "Frida", "Familjeombud", 0, MembershipRole.FAMILJEOMBUD),
    ("demo.chef", "Carl", "Chef", 0, MembershipRole.CHEF),
    ("demo.medarbetare", "Maja", "Medarbetare", 1, MembershipRole.MEDARBETARE),
    ("demo.ombud2", "Omar", "Ombudsson", 4, MembershipRole.FAMILJEOMBUD),
]
DEV_STRATEG = ("demo.strateg", "Stina", "Strateg")

SITES = ["Centrum", "Norr", "Söder", "Öster", "Väster", "Hälsan", "Sjön", "Parken", "Torget"]


def _statuses(rng: random.Random, n: int, maturity: float) -> list[str]:
    """Later years and stronger units have more items done; a few are not applicable."""
    out = []
    for _ in range(n):
        r = rng.random()
        if r < 0.05:
            out.append(ItemStatus.NOT_APPLICABLE)
        elif r < 0.05 + maturity:
            out.append(ItemStatus.DONE)
        elif r < 0.05 + maturity + 0.2:
            out.append(ItemStatus.IN_PROGRESS)
        else:
            out.append(ItemStatus.NOT_STARTED)
    return out


class Command(BaseCommand):
    help = "Skapar demoverksamheter med checklistor (--dev: ett litet, upprepningsbart demoset)."

    def add_arguments(self, parser):
        parser.add_argument("--units", type=int, default=12)
        parser.add_argument("--years", type=int, default=3)
        parser.add_argument("--dev", action="store_true")
        parser.add_argument("--seed", type=int, default=4)

    def handle(self, *args, units, years, dev, seed, **options):
        if units < 1 or not 1 <= years <= 10:
            raise CommandError("--units måste vara minst 1 och --years mellan 1 och 10.")
        if not ChecklistItem.objects.published().exists():
            raise CommandError(
                "Inga checklistpunkter: läs in fixtures/30_checklist_items.json först."
            )
        rng = random.Random(seed)
        with transaction.atomic():
            if dev:
                self.seed_dev(rng, years)
            else:
                self.seed_many(rng, units, years)
        figures_changed()  # bulk_create sends no signals
        if connection.vendor == "postgresql":
            # Fresh statistics, as autovacuum would give a while later: with the planner's
            # estimates from before the bulk insert the unit page's join scanned whole tables.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")

    # --- small, idempotent demo set -------------------------------------------------------
    def seed_dev(self, rng: random.Random, years: int) -> None:
        User = get_user_model()
        unit_objs = []
        for name, kind, municipality in DEV_UNITS:
            unit, _ = Unit.objects.get_or_create(
                name=name, defaults={"kind": kind, "municipality_id": municipality}
            )
            unit_objs.append(unit)
        password = secrets.token_urlsafe(9)
        created_users = []
        for username, first, last, index, role in DEV_USERS:
            user, created = User.objects.get_or_create(
                username=username, defaults={"first_name": first, "last_name": last}
            )
            if created:
                user.set_password(password)
                user.save(update_fields=["password"])
                created_users.append(username)
            Membership.objects.get_or_create(
                unit=unit_objs[index], user=user, defaults={"role": role, "days_per_month": 2}
            )
        username, first, last = DEV_STRATEG
        strateg, created = User.objects.get_or_create(
            username=username, defaults={"first_name": first, "last_name": last}
        )
        if created:
            strateg.set_password(password)
            strateg.save(update_fields=["password"])
            created_users.append(username)
        strateg.groups.add(strateg_group())

        admin = User.objects.filter(is_superuser=True).order_by("pk").first()
        if admin:
            Membership.objects.get_or_create(
                unit=unit_objs[0],
                user=admin,
                defaults={"role": MembershipRole.FAMILJEOMBUD, "days_per_month": 2},
            )

        this_year = timezone.localdate().year
        # The first unit (the demo familjeombud's and the administrator's) has the earlier
        # years, so a newcomer sees history and a trend, and this year is left for them to
        # start, empty or from last year's answers.
        missing = [
            (unit, year)
            for index, unit in enumerate(unit_objs)
            for year in range(this_year - years + 1, this_year + (0 if index == 0 else 1))
            if not Assessment.objects.filter(unit=unit, year=year).exists()
        ]
        self.create_assessments(rng, missing, this_year - years + 1)
        self.seed_events(this_year, User.objects.filter(username__in=[u[0] for u in DEV_USERS]))

        self.stdout.write(self.style.SUCCESS(f"Demoverksamheter: {len(unit_objs)} st."))
        if admin:
            self.stdout.write(
                f"  Administratören {admin.get_username()} är familjeombud för {unit_objs[0]}."
            )
        names = ", ".join(u[0] for u in DEV_USERS) + f", {DEV_STRATEG[0]} (region)"
        self.stdout.write(f"  Demoanvändare: {names}")
        if created_users:
            self.stdout.write(f"  Lösenord för nya demoanvändare: {password}")
        else:
            self.stdout.write("  Demoanvändarna fanns redan (lösenordet skrevs ut första gången).")

    def seed_events(self, year: int, users) -> None:
        events = [
            (EventKind.BASIC_TRAINING, datetime.date(year - 1, 3, 10), "Grundutbildning dag 1"),
            (EventKind.BASIC_TRAINING, datetime.date(year - 1, 3, 24), "Grundutbildning dag 2"),
            (EventKind.NETWORK_MEETING, datetime.date(year, 3, 15), "Nätverksträff våren"),
            (EventKind.NETWORK_MEETING, datetime.date(year, 10, 15), "Nätverksträff hösten"),
        ]
        objs = [RegionEvent.objects.get_or_create(kind=k, date=d, title=t)[0] for k, d, t in events]
        for user in users:
            if user.username == "demo.familjeombud":
                for event in objs[:3]:
                    if event.date <= timezone.localdate():
                        EventAttendance.objects.get_or_create(event=event, user=user)

    # --- large data set ---------------------------------------------------------------------
    def seed_many(self, rng: random.Random, count: int, years: int) -> None:
        User = get_user_model()
        start = Unit.objects.count()
        kinds = list(UnitKind)
        municipalities = list(Municipality.objects.values_list("code", flat=True))
        units = Unit.objects.bulk_create(
            Unit(
                name=f"{rng.choice(kinds).label} {rng.choice(SITES)} {start + i + 1}",
                kind=rng.choice(kinds),
                municipality_id=rng.choice(municipalities),
            )
            for i in range(count)
        )
        units = list(Unit.objects.order_by("-pk")[:count])
        tag = f"{start + 1}"
        users = User.objects.bulk_create(
            User(username=f"demo{tag}.u{i}", first_name="Demo", last_name=str(i), password="!")  # nosec B106
            for i in range(2 * count)
        )
        users = list(User.objects.filter(username__startswith=f"demo{tag}.u").order_by("pk"))
        memberships = []
        for i, unit in enumerate(units):
            ombud, chef = users[2 * i], users[2 * i + 1]
            memberships.append(
                Membership(
                    unit=unit,
                    user=ombud,
                    role=MembershipRole.FAMILJEOMBUD,
                    days_per_month=rng.choice([None, 0, 1, 2, 2, 3, 4]),
                )
            )
            memberships.append(Membership(unit=unit, user=chef, role=MembershipRole.CHEF))
        Membership.objects.bulk_create(memberships)
        this_year = timezone.localdate().year
        first = this_year - years + 1
        pairs = [(u, y) for u in units for y in range(first, this_year + 1)]
        self.create_assessments(rng, pairs, first)
        self.stdout.write(
            self.style.SUCCESS(f"Skapade {count} verksamheter med {len(pairs)} checklistor.")
        )

    def create_assessments(self, rng: random.Random, pairs, first_year: int) -> None:
        items = list(ChecklistItem.objects.published().values_list("pk", flat=True))
        Assessment.objects.bulk_create(Assessment(unit=unit, year=year) for unit, year in pairs)
        by_key = {
            (a.unit_id, a.year): a
            for a in Assessment.objects.filter(
                unit__in={u.pk for u, _ in pairs}, year__in={y for _, y in pairs}
            )
        }
        now = timezone.now()
        strength = {}
        entries = []
        for unit, year in pairs:
            bias = strength.setdefault(unit.pk, rng.uniform(-0.15, 0.2))
            maturity = max(0.0, min(0.75, 0.15 + 0.2 * (year - first_year) + bias))
            assessment = by_key[(unit.pk, year)]
            for item_id, status in zip(items, _statuses(rng, len(items), maturity), strict=True):
                entries.append(
                    ItemAssessment(
                        assessment=assessment,
                        item_id=item_id,
                        status=status,
                        reason="Gäller inte verksamheten"
                        if status == ItemStatus.NOT_APPLICABLE
                        else "",
                        changed_at=now if status != ItemStatus.NOT_STARTED else None,
                    )
                )
        ItemAssessment.objects.bulk_create(entries, batch_size=2000)
        changed = ItemAssessment.objects.filter(
            assessment__in=by_key.values(), changed_at__isnull=False
        ).values_list("pk", "status", "reason")
        StatusChange.objects.bulk_create(
            (
                StatusChange(
                    entry_id=pk,
                    from_status=ItemStatus.NOT_STARTED,
                    to_status=status,
                    reason=reason,
                    changed_at=now,
                )
                for pk, status, reason in changed.iterator()
            ),
            batch_size=2000,
        )
