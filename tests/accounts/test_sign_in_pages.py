"""The sign-in pages a person sees (login with the region's sign-in, the refusal page, the
no-role page) pass axe and never scroll sideways on a phone or a desktop. With SCREENSHOT_DIR
set, each is saved there as a PNG for a person to look at."""

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from accounts.refusals import MESSAGES, NO_ROLE_HEADING, REFUSED_HEADING, Reason

from .test_oidc_journey import sign_in

WIDTHS = [390, 1280]


def look(page, axe, name: str, width: int) -> None:
    axe(page)
    scroll = page.evaluate("document.documentElement.scrollWidth")
    assert scroll <= width, f"{name} är {scroll} px bred vid {width} px"
    folder = os.environ.get("SCREENSHOT_DIR")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{folder}/{name}-{width}.png", full_page=True)


@pytest.mark.parametrize("width", WIDTHS)
def test_the_login_page_offers_the_regions_sign_in_first_and_emergency_passwords_below(
    page, oidc, transactional_db, axe, width, settings
):
    settings.PASSWORD_SIGN_IN_EMERGENCY_ONLY = True
    page.set_viewport_size({"width": width, "height": 900})
    page.goto("/logga-in/")
    expect(page.get_by_role("link", name="Logga in med regionens inloggning")).to_be_visible()
    expect(page.get_by_role("heading", name="Nödinloggning")).to_be_visible()
    expect(page.get_by_label("Engångskod (bara för nödkonton)")).to_be_visible()
    look(page, axe, "inloggning", width)


@pytest.mark.parametrize("width", WIDTHS)
def test_the_refusal_page_reads_well(page, oidc, transactional_db, axe, width):
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(page, "svag")
    expect(page.get_by_role("heading", name=REFUSED_HEADING)).to_be_visible()
    expect(page.get_by_role("alert")).to_have_text(MESSAGES[Reason.WEAK_AUTHENTICATION])
    look(page, axe, "nekad", width)


@pytest.mark.parametrize("width", WIDTHS)
def test_the_no_role_page_reads_well(page, oidc, transactional_db, axe, width):
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(page, "utanroll")
    expect(page.get_by_role("heading", name=NO_ROLE_HEADING)).to_be_visible()
    look(page, axe, "ingen-roll", width)
