"""A unit's sessions and agreed actions for one year, as rows for CSV and XLSX: the unit's input
to Barnbokslutet. Two tables: one row per session, one row per action."""

from __future__ import annotations

import csv
import io

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from checklists.models import Unit
from mandates.models import MandateArea

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


def _text(value) -> str:
    if value is None:
        return ""
    if hasattr(value, "strftime"):
        return value.strftime("%Y-%m-%d")
    return str(value)


def as_csv(unit: Unit, year: int) -> str:
    """Semicolons, as Swedish Excel expects; the two tables follow each other with a blank line."""
    sessions, actions = rows(unit, year)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(session_headers())
    writer.writerows([_text(v) for v in row] for row in sessions)
    writer.writerow([])
    writer.writerow(action_headers())
    writer.writerows([_text(v) for v in row] for row in actions)
    return out.getvalue()


def as_xlsx(unit: Unit, year: int) -> bytes:
    sessions, actions = rows(unit, year)
    book = Workbook()
    first = book.active
    first.title = _("Tillfällen")
    first.append(session_headers())
    for row in sessions:
        first.append(row)
    second = book.create_sheet(_("Åtgärder"))
    second.append(action_headers())
    for row in actions:
        second.append(row)
    for sheet in (first, second):
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for column in sheet.iter_cols(min_row=2):
            for cell in column:
                if hasattr(cell.value, "year"):
                    cell.number_format = "yyyy-mm-dd"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
