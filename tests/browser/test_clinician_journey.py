"""Journey (c): a clinician walks a samverkan case from the needs questions to Barnets plan PDF
with the keyboard alone; axe runs on every page, and the log written meanwhile holds neither
the child's personnummer nor the child's name."""

import datetime
import logging

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from .helpers import (
    id_for_label,
    kb_follow,
    kb_set,
    kb_submit,
    tab_to_id,
    url_of,
    wait_for_path,
)

pytestmark = pytest.mark.browser

PASSWORD = "ett-langt-losenord-123"
CHILD_NAME = "Signe Journeysdotter"
PERSONNUMMER = "20150612-2389"
PERSONNUMMER_FORMS = ("20150612-2389", "201506122389", "150612-2389", "1506122389")


@pytest.fixture
def clinician(content):
    """A Kliniker; the group comes from a migration, which a browser test's flush removes."""
    group, _ = Group.objects.get_or_create(name="Kliniker")
    group.permissions.add(
        Permission.objects.get(codename="add_case", content_type__app_label="samverkan")
    )
    user = User.objects.create_user("karin", "", PASSWORD, first_name="Karin")
    user.groups.add(group)
    return user


def test_a_clinician_takes_a_case_to_barnets_plan_pdf_by_keyboard(page, axe, clinician, caplog):
    from organisation.models import Municipality
    from samverkan.models import Case, OrganisationType

    case_list = url_of("samverkan:case_list")
    caplog.set_level(logging.DEBUG)
    vaxjo = Municipality.objects.get(name="Växjö")
    school = OrganisationType.objects.get(name="Skola")
    meeting_day = timezone.localdate() + datetime.timedelta(days=7)
    due = timezone.localdate() + datetime.timedelta(days=60)

    page.goto(reverse("login"))
    tab_to_id(page, "id_username")
    page.keyboard.type("karin")
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    wait_for_path(page, reverse("home"))

    kb_follow(page, "Samverkan")
    wait_for_path(page, case_list)
    axe(page)
    page.goto(reverse("samverkan:case_create"))
    axe(page)
    kb_set(page, "id_child_name", CHILD_NAME)
    kb_set(page, "id_child_personnummer", PERSONNUMMER)
    kb_set(page, "id_child_address", "Storgatan 1, Växjö")
    kb_set(page, "id_age_group", "school")
    kb_set(page, "id_municipality", vaxjo.pk)
    kb_set(page, "id_unit_name", "BUP Växjö")
    kb_set(page, "id_unit_phone", "0470-58 80 00")
    kb_submit(page, "Skapa ärende")
    expect(page.locator("h1")).to_have_count(1)
    case = Case.objects.get()
    assert CHILD_NAME not in page.url and "2389" not in page.url
    wait_for_path(page, reverse("samverkan:assessment", kwargs={"pk": case.pk}))
    axe(page)

    # 1. The needs questions: not enough on our own, not for one other party alone, together.
    kb_set(page, "id_noticed", "Oro i skolan, trött och ledsen.")
    kb_set(page, id_for_label(page, "own_care_sufficient", "Nej"))
    kb_set(page, id_for_label(page, "other_org_alone", "Nej"))
    kb_set(page, id_for_label(page, "together", "Ja"))
    kb_submit(page, "Bekräfta och spara")
    expect(page.locator("h1")).to_contain_text("Samverkansärende")
    axe(page)

    # 2. Who has custody, then consent from the guardian.
    kb_follow(page, "Ange vem som har vårdnaden")
    axe(page)
    kb_set(page, id_for_label(page, "custody", "En vårdnadshavare (ensam vårdnad)"))
    kb_submit(page, "Bekräfta och spara")
    kb_follow(page, "Lägg till vårdnadshavare")
    axe(page)
    kb_set(page, "id_name", "Vera Vårdnadshavare")
    kb_submit(page, "Bekräfta och spara")
    kb_follow(page, "Registrera samtycke")
    axe(page)
    kb_set(page, "id_party", page.locator("#id_party option").first.get_attribute("value"))
    kb_set(page, id_for_label(page, "method", "Muntligt"))
    kb_set(page, id_for_label(page, "organisations", "Skola"))
    kb_set(page, id_for_label(page, "organisations", "Socialtjänsten"))
    kb_submit(page, "Bekräfta och spara")
    axe(page)
    kb_follow(page, "Samtycket är komplett")
    axe(page)
    kb_submit(page, "Bekräfta och spara")

    # 3. Initiate: areas of the wheel, a meeting, an invitation.
    kb_follow(page, "Välj områden och stäm av")
    axe(page)
    first_area = page.locator("input[name=areas]").first.get_attribute("id")
    kb_set(page, first_area)
    kb_submit(page, "Bekräfta och spara")
    kb_follow(page, "Boka möte")
    axe(page)
    kb_set(page, id_for_label(page, "form", "Fysiskt"))
    kb_set(page, "id_room", "Rum 3")
    kb_set(page, "id_date", meeting_day.isoformat())
    kb_set(page, "id_time", "10:00")
    kb_submit(page, "Bekräfta och spara")
    expect(page.locator(".messages")).to_contain_text("Mötet är bokat")
    kb_follow(page, "Bjud in en verksamhet")
    axe(page)
    kb_set(page, "id_organisation", school.pk)
    kb_set(page, "id_recipient", "Rektor")
    kb_submit(page, "Bekräfta och spara")
    axe(page)

    # 4. The meeting guide, then Barnets plan.
    # The meeting day comes: a meeting is registered as held on or after its date.
    case.meetings.update(starts_at=timezone.now())
    page.reload()
    kb_follow(page, "Mötesguide: registrera mötet")
    axe(page)
    for name in ("family_first", "proportionate", "areas", "views", "solutions"):
        kb_set(page, f"id_{name}")
    kb_submit(page, "Bekräfta och spara")
    wait_for_path(page, reverse("samverkan:plan_edit", kwargs={"pk": case.pk}))
    axe(page)
    area_value = page.locator("#id_items-0-area option").nth(1).get_attribute("value")
    kb_set(page, "id_items-0-area", area_value)
    kb_set(page, "id_items-0-need", "Stöd i läsning")
    kb_set(page, "id_items-0-action", "Extra lästräning två gånger i veckan")
    kb_set(page, "id_items-0-organisation", school.pk)
    kb_set(page, "id_items-0-person", "Specialpedagog")
    kb_set(page, "id_items-0-due_on", due.isoformat())
    kb_set(page, "id_child_view", "Vill ha hjälp med läsningen")
    kb_set(page, "id_guardians_view", "Positiva")
    kb_set(page, "id_participants", "Rektor, kurator, Karin")
    kb_submit(page, "Spara som ny version")
    expect(page.locator(".messages")).to_contain_text("Barnets plan är sparad")
    axe(page)

    case.refresh_from_db()
    assert case.state == "plan"
    pdf_link = page.get_by_role("link", name="Barnets plan (PDF)")
    response = page.request.get(pdf_link.get_attribute("href"))
    assert response.status == 200
    assert response.headers["content-type"].startswith("application/pdf")
    assert response.body()[:5] == b"%PDF-"

    log = caplog.text
    assert log, "inget loggades alls: fångsten fungerar inte"
    for form in PERSONNUMMER_FORMS:
        assert form not in log, f"personnumret ({form}) finns i loggen"
    for part in CHILD_NAME.split():
        assert part not in log, f"barnets namn ({part}) finns i loggen"
