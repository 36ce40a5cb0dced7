"""Read-side helpers shared by the unit page, its printable report and the JSON save response."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import DEFAULT_DB_ALIAS
from django.db.models import Count, Exists, F, FilteredRelation, OuterRef, Q, Window
from django.db.models.functions import RowNumber
from django.http import Http404
from django.utils import timezone

from core.compiled import CompiledQuery
from mandates.models import ChecklistItem, MandateArea
from organisation.models import Membership, Municipality, Unit, sees_every_unit

from .models import Assessment, ItemAssessment, StatusChange
from .prerequisites import familjeombud_by_unit, unit_flags
from .progress import Progress, entry_progress

User = get_user_model()


def current_year() -> int:
    return timezone.localdate().year


def year_from(value, default: int | None = None) -> int:
    """A year from a query string; anything odd falls back to the current year (never a 500)."""
    try:
        year = int(value)
    except (TypeError, ValueError):
        return default or current_year()
    return year if 2000 <= year <= 2100 else (default or current_year())


def awaiting_confirmation(entry: ItemAssessment | None) -> bool:
    """An answer carried over from last year stays marked until a member confirms or changes
    it: its latest history line is still the copy (the unit page's recent history when loaded)."""
    if entry is None:
        return False
    recent = getattr(entry, "recent_history", None)  # oldest first (latest_history)
    if recent is not None:
        return bool(recent) and recent[-1].copied
    latest = entry.history.order_by("-changed_at", "-pk").only("copied").first()
    return latest is not None and latest.copied


@dataclass
class ItemRow:
    item: ChecklistItem
    entry: ItemAssessment | None

    @property
    def carried_over(self) -> bool:
        return awaiting_confirmation(self.entry)


@dataclass
class AreaBlock:
    area: MandateArea
    progress: Progress
    items: list[ItemRow] = field(default_factory=list)


UNIT_FIELDS = ["id", "name", "kind", "municipality_id"]
ASSESSMENT_FIELDS = ["id", "unit_id", "year", "copied_from_id", "created_at", "created_by_id"]
AREA_FIELDS = ["id", "slug", "name", "order", "published"]
ITEM_FIELDS = ["id", "area_id", "order", "text", "published"]
ENTRY_FIELDS = ["id", "assessment_id", "item_id", "status", "reason", "comment"]
ENTRY_FIELDS += ["changed_by_id", "changed_at"]
CHANGE_FIELDS = ["id", "entry_id", "from_status", "to_status", "reason", "comment", "copied"]
CHANGE_FIELDS += ["changed_by_id", "changed_at"]
USER_FIELDS = ["id", "username", "first_name", "last_name"]
# The unit page shows each item's latest changes only; the item's own page shows them all
# (issue 20: any member could inflate the page with a thousand saves).
HISTORY_SHOWN = 5


def latest_history(entries: list[ItemAssessment], shown: int = HISTORY_SHOWN) -> None:
    """Sets entry.recent_history (the latest `shown` changes, oldest first) and
    entry.history_count on every entry, in one query whatever the length of the history."""
    by_pk = {e.pk: e for e in entries}
    for entry in entries:
        entry.recent_history, entry.history_count = [], 0
    if not by_pk:
        return
    newest_first = [F("changed_at").desc(), F("pk").desc()]
    changes = (
        StatusChange.objects.filter(entry_id__in=by_pk)
        .select_related("changed_by")
        .only(*CHANGE_FIELDS, *_paths("changed_by__", USER_FIELDS))
        .annotate(
            rank=Window(RowNumber(), partition_by=[F("entry_id")], order_by=newest_first),
            total=Window(Count("pk"), partition_by=[F("entry_id")]),
        )
        .filter(rank__lte=shown)
        .order_by("entry_id", "changed_at", "pk")
    )
    for change in changes:
        entry = by_pk[change.entry_id]
        entry.recent_history.append(change)
        entry.history_count = change.total


def _paths(prefix: str, names: list[str]) -> list[str]:
    return [f"{prefix}{n}" for n in names]


def _build(model, row: dict, prefix: str, names: list[str]):
    """A model instance from one values() row (None when the LEFT JOIN found nothing): the
    unit page reads units, areas, items, answers and history in one or two queries."""
    if row[f"{prefix}id"] is None:
        return None
    ordered = [f.attname for f in model._meta.concrete_fields if f.attname in names]
    return model.from_db(DEFAULT_DB_ALIAS, ordered, [row[f"{prefix}{n}"] for n in ordered])


@dataclass
class UnitAccess:
    unit: Unit
    assessments: list[Assessment]  # newest year first
    is_member: bool


def _unit_query(user, pk):
    return (
        Unit.objects.visible_to(user)
        .filter(pk=pk)
        .annotate(is_member=Exists(Membership.objects.filter(unit=OuterRef("pk"), user=user)))
        .values(
            *UNIT_FIELDS,
            "municipality__name",
            "is_member",
            *_paths("assessments__", ASSESSMENT_FIELDS),
        )
        .order_by("-assessments__year")
    )


def _stand_in(sees_every: bool, pk: int):
    # Compiled for a user of the same kind as the one asking (visible_to branches on it): a
    # superuser stand-in takes visible_to's every-unit branch, an active one without
    # permissions its members-only branch.
    return User(pk=pk, is_active=True, is_superuser=sees_every)


_UNIT = CompiledQuery(
    lambda sees_every, user, pk: _unit_query(_stand_in(sees_every, user), pk),
    user=User._meta.pk,
    pk=Unit._meta.pk,
)


def unit_for(user, pk: int) -> UnitAccess:
    """A unit the user may see, its assessments and whether the user is a member, in one
    query (compiled once for each kind of user, see core.compiled); 404 for units the user
    may not see (their existence is not revealed)."""
    if user.is_authenticated and user.is_active:
        rows = _UNIT.dicts(shape=sees_every_unit(user), user=user.pk, pk=pk)
    else:
        rows = list(Unit.objects.visible_to(user))  # none: signed out or deactivated
    if not rows:
        raise Http404
    unit = _build(Unit, rows[0], "", UNIT_FIELDS)
    unit.municipality = Municipality(code=unit.municipality_id, name=rows[0]["municipality__name"])
    assessments = [_build(Assessment, r, "assessments__", ASSESSMENT_FIELDS) for r in rows]
    assessments = [a for a in assessments if a is not None]
    for a in assessments:
        a.unit = unit
    return UnitAccess(unit, assessments, rows[0]["is_member"])


def checklist_blocks(assessment: Assessment | None) -> list[AreaBlock]:
    """Published areas with their published items and each item's answer for the assessment
    (one query: LEFT JOINs through filtered relations), then the latest changes of every
    answer (one query, see latest_history)."""
    aid = assessment.pk if assessment else None
    rows = (
        MandateArea.objects.published()
        .annotate(
            it=FilteredRelation("checklist_items", condition=Q(checklist_items__published=True)),
            en=FilteredRelation("it__assessments", condition=Q(it__assessments__assessment=aid)),
        )
        .values(
            *AREA_FIELDS,
            *_paths("it__", ITEM_FIELDS),
            *_paths("en__", ENTRY_FIELDS),
            *_paths("en__changed_by__", USER_FIELDS),
        )
        .order_by(
            "order",
            "name",
            "pk",
            "it__order",
            "it__pk",
        )  # fmt: skip
    )
    blocks: list[AreaBlock] = []
    for row in rows:
        if not blocks or blocks[-1].area.pk != row["id"]:
            blocks.append(AreaBlock(_build(MandateArea, row, "", AREA_FIELDS), Progress()))
        block = blocks[-1]
        if row["it__id"] is None:
            continue
        if not block.items or block.items[-1].item.pk != row["it__id"]:
            item = _build(ChecklistItem, row, "it__", ITEM_FIELDS)
            entry = _build(ItemAssessment, row, "en__", ENTRY_FIELDS)
            if entry is not None:
                entry.item = item
                entry.changed_by = _build(User, row, "en__changed_by__", USER_FIELDS)
            block.items.append(ItemRow(item, entry))
    for block in blocks:
        block.area.n_items = len(block.items)
        entries = [r.entry for r in block.items if r.entry is not None]
        block.progress = entry_progress(entries, [block.area])[block.area.pk]
    latest_history([r.entry for b in blocks for r in b.items if r.entry is not None])
    return blocks


def unit_years(assessments: list[Assessment], year: int) -> list[int]:
    """The years the unit page offers: those with a checklist, this year and the one shown."""
    return sorted({a.year for a in assessments} | {current_year(), year}, reverse=True)


def unit_page(unit: Unit, year: int, assessments: list[Assessment]) -> dict:
    """Everything the unit page shows for one year, in two queries (``assessments`` come from
    unit_for)."""
    assessment = next((a for a in assessments if a.year == year), None)
    blocks = checklist_blocks(assessment)
    ombud = familjeombud_by_unit([unit.pk], year).get(unit.pk, [])
    return {
        "year": year,
        "years": unit_years(assessments, year),
        "assessment": assessment,
        "previous": next((a for a in assessments if a.year < year), None),
        "blocks": blocks,
        "overall": sum((b.progress for b in blocks), Progress()),
        "ombud": ombud,
        "ombud_flags": unit_flags(ombud),
    }
