import datetime

import pytest
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from samverkan.admin import UNCONFIRMED_WARNING
from samverkan.ics import escape_text, fold, meeting_ics
from samverkan.management.commands.seed_demo_cases import (
    DEMO_ADMIN_CASE_ID,
    DEMO_CASE_ID,
    DEMO_USERNAME,
)
from samverkan.models import AuditAction, AuditEntry, Case, WheelArea
from samverkan.services.audit import audit
from samverkan.wheel import wheel_svg

pytestmark = pytest.mark.django_db


def test_the_clinician_group_may_work_with_cases():
    perms = set(Group.objects.get(name="Kliniker").permissions.values_list("codename", flat=True))
    assert {"add_case", "view_case", "change_case"} <= perms
    assert "break_glass" not in perms


def test_the_audit_log_cannot_be_added_changed_or_deleted_in_admin(admin_client, clinician):
    entry = audit(who=clinician, case=None, action=AuditAction.VIEWED, detail="spår")
    assert admin_client.get(reverse("admin:samverkan_auditentry_add")).status_code == 403
    change = reverse("admin:samverkan_auditentry_change", args=[entry.pk])
    assert admin_client.post(change, {"detail": "ändrad"}).status_code == 403
    delete = reverse("admin:samverkan_auditentry_delete", args=[entry.pk])
    assert admin_client.post(delete, {"post": "yes"}).status_code == 403
    entry.refresh_from_db()
    assert entry.detail == "spår"


def test_administrators_can_search_the_audit_log(admin_client, clinician):
    audit(who=clinician, case=None, action=AuditAction.REFUSED, detail="nekad")
    response = admin_client.get(
        reverse("admin:samverkan_auditentry_changelist"), {"q": "klinikern"}
    )
    assert response.status_code == 200
    assert "nekad" in response.content.decode()


def test_cases_are_not_reachable_through_admin(admin_client):
    from django.contrib import admin

    assert Case not in admin.site._registry


def test_unconfirmed_wheel_areas_are_flagged_in_admin(admin_client, directory):
    url = reverse("admin:samverkan_wheelarea_changelist")
    html = admin_client.get(url).content.decode()
    assert UNCONFIRMED_WARNING.format(count=7).split("”")[0] in html
    filtered = admin_client.get(url, {"awaiting_confirmation__exact": "1"})
    assert filtered.status_code == 200
    WheelArea.objects.update(awaiting_confirmation=False)
    assert "väntar på bekräftelse mot" not in admin_client.get(url).content.decode()


def test_the_directory_can_be_exported_from_admin(admin_client, directory):
    response = admin_client.get(reverse("admin:samverkan_bvcunit_export"))
    assert response.status_code == 200


def test_the_wheel_draws_every_area_and_highlights_the_chosen(directory):
    areas = list(WheelArea.objects.all())
    svg = wheel_svg(areas, {areas[0].pk, areas[2].pk})
    assert svg.count("<path") == 7
    assert svg.count('data-chosen="ja"') == 2
    assert "<script" not in svg and "style=" not in svg


def test_the_wheel_escapes_area_names(directory):
    area = WheelArea(pk=99, order=99, name="<b>&", awaiting_confirmation=False)
    assert "&lt;b&gt;&amp;" in wheel_svg([area], set())


def test_ics_text_is_escaped_as_rfc5545_says():
    assert escape_text("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"


def test_ics_long_lines_are_folded_at_75_octets_without_splitting_characters():
    folded = fold("DESCRIPTION:" + "å" * 100)
    lines = folded.split("\r\n")
    assert all(len(line.encode()) <= 75 for line in lines)
    assert all(line.startswith(" ") for line in lines[1:])
    assert "".join(line[1:] if i else line for i, line in enumerate(lines)).endswith("å" * 100)


def test_ics_times_are_in_utc():
    start = timezone.make_aware(datetime.datetime(2030, 6, 1, 10, 0))
    body = meeting_ics(uid="u1", starts_at=start, summary="S", location="L", description="D")
    assert "DTSTART:20300601T080000Z\r\n" in body  # Stockholm summer time is UTC+2
    assert "DTEND:20300601T093000Z\r\n" in body


def test_demo_cases_need_the_dev_flag():
    with pytest.raises(CommandError):
        call_command("seed_demo_cases")


def test_seed_demo_cases_is_idempotent_and_prints_a_generated_password(
    capsys, directory, admin_user, django_user_model
):
    call_command("seed_demo_cases", "--dev")
    first = capsys.readouterr().out
    call_command("seed_demo_cases", "--dev")
    second = capsys.readouterr().out
    assert django_user_model.objects.filter(username=DEMO_USERNAME).count() == 1
    assert Case.objects.count() == 2
    assert Case.objects.get(pk=DEMO_CASE_ID).created_by.username == DEMO_USERNAME
    assert Case.objects.get(pk=DEMO_ADMIN_CASE_ID).created_by == admin_user
    password = second.split("lösenord ")[1].split(" ")[0]
    assert password not in first and len(password) >= 12
    assert django_user_model.objects.get(username=DEMO_USERNAME).check_password(password)


def test_the_demo_clinician_can_open_the_demo_case(
    client, directory, admin_user, django_user_model
):
    call_command("seed_demo_cases", "--dev")
    client.force_login(django_user_model.objects.get(username=DEMO_USERNAME))
    response = client.get(reverse("samverkan:case_detail", kwargs={"pk": DEMO_CASE_ID}))
    assert response.status_code == 200
    assert "20121212-1212" in response.content.decode()  # shown as a personnummer, not "–"
    other = client.get(reverse("samverkan:case_detail", kwargs={"pk": DEMO_ADMIN_CASE_ID}))
    assert other.status_code == 404
    assert AuditEntry.objects.filter(case_id=DEMO_CASE_ID, action=AuditAction.VIEWED).exists()


def test_break_glass_page_sends_anonymous_users_to_login(client):
    response = client.get(reverse("samverkan:break_glass"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_break_glass_requires_a_reason_and_an_existing_case(admin_client):
    import uuid

    response = admin_client.post(
        reverse("samverkan:break_glass"), {"case_id": str(uuid.uuid4()), "reason": "x"}
    )
    assert "Det finns inget ärende med det id:t." in response.content.decode()
    assert not AuditEntry.objects.exists()
