import csv
import io
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pypdf import PdfReader

from familjeombud.auditlog import extract
from samverkan.models import AuditAction, AuditEntry

from .conftest import VALID_PNR

pytestmark = pytest.mark.django_db

STAMP = re.compile(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}")


def extract_url(case, fmt):
    return reverse(f"auditlog:case_extract_{fmt}", kwargs={"pk": case.pk})


def as_client(user):
    client = Client()
    client.force_login(user)
    return client


def make_accesses(case, owner, colleague, stranger, admin):
    """Viewed by owner and colleague, refused to a stranger, opened by break-glass."""
    detail = reverse("samverkan:case_detail", kwargs={"pk": case.pk})
    assert as_client(owner).get(detail).status_code == 200
    assert as_client(colleague).get(detail).status_code == 200
    assert as_client(stranger).get(detail).status_code == 404
    admin_client = as_client(admin)
    admin_client.post(
        reverse("samverkan:break_glass"), {"case_id": str(case.pk), "reason": "Tillsyn"}
    )
    assert admin_client.get(detail).status_code == 200


def expected_rows():
    """(user, event) of every access in the test, in order: the two from the case's setup, the
    accesses above, and the extract's own production last."""
    return [
        ("klinikern", "Ändrade"),
        ("klinikern", "Ändrade"),
        ("klinikern", "Visade"),
        ("kollegan", "Visade"),
        ("frammande", "Nekad åtkomst"),
        ("admin", "Nödåtkomst"),
        ("admin", "Visade"),
        ("klinikern", "Exporterade"),
    ]


def csv_rows(response):
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == extract.CSV_HEADER
    return rows[1:]


def pdf_text(response) -> str:
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    # Table cells wrap; one space between words makes the text searchable cell by cell.
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def test_the_csv_extract_lists_exactly_the_accesses_made_in_order(
    case, owner, colleague, stranger, admin_user
):
    make_accesses(case, owner, colleague, stranger, admin_user)
    rows = csv_rows(as_client(owner).get(extract_url(case, "csv")))
    assert [(r[1], r[4]) for r in rows] == expected_rows()
    assert [r[0] for r in rows] == sorted(r[0] for r in rows)
    assert rows[-1][5] == "Loggutdrag (CSV)"
    assert rows[4][5].startswith("Nekad åtkomst till /samverkan/")
    assert rows[5][5] == "Tillsyn"


def test_the_extract_gives_each_user_s_role_and_unit(case, owner, colleague, stranger, admin_user):
    make_accesses(case, owner, colleague, stranger, admin_user)
    rows = csv_rows(as_client(admin_user).get(extract_url(case, "csv")))
    roles = {r[1]: r[3] for r in rows}
    assert roles["klinikern"] == "Familjeombud, Vårdcentralen Teleborg; Kliniker"
    assert roles["kollegan"] == "Kliniker"
    assert roles["admin"] == extract.ADMINISTRATOR


def test_the_pdf_extract_lists_exactly_the_accesses_made_in_order(
    case, owner, colleague, stranger, admin_user
):
    make_accesses(case, owner, colleague, stranger, admin_user)
    text = pdf_text(as_client(owner).get(extract_url(case, "pdf")))
    assert f"Loggutdrag för ärende {case.short_ref}" in text
    assert len(STAMP.findall(text)) == len(expected_rows())
    position = text.index("Detalj")
    for username, event in expected_rows():
        position = text.index(username, position)
        position = text.index(event, position)
    assert "Loggutdrag (PDF)" in text[position:]


@pytest.mark.parametrize("fmt", ["pdf", "csv"])
def test_producing_an_extract_is_itself_logged_as_an_export(case, owner, fmt):
    before = AuditEntry.objects.filter(case_ref=case.pk).count()
    response = as_client(owner).get(extract_url(case, fmt))
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    entries = AuditEntry.objects.filter(case_ref=case.pk)
    assert entries.count() == before + 1
    last = entries.order_by("-when", "-id").first()
    assert (last.who, last.action, last.detail) == (
        owner,
        AuditAction.EXPORTED,
        extract.FORMAT_DETAIL[fmt],
    )


def test_a_failed_rendering_leaves_no_export_entry(case, owner):
    def broken(rows):
        raise RuntimeError("layout failed")

    with pytest.raises(RuntimeError):
        extract.case_produce_extract(case=case, actor=owner, fmt="pdf", render=broken)
    assert not AuditEntry.objects.filter(case_ref=case.pk, action=AuditAction.EXPORTED).exists()


@pytest.mark.parametrize("fmt", ["pdf", "csv"])
def test_the_extract_carries_no_child_data(case, owner, admin_user, fmt):
    admin_client = as_client(admin_user)
    admin_client.post(
        reverse("samverkan:break_glass"),
        {"case_id": str(case.pk), "reason": f"Fråga om {VALID_PNR}"},
    )
    response = as_client(owner).get(extract_url(case, fmt))
    text = pdf_text(response) if fmt == "pdf" else response.content.decode("utf-8-sig")
    for secret in [case.child_name, VALID_PNR, case.child_address]:
        assert secret not in text
    assert "[personnummer]" in text


# Permission rows: anonymous, a clinician not on the case, a colleague on it, a user without
# the clinician role, the owner and the administrator.


@pytest.mark.parametrize("fmt", ["pdf", "csv"])
def test_anonymous_users_are_sent_to_login(client, case, fmt):
    response = client.get(extract_url(case, fmt))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("fmt", ["pdf", "csv"])
def test_a_clinician_not_on_the_case_gets_404_and_the_attempt_is_logged(case, stranger, fmt):
    assert as_client(stranger).get(extract_url(case, fmt)).status_code == 404
    refused = AuditEntry.objects.get(case_ref=case.pk, action=AuditAction.REFUSED)
    assert refused.who == stranger
    assert refused.detail.startswith("Nekat loggutdrag:")
    assert not AuditEntry.objects.filter(action=AuditAction.EXPORTED).exists()


@pytest.mark.parametrize("fmt", ["pdf", "csv"])
def test_a_colleague_on_the_case_may_read_it_but_not_produce_its_extract(case, colleague, fmt):
    response = as_client(colleague).get(extract_url(case, fmt))
    assert response.status_code == 403
    assert AuditEntry.objects.filter(
        case_ref=case.pk, action=AuditAction.REFUSED, who=colleague
    ).exists()
    assert not AuditEntry.objects.filter(action=AuditAction.EXPORTED).exists()


def test_a_signed_in_user_without_the_clinician_role_gets_403(case, django_user_model):
    user = django_user_model.objects.create_user(username="enhet", password="x")
    assert as_client(user).get(extract_url(case, "csv")).status_code == 403


@pytest.mark.parametrize("fmt", ["pdf", "csv"])
def test_the_owner_and_an_administrator_without_break_glass_may_produce_it(
    case, owner, admin_user, fmt
):
    for user in [owner, admin_user]:
        response = as_client(user).get(extract_url(case, fmt))
        assert response.status_code == 200
        assert f"loggutdrag-{case.short_ref}.{fmt}" in response["Content-Disposition"]


def test_an_unknown_case_is_404(owner):
    import uuid

    url = reverse("auditlog:case_extract_csv", kwargs={"pk": uuid.uuid4()})
    assert as_client(owner).get(url).status_code == 404


def test_the_csv_extract_makes_as_many_queries_with_ten_times_the_users(
    case, owner, make_clinician
):
    client = as_client(owner)
    url = extract_url(case, "csv")
    client.get(url)  # warm the session

    def queries():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx)

    once = queries()
    for n in range(10):
        user = make_clinician(f"extra{n}")
        case.members.add(user)
        for _ in range(3):
            as_client(user).get(reverse("samverkan:case_detail", kwargs={"pk": case.pk}))
    assert queries() == once


def test_the_case_page_links_the_extract_for_the_owner_and_a_break_glass_administrator(
    case, owner, colleague, admin_user
):
    detail = reverse("samverkan:case_detail", kwargs={"pk": case.pk})
    links = [f'href="{extract_url(case, fmt)}"' for fmt in ("pdf", "csv")]
    admin_client = as_client(admin_user)
    admin_client.post(
        reverse("samverkan:break_glass"), {"case_id": str(case.pk), "reason": "Tillsyn"}
    )
    for client in [as_client(owner), admin_client]:
        page = client.get(detail).content.decode()
        assert all(link in page for link in links)
        assert "Loggutdrag (PDF)" in page
    page = as_client(colleague).get(detail).content.decode()
    assert not any(link in page for link in links)
