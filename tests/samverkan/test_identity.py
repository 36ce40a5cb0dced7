"""The child's identity through the pages: personnummer, samordningsnummer (named as such),
reservnummer as typed, or no number with a birth date and the reason; and the data migration."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from samverkan.identity import (
    BIRTH_DATE_FUTURE,
    BIRTH_DATE_MISSING,
    NO_NUMBER_REASON_MISSING,
    NUMBER_MISSING,
    RESERVNUMMER_CHARACTERS,
    RESERVNUMMER_IS_PERSONNUMMER,
    RESERVNUMMER_MISSING,
    IdKind,
)
from samverkan.models import Case
from samverkan.personnummer import PERSONNUMMER_SERIAL, check_digit
from samverkan.services import cases as cs
from samverkan.services.errors import CaseError

from .helpers import pdf_text

pytestmark = pytest.mark.django_db

# Skatteverket's example samordningsnummer (born 3 October 1970, day 03 + 60).
SAMORDNINGSNUMMER = "701063-2391"


def post_case(client, **fields):
    data = {
        "child_name": "Ida Identitet",
        "child_id_entry": "number",
        "age_group": "school",
        "unit_name": "BUP Växjö",
        "unit_phone": "0470-58 80 00",
        **fields,
    }
    return client.post(reverse("samverkan:case_create"), data)


def form_errors(response, field):
    return response.context["form"].errors.get(field, [])


@pytest.mark.parametrize(
    "written", ["20121212-1212", "121212-1212", "1212121212", "2012 1212 1212"]
)
def test_a_personnummer_in_any_writing_is_stored_as_twelve_digits(
    client, clinician, directory, written
):
    client.force_login(clinician)
    post_case(client, child_personnummer=written)
    case = Case.objects.get()
    assert (case.child_personnummer, case.child_id_kind) == ("201212121212", IdKind.PERSONNUMMER)
    assert case.child_birth_date == datetime.date(2012, 12, 12)


def test_a_samordningsnummer_is_named_samordningsnummer_on_the_page_and_every_pdf(
    client, clinician, directory
):
    client.force_login(clinician)
    post_case(client, child_personnummer=SAMORDNINGSNUMMER)
    case = Case.objects.get()
    assert case.child_id_kind == IdKind.SAMORDNINGSNUMMER
    page = client.get(reverse("samverkan:case_detail", kwargs={"pk": case.pk})).content.decode()
    assert "Samordningsnummer</dt>" in page and "19701063-2391" in page
    assert "Personnummer</dt>" not in page
    text = pdf_text(client.get(reverse("samverkan:consent_pdf", kwargs={"pk": case.pk})))
    assert "Samordningsnummer: 19701063-2391" in text and "Personnummer" not in text


def test_a_reservnummer_is_stored_as_typed_with_its_kind(client, clinician, directory):
    client.force_login(clinician)
    post_case(
        client,
        child_id_entry="reservnummer",
        child_personnummer=" 20121212-R123 ",
        child_birth_date="2012-12-12",
    )
    case = Case.objects.get()
    assert (case.child_personnummer, case.child_id_kind) == ("20121212-R123", IdKind.RESERVNUMMER)
    page = client.get(reverse("samverkan:case_detail", kwargs={"pk": case.pk})).content.decode()
    assert "Reservnummer</dt>" in page and "20121212-R123" in page


def test_a_newborn_without_a_number_gets_a_case_with_birth_date_and_reason(
    client, clinician, directory
):
    client.force_login(clinician)
    born = timezone.localdate() - datetime.timedelta(days=3)
    post_case(
        client,
        child_id_entry="none",
        child_birth_date=born.isoformat(),
        child_no_number_reason="Nyfödd, ännu inte folkbokförd",
        age_group="before_preschool",
    )
    case = Case.objects.get()
    assert (case.child_id_kind, case.child_personnummer) == (IdKind.NONE, "")
    assert case.child_birth_date == born
    page = client.get(reverse("samverkan:case_detail", kwargs={"pk": case.pk})).content.decode()
    assert f"Saknas (född {born.isoformat()})" in page
    assert "Nyfödd, ännu inte folkbokförd" in page


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"child_personnummer": ""}, "child_personnummer", NUMBER_MISSING),
        ({"child_id_entry": "reservnummer"}, "child_personnummer", RESERVNUMMER_MISSING),
        (
            {"child_id_entry": "reservnummer", "child_personnummer": "R<script>"},
            "child_personnummer",
            RESERVNUMMER_CHARACTERS,
        ),
        (
            {"child_id_entry": "reservnummer", "child_personnummer": "20121212-1212"},
            "child_personnummer",
            RESERVNUMMER_IS_PERSONNUMMER,
        ),
        (
            {"child_id_entry": "none", "child_no_number_reason": "Nyfödd"},
            "child_birth_date",
            BIRTH_DATE_MISSING,
        ),
        (
            {"child_id_entry": "none", "child_birth_date": "2012-12-12"},
            "child_no_number_reason",
            NO_NUMBER_REASON_MISSING,
        ),
        (
            {
                "child_id_entry": "none",
                "child_birth_date": "2999-01-01",
                "child_no_number_reason": "Nyfödd",
            },
            "child_birth_date",
            BIRTH_DATE_FUTURE,
        ),
        (
            {"child_personnummer": "20121212000" + check_digit("121212000")},
            "child_personnummer",
            PERSONNUMMER_SERIAL,
        ),
    ],
)
def test_an_incomplete_identity_is_refused_with_its_message_and_keeps_what_was_typed(
    client, clinician, directory, fields, field, message
):
    client.force_login(clinician)
    response = post_case(client, **fields)
    assert response.status_code == 200
    assert form_errors(response, field) == [message]
    assert response.context["form"]["child_name"].value() == "Ida Identitet"
    assert not Case.objects.exists()


def test_the_service_refuses_an_invalid_number_from_any_caller(clinician, directory):
    with pytest.raises(CaseError):
        cs.case_create(actor=clinician, child_name="X", child_personnummer="20121212-1213")
    assert not Case.objects.exists()


def test_closing_without_activation_erases_birth_date_and_reason_too(clinician, directory):
    from samverkan.identity import IdEntry, child_identity

    identity = child_identity(
        entry=IdEntry.NONE, birth_date=datetime.date(2026, 1, 1), no_number_reason="Nyfödd"
    )
    case = cs.case_create(actor=clinician, child_name="N", identity=identity)
    cs.case_record_needs_assessment(
        case=case, actor=clinician, noticed="x", own_care_sufficient=True
    )
    case.refresh_from_db()
    assert (case.child_birth_date, case.child_no_number_reason) == (None, "")


def test_the_sending_unit_is_prefilled_from_the_clinicians_latest_case(
    client, clinician, directory
):
    client.force_login(clinician)
    post_case(client, child_personnummer="20121212-1212", unit_name="BUP Ljungby")
    form = client.get(reverse("samverkan:case_create")).context["form"]
    assert form.initial["unit_name"] == "BUP Ljungby"


@pytest.mark.django_db(transaction=True)
def test_the_migration_classifies_existing_numbers_and_their_birth_dates():
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    before = [("samverkan", "0002_clinician_group")]
    after = [("samverkan", "0003_child_identity")]
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    User = old.get_model("auth", "User")
    OldCase = old.get_model("samverkan", "Case")
    user = User.objects.create(username="migrering")
    OldCase.objects.create(created_by=user, child_personnummer="201212121212")
    OldCase.objects.create(created_by=user, child_personnummer="197010632391")
    OldCase.objects.create(created_by=user, child_personnummer="")
    executor = MigrationExecutor(connection)
    executor.migrate(after)
    new = executor.loader.project_state(after).apps.get_model("samverkan", "Case")
    rows = {c.child_personnummer: (c.child_id_kind, c.child_birth_date) for c in new.objects.all()}
    assert rows == {
        "201212121212": ("personnummer", datetime.date(2012, 12, 12)),
        "197010632391": ("samordningsnummer", datetime.date(1970, 10, 3)),
        "": ("", None),
    }
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
