"""One account cannot flood a case with rows: past the limit a post saves nothing, says why in
Swedish and gives the form back as typed (issue 20's leftover: contacts, invitations, colleagues
and new cases were one row per request without a limit)."""

import pytest
from django.urls import reverse

from samverkan.models import Case
from samverkan.services import errors

pytestmark = pytest.mark.django_db


def contact(org, n):
    return {
        "organisation": org("Skola").pk,
        "purpose": f"Förbereda mötet, samtal {n}",
        "shared_was_proportionate": "on",
        "no_support_agreed": "on",
    }


def test_posts_beyond_the_limit_save_nothing_and_keep_what_was_typed(
    client, invited_case, clinician, org, settings
):
    settings.SAMVERKAN_WRITES_PER_MINUTE = 3
    client.force_login(clinician)
    url = reverse("samverkan:contact", kwargs={"pk": invited_case.pk})
    answers = [client.post(url, contact(org, n)) for n in range(4)]
    assert [a.status_code for a in answers] == [302, 302, 302, 429]
    refused = answers[-1]
    assert [str(m) for m in refused.context["messages"]][-1] == errors.TOO_MANY_WRITES
    assert "Förbereda mötet, samtal 3" in refused.content.decode()
    assert "no-store" in refused["Cache-Control"]
    assert invited_case.contacts.count() == 3


def test_the_limit_counts_every_samverkan_form_of_the_user_together(
    client, invited_case, clinician, org, settings, directory
):
    settings.SAMVERKAN_WRITES_PER_MINUTE = 2
    client.force_login(clinician)
    contact_url = reverse("samverkan:contact", kwargs={"pk": invited_case.pk})
    assert client.post(contact_url, contact(org, 1)).status_code == 302
    assert client.post(contact_url, contact(org, 2)).status_code == 302
    cases_before = Case.objects.count()
    refused = client.post(
        reverse("samverkan:case_create"),
        {"child_name": "Nytt Barn", "child_id_kind": "none", "child_address": "Gatan 2"},
    )
    assert refused.status_code == 429
    assert [str(m) for m in refused.context["messages"]][-1] == errors.TOO_MANY_WRITES
    assert "Nytt Barn" in refused.content.decode()
    assert Case.objects.count() == cases_before


def test_another_clinician_is_not_held_back_by_someone_elses_posts(
    client, invited_case, clinician, make_clinician, org, settings
):
    settings.SAMVERKAN_WRITES_PER_MINUTE = 1
    client.force_login(clinician)
    url = reverse("samverkan:contact", kwargs={"pk": invited_case.pk})
    assert client.post(url, contact(org, 1)).status_code == 302
    assert client.post(url, contact(org, 2)).status_code == 429
    colleague = make_clinician("kollega")
    invited_case.members.add(colleague)
    client.force_login(colleague)
    assert client.post(url, contact(org, 3)).status_code == 302
