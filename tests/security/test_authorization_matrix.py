"""Every URL the portal answers, asked by every role: the answer is the one in the matrix.

A URL pattern without a row fails `test_every_url_pattern_has_a_row`, so a new page cannot ship
without someone deciding who may see it. The admin site counts as one row (its own login and
permission checks cover its internals); documented exceptions are listed in EXCEPTIONS.
"""

import pytest
from django.test import Client

from .matrix import (
    FORBIDDEN,
    LOGIN,
    NOT_ALLOWED,
    NOT_FOUND,
    OK,
    PUBLIC,
    REDIRECT,
    ROLES,
    SIGNED_IN,
    Row,
    answer,
    expect,
    walk,
)

# Routes that are not pages of the portal, each with the reason it has no row.
EXCEPTIONS = {
    "admin/": "Django admin: one row (admin:index) for the site; its own views check staff "
    "and the model permissions. Import and export are the exception: they have rows below.",
}
# Admin URL names that are not covered by the admin exception: django-import-export checks
# only what it is told to (issue 20), so each of its URLs gets a row.
IMPORT_EXPORT_SUFFIXES = ("_import", "_process_import", "_export")

# Members of the unit, the region and administrators; a stranger to the unit gets 404 so that
# a unit's existence is not revealed.
UNIT = expect(
    NOT_FOUND,
    anonymous=LOGIN,
    unit_member=OK,
    familjeombud=OK,
    region_strategist=OK,
    administrator=OK,
)
# The region's dashboard: organisation.view_region (Strateg) and superusers.
REGION = expect(FORBIDDEN, anonymous=LOGIN, region_strategist=OK, administrator=OK)
# Only a familjeombud's own pages.
FAMILJEOMBUD = expect(FORBIDDEN, anonymous=LOGIN, familjeombud=OK)
# Samverkan: the Kliniker role (superusers hold every permission).
CLINICIANS = expect(FORBIDDEN, anonymous=LOGIN, case_owner=OK, clinician=OK, administrator=OK)
# One case: its owner only; another clinician and the administrator (without break-glass) get
# 404, everyone without the Kliniker role 403.
CASE = expect(
    FORBIDDEN, anonymous=LOGIN, case_owner=OK, clinician=NOT_FOUND, administrator=NOT_FOUND
)


def area(world):
    return {"slug": world.area_slug}


def unit(world):
    return {"pk": world.unit.pk}


def unit_year(world):
    return {"pk": world.unit.pk, "year": world.year}


def case(world):
    return {"pk": world.case.pk}


ROWS = [
    # Portal frame
    Row("home", PUBLIC),
    Row("health", PUBLIC),
    Row("health_database", PUBLIC),
    Row("favicon", expect(REDIRECT)),  # to the static icon, for everyone
    Row("login", PUBLIC),
    Row("logout", expect(NOT_ALLOWED)),  # POST only; GET never logs anyone out
    # The region's sign-in answers 404 while no provider is configured (tests/accounts runs it
    # against a real one); the refusal pages explain a refusal to whoever was refused.
    Row("oidc_authentication_init", expect(NOT_FOUND)),
    Row("oidc_authentication_callback", expect(NOT_FOUND)),
    Row("accounts:refused", expect(FORBIDDEN)),
    Row("accounts:no_role", expect(FORBIDDEN)),
    Row("admin:index", expect(LOGIN, staff=OK, administrator=OK)),
    Row("accessibility_statement", PUBLIC),
    Row("privacy_notice", PUBLIC),
    Row("automation:settings", SIGNED_IN),
    # Stödpaket: public to everyone
    Row("mandates:area_detail", PUBLIC, area),
    Row("mandates:area_films", PUBLIC, area),
    Row("mandates:area_pdf", PUBLIC, area),
    Row("mandates:package_pdf", PUBLIC),
    Row("routine", PUBLIC),  # the routine of samverkan is public, for every unit to read
    Row("routine_pdf", PUBLIC),
    Row("mandates:role", PUBLIC),
    Row("mandates:contacts", PUBLIC),
    Row("mandates:search", PUBLIC, query="q=barn"),
    # Beredskap
    Row("checklists:unit_list", SIGNED_IN),
    Row("checklists:unit_detail", UNIT, unit),
    Row("unit_page", UNIT, unit),  # the same address: the project's page that composes it
    Row("checklists:start_year", UNIT, unit),
    Row(
        "checklists:entry_update",
        UNIT,
        lambda w: {**unit_year(w), "item_pk": w.item.pk},
    ),
    Row("checklists:unit_report", UNIT, unit_year),
    Row("checklists:unit_report_pdf", UNIT, unit_year),
    Row("checklists:dashboard", REGION),
    Row("checklists:dashboard_csv", REGION),
    Row("checklists:dashboard_xlsx", REGION),
    Row("checklists:events", FAMILJEOMBUD),
    Row("checklists:event_attend", FAMILJEOMBUD, lambda w: {"pk": w.event.pk}),
    Row("checklists:days_update", UNIT, lambda w: {"pk": w.familjeombud_membership.pk}),
    # Samverkan
    Row("samverkan:case_list", CLINICIANS),
    Row("samverkan:case_create", CLINICIANS),
    Row("samverkan:stale_cases", CLINICIANS),
    Row("samverkan:break_glass", expect(FORBIDDEN, anonymous=LOGIN, administrator=OK)),
    Row("samverkan:case_detail", CASE, case),
    Row("samverkan:assessment", CASE, case),
    Row("samverkan:custody", CASE, case),
    Row("samverkan:guardian_add", CASE, case),
    Row("samverkan:youth", CASE, case),
    Row("samverkan:consent", CASE, case),
    Row("samverkan:consent_complete", CASE, case),
    Row("samverkan:consent_withdraw", CASE, case),
    Row(
        "samverkan:consent_informed",
        CASE,
        lambda w: {**case(w), "withdrawal_id": w.withdrawal.pk},
    ),
    Row("samverkan:consent_pdf", CASE, case),
    Row("samverkan:initiation", CASE, case),
    Row("samverkan:meeting_book", CASE, case),
    Row("samverkan:meeting_ics", CASE, lambda w: {**case(w), "meeting_id": w.meeting.pk}),
    Row("samverkan:invite", CASE, case),
    Row(
        "samverkan:invitation_pdf",
        CASE,
        lambda w: {**case(w), "invitation_id": w.invitation.pk},
    ),
    Row(
        "samverkan:invitation_withdraw",
        CASE,
        lambda w: {**case(w), "invitation_id": w.invitation.pk},
    ),
    Row("samverkan:contact", CASE, case),
    Row("samverkan:meeting_held", CASE, case),
    Row("samverkan:plan_edit", CASE, case),
    Row("samverkan:plan_version", CASE, lambda w: {**case(w), "number": w.plan.number}),
    Row("samverkan:plan_pdf", CASE, lambda w: {**case(w), "number": w.plan.number}),
    Row("samverkan:follow_up", CASE, case),
    Row("samverkan:add_member", CASE, case),
    Row("samverkan:close", CASE, case),
    Row("samverkan:protect", CASE, case),
    # Log extract: the case's owner or an administrator (no break-glass needed: it holds no
    # child data); a colleague on the case 403, a clinician not on it 404. Log review:
    # familjeombud.review_audit_log; the review form posts, a GET leads back to the list.
    *[
        Row(
            name,
            expect(
                FORBIDDEN, anonymous=LOGIN, case_owner=OK, clinician=NOT_FOUND, administrator=OK
            ),
            case,
        )
        for name in ("auditlog:case_extract_pdf", "auditlog:case_extract_csv")
    ],
    Row("auditlog:review_list", expect(FORBIDDEN, anonymous=LOGIN, administrator=OK)),
    Row("auditlog:review_mark", expect(FORBIDDEN, anonymous=LOGIN, administrator=REDIRECT)),
]
# Training sessions: a unit's members read them, its planners (familjeombud, chef) change
# them; everyone else gets 404 so that the unit's sessions are not revealed.
TRAINING_READ = expect(
    NOT_FOUND, anonymous=LOGIN, unit_member=OK, familjeombud=OK, administrator=OK
)
TRAINING_PLAN = expect(
    NOT_FOUND, anonymous=LOGIN, unit_member=FORBIDDEN, familjeombud=OK, administrator=OK
)
# Steps that only take a POST: a GET is refused after the login check.
TRAINING_POST_ONLY = expect(NOT_ALLOWED, anonymous=LOGIN)


def training_unit(world):
    return {"unit_pk": world.unit.pk}


def training_session(world):
    return {"pk": world.training_session.pk}


def training_item(world):
    return {"pk": world.training_session.pk, "item_pk": world.training_item.pk}


ROWS += [
    Row("training:index", SIGNED_IN),
    Row("training:unit_sessions", TRAINING_READ, training_unit),
    Row("training:plan", TRAINING_PLAN, training_unit),
    Row("training:export_csv", TRAINING_READ, lambda w: {**training_unit(w), "year": 2026}),
    Row("training:export_xlsx", TRAINING_READ, lambda w: {**training_unit(w), "year": 2026}),
    Row("training:session_detail", TRAINING_READ, training_session),
    Row("training:session_update", TRAINING_PLAN, training_session),
    Row("training:agenda", TRAINING_READ, training_session),
    Row("training:agenda_pdf", TRAINING_READ, training_session),
    Row("training:add_package_items", TRAINING_POST_ONLY, training_session),
    Row("training:add_own_item", TRAINING_POST_ONLY, training_session),
    Row("training:move_item", TRAINING_POST_ONLY, training_item),
    Row("training:item_minutes", TRAINING_POST_ONLY, training_item),
    Row("training:remove_item", TRAINING_POST_ONLY, training_item),
    Row("training:record", TRAINING_PLAN, training_session),
    Row("training:cancel", TRAINING_PLAN, training_session),
    Row("training:reinstate", TRAINING_PLAN, training_session),
    Row("training:action_done", TRAINING_PLAN, lambda w: {"pk": w.training_action.pk}),
    Row("training:action_reopen", TRAINING_PLAN, lambda w: {"pk": w.training_action.pk}),
]
# Admin import and export: staff without the model's permissions 403 (import needs add and
# change, export view: tests/security/test_admin_import_export.py), everyone else not staff is
# sent to the admin's login. process_import takes only a POST.
IMPORT_EXPORT_MODELS = [
    "mandates_checklistitem",
    "mandates_contact",
    "mandates_employerresource",
    "mandates_film",
    "mandates_filmgroup",
    "mandates_furtherreading",
    "mandates_governingdocument",
    "mandates_lawreference",
    "mandates_mandatearea",
    "mandates_presentation",
    "mandates_reflectionquestion",
    "mandates_roleitem",
    "mandates_webcourse",
    "organisation_membership",
    "organisation_municipality",
    "organisation_unit",
    "samverkan_bvcunit",
    "samverkan_municipalcontact",
    "samverkan_organisationtype",
    "samverkan_routinedocument",
    "samverkan_wheelarea",
]
ADMIN_ONLY = expect(LOGIN, staff=FORBIDDEN, administrator=OK)
ROWS += [
    Row(
        f"admin:{model}{suffix}",
        ADMIN_ONLY,
        method="post" if suffix == "_process_import" else "get",
    )
    for model in IMPORT_EXPORT_MODELS
    for suffix in IMPORT_EXPORT_SUFFIXES
]
# The content-review list needs the change permission of a content model, not only is_staff
# (tested per model in tests/security/test_admin_import_export.py).
ADMIN_PAGES_WITH_ROWS = {"admin:mandates_review"}
ROWS.append(Row("admin:mandates_review", ADMIN_ONLY))
ROWS_BY_NAME = {row.name: row for row in ROWS}


def is_exception(route: str, name: str | None = None) -> bool:
    if name and name.startswith("admin:") and name.endswith(IMPORT_EXPORT_SUFFIXES):
        return False
    if name in ADMIN_PAGES_WITH_ROWS:
        return False
    return any(route.startswith(prefix) for prefix in EXCEPTIONS)


def test_every_url_pattern_has_a_row():
    missing = [
        f"{route} (name={name!r})"
        for route, name in walk()
        if not is_exception(route, name) and name not in ROWS_BY_NAME
    ]
    assert not missing, (
        "URL-mönster utan rad i behörighetsmatrisen (lägg till en Row i "
        "tests/security/test_authorization_matrix.py):\n  " + "\n  ".join(missing)
    )


def test_every_row_names_a_url_that_exists():
    names = {name for _, name in walk()}
    stale = [row.name for row in ROWS if row.name not in names]
    assert not stale, f"rader för URL-namn som inte längre finns: {stale}"


def test_the_rows_have_no_duplicates_and_cover_every_role():
    assert len(ROWS_BY_NAME) == len(ROWS)
    for row in ROWS:
        assert set(row.expected) == set(ROLES), row.name


@pytest.fixture
def fast_pdf(monkeypatch):
    """Access is decided before a PDF is laid out; the layout (seconds per PDF, tested in each
    app) is skipped here so that nine roles can ask for every PDF."""
    import weasyprint

    monkeypatch.setattr(weasyprint.HTML, "write_pdf", lambda self, *a, **k: b"%PDF-1.7\n")


@pytest.mark.parametrize("row", ROWS, ids=[row.name for row in ROWS])
def test_each_role_gets_the_expected_answer(row, world, fast_pdf):
    url = row.url(world)
    wrong = []
    for role in ROLES:
        client = Client()
        user = world.users[role]
        if user is not None:
            client.force_login(user)
        got = answer(getattr(client, row.method)(url))
        if got != row.expected[role]:
            wrong.append(f"{role}: väntat {row.expected[role]}, fick {got}")
    assert not wrong, f"{row.name} ({url}):\n  " + "\n  ".join(wrong)


def test_the_matrix_tells_a_login_redirect_from_another_redirect(client, db):
    from django.urls import reverse

    assert answer(client.get(reverse("admin:index"))) == LOGIN
    assert answer(client.get(reverse("checklists:unit_list"))) == LOGIN
    assert REDIRECT != LOGIN
