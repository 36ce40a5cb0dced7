import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from samverkan.forms import LINK_TOO_LONG, ROOM_TOO_LONG
from samverkan.models import AuditAction, AuditEntry, Case, CaseState, WheelArea
from samverkan.services import cases as cs
from samverkan.services import errors

from .conftest import VALID_PNR
from .helpers import case_urls

pytestmark = pytest.mark.django_db


def test_anonymous_users_are_sent_to_login_from_every_samverkan_page(client, planned_case):
    for url in [reverse("samverkan:case_list"), reverse("samverkan:case_create")] + case_urls(
        planned_case
    ):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("login")), url


def test_users_without_the_clinician_role_get_403(client, planned_case, django_user_model):
    client.force_login(django_user_model.objects.create_user(username="annan", password="x"))
    for url in [reverse("samverkan:case_list"), reverse("samverkan:case_create")] + case_urls(
        planned_case
    ):
        assert client.get(url).status_code == 403, url


def test_another_clinician_gets_404_and_the_attempt_is_logged(client, planned_case, make_clinician):
    client.force_login(make_clinician("nyfiken"))
    for url in case_urls(planned_case):
        response = client.get(url)
        assert response.status_code == 404, url
        assert "Testa Barnsson" not in response.content.decode()
    refused = AuditEntry.objects.filter(case=planned_case, action=AuditAction.REFUSED)
    assert refused.count() == len(case_urls(planned_case))
    assert refused.first().who_username == "nyfiken"


def test_the_creator_and_added_colleagues_can_open_every_page(
    client, planned_case, clinician, make_clinician
):
    colleague = make_clinician("kollega")
    cs.case_add_member(case=planned_case, actor=clinician, colleague=colleague)
    for user in (clinician, colleague):
        client.force_login(user)
        for url in case_urls(planned_case):
            assert client.get(url).status_code == 200, url


def test_the_case_list_shows_only_visible_cases(client, planned_case, make_clinician, new_case):
    other = make_clinician("annan")
    cs.case_create(actor=other, child_name="Hemlig Person", child_personnummer=VALID_PNR)
    client.force_login(planned_case.created_by)
    html = client.get(reverse("samverkan:case_list")).content.decode()
    assert "Testa Barnsson" in html and "Hemlig Person" not in html


def test_the_case_list_shows_upcoming_meetings_and_overdue_actions(client, planned_case):
    planned_case.plan_versions.get().items.update(
        due_on=timezone.localdate() - datetime.timedelta(days=1)
    )
    client.force_login(planned_case.created_by)
    response = client.get(reverse("samverkan:case_list"))
    assert response.context["upcoming"] == []  # the only meeting has been held
    assert [c.pk for c in response.context["overdue_cases"]] == [planned_case.pk]
    assert "1 insats har passerat sitt datum" in response.content.decode()


def test_the_case_list_shows_a_booked_meeting_as_upcoming(client, invited_case):
    client.force_login(invited_case.created_by)
    response = client.get(reverse("samverkan:case_list"))
    assert [c.pk for c in response.context["upcoming"]] == [invited_case.pk]


def test_viewing_a_case_writes_a_viewed_audit_entry(client, planned_case, clinician):
    client.force_login(clinician)
    client.get(reverse("samverkan:case_detail", kwargs={"pk": planned_case.pk}))
    entry = AuditEntry.objects.filter(case=planned_case, action=AuditAction.VIEWED).latest("id")
    assert entry.who_username == "klinikern"


def test_an_administrator_only_gets_in_through_audited_break_glass(
    client, planned_case, admin_user
):
    client.force_login(admin_user)
    url = reverse("samverkan:case_detail", kwargs={"pk": planned_case.pk})
    assert client.get(url).status_code == 404
    response = client.post(
        reverse("samverkan:break_glass"), {"case_id": str(planned_case.pk), "reason": "Tillsyn"}
    )
    assert response.status_code == 302
    assert client.get(url).status_code == 200
    entry = AuditEntry.objects.get(case=planned_case, action=AuditAction.BREAK_GLASS)
    assert (entry.who_username, entry.detail) == ("admin", "Tillsyn")


def test_break_glass_is_refused_to_clinicians(client, clinician):
    client.force_login(clinician)
    assert client.get(reverse("samverkan:break_glass")).status_code == 403


def test_a_clinician_walks_a_case_end_to_end_through_the_pages(client, clinician, directory, org):
    client.force_login(clinician)
    r = client.post(
        reverse("samverkan:case_create"),
        {
            "child_name": "Walk Barn",
            "child_personnummer": "20121212-1212",
            "age_group": "school",
            "unit_name": "BUP Växjö",
            "unit_phone": "0470-58 80 00",
            "child_address": "Vägen 2",
            "child_is_patient": "on",
        },
    )
    case = Case.objects.get(child_name="Walk Barn")
    assert "1212" not in r["Location"] and "Walk" not in r["Location"]
    pk = {"pk": case.pk}
    client.post(
        reverse("samverkan:assessment", kwargs=pk),
        {
            "noticed": "Oro",
            "own_care_sufficient": "nej",
            "other_org_alone": "nej",
            "together": "ja",
        },
    )
    client.post(reverse("samverkan:custody", kwargs=pk), {"custody": "one"})
    client.post(
        reverse("samverkan:guardian_add", kwargs=pk), {"name": "Gun Vårdnad", "is_patient": "on"}
    )
    g = case.guardians.get()
    today = timezone.localdate().isoformat()
    client.post(
        reverse("samverkan:consent", kwargs=pk),
        {
            "party": f"g{g.pk}",
            "method": "oral",
            "given_on": today,
            "organisations": [org("Skola").pk],
        },
    )
    client.post(reverse("samverkan:consent_complete", kwargs=pk))
    client.post(
        reverse("samverkan:initiation", kwargs=pk),
        {
            "age_group": "school",
            "areas": [WheelArea.objects.get(order=2).pk],
        },
    )
    soon = timezone.localdate() + datetime.timedelta(days=5)
    client.post(
        reverse("samverkan:meeting_book", kwargs=pk),
        {
            "form": "digital",
            "link": "https://teams.example/m",
            "date": soon.isoformat(),
            "time": "10:00",
        },
    )
    r = client.post(
        reverse("samverkan:invite", kwargs=pk), {"organisation": org("Polis").pk, "recipient": "P"}
    )
    assert r.context["form"].errors["organisation"] == [errors.INVITE_NOT_CONSENTED]
    client.post(
        reverse("samverkan:invite", kwargs=pk),
        {"organisation": org("Skola").pk, "recipient": "Rektor"},
    )
    case.meetings.update(starts_at=timezone.now())  # the meeting day has come
    client.post(
        reverse("samverkan:meeting_held", kwargs=pk),
        {
            "family_first": "on",
            "proportionate": "on",
            "areas": "on",
            "views": "on",
            "solutions": "on",
        },
    )
    client.post(
        reverse("samverkan:plan_edit", kwargs=pk),
        {
            "items-TOTAL_FORMS": "2",
            "items-INITIAL_FORMS": "0",
            "items-0-area": WheelArea.objects.get(order=2).pk,
            "items-0-need": "Må bättre",
            "items-0-action": "Samtal",
            "items-0-organisation": org("Skola").pk,
            "items-0-person": "Kurator",
            "items-0-due_on": soon.isoformat(),
            "participants": "Alla",
            "child_view": "Jag vill",
            "guardians_view": "Vi vill",
        },
    )
    case.refresh_from_db()
    assert case.state == CaseState.PLAN
    html = client.get(reverse("samverkan:case_detail", kwargs=pk)).content.decode()
    note = (
        f"Samtycke har lämnats muntligen den {today} av Gun Vårdnad för att initiera "
        "samverkan inom Kronobarnsmodellen."
    )
    assert html.count(note) == 2  # the child's journal and the guardian-patient's journal
    assert "<svg" in html and 'data-chosen="ja"' in html
    client.post(
        reverse("samverkan:follow_up", kwargs=pk),
        {
            "coordinator": org("Skola").pk,
            "date": (soon + datetime.timedelta(days=30)).isoformat(),
            "time": "09:00",
            "form": "physical",
            "room": "Rum 1",
        },
    )
    case.refresh_from_db()
    assert case.state == CaseState.FOLLOW_UP and case.next_coordinator.name == "Skola"


def test_a_bad_personnummer_gives_a_swedish_message_and_no_case(client, clinician, directory):
    client.force_login(clinician)
    r = client.post(
        reverse("samverkan:case_create"),
        {
            "child_name": "X",
            "child_personnummer": "20121212-1213",
            "age_group": "school",
            "unit_name": "BUP Växjö",
            "unit_phone": "0470-58 80 00",
        },
    )
    assert r.status_code == 200
    assert "kontrollsiffra stämmer inte" in r.content.decode()
    assert not Case.objects.exists()


def test_get_of_a_transition_only_shows_a_confirmation_page(client, consented_case, clinician):
    client.force_login(clinician)
    r = client.get(reverse("samverkan:close", kwargs={"pk": consented_case.pk}))
    assert r.status_code == 200
    consented_case.refresh_from_db()
    assert consented_case.state == CaseState.INITIATION


def test_creating_a_case_never_logs_the_personnummer(client, clinician, directory, caplog):
    client.force_login(clinician)
    with caplog.at_level("DEBUG"):
        client.post(
            reverse("samverkan:case_create"),
            {
                "child_name": "Logg Test",
                "child_personnummer": "20121212-1212",
                "age_group": "school",
                "unit_name": "BUP Växjö",
                "unit_phone": "0470-58 80 00",
            },
        )
    assert Case.objects.filter(child_name="Logg Test").exists()
    assert "20121212" not in caplog.text and "Logg Test" not in caplog.text


def test_a_plan_version_page_shows_an_earlier_version_as_earlier(
    client, planned_case, clinician, org
):
    from samverkan.services.plan import PlanItemData, case_save_plan

    area = planned_case.areas.first()
    case_save_plan(
        case=planned_case,
        actor=clinician,
        items=[PlanItemData(area, "n", "Ny insats", org("Skola"), "p", timezone.localdate())],
        child_view="",
        guardians_view="",
        participants="Alla",
    )
    client.force_login(clinician)
    old = client.get(reverse("samverkan:plan_version", kwargs={"pk": planned_case.pk, "number": 1}))
    assert "Det här är en tidigare version." in old.content.decode()
    assert "Extra lästräning" in old.content.decode()
    new = client.get(reverse("samverkan:plan_version", kwargs={"pk": planned_case.pk, "number": 2}))
    assert "Ny insats" in new.content.decode() and "tidigare version" not in new.content.decode()


def test_a_user_without_the_role_opening_a_case_is_logged_as_refused(
    client, planned_case, django_user_model
):
    client.force_login(django_user_model.objects.create_user(username="utan-roll", password="x"))
    client.get(reverse("samverkan:case_detail", kwargs={"pk": planned_case.pk}))
    entry = AuditEntry.objects.get(action=AuditAction.REFUSED)
    assert (entry.case_id, entry.who_username) == (planned_case.pk, "utan-roll")


@pytest.mark.parametrize(
    ("answers", "outcome", "state"),
    [
        ({"own_care_sufficient": "ja"}, "own_care", CaseState.CLOSED),
        (
            {"own_care_sufficient": "nej", "other_org_alone": "ja", "referral_mode": "family"},
            "refer_family",
            CaseState.CLOSED,
        ),
        (
            {
                "own_care_sufficient": "nej",
                "other_org_alone": "ja",
                "referral_mode": "oral_consent",
                "referral_consent_on": "2026-01-02",
            },
            "refer_oral_consent",
            CaseState.CLOSED,
        ),
        (
            {"own_care_sufficient": "nej", "other_org_alone": "nej", "together": "ja"},
            "activate",
            CaseState.CONSENT,
        ),
    ],
)
def test_the_assessment_page_leads_to_each_outcome_of_the_routine(
    client, new_case, clinician, org, answers, outcome, state
):
    case = new_case()
    client.force_login(clinician)
    data = {"noticed": "Oro", "referral_organisation": org("Habilitering").pk, **answers}
    response = client.post(reverse("samverkan:assessment", kwargs={"pk": case.pk}), data)
    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.outcome, case.state) == (outcome, state)
    assert bool(case.child_name) == (state == CaseState.CONSENT)


def test_the_assessment_page_explains_a_missing_answer_and_saves_nothing(
    client, new_case, clinician
):
    case = new_case()
    client.force_login(clinician)
    response = client.post(
        reverse("samverkan:assessment", kwargs={"pk": case.pk}),
        {"noticed": "Oro", "own_care_sufficient": "nej"},
    )
    assert "Besvara frågorna i rutinens ordning: fråga 3." in response.content.decode()
    case.refresh_from_db()
    assert case.state == CaseState.ASSESSMENT and case.outcome == ""


def test_a_closed_case_can_be_read_but_not_changed(client, planned_case, clinician):
    cs.case_close(case=planned_case, actor=clinician, reason="Klart")
    client.force_login(clinician)
    assert (
        client.get(reverse("samverkan:case_detail", kwargs={"pk": planned_case.pk})).status_code
        == 200
    )
    response = client.post(
        reverse("samverkan:contact", kwargs={"pk": planned_case.pk}),
        {
            "organisation": 1,
            "purpose": "x",
            "shared_was_proportionate": "on",
            "no_support_agreed": "on",
        },
        follow=True,
    )
    assert errors.CASE_CLOSED in response.content.decode()
    assert not planned_case.contacts.exists()


@pytest.mark.parametrize(
    ("form", "room", "link", "error"),
    [
        ("physical", "R" * 201, "", ROOM_TOO_LONG),
        ("digital", "", "https://meet.example.se/" + "a" * 200, LINK_TOO_LONG),
    ],
)
def test_a_follow_up_with_a_room_or_link_too_long_is_refused_not_a_server_error(
    client, planned_case, clinician, org, form, room, link, error
):
    """The columns hold 200 characters; PostgreSQL raised DataError (a 500) on a longer one."""
    client.force_login(clinician)
    meetings = planned_case.meetings.count()
    response = client.post(
        reverse("samverkan:follow_up", kwargs={"pk": planned_case.pk}),
        {
            "coordinator": org("Skola").pk,
            "date": (timezone.localdate() + datetime.timedelta(days=30)).isoformat(),
            "time": "09:00",
            "form": form,
            "room": room,
            "link": link,
        },
    )
    assert response.status_code == 200
    assert error in response.context["form"].errors["room" if room else "link"]
    assert planned_case.meetings.count() == meetings
