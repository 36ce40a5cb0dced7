"""No request can make a list grow without bound (issue 20): an absurd formset count is a
Swedish 400 within a second, and a training session takes at most MAX_ITEMS agenda items."""

import time

import pytest
from django.test import Client
from django.urls import reverse

from core.formsets import TOO_MANY_ROWS
from training.services import (
    MAX_ITEMS,
    TOO_MANY_ITEMS,
    PackageChoice,
    TrainingError,
    session_add_own_item,
    session_add_package_items,
)

from .conftest import world  # noqa: F401
from .fuzz_world import fuzz_world  # noqa: F401

ABSURD_COUNTS = ["2000", "２０００", "99999999999999999999", "21", "-1"]


@pytest.mark.parametrize("count", ABSURD_COUNTS)
def test_an_absurd_action_count_is_a_swedish_400_within_a_second(world, count):  # noqa: F811
    client = Client()
    client.force_login(world.users["familjeombud"])
    session = world.training_session
    before = list(session.actions.values_list("pk", "what"))
    url = reverse("training:record", kwargs={"pk": session.pk})
    client.get(url)  # templates compiled and caches warm: the time below is the post's own
    started = time.monotonic()
    response = client.post(
        url,
        {"participants": "8", "summary": "", "atgard-TOTAL_FORMS": count,
         "atgard-INITIAL_FORMS": "0", "atgard-0-what": "Ny", "atgard-0-who": "Fia",
         "atgard-0-due_on": "2027-01-01"},
    )  # fmt: skip
    assert time.monotonic() - started < 1
    assert response.status_code == 400
    assert TOO_MANY_ROWS in response.text
    assert "atgard-0-what" not in response.text  # no form was built, none rendered again
    assert list(session.actions.values_list("pk", "what")) == before


def test_the_action_formset_renders_the_rows_the_page_offers(world):  # noqa: F811
    client = Client()
    client.force_login(world.users["familjeombud"])
    response = client.get(reverse("training:record", kwargs={"pk": world.training_session.pk}))
    formset = response.context["action_forms"]
    assert (formset.max_num, formset.absolute_max, formset.validate_max) == (20, 20, True)


def test_a_session_takes_at_most_max_items_agenda_items(fuzz_world):  # noqa: F811
    session, planner = fuzz_world.planned, fuzz_world.familjeombud_membership.user
    while session.items.count() < MAX_ITEMS:
        session_add_own_item(session=session, title="Punkt", minutes=5, by=planner)
    with pytest.raises(TrainingError) as refused:
        session_add_own_item(session=session, title="En för mycket", minutes=5, by=planner)
    assert str(refused.value) == TOO_MANY_ITEMS.format(max=MAX_ITEMS)
    question = session.areas.first().reflection_questions.first()
    with pytest.raises(TrainingError):
        session_add_package_items(
            session=session,
            chosen=PackageChoice(presentations=[], films=[], questions=[question.pk]),
            by=planner,
        )
    assert session.items.count() == MAX_ITEMS
