"""Sign-in through a real OpenID Provider in chromium: the journey and every refusal, end to
end (browser, portal, provider's pages and token endpoint)."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from accounts.models import Account, SignInEvent, SignInMethod, SignInOutcome, UnitClaim
from accounts.refusals import MESSAGES, NO_ROLE_HEADING, REFUSED_HEADING, Reason
from organisation.models import Membership, MembershipRole, Unit

from .conftest import PASSWORD

REGION_BUTTON = "Logga in med regionens inloggning"


def start_sign_in(page):
    page.goto("/logga-in/")
    page.get_by_role("link", name=REGION_BUTTON).click()
    expect(page.get_by_role("heading", name="Regionens inloggning (test)")).to_be_visible()


def sign_in(page, username: str):
    start_sign_in(page)
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Logga in hos regionen").click()
    page.wait_for_load_state("load")


def events(outcome=None):
    qs = SignInEvent.objects.order_by("when", "id")
    return list(qs.filter(outcome=outcome) if outcome else qs)


def assert_refused(page, reason: str):
    expect(page.get_by_role("heading", name=REFUSED_HEADING)).to_be_visible()
    expect(page.get_by_role("alert")).to_have_text(MESSAGES[reason])
    expect(page.get_by_role("link", name="Logga in", exact=True)).to_be_visible()
    refused = events(SignInOutcome.REFUSED)
    assert [e.reason for e in refused] == [reason]
    assert refused[0].method == SignInMethod.OIDC
    assert not events(SignInOutcome.SIGNED_IN)
    return refused[0]


@pytest.fixture
def unit(transactional_db):
    unit = Unit.objects.create(name="BVC Teleborg", kind="bvc", municipality_id="vaxjo")
    UnitClaim.objects.create(value="SE2321000065-E100", unit=unit, role=MembershipRole.FAMILJEOMBUD)
    return unit


def test_a_strategist_signs_in_through_the_provider_lands_on_the_start_page_with_the_region_role_and_signs_out_there_too(  # noqa: E501
    page, oidc, transactional_db, axe
):
    sign_in(page, "strateg")
    expect(page).to_have_url(re.compile(r"/$"))
    expect(page.get_by_text("Inloggad som Sara Strateg")).to_be_visible()
    expect(page.get_by_role("link", name="Regionöversikt")).to_be_visible()
    user = get_user_model().objects.get(account__identifier="SE2321000065-S001")
    assert user.username == "SE2321000065-S001"
    assert user.email == "sara.strateg@kronoberg.example"
    assert list(user.groups.values_list("name", flat=True)) == ["Strateg"]
    assert not user.has_usable_password()
    signed_in = events(SignInOutcome.SIGNED_IN)
    assert [(e.username, e.identifier, e.method) for e in signed_in] == [
        ("SE2321000065-S001", "SE2321000065-S001", SignInMethod.OIDC)
    ]

    page.get_by_role("button", name="Logga ut").click()
    expect(page.get_by_role("heading", name="Logga ut från regionens inloggning?")).to_be_visible()
    page.get_by_role("button", name="Ja, logga ut").click()
    expect(page).to_have_url(re.compile(r"/$"))
    expect(page.get_by_role("link", name="Logga in", exact=True)).to_be_visible()
    axe(page)
    assert [e.outcome for e in events()] == [SignInOutcome.SIGNED_IN, SignInOutcome.SIGNED_OUT]
    assert events()[-1].method == SignInMethod.OIDC

    # The provider's session ended too: signing in again asks for the password again.
    start_sign_in(page)
    expect(page.get_by_label("Lösenord")).to_be_visible()


def test_a_clinician_found_by_hsa_id_gets_name_email_and_role_from_the_directory_at_each_sign_in(
    page, oidc, transactional_db
):
    old = get_user_model().objects.create_user("karin", email="gammal@example.se")
    Account.objects.create(user=old, identifier="SE2321000065-K001")
    # Another account with the directory's e-mail must not be taken for her: e-mail is no key.
    get_user_model().objects.create_user("annan", email="karin.klinik@kronoberg.example")
    sign_in(page, "kliniker")
    expect(page.get_by_text("Inloggad som Karin Klinik")).to_be_visible()
    old.refresh_from_db()
    assert (old.first_name, old.last_name, old.email) == (
        "Karin",
        "Klinik",
        "karin.klinik@kronoberg.example",
    )
    assert list(old.groups.values_list("name", flat=True)) == ["Kliniker"]
    assert get_user_model().objects.count() == 2
    # The clinician role opens the case list (others get 403).
    response = page.goto("/samverkan/")
    assert response.status == 200
    expect(page.get_by_role("heading", name="Samverkan inom Kronobarnsmodellen")).to_be_visible()


def test_a_familjeombud_gets_the_unit_membership_named_by_the_unit_claim(page, oidc, unit):
    sign_in(page, "ombud")
    expect(page.get_by_text("Inloggad som Filip Ombud")).to_be_visible()
    membership = Membership.objects.get(user__account__identifier="SE2321000065-F001")
    assert (membership.unit, membership.role) == (unit, MembershipRole.FAMILJEOMBUD)


def test_a_user_the_provider_knows_but_without_a_role_sees_whom_to_ask(
    page, oidc, transactional_db
):
    sign_in(page, "utanroll")
    expect(page.get_by_role("heading", name=NO_ROLE_HEADING)).to_be_visible()
    expect(page.get_by_text("SE2321000065-U001")).to_be_visible()
    expect(page.get_by_role("link", name="Logga in", exact=True)).to_be_visible()
    # The account exists with the directory's name, so an administrator can give it a role.
    user = get_user_model().objects.get(account__identifier="SE2321000065-U001")
    assert (user.get_full_name(), user.groups.count()) == ("Ulla Utanroll", 0)
    refused = events(SignInOutcome.REFUSED)
    assert [(e.reason, e.username) for e in refused] == [(Reason.NO_ROLE, "SE2321000065-U001")]
    assert not events(SignInOutcome.SIGNED_IN)


def test_a_sign_in_without_strong_authentication_is_refused(page, oidc, transactional_db):
    sign_in(page, "svag")
    event = assert_refused(page, Reason.WEAK_AUTHENTICATION)
    assert event.detail == "acr 'http://id.elegnamnden.se/loa/1.0/loa2'"
    assert not get_user_model().objects.filter(username="SE2321000065-W001").exists()


def test_an_id_token_for_another_audience_is_refused(page, oidc, transactional_db):
    oidc.next_token(aud="en-annan-tjanst")
    sign_in(page, "kliniker")
    event = assert_refused(page, Reason.INVALID_TOKEN)
    assert event.detail.startswith("InvalidAudienceError")


def test_an_expired_id_token_is_refused(page, oidc, transactional_db):
    oidc.next_token(exp=True)
    sign_in(page, "kliniker")
    event = assert_refused(page, Reason.INVALID_TOKEN)
    assert event.detail.startswith("ExpiredSignatureError")


def test_an_id_token_with_another_nonce_is_refused(page, oidc, transactional_db):
    oidc.next_token(nonce="en-annan-nonce")
    sign_in(page, "kliniker")
    event = assert_refused(page, Reason.INVALID_TOKEN)
    assert event.detail == "JWT Nonce verification failed."


def test_a_callback_with_a_tampered_state_is_refused(page, oidc, transactional_db):
    oidc.next_token(state="manipulerat")
    sign_in(page, "kliniker")
    expect(page).to_have_url(re.compile(r"/logga-in/nekad/$"))
    assert_refused(page, Reason.STATE_MISMATCH)


def test_a_user_without_an_account_is_refused_when_accounts_are_not_created_at_sign_in(
    page, oidc, transactional_db, settings
):
    settings.OIDC_CREATE_USER = False
    sign_in(page, "kliniker")
    event = assert_refused(page, Reason.UNKNOWN_USER)
    assert event.identifier == "SE2321000065-K001"
    assert not get_user_model().objects.exists()


def test_a_user_without_the_identifier_claim_is_refused_and_never_matched_by_email(
    page, oidc, transactional_db
):
    get_user_model().objects.create_user("hugo", email="hugo.utan@kronoberg.example")
    sign_in(page, "utanhsa")
    event = assert_refused(page, Reason.UNKNOWN_USER)
    assert event.detail == "claim employeeHsaId saknas"


def test_a_cancelled_sign_in_at_the_provider_is_refused_with_its_own_message(
    page, oidc, transactional_db
):
    start_sign_in(page)
    page.get_by_role("button", name="Avbryt").click()
    page.wait_for_load_state("load")
    assert_refused(page, Reason.PROVIDER_ERROR)


def test_roles_removed_in_the_directory_are_removed_at_the_next_sign_in(
    page, oidc, transactional_db
):
    user = get_user_model().objects.create_user("sara")
    Account.objects.create(user=user, identifier="SE2321000065-S001")
    user.groups.add(Group.objects.get(name="Kliniker"))
    sign_in(page, "strateg")
    expect(page.get_by_text("Inloggad som Sara Strateg")).to_be_visible()
    assert list(user.groups.values_list("name", flat=True)) == ["Strateg"]
