"""Exports and imports name an area by its slug (or name) and a film group by its title, never by
a database id; every bad row is listed with its line and a Swedish reason, and a duration
nobody can read ("ungefär åtta minuter") is refused with the accepted forms shown."""

import pytest
import tablib
from django.core.exceptions import ValidationError

from mandates.durations import DURATION_UNREADABLE
from mandates.models import Film, MandateArea, ReflectionQuestion
from mandates.resources import REFERENCE_MISSING, REFERENCES, RESOURCES

pytestmark = pytest.mark.django_db


def test_an_export_names_the_area_by_its_slug(package):
    dataset = RESOURCES[ReflectionQuestion]().export()
    slugs = set(MandateArea.objects.values_list("slug", flat=True))
    assert dataset["area"] and set(dataset["area"]) <= slugs


def test_exporting_and_importing_again_changes_nothing(package):
    before = list(Film.objects.values_list("pk", "area__slug", "group__title", "title"))
    dataset = RESOURCES[Film]().export()
    result = RESOURCES[Film]().import_data(dataset, dry_run=False)
    assert not result.has_errors() and not result.has_validation_errors()
    assert list(Film.objects.values_list("pk", "area__slug", "group__title", "title")) == before


def test_an_area_may_also_be_written_by_its_name(package):
    area = MandateArea.objects.get(slug="barn-som-far-illa")
    dataset = tablib.Dataset(headers=["id", "area", "order", "text", "published"])
    dataset.append(["", area.name.upper(), 99, "Ny fråga?", True])
    result = RESOURCES[ReflectionQuestion]().import_data(dataset, dry_run=False)
    assert not result.has_validation_errors()
    assert ReflectionQuestion.objects.get(text="Ny fråga?").area == area


def test_every_bad_row_is_listed_with_its_line_and_a_swedish_reason(package):
    before = ReflectionQuestion.objects.count()
    dataset = tablib.Dataset(headers=["id", "area", "order", "text", "published"])
    dataset.append(["", "barn-som-far-illa", 1, "Bra rad", True])
    dataset.append(["", "finns-inte", 2, "Fel område", True])
    dataset.append(["", "barn-som-far-illa", 3, "Bra rad två", True])
    dataset.append(["", "Okänt område", 4, "Fel igen", True])
    result = RESOURCES[ReflectionQuestion]().import_data(dataset, dry_run=False)
    assert result.has_validation_errors()
    invalid = {row.number: row.field_specific_errors for row in result.invalid_rows}
    assert sorted(invalid) == [2, 4]
    _field, _alternatives, label, hint = REFERENCES["mandatearea"]
    assert invalid[2]["area"] == [
        REFERENCE_MISSING.format(label=label, value="finns-inte", hint=hint)
    ]
    assert ReflectionQuestion.objects.count() == before  # all or nothing


def test_a_duration_nobody_can_read_is_refused_with_the_accepted_forms(package):
    film = Film.objects.filter(group__isnull=True).first()
    film.duration_text = "ungefär åtta minuter"
    with pytest.raises(ValidationError) as refused:
        film.full_clean()
    assert refused.value.message_dict["duration_text"] == [
        DURATION_UNREADABLE.format(text="ungefär åtta minuter")
    ]
    assert "”ca 4 minuter”" in DURATION_UNREADABLE and "”2-3 minuter”" in DURATION_UNREADABLE


@pytest.mark.parametrize("text", ["", "ca 4 minuter", "3.50 minuter", "ca 14 + 21 minuter"])
def test_readable_or_empty_durations_are_accepted(package, text):
    film = Film.objects.filter(group__isnull=True).first()
    film.duration_text = text
    film.full_clean()


def test_the_admin_import_page_is_swedish_and_lists_each_bad_row(package, admin_client):
    import io

    from django.urls import reverse

    page = admin_client.get(reverse("admin:mandates_reflectionquestion_import"))
    html = page.content.decode()
    assert "Fil att importera" in html and "Importen läser de här kolumnerna" in html
    csv = (
        "id,area,order,text,published\n"
        ",barn-som-far-illa,1,Bra rad,1\n"
        ",finns-inte,2,Fel område,1\n"
        ",Okänt område,3,Fel igen,1\n"
    )
    upload = io.BytesIO(csv.encode())
    upload.name = "fragor.csv"
    response = admin_client.post(
        reverse("admin:mandates_reflectionquestion_import"),
        {"import_file": upload, "format": "0", "resource": "0"},
    )
    html = response.content.decode()
    assert "Några rader har fel, så ingenting har importerats" in html
    assert "Mandatområdet ”finns-inte” finns inte." in html
    assert "Mandatområdet ”Okänt område” finns inte." in html
    assert "matching query does not exist" not in html


def test_the_admin_start_page_links_the_content_review_list(package, admin_client):
    from django.urls import reverse

    html = admin_client.get(reverse("admin:index")).content.decode()
    assert f'href="{reverse("admin:mandates_review")}"' in html
