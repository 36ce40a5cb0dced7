"""A page's queries do not grow with its data: counted with 1× and 10× the items."""

import datetime

import pytest
from django.urls import reverse

from mandates.models import Film, MandateArea, Presentation, ReflectionQuestion
from tests.signed_in import AUTH_QUERIES
from training.models import Action, ItemKind, SessionItem
from training.services import session_plan


def fill(session, ombud, times, first=0):
    """`times` rows of every kind in the plan, `times` actions and `times` more sessions."""
    area = MandateArea.objects.get(slug="vald-i-nara-relationer")
    for n in range(first, first + times):
        presentation = Presentation.objects.create(area=area, title=f"Extra {n}", order=50 + n)
        film = Film.objects.create(area=area, title=f"Film {n}", duration_text="2-3 minuter")
        question = ReflectionQuestion.objects.create(area=area, text=f"Fråga {n}?", order=50 + n)
        rows = [
            SessionItem(kind=ItemKind.PRESENTATION, presentation=presentation, minutes=5),
            SessionItem(kind=ItemKind.FILM, film=film),
            SessionItem(kind=ItemKind.QUESTION, question=question, minutes=10, notes="Ja."),
            SessionItem(kind=ItemKind.OWN, title=f"Egen {n}", minutes=5),
        ]
        for position, row in enumerate(rows, start=4 * n + 1):
            row.session, row.position = session, position
        SessionItem.objects.bulk_create(rows)
        Action.objects.create(
            session=session, what=f"Åtgärd {n}", who="Fia", due_on=datetime.date(2026, 5, 1),
            checklist_item_id=10 + n % 3,
        )  # fmt: skip
        other = session_plan(
            unit=session.unit, date=datetime.date(2026, 4, 1 + n), start_time=datetime.time(9),
            areas=[area], by=ombud,
        )  # fmt: skip
        other.areas.add(MandateArea.objects.get(slug="barn-som-far-illa"))


PAGES = {
    "training:session_detail": "session",
    "training:agenda": "session",
    "training:record": "session",
    "training:unit_sessions": "unit",
    "training:export_xlsx": "year",
    "training:index": None,
}


def url(name, session):
    kind = PAGES[name]
    if kind == "session":
        return reverse(name, args=[session.pk])
    if kind == "unit":
        return reverse(name, args=[session.unit_id])
    if kind == "year":
        return reverse(name, args=[session.unit_id, 2026])
    return reverse(name)


# Pinned, so a new query on a page is a decision, not an accident: the page's own queries,
# after signing in (tests/signed_in.py). Session detail, for example: the session with areas,
# items and actions (4), may plan (1), the package's presentations, films and questions (3).
EXPECTED = {
    "training:session_detail": 8,
    "training:agenda": 4,
    "training:record": 8,
    "training:unit_sessions": 6,
    "training:export_xlsx": 5,
    "training:index": 3,
}


@pytest.mark.parametrize("name", list(PAGES))
def test_queries_do_not_grow_with_ten_times_the_data(
    client, session, ombud, name, django_assert_num_queries
):
    client.force_login(ombud)
    path = url(name, session)
    fill(session, ombud, 1)
    with django_assert_num_queries(AUTH_QUERIES + EXPECTED[name]):
        assert client.get(path).status_code == 200
    fill(session, ombud, 9, first=1)
    with django_assert_num_queries(AUTH_QUERIES + EXPECTED[name]):
        response = client.get(path)
    assert response.status_code == 200
    shown = {"session": "Fråga 9?", "unit": "Åtgärd 9"}.get(PAGES[name])
    if shown:
        assert shown in response.text
