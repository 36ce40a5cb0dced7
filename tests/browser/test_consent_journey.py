"""Journey (consent): a clinician through the pages. Joint custody with split consent (guardian A
to Skola and Vårdcentral, guardian B to Skola only) makes only Skola invitable; guardian B then
withdraws consent for Skola and the invitation is marked withdrawn, with whom to inform on the
case page; a second child is placed with the social services, the one party to consent. Axe
runs on every consent page; SCREENSHOT_DIR, when set, gets each page at 390 and 1280 px."""

import datetime
import os
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from .helpers import url_of, wait_for_path
from .test_clinician_journey import PASSWORD, clinician  # noqa: F401  (karin, a Kliniker)

pytestmark = pytest.mark.browser

SHOTS = os.environ.get("SCREENSHOT_DIR", "")


def activated_case(user, child_name):
    from organisation.models import Municipality
    from samverkan.services import cases as cs

    case = cs.case_create(
        actor=user,
        child_name=child_name,
        child_personnummer="201212121212",
        municipality=Municipality.objects.get(name="Växjö"),
        unit_name="BUP Växjö",
        unit_phone="0470-58 80 00",
    )
    return cs.case_record_needs_assessment(
        case=case,
        actor=user,
        noticed="Oro i skolan",
        own_care_sufficient=False,
        other_org_alone=False,
        together=True,
    )


def no_sideways_scroll(page) -> None:
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], f"{page.url} rullar i sidled ({width} px)"


def look(page, axe, name: str) -> None:
    """Axe, no sideways scrolling at 390 px, and the screenshots when asked for."""
    axe(page)
    for width in (390, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        page.evaluate("() => new Promise(r => requestAnimationFrame(() => r()))")
        no_sideways_scroll(page)
        if SHOTS:
            Path(SHOTS).mkdir(parents=True, exist_ok=True)
            page.screenshot(path=f"{SHOTS}/{name}-{width}.png", full_page=True)


def save(page, button="Bekräfta och spara") -> None:
    with page.expect_navigation():
        page.get_by_role("button", name=button).click()


def follow(page, link_text: str) -> None:
    with page.expect_navigation():
        page.get_by_role("link", name=link_text).first.click()


def sign_in(page) -> None:
    page.goto(reverse("login"))
    page.fill("#id_username", "karin")
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    wait_for_path(page, reverse("home"))


def record_consent(page, party: str, organisations: list[str]) -> None:
    follow(page, "Registrera samtycke")
    page.select_option("#id_party", label=party)
    page.get_by_role("radio", name="Muntligt").check()
    for name in organisations:
        page.get_by_label(name, exact=True).check()
    save(page)
    expect(page.locator(".messages")).to_contain_text("Samtycket är registrerat")


def test_split_consent_then_a_withdrawal_for_one_organisation_through_the_pages(
    page,
    axe,
    clinician,  # noqa: F811
):
    from samverkan.models import CaseState, Invitation

    case = activated_case(clinician, "Signe Samtyckesdotter")
    detail = url_of("samverkan:case_detail", case.pk)
    sign_in(page)
    page.goto(detail)

    # Custody: two guardians, both registered.
    follow(page, "Ange vem som har vårdnaden")
    look(page, axe, "custody-step")
    page.get_by_label("Två vårdnadshavare (gemensam vårdnad)").check()
    save(page)
    for name in ("Anna Andersson", "Bertil Berg"):
        follow(page, "Lägg till vårdnadshavare")
        page.fill("#id_name", name)
        save(page)

    # Split consent: A to Skola and Vårdcentral, B to Skola only.
    record_consent(page, "Anna Andersson", ["Skola", "Vårdcentral"])
    record_consent(page, "Bertil Berg", ["Skola"])
    expect(page.locator("main")).to_contain_text("Får bjudas in (samtycke från alla): Skola")
    follow(page, "Samtycket är komplett")
    save(page)

    follow(page, "Välj områden och stäm av")
    page.locator("input[name=areas]").first.check()
    save(page)
    follow(page, "Boka möte")
    page.get_by_role("radio", name="Fysiskt möte").check()
    page.fill("#id_room", "Rum 3")
    page.fill("#id_date", (timezone.localdate() + datetime.timedelta(days=7)).isoformat())
    page.fill("#id_time", "10:00")
    save(page)
    follow(page, "Bjud in en verksamhet")
    # Only Skola: every required party consented to it, not to Vårdcentral.
    offered = page.locator("#id_organisation option").all_inner_texts()
    assert [o for o in offered if o.strip("-– ")] == ["Skola"], offered
    page.select_option("#id_organisation", label="Skola")
    page.fill("#id_recipient", "Rektor Rita")
    save(page)
    expect(page.locator(".messages")).to_contain_text("Inbjudan till Skola är registrerad")

    # B withdraws consent for Skola: the form, the confirmation, then the case page.
    follow(page, "Registrera att ett samtycke återkallas")
    look(page, axe, "withdrawal-form")
    page.select_option("#id_party", label="Bertil Berg")
    page.get_by_label("Samtycket för de verksamheter som kryssas nedan").check()
    page.get_by_label("Skola", exact=True).check()
    page.get_by_role("radio", name="Muntligt").check()
    save(page, "Granska återkallelsen")
    expect(page.locator("h1")).to_have_text("Bekräfta återkallelsen")
    expect(page.locator("main")).to_contain_text(
        "Inbjudningarna dras tillbaka: Skola (Rektor Rita)"
    )
    look(page, axe, "withdrawal-confirmation")
    assert Invitation.objects.get(case=case).withdrawn_at is None  # nothing happened yet
    save(page, "Bekräfta återkallelsen")
    wait_for_path(page, detail)

    invitation = Invitation.objects.get(case=case)
    assert invitation.is_withdrawn
    messages = page.locator(".messages")
    expect(messages).to_contain_text("Meddela att inbjudan eller kontakten inte längre gäller")
    expect(messages).to_contain_text("Skola (Rektor Rita)")
    main = page.locator("main")
    expect(main).to_contain_text("Tillbakadragen")
    expect(main).to_contain_text("Bertil Berg återkallade")
    expect(main).to_contain_text("Markera som meddelat")
    case.refresh_from_db()
    assert case.state == CaseState.CONSENT  # nothing left that both consent to
    look(page, axe, "case-with-withdrawal")

    # The reminder stays until the clinician has told the school.
    page.reload()
    expect(page.locator("main")).to_contain_text("Markera som meddelat")
    follow(page, "Markera som meddelat")
    axe(page)
    save(page, "Bekräfta att alla ovan är meddelade")
    expect(page.locator("main")).not_to_contain_text("Markera som meddelat")


def test_the_social_services_as_custodian_consent_through_the_pages(
    page,
    axe,
    clinician,  # noqa: F811
):
    from samverkan.services import cases as cs

    case = activated_case(clinician, "Tove Placerad")
    sign_in(page)
    page.goto(url_of("samverkan:case_detail", case.pk))
    follow(page, "Ange vem som har vårdnaden")
    page.get_by_label("Socialtjänsten (barnet är placerat i dess vård)").check()
    save(page)
    follow(page, "Lägg till vårdnadshavare")
    page.fill("#id_name", "Socialsekreterare Sara")
    save(page)
    expect(page.locator("main")).to_contain_text("Socialsekreterare Sara (socialtjänsten)")
    # One party only: the step to add another is no longer offered.
    expect(page.get_by_role("link", name="Lägg till vårdnadshavare")).to_have_count(0)
    record_consent(page, "Socialsekreterare Sara", ["Skola", "Barn- och elevhälsa"])
    follow(page, "Samtycket är komplett")
    save(page)
    expect(page.locator(".messages")).to_contain_text("Samtycket är komplett")
    case.refresh_from_db()
    assert case.state == "initiation"
    assert cs.consent_sentence(case) == "socialtjänsten (Socialsekreterare Sara)"
    look(page, axe, "case-social-services")
