"""Work a request used to do itself, now queued: the report form's mail and the PDFs made ahead
after a content change."""

import pytest
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from familjeombud.models import AccessibilityReport
from mandates.cache import current_version
from mandates.models import ReflectionQuestion
from tests.mandates.conftest import FIXTURES

from .conftest import run_queue

pytestmark = pytest.mark.django_db

REPORT = {
    "page": "/stodpaket/",
    "kinds": ["brist"],
    "description": "Filmen saknar textning.",
    "email": "besokare@example.se",
    "webbplats": "",
}


def test_the_report_form_queues_its_mail_and_a_worker_sends_it(client, settings, smtp):
    settings.ACCESSIBILITY_REPORT_EMAIL = "tillganglighet@example.se"
    assert client.post("/tillganglighet/", REPORT).status_code == 302
    assert smtp.messages == []  # the page did not wait for the mail server
    task = DBTaskResult.objects.get()
    report = AccessibilityReport.objects.get()
    assert task.task_path == "familjeombud.pages.tasks.mail_accessibility_report"
    assert task.args_kwargs == {"args": [report.pk], "kwargs": {}}  # the number, not the text
    run_queue()
    [message] = smtp.messages
    assert message.recipients == ["tillganglighet@example.se"]
    assert message.subject == f"Meddelad brist i tillgängligheten (nr {report.pk})"
    assert "Filmen saknar textning." in message.text


def test_a_mail_server_outage_fails_the_task_and_keeps_the_report(client, settings, smtp):
    settings.ACCESSIBILITY_REPORT_EMAIL = "tillganglighet@example.se"
    settings.EMAIL_PORT = smtp.port + 1 if smtp.port < 65535 else smtp.port - 1
    assert client.post("/tillganglighet/", REPORT).status_code == 302
    run_queue()
    task = DBTaskResult.objects.get()
    assert task.status == "FAILED"
    assert task.exception_class_path == "builtins.ConnectionRefusedError"
    assert AccessibilityReport.objects.count() == 1


@pytest.fixture
def package(db, django_capture_on_commit_callbacks):
    """The package loaded as if committed (its own task queued and then forgotten)."""
    from django.core.management import call_command

    with django_capture_on_commit_callbacks(execute=True):
        call_command("loaddata", *FIXTURES, verbosity=0)
    DBTaskResult.objects.all().delete()


def pdf_urls():
    from mandates.queries import areas_with_content

    slugs = areas_with_content().values_list("slug", flat=True)
    return [reverse("mandates:area_pdf", args=[s]) for s in slugs] + [
        reverse("mandates:package_pdf")
    ]


def test_a_content_save_queues_the_pdfs_for_the_new_version_once_per_transaction(
    package, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        for question in ReflectionQuestion.objects.all()[:3]:
            question.text += " (ändrad)"
            question.save()
    task = DBTaskResult.objects.get()
    assert task.task_path == "mandates.tasks.make_pdfs_ahead"
    assert task.args_kwargs["args"] == [current_version()]


def test_after_the_worker_ran_every_pdf_comes_from_the_cache(
    package, client, django_capture_on_commit_callbacks, django_assert_num_queries
):
    with django_capture_on_commit_callbacks(execute=True):
        question = ReflectionQuestion.objects.first()
        question.text = "Ny fråga för PDF:en?"
        question.save()
    run_queue()
    assert DBTaskResult.objects.get().return_value == f"6 PDF:er för version {current_version()}"
    for url in pdf_urls():
        with django_assert_num_queries(1):  # the content version; the PDF from the cache
            response = client.get(url)
        assert response.status_code == 200 and response["Content-Type"] == "application/pdf"


def test_before_the_worker_ran_a_visitor_still_gets_the_pdf(
    package, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        question = ReflectionQuestion.objects.first()
        question.text = "Ändrad före arbetaren?"
        question.save()
    assert DBTaskResult.objects.filter(status="READY").exists()
    response = client.get(reverse("mandates:package_pdf"))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")


def test_a_task_for_an_overtaken_version_does_nothing(package):
    from mandates.ahead import make_ahead

    assert make_ahead(current_version() - 1) == "en nyare version görs"
