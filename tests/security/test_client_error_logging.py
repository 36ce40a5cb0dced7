"""A post with too many fields is answered 400 in Swedish and logged as one warning line, not
as an ERROR with a traceback (issue 20)."""

import logging

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse


class Capture(logging.Handler):
    def __init__(self):
        super().__init__()
        self.records = []

    def emit(self, record):
        self.records.append(record)


@pytest.fixture
def django_log():
    """What reaches the handlers of Django's loggers (they do not propagate to the root)."""
    handler = Capture()
    logger = logging.getLogger("django")
    logger.addHandler(handler)
    yield handler.records
    logger.removeHandler(handler)


@pytest.mark.django_db
def test_too_many_fields_is_a_swedish_400_and_one_warning_line(client, django_log):
    fields = settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1
    body = "&".join(f"f{i}=x" for i in range(fields))
    response = client.post(reverse("login"), body, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 400
    assert "Felaktig begäran" in response.text
    security = [r for r in django_log if r.name == "django.security.TooManyFieldsSent"]
    assert len(security) == 1
    record = security[0]
    assert record.levelno == logging.WARNING
    assert record.exc_info is None and record.exc_text is None
    line = logging.Formatter("%(levelname)s %(name)s %(message)s").format(record)
    assert "\n" not in line and "Traceback" not in line
    assert not [r for r in django_log if r.levelno >= logging.ERROR]


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/stodpaket/sok/?q=barn", "/halsa/"])
def test_a_host_outside_allowed_hosts_is_a_swedish_400_and_one_warning_line(path, django_log):
    client = Client(raise_request_exception=False)
    response = client.get(path, HTTP_HOST="angripare.example")
    assert response.status_code == 400
    assert "Felaktig begäran" in response.text
    assert "Logga in" in response.text  # the menu of someone not signed in
    refused = [r for r in django_log if r.name == "django.security.DisallowedHost"]
    assert len(refused) == 1 and refused[0].levelno == logging.WARNING
    assert refused[0].exc_info is None
    assert not [r for r in django_log if r.levelno >= logging.ERROR]
