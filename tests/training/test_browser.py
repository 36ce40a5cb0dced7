"""The whole flow in a real browser under the production CSP: plan, print, record, and see the
open action on the unit page. axe (WCAG 2.1 A/AA) runs on every page on the way."""

import re

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import timezone

from tests.browser.conftest import axe, browser, content, page  # noqa: F401
from tests.browser.helpers import wait_for_path

pytestmark = pytest.mark.browser

PASSWORD = "ett-langt-losenord-123"


@pytest.fixture
def ombud_unit(content):  # noqa: F811
    from organisation.models import Membership, Unit

    unit = Unit.objects.create(name="BVC Ljungby", kind="bvc", municipality_id="ljungby")
    user = User.objects.create_user("fia", "", PASSWORD)
    Membership.objects.create(unit=unit, user=user, role="familjeombud")
    return unit


def test_an_ombud_plans_prints_and_records_a_session(page, axe, ombud_unit):  # noqa: F811
    from training.models import SessionStatus, TrainingSession

    page.goto(reverse("login"))
    page.get_by_label("Användarnamn").fill("fia")
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_label("Lösenord").press("Enter")
    wait_for_path(page, reverse("home"))

    page.goto(reverse("training:unit_sessions", args=[ombud_unit.pk]))
    axe(page)
    page.get_by_role("link", name="Planera ett nytt tillfälle").click()
    axe(page)
    page.get_by_label("Datum").fill(timezone.localdate().isoformat())
    page.get_by_label("Starttid").fill("13:00")
    page.get_by_label("Våld i nära relationer").check()
    page.get_by_role("button", name="Planera tillfället").click()
    page.wait_for_load_state("load")
    session = TrainingSession.objects.get()
    axe(page)

    page.get_by_label("Att ställa frågan om våldsutsatthet på: Akutmottagningen").check()
    question = "Vad är våra utmaningar med att upptäcka särskilt sårbara målgrupper?"
    page.get_by_label(question).check()
    page.get_by_role("button", name="Lägg till valda punkter").click()
    page.wait_for_load_state("load")
    axe(page)
    caption = page.locator("caption").first.inner_text()
    # Akutmottagningen 9 minutes, then the question's suggested 10: 13:00–13:19.
    assert "start 13:00, slut 13:19, sammanlagt 19 min" in caption

    page.get_by_role("button", name=re.compile(r"^Flytta upp\W+Vad är våra")).click()
    page.wait_for_load_state("load")
    first_row = page.locator(".agenda-table tbody tr").first.inner_text()
    assert question in first_row and "13:00" in first_row

    page.get_by_role("link", name="Agenda för utskrift").click()
    page.wait_for_load_state("load")
    axe(page)
    assert "https://www.nck.uu.se/" in page.locator("main").inner_text()

    page.goto(session.get_absolute_url())
    page.get_by_role("link", name="Dokumentera tillfället").click()
    axe(page)
    page.get_by_label("Antal deltagare").fill("11")
    page.get_by_label(question).fill("Vi behöver rutiner för tolk.")
    page.locator("#id_atgard-0-what").fill("Skriv rutin för tolk")
    page.locator("#id_atgard-0-who").fill("Fia")
    page.locator("#id_atgard-0-due_on").fill("2030-01-31")
    page.get_by_role("button", name="Spara dokumentationen").click()
    page.wait_for_load_state("load")
    axe(page)
    session.refresh_from_db()
    assert session.status == SessionStatus.HELD and session.participants == 11

    page.goto(ombud_unit.get_absolute_url())
    axe(page)
    section = page.locator("section.training-open-actions").inner_text()
    assert "Skriv rutin för tolk" in section
