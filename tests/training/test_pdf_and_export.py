"""What the printed agenda and the Barnbokslutet spreadsheets really contain."""

import csv
import datetime
import io
import re

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from mandates.models import Film, ReflectionQuestion
from training.services import (
    ActionInput,
    PackageChoice,
    session_add_own_item,
    session_add_package_items,
    session_plan,
    session_record_outcome,
)

from .conftest import area


def squash(text: str) -> str:
    """Compare without spaces: pypdf breaks lines where the layout does."""
    return re.sub(r"\s+", "", text)


@pytest.fixture
def agenda_session(session, ombud):
    films = Film.objects.filter(title__in=["Akutmottagningen", "Hos psykologen"])
    questions = ReflectionQuestion.objects.filter(area__slug="vald-i-nara-relationer")[:2]
    session_add_own_item(session=session, title="Välkommen och syfte", minutes=5, by=ombud)
    session_add_package_items(
        session=session,
        chosen=PackageChoice([], [f.pk for f in films], [q.pk for q in questions]),
        by=ombud,
    )
    return session


def test_the_agenda_pdf_holds_times_film_addresses_and_the_questions(client, agenda_session, ombud):
    client.force_login(ombud)
    response = client.get(reverse("training:agenda_pdf", args=[agenda_session.pk]))
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(page.extract_text() for page in reader.pages)
    flat = squash(text)
    # 13:00 welcome 5 min, 13:05 Akutmottagningen 9 min, 13:14 Hos psykologen 7 min,
    # 13:21 and 13:31 the two questions (10 min each), end 13:41.
    for time in ["13:00", "13:05", "13:14", "13:21", "13:31", "13:41"]:
        assert time in text, time
    assert squash("Välkommen och syfte") in flat
    assert squash("Att ställa frågan om våldsutsatthet på: Akutmottagningen") in flat
    film = Film.objects.get(title="Akutmottagningen")
    assert squash(film.url) in flat
    for question in ReflectionQuestion.objects.filter(area__slug="vald-i-nara-relationer")[:2]:
        assert squash(question.text) in flat
    assert squash("BVC Ljungby") in flat
    # The portal's navigation and the plan's buttons are not printed.
    assert "Flyttaupp" not in flat and "Loggaut" not in flat


def test_the_agenda_page_prints_film_addresses_as_text(client, agenda_session, ombud):
    client.force_login(ombud)
    html = client.get(reverse("training:agenda", args=[agenda_session.pk])).text
    url = Film.objects.get(title="Hos psykologen").url
    assert f">{url}</a>" in html
    assert html.count('class="notes-space"') == 2


@pytest.fixture
def year_of_sessions(package, unit, ombud):
    """Two sessions in 2026 (one held with an action) and one in 2025 that must not show."""
    held = session_plan(
        unit=unit, date=datetime.date(2026, 2, 3), start_time=datetime.time(8, 0),
        areas=[area("barnets-rattigheter")], by=ombud, title="APT barnrätt",
    )  # fmt: skip
    nobab = Film.objects.get(duration_text="5 korta filmer (2-3 minuter)")
    question = ReflectionQuestion.objects.filter(area__slug="barnets-rattigheter").first()
    session_add_package_items(
        session=held, chosen=PackageChoice([], [nobab.pk], [question.pk]), by=ombud
    )
    q_item = held.items.get(question=question)
    session_record_outcome(
        session=held, participants=14, notes={q_item.pk: "Svårt att hinna."},
        actions=[ActionInput("Beställa affischer", "Carl", datetime.date(2026, 3, 1), 1)],
        by=ombud, today=datetime.date(2026, 2, 3),
    )  # fmt: skip
    session_plan(
        unit=unit, date=datetime.date(2026, 9, 8), start_time=datetime.time(14, 30),
        areas=[area("barn-som-far-illa")], by=ombud,
    )  # fmt: skip
    session_plan(
        unit=unit, date=datetime.date(2025, 9, 8), start_time=datetime.time(14, 30),
        areas=[area("barn-som-far-illa")], by=ombud, title="Förra året",
    )  # fmt: skip
    return held


def test_the_xlsx_export_has_one_row_per_session_and_per_action(client, year_of_sessions, ombud):
    client.force_login(ombud)
    unit = year_of_sessions.unit
    response = client.get(reverse("training:export_xlsx", args=[unit.pk, 2026]))
    assert response["Content-Disposition"].endswith(f'utbildningstillfallen-{unit.pk}-2026.xlsx"')
    book = load_workbook(io.BytesIO(response.content))
    sessions, actions = book["Tillfällen"], book["Åtgärder"]
    assert [c.value for c in sessions[1]][:8] == [
        "Verksamhet", "Datum", "Starttid", "Rubrik", "Status", "Mandatområden",
        "Antal deltagare", "Planerad tid (min)",
    ]  # fmt: skip
    assert sessions.max_row == 3  # header + the two sessions of 2026
    row = [c.value for c in sessions[2]]
    assert row[:5] == ["BVC Ljungby", datetime.datetime(2026, 2, 3), "08:00", "APT barnrätt",
                       "Genomförd"]  # fmt: skip
    assert row[5] == "Barnets rättigheter"
    # NOBAB 10–15 min + the question's 10 min.
    assert (row[6], row[7], row[8], row[9]) == (14, "20–25", 1, 1)
    assert "Svårt att hinna." in row[10]
    assert [c.value for c in sessions[3]][4] == "Planerad"
    assert actions.max_row == 2
    assert [c.value for c in actions[2]] == [
        "BVC Ljungby", "2026-02-03 APT barnrätt", "Beställa affischer", "Carl",
        datetime.datetime(2026, 3, 1), "Öppen",
        "Verksamheten har fått utbildning om vad barnkonventionen som lag innebär för "
        "verksamheten.",
    ]  # fmt: skip


def test_the_csv_export_has_the_same_cells(client, year_of_sessions, ombud):
    client.force_login(ombud)
    unit = year_of_sessions.unit
    response = client.get(reverse("training:export_csv", args=[unit.pk, 2026]))
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    assert rows[1][:8] == ["BVC Ljungby", "2026-02-03", "08:00", "APT barnrätt", "Genomförd",
                           "Barnets rättigheter", "14", "20–25"]  # fmt: skip
    assert rows[2][1] == "2026-09-08" and rows[2][6] == ""
    assert rows[3] == []
    assert rows[5][2:6] == ["Beställa affischer", "Carl", "2026-03-01", "Öppen"]
    assert "Förra året" not in text
