"""A second open case for the same child: the clinician is warned, shown the cases they may
see and the routine's check with Barnens bästa-ansvarig, and must confirm. A case they may not
see gives no hint at all."""

import re

import pytest
from django.urls import reverse

from samverkan import routine
from samverkan.models import AuditEntry, Case
from samverkan.services import cases as cs
from samverkan.services import errors, reading

pytestmark = pytest.mark.django_db

CREATE = reverse("samverkan:case_create")


def form_data(number="121212-1212", **fields):
    return {
        "child_name": "Ida Identitet",
        "child_id_entry": "number",
        "child_personnummer": number,
        "age_group": "school",
        "unit_name": "BUP Växjö",
        "unit_phone": "0470-58 80 00",
        **fields,
    }


def open_case(owner, number="20121212-1212", **kwargs):
    return cs.case_create(actor=owner, child_name="Ida", child_personnummer=number, **kwargs)


def warned(response) -> bool:
    context = response.context or {}  # a redirect has none: the case was created
    return bool(context.get("duplicates"))


def test_an_open_case_of_the_clinician_for_the_same_child_is_warned_about_with_a_link(
    client, clinician, directory
):
    mine = open_case(clinician)
    client.force_login(clinician)
    response = client.post(CREATE, form_data("121212-1212"))
    assert response.status_code == 200 and warned(response)
    assert response.context["duplicate_message"] == errors.DUPLICATE_OPEN_CASE
    page = response.content.decode()
    assert errors.DUPLICATE_OPEN_CASE in page
    assert reverse("samverkan:case_detail", kwargs={"pk": mine.pk}) in page
    assert routine.lines("initiate_school")[0].text in page
    assert Case.objects.count() == 1  # nothing created yet
    # What was typed is kept.
    assert response.context["form"]["child_personnummer"].value() == "121212-1212"


def test_the_numbers_are_compared_in_their_one_stored_form(client, clinician, directory):
    open_case(clinician, "121212+1212")  # born 1912
    client.force_login(clinician)
    assert warned(client.post(CREATE, form_data("19121212 1212")))
    assert not warned(client.post(CREATE, form_data("20121212-1212", child_name="Annat barn")))


def test_the_case_is_created_once_the_check_is_confirmed(client, clinician, directory):
    open_case(clinician)
    client.force_login(clinician)
    client.post(CREATE, form_data())
    response = client.post(
        CREATE, form_data(duplicate_shown="True", duplicate_confirmed="on"), follow=True
    )
    assert response.redirect_chain
    assert Case.objects.count() == 2
    newest = Case.objects.order_by("-created_at").first()
    created = AuditEntry.objects.get(case=newest, action="changed")
    assert created.detail == cs.CREATED_DESPITE_DUPLICATE


def test_posting_again_without_ticking_the_box_says_what_is_missing(client, clinician, directory):
    open_case(clinician)
    client.force_login(clinician)
    response = client.post(CREATE, form_data(duplicate_shown="True"))
    assert warned(response) and Case.objects.count() == 1
    summary = [row["text"] for row in response.context["error_summary"]]
    assert summary == [errors.DUPLICATE_NOT_CONFIRMED]


def test_a_case_shared_with_the_clinician_by_a_colleague_is_warned_about(
    client, clinician, make_clinician, directory
):
    colleague = make_clinician("kollegan")
    theirs = open_case(colleague)
    cs.case_add_member(case=theirs, actor=colleague, colleague=clinician)
    client.force_login(clinician)
    response = client.post(CREATE, form_data())
    assert [c.pk for c in response.context["duplicates"]] == [theirs.pk]
    assert "delat med dig av kollegan" in response.content.decode()


def test_closed_cases_and_cases_without_a_number_are_not_duplicates(client, clinician, directory):
    closed = open_case(clinician)
    cs.case_close(case=closed, actor=clinician, reason="Klart")
    cs.case_create(
        actor=clinician,
        child_name="Nyfödd",
        identity=cs.ChildIdentity("none", "", None, "Nyfödd"),
    )
    client.force_login(clinician)
    assert not warned(client.post(CREATE, form_data()))
    assert Case.objects.count() == 3
    newborn = form_data(
        "",
        child_id_entry="none",
        child_birth_date="2026-11-30",
        child_no_number_reason="Nyfödd, inte folkbokförd",
    )
    assert not warned(client.post(CREATE, newborn))
    assert Case.objects.count() == 4


def _normalised(response, case) -> str:
    page = response.content.decode()
    page = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "CSRF", page)
    return page.replace(str(case.pk), "PK").replace(case.short_ref, "REF")


def test_a_case_the_clinician_may_not_see_gives_no_hint_at_all(
    client, clinician, make_clinician, directory
):
    client.force_login(clinician)
    alone = client.post(CREATE, form_data(), follow=True)
    first = Case.objects.get()
    expected = (alone.redirect_chain, _normalised(alone, first))
    first_pk = str(first.pk)
    first.delete()
    AuditEntry.objects.all().delete()

    hidden = open_case(make_clinician("annan"))  # not shared with the clinician
    response = client.post(CREATE, form_data(), follow=True)
    second = Case.objects.exclude(pk=hidden.pk).get()
    chain = [(url.replace(str(second.pk), first_pk), code) for url, code in response.redirect_chain]
    assert (chain, _normalised(response, second)) == expected
    # Nothing recorded hints at it either: no warning was shown, the creation is plain.
    assert not AuditEntry.objects.filter(detail=reading.DUPLICATE_SHOWN).exists()
    assert AuditEntry.objects.get(case=second, action="changed").detail == cs.CREATED
    assert not AuditEntry.objects.filter(case=hidden).exclude(detail=cs.CREATED).exists()


def test_the_warning_is_audited_as_a_view_of_the_listed_cases_without_the_number(
    client, clinician, directory, caplog
):
    mine = open_case(clinician)
    client.force_login(clinician)
    with caplog.at_level("DEBUG"):
        response = client.post(CREATE, form_data("121212-1212"))
    assert warned(response)
    entry = AuditEntry.objects.get(case=mine, detail=reading.DUPLICATE_SHOWN)
    assert entry.action == "viewed"
    for text in [
        entry.detail,
        caplog.text,
        *(r["Location"] for r in [response] if r.has_header("Location")),
    ]:
        assert "1212" not in text
