import datetime
import logging

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from axes.utils import reset
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from familjeombud.auditlog import review as rv
from familjeombud.auditlog import views
from familjeombud.management.commands import audit_report
from familjeombud.models import REVIEW_IMMUTABLE, AuditReview, FindingKind, ReviewImmutableError
from samverkan.models import AuditAction, AuditEntry

pytestmark = pytest.mark.django_db

REVIEW_URL = reverse("auditlog:review_list")
MARK_URL = reverse("auditlog:review_mark")


def as_client(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def incidents(case, stranger, admin_user):
    """A refused attempt by a clinician not on the case and a break-glass access, made here."""
    detail = reverse("samverkan:case_detail", kwargs={"pk": case.pk})
    assert as_client(stranger).get(detail).status_code == 404
    as_client(admin_user).post(
        reverse("samverkan:break_glass"), {"case_id": str(case.pk), "reason": "Tillsyn"}
    )
    refused = AuditEntry.objects.get(case_ref=case.pk, action=AuditAction.REFUSED)
    glass = AuditEntry.objects.get(case_ref=case.pk, action=AuditAction.BREAK_GLASS)
    return refused, glass


def pending_keys(response):
    return [f.key for f in response.context["pending"]]


def test_the_review_page_flags_the_break_glass_and_the_refused_attempt(reviewer, incidents):
    refused, glass = incidents
    response = as_client(reviewer).get(REVIEW_URL)
    assert response.status_code == 200
    assert pending_keys(response) == [f"entry:{refused.pk}", f"entry:{glass.pk}"]
    kinds = [f.kind for f in response.context["pending"]]
    assert kinds == [FindingKind.REFUSED, FindingKind.BREAK_GLASS]
    assert [f.username for f in response.context["pending"]] == ["frammande", "admin"]
    content = response.content.decode()
    assert "Nödåtkomst" in content and "Nekad åtkomst" in content


def test_a_reviewer_marks_both_findings_reviewed_with_a_comment(reviewer, incidents):
    client = as_client(reviewer)
    comments = ["Fel ärende-id, utrett", "Tillsyn enligt beslut"]
    for entry, comment in zip(incidents, comments, strict=True):
        response = client.post(
            MARK_URL, {"finding": f"entry:{entry.pk}", "comment": comment}, follow=True
        )
        assert views.REVIEW_MARKED in [str(m) for m in response.context["messages"]]
    response = client.get(REVIEW_URL)
    assert pending_keys(response) == []
    reviewed = response.context["reviewed"]
    assert [(f.review.reviewer_username, f.review.comment) for f in reviewed] == [
        ("granskaren", "Fel ärende-id, utrett"),
        ("granskaren", "Tillsyn enligt beslut"),
    ]
    assert all(
        timezone.now() - f.review.reviewed_at < datetime.timedelta(minutes=1) for f in reviewed
    )
    assert "Tillsyn enligt beslut" in response.content.decode()


def test_a_review_is_itself_logged(reviewer, incidents, caplog):
    refused, _ = incidents
    with caplog.at_level(logging.INFO, logger="familjeombud.auditlog"):
        review = rv.audit_review_mark(actor=reviewer, key=f"entry:{refused.pk}", comment="Utrett")
    assert f"granskaren granskade entry:{refused.pk}" in caplog.text
    assert review.summary.startswith(timezone.localtime(refused.when).strftime("%Y-%m-%d %H:%M"))
    assert "Nekad åtkomst" in review.summary


def test_a_review_cannot_be_changed_or_deleted_afterwards(reviewer, incidents):
    refused, _ = incidents
    review = rv.audit_review_mark(actor=reviewer, key=f"entry:{refused.pk}", comment="Utrett")
    review.comment = "Ändrad i efterhand"
    for attempt in [
        review.save,
        review.delete,
        lambda: AuditReview.objects.filter(pk=review.pk).update(comment="x"),
        lambda: AuditReview.objects.all().delete(),
    ]:
        with pytest.raises(ReviewImmutableError, match=REVIEW_IMMUTABLE):
            attempt()
    assert AuditReview.objects.get(pk=review.pk).comment == "Utrett"


def test_a_second_review_of_the_same_finding_is_refused(reviewer, admin_user, incidents):
    refused, _ = incidents
    key = f"entry:{refused.pk}"
    rv.audit_review_mark(actor=reviewer, key=key, comment="Utrett")
    response = as_client(admin_user).post(
        MARK_URL, {"finding": key, "comment": "Igen"}, follow=True
    )
    assert rv.REVIEW_ALREADY_DONE in [str(m) for m in response.context["messages"]]
    assert AuditReview.objects.get().comment == "Utrett"


@pytest.mark.parametrize(
    ("key", "comment", "error"),
    [
        ("entry:{refused}", "   ", rv.REVIEW_COMMENT_REQUIRED),
        ("entry:{refused}", "x" * (rv.COMMENT_MAX + 1), rv.REVIEW_COMMENT_TOO_LONG),
        ("entry:{refused}", "Utrett\x00", rv.REVIEW_COMMENT_INVALID),  # PostgreSQL: no NUL
        ("entry:{viewed}", "Utrett", rv.REVIEW_NOT_FOUND),
        ("entry:999999", "Utrett", rv.REVIEW_NOT_FOUND),
        ("daily:nagon:inte-ett-datum:viewed", "Utrett", rv.REVIEW_NOT_FOUND),
        ("<script>", "Utrett", rv.REVIEW_NOT_FOUND),
    ],
)
def test_bad_review_input_gets_a_message_and_stores_nothing(
    reviewer, incidents, case, key, comment, error
):
    refused, _ = incidents
    viewed = AuditEntry.objects.create(
        case=case, case_ref=case.pk, action=AuditAction.VIEWED, who_username="x"
    )
    key = key.format(refused=refused.pk, viewed=viewed.pk)
    response = as_client(reviewer).post(MARK_URL, {"finding": key, "comment": comment}, follow=True)
    assert response.status_code == 200
    assert error in [str(m) for m in response.context["messages"]]
    assert not AuditReview.objects.exists()


def test_unusually_many_views_by_one_user_in_a_day_are_flagged(
    reviewer, case, owner, colleague, settings
):
    settings.AUDIT_DAILY_VIEW_THRESHOLD = 2
    detail = reverse("samverkan:case_detail", kwargs={"pk": case.pk})
    owner_client, colleague_client = as_client(owner), as_client(colleague)
    for _ in range(3):
        owner_client.get(detail)
    for _ in range(2):
        colleague_client.get(detail)
    response = as_client(reviewer).get(REVIEW_URL)
    today = timezone.localdate()
    assert pending_keys(response) == [f"daily:klinikern:{today:%Y-%m-%d}:viewed"]
    assert response.context["pending"][0].description.startswith("3 händelser (visade)")
    key = pending_keys(response)[0]
    rv.audit_review_mark(actor=reviewer, key=key, comment="Planerat arbete")
    assert AuditReview.objects.get().kind == FindingKind.DAILY_VOLUME


def test_a_login_from_an_account_locked_out_shortly_before_is_flagged(
    client, reviewer, make_clinician
):
    make_clinician("gissad")
    make_clinician("vanlig")
    for _ in range(5):
        client.post(reverse("login"), {"username": "gissad", "password": "fel"})
    assert AccessFailureLog.objects.filter(username="gissad", locked_out=True).exists()
    reset(username="gissad")  # the cool-off has passed
    assert not AccessAttempt.objects.filter(username="gissad").exists()
    assert client.post(reverse("login"), {"username": "gissad", "password": "x"}).status_code == 302
    Client().post(reverse("login"), {"username": "vanlig", "password": "x"})
    login = AccessLog.objects.get(username="gissad")
    response = as_client(reviewer).get(REVIEW_URL)
    assert pending_keys(response) == [f"login:{login.pk}"]
    assert response.context["pending"][0].kind == FindingKind.LOGIN_AFTER_LOCKOUT


def test_a_lockout_more_than_a_day_before_the_login_is_not_flagged(reviewer):
    AccessFailureLog.objects.create(username="gammal", locked_out=True, user_agent="t")
    AccessFailureLog.objects.update(attempt_time=timezone.now() - datetime.timedelta(days=2))
    AccessLog.objects.create(username="gammal", user_agent="t")
    assert pending_keys(as_client(reviewer).get(REVIEW_URL)) == []


def test_findings_before_the_chosen_day_are_not_listed(reviewer, incidents):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = as_client(reviewer).get(REVIEW_URL, {"fran": f"{tomorrow:%Y-%m-%d}"})
    assert pending_keys(response) == []


def test_a_bad_date_gets_a_message_and_the_last_thirty_days(reviewer, incidents):
    response = as_client(reviewer).get(REVIEW_URL, {"fran": "31/12"})
    assert response.status_code == 200
    assert views.SINCE_INVALID in [str(m) for m in response.context["messages"]]
    assert len(pending_keys(response)) == 2


def test_the_review_page_makes_as_many_queries_with_ten_times_the_findings(
    reviewer, case, make_clinician
):
    client = as_client(reviewer)
    client.get(REVIEW_URL)

    def queries():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(REVIEW_URL).status_code == 200
        return len(ctx)

    def refuse(n):
        for i in range(n):
            AuditEntry.objects.create(
                case=case, case_ref=case.pk, action=AuditAction.REFUSED, who_username=f"u{i}"
            )

    refuse(1)
    once = queries()
    refuse(10)
    assert queries() == once


# Permission rows: anonymous, a clinician, a user with the review permission, an administrator.


@pytest.mark.parametrize("url", [REVIEW_URL, MARK_URL])
def test_anonymous_users_are_sent_to_login(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_a_clinician_without_the_review_permission_gets_403(owner, incidents):
    refused, _ = incidents
    client = as_client(owner)
    assert client.get(REVIEW_URL).status_code == 403
    response = client.post(MARK_URL, {"finding": f"entry:{refused.pk}", "comment": "Ok"})
    assert response.status_code == 403
    assert not AuditReview.objects.exists()
    with pytest.raises(rv.ReviewError, match=rv.REVIEW_NOT_ALLOWED):
        rv.audit_review_mark(actor=owner, key=f"entry:{refused.pk}", comment="Ok")


def test_the_review_permission_and_an_administrator_open_the_page(reviewer, admin_user):
    for user in [reviewer, admin_user]:
        client = as_client(user)
        assert client.get(REVIEW_URL).status_code == 200
        assert client.get(MARK_URL)["Location"] == REVIEW_URL


# The audit log and its reviews in admin: read only, even for a superuser.


def test_audit_entries_and_reviews_cannot_be_changed_in_admin(admin_user, reviewer, incidents):
    refused, _ = incidents
    review = rv.audit_review_mark(actor=reviewer, key=f"entry:{refused.pk}", comment="Utrett")
    client = as_client(admin_user)
    for obj, field in [(refused, "detail"), (review, "comment")]:
        meta = obj._meta
        change = reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk])
        delete = reverse(f"admin:{meta.app_label}_{meta.model_name}_delete", args=[obj.pk])
        add = reverse(f"admin:{meta.app_label}_{meta.model_name}_add")
        page = client.get(change)
        assert page.status_code == 200
        assert b'type="submit"' not in page.content.split(b"</h1>", 1)[1].split(b"</form>")[0]
        assert client.post(change, {field: "ändrat"}).status_code == 403
        assert client.post(delete, {"post": "yes"}).status_code == 403
        assert client.get(add).status_code == 403
    refused.refresh_from_db()
    assert refused.detail.startswith("Nekad åtkomst till")
    assert AuditReview.objects.get().comment == "Utrett"


# manage.py audit_report


def run_report(*args):
    from io import StringIO

    out = StringIO()
    call_command("audit_report", *args, stdout=out)
    return out.getvalue()


def test_the_report_lists_the_findings_and_their_reviews(reviewer, incidents):
    refused, glass = incidents
    rv.audit_review_mark(actor=reviewer, key=f"entry:{glass.pk}", comment="Tillsyn enligt beslut")
    output = run_report("--since", f"{timezone.localdate():%Y-%m-%d}")
    assert f"[entry:{refused.pk}]" in output and f"[entry:{glass.pk}]" in output
    assert output.index(f"[entry:{refused.pk}]") < output.index(f"[entry:{glass.pk}]")
    assert "Granskad" in output and "granskaren: Tillsyn enligt beslut" in output
    assert output.rstrip().endswith("2 fynd, 1 ej granskade.")
    pending = run_report("--since", f"{timezone.localdate():%Y-%m-%d}", "--pending")
    assert f"[entry:{glass.pk}]" not in pending and f"[entry:{refused.pk}]" in pending


def test_the_report_says_when_there_is_nothing_to_review(db):
    assert audit_report.NOTHING_FOUND in run_report("--since", "2020-01-01")


@pytest.mark.parametrize(
    ("args", "error"),
    [
        (["--since", "igår"], audit_report.SINCE_INVALID),
        (["--since", "2026-02-30"], audit_report.SINCE_INVALID),
        (["--since", "2026-02-02", "--until", "2026-02-01"], audit_report.UNTIL_BEFORE_SINCE),
    ],
)
def test_the_report_refuses_a_bad_date_with_a_swedish_message(db, args, error):
    with pytest.raises(CommandError, match=error):
        run_report(*args)


def test_the_nav_links_the_review_page_only_for_reviewers(reviewer, owner, admin_user):
    home = reverse("home")
    for user in [reviewer, admin_user]:
        assert f'href="{REVIEW_URL}"' in as_client(user).get(home).content.decode()
    assert f'href="{REVIEW_URL}"' not in as_client(owner).get(home).content.decode()
