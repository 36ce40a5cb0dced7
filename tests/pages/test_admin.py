import datetime

import pytest
from django.contrib.auth.models import Permission
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from familjeombud.admin import MSG_CONTACTS_UNVERIFIED
from familjeombud.models import AccessibilityReport, ReportStatus
from familjeombud.pages import services

from .html_checks import form_values

REPORTS = reverse("admin:familjeombud_accessibilityreport_changelist")


def make_report(**fields) -> AccessibilityReport:
    return AccessibilityReport.objects.create(
        page="/stodpaket/", description="Knappen saknar text.", reports_problem=True, **fields
    )


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser("chef", "", "ett-langt-losenord-123")


@pytest.fixture
def staff_without_permissions(django_user_model):
    return django_user_model.objects.create_user(
        "redaktor", "", "ett-langt-losenord-123", is_staff=True
    )


@pytest.mark.django_db
def test_anonymous_visitors_are_sent_to_login_from_the_report_list(client):
    make_report()
    response = client.get(REPORTS)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


@pytest.mark.django_db
def test_staff_without_the_permission_cannot_see_reports(client, staff_without_permissions):
    make_report()
    client.force_login(staff_without_permissions)
    assert client.get(REPORTS).status_code == 403


@pytest.mark.django_db
def test_staff_with_view_permission_see_reports_with_status_and_answer_date(
    client, staff_without_permissions
):
    staff_without_permissions.user_permissions.add(
        Permission.objects.get(codename="view_accessibilityreport")
    )
    make_report(status=ReportStatus.ANSWERED, answered_on=datetime.date(2026, 1, 15))
    client.force_login(staff_without_permissions)
    html = client.get(REPORTS).content.decode()
    assert "/stodpaket/" in html and "besvarad" in html and "15 januari 2026" in html


@pytest.mark.django_db
def test_a_report_posted_through_the_form_is_listed_in_admin(client, superuser):
    client.post(
        "/tillganglighet/",
        {"page": "/beredskap/", "kinds": ["tillganglig-version"], "description": "Som Word."},
    )
    client.force_login(superuser)
    html = client.get(REPORTS).content.decode()
    assert "/beredskap/" in html and ">ny<" in html
    assert client.get(reverse("admin:familjeombud_accessibilityreport_add")).status_code == 403


@pytest.mark.django_db
def test_the_answered_action_sets_status_date_and_handler(client, superuser):
    report = make_report()
    client.force_login(superuser)
    client.post(REPORTS, {"action": "mark_answered", "_selected_action": [report.pk]})
    report.refresh_from_db()
    assert report.status == ReportStatus.ANSWERED
    assert report.answered_on == timezone.localdate()
    assert report.handled_by == "chef"


@pytest.mark.django_db
def test_a_fixed_report_cannot_go_back_to_answered(client, superuser):
    report = make_report(status=ReportStatus.FIXED)
    client.force_login(superuser)
    response = client.post(
        REPORTS, {"action": "mark_answered", "_selected_action": [report.pk]}, follow=True
    )
    report.refresh_from_db()
    assert report.status == ReportStatus.FIXED and report.answered_on is None
    expected = services.MSG_TRANSITION_REFUSED.format(current="åtgärdad", target="besvarad")
    assert any(expected in str(m) for m in get_messages(response.wsgi_request))


@pytest.mark.django_db
@pytest.mark.parametrize(
    "start,transition,allowed",
    [
        (ReportStatus.NEW, services.report_mark_answered, True),
        (ReportStatus.NEW, services.report_mark_fixed, True),
        (ReportStatus.ANSWERED, services.report_mark_fixed, True),
        (ReportStatus.ANSWERED, services.report_mark_answered, False),
        (ReportStatus.FIXED, services.report_mark_fixed, False),
    ],
)
def test_status_moves_only_along_the_transition_table(start, transition, allowed):
    report = make_report(status=start)
    if allowed:
        transition(report=report, by="chef")
    else:
        with pytest.raises(services.ReportError):
            transition(report=report, by="chef")
    report.refresh_from_db()
    assert (report.status != start) == allowed


@pytest.mark.django_db
def test_the_statement_is_edited_in_admin_with_its_three_kinds_of_rows(
    client, superuser, site_pages
):
    client.force_login(superuser)
    url = reverse("admin:familjeombud_accessibilitystatement_change", args=[1])
    html = client.get(url).content.decode()
    assert "PDF-filer som portalen skapar" in html
    assert "oskäligt betungande anpassning (12 §)" in html.lower()
    assert "innehåll som inte omfattas av lagen (9 §)" in html.lower()
    add = reverse("admin:familjeombud_accessibilitystatement_add")
    assert client.get(add).status_code == 403


@pytest.mark.django_db
def test_admin_warns_that_the_shipped_contacts_are_placeholders(client, superuser, site_pages):
    client.force_login(superuser)
    url = reverse("admin:familjeombud_dataprotectioncontacts_change", args=[1])
    response = client.get(url)
    assert str(MSG_CONTACTS_UNVERIFIED) in [str(m) for m in get_messages(response.wsgi_request)]


@pytest.mark.django_db
def test_an_administrator_changes_the_level_and_adds_a_burden_row_and_the_page_follows(
    client, superuser, site_pages
):
    client.force_login(superuser)
    url = reverse("admin:familjeombud_accessibilitystatement_change", args=[1])
    data = form_values(client.get(url).content.decode())
    data.update(
        {
            "compliance": "inte",
            "burden_rows-TOTAL_FORMS": "1",
            "burden_rows-0-order": "1",
            "burden_rows-0-content": "Äldre inspelade webbinarier",
            "burden_rows-0-description": "Textning skulle kosta mer än nyttan just nu.",
            "_save": "Spara",
        }
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    html = client.get("/tillganglighet/").content.decode()
    assert "<strong>inte förenlig</strong>" in html
    assert "Äldre inspelade webbinarier" in html
    assert "PDF-filer som portalen skapar" in html
