"""A unit's sessions and agreed actions for one year, as rows for CSV and XLSX: the unit's input
to Barnbokslutet. Two tables: one row per session, one row per action."""

from __future__ import annotations

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from core.exports import Table, csv_bytes, xlsx_bytes
from mandates.models import MandateArea
from organisation.models import Unit

from .models import Action, ItemKind, SessionItem, TrainingSession
from .timing import session_agenda


def session_headers() -> list[str]:
    return [
        _("Verksamhet"),
        _("Datum"),
        _("Starttid"),
        _("Rubrik"),
        _("Status"),
        _("Mandatområden"),
        _("Antal deltagare"),
        _("Planerad tid (min)"),
        _("Filmer"),
        _("Reflektionsfrågor"),
        _("Anteckningar"),
    ]


def action_headers() -> list[str]:
    return [
        _("Verksamhet"),
        _("Tillfälle"),
        _("Vad"),
        _("Vem"),
        _("Klart senast"),
        _("Status"),
        _("Checklistpunkt"),
    ]


def year_sessions(unit: Unit, year: int):
    items = SessionItem.objects.select_related("film", "film__group", "presentation", "question")
    return (
        TrainingSession.objects.filter(unit=unit, date__year=year)
        .prefetch_related(
            Prefetch("areas", queryset=MandateArea.objects.order_by("order", "name")),
            Prefetch("items", queryset=items.order_by("position", "pk")),
            Prefetch("actions", queryset=Action.objects.select_related("checklist_item")),
        )
        .order_by("date", "start_time", "pk")
    )


def _minutes(seconds: int) -> int:
    return round(seconds / 60)


def _planned_minutes(session) -> str:
    agenda = session_agenda(session)
    low, high = _minutes(agenda.min_seconds), _minutes(agenda.max_seconds)
    return str(low) if low == high else f"{low}–{high}"


def _notes(session) -> str:
    lines = [f"{i.label}: {i.notes}" for i in session.items.all() if i.notes]
    if session.summary:
        lines.append(session.summary)
    return "\n".join(lines)


def rows(unit: Unit, year: int) -> tuple[list[list], list[list]]:
    sessions, actions = [], []
    for s in year_sessions(unit, year):
        items = list(s.items.all())
        sessions.append(
            [
                unit.name,
                s.date,
                s.start_time.strftime("%H:%M"),
                s.display_title,
                s.get_status_display(),
                ", ".join(a.name for a in s.areas.all()),
                s.participants,
                _planned_minutes(s),
                sum(1 for i in items if i.kind == ItemKind.FILM),
                sum(1 for i in items if i.kind == ItemKind.QUESTION),
                _notes(s),
            ]
        )
        for a in s.actions.all():
            actions.append(
                [
                    unit.name,
                    f"{s.date:%Y-%m-%d} {s.display_title}",
                    a.what,
                    a.who,
                    a.due_on,
                    a.get_status_display(),
                    a.checklist_item.text if a.checklist_item else "",
                ]
            )
    return sessions, actions


def tables(unit: Unit, year: int) -> tuple[Table, Table]:
    sessions, actions = rows(unit, year)
    return (
        Table(_("Tillfällen"), session_headers(), sessions),
        Table(_("Åtgärder"), action_headers(), actions),
    )


def as_csv(unit: Unit, year: int) -> bytes:
    """The two tables follow each other with a blank line."""
    return csv_bytes(*tables(unit, year))


def as_xlsx(unit: Unit, year: int) -> bytes:
    return xlsx_bytes(*tables(unit, year))
