import datetime
import io

import pytest
import tablib
from django.contrib.auth import get_user_model
from django.db.models import (
    BooleanField,
    Case,
    CharField,
    DateField,
    F,
    PositiveSmallIntegerField,
    TextField,
    Value,
    When,
)
from django.db.models.functions import Concat
from django.forms.models import model_to_dict
from django.urls import reverse
from django.utils import timezone
from import_export.formats.base_formats import CSV, JSON, XLSX

from mandates.models import CONTENT_MODELS, Film, ReflectionQuestion
from mandates.resources import RESOURCES


@pytest.fixture
def admin_client(client, db):
    user = get_user_model().objects.create_superuser("chef", password="x")
    client.force_login(user)
    return client


def rows(model):
    return [model_to_dict(obj) | {"pk": obj.pk} for obj in model.objects.order_by("pk")]


def scramble(model) -> None:
    """Change every imported value in place (update(): no cascade into other apps' tables)."""
    changes = {}
    for field in model._meta.concrete_fields:
        if field.primary_key or field.is_relation or not field.editable or field.choices:
            continue
        if isinstance(field, (CharField, TextField)):
            changes[field.name] = Concat(F(field.name), Value("-ändrad"))
        elif isinstance(field, BooleanField):
            changes[field.name] = Case(
                When(**{field.name: True}, then=Value(False)), default=Value(True)
            )
        elif isinstance(field, DateField):
            changes[field.name] = Value(datetime.date(2000, 1, 1))
        elif isinstance(field, PositiveSmallIntegerField):
            changes[field.name] = F(field.name) + 100
    model.objects.update(**changes)


@pytest.mark.parametrize("fmt", [CSV, XLSX, JSON], ids=["csv", "xlsx", "json"])
def test_export_then_import_of_every_content_model_gives_identical_rows(package, fmt):
    for model in CONTENT_MODELS:
        before = rows(model)
        exported = fmt().export_data(RESOURCES[model]().export())
        scramble(model)
        assert rows(model) != before
        dataset = fmt().create_dataset(exported)
        result = RESOURCES[model]().import_data(dataset, dry_run=False, raise_errors=True)
        assert not result.has_errors() and not result.has_validation_errors()
        assert rows(model) == before, model.__name__


def test_importing_rows_with_new_ids_creates_them(package):
    exported = RESOURCES[ReflectionQuestion]().export()
    dataset = tablib.Dataset(headers=exported.headers)
    at = exported.headers.index("id")
    for row in exported:
        dataset.append([int(v) + 1000 if i == at else v for i, v in enumerate(row)])
    count = ReflectionQuestion.objects.count()
    result = RESOURCES[ReflectionQuestion]().import_data(dataset, dry_run=False)
    assert not result.has_errors() and result.totals["new"] == count
    assert ReflectionQuestion.objects.count() == 2 * count


def test_a_file_with_one_bad_row_imports_nothing_and_names_the_row(package):
    before = rows(ReflectionQuestion)
    data = tablib.Dataset(headers=["id", "order", "published", "reviewed_on", "area", "text"])
    data.append(["", 90, "1", "2026-01-01", "barnets-rattigheter", "En ny fråga?"])
    data.append(["", 91, "1", "inte ett datum", "barnets-rattigheter", "En till fråga?"])
    result = RESOURCES[ReflectionQuestion]().import_data(data, dry_run=False)
    assert result.has_validation_errors() or result.has_errors()
    invalid = result.invalid_rows
    assert [row.number for row in invalid] == [2]
    assert "reviewed_on" in invalid[0].field_specific_errors
    assert rows(ReflectionQuestion) == before


def test_admin_import_preview_shows_the_bad_row_and_saves_nothing(package, admin_client):
    before = Film.objects.count()
    csv = (
        "id,order,published,reviewed_on,title,url,area,group,provider,note,duration_text,"
        "announced,discussion_questions\n"
        ",1,1,2026-01-01,Bra film,https://example.org/,barnets-rattigheter,,,,ca 4 minuter,0,\n"
        ",2,1,2026-01-01,Trasig film,inte en adress,barnets-rattigheter,,,,ca 4 minuter,0,\n"
    )
    upload = io.BytesIO(csv.encode())
    upload.name = "filmer.csv"
    response = admin_client.post(
        reverse("admin:mandates_film_import"),
        {"import_file": upload, "format": "0", "resource": "0"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Trasig film" in html and "Fyll i en giltig URL." in html
    assert Film.objects.count() == before


@pytest.mark.parametrize("model", CONTENT_MODELS, ids=lambda m: m.__name__)
def test_every_content_model_has_an_admin_list_with_search_and_the_review_filter(
    package, admin_client, model
):
    info = (model._meta.app_label, model._meta.model_name)
    url = reverse("admin:{}_{}_changelist".format(*info))
    assert admin_client.get(url, {"q": "barn"}).status_code == 200
    assert admin_client.get(url, {"granskning": "gammal"}).status_code == 200
    assert admin_client.get(reverse("admin:{}_{}_export".format(*info))).status_code == 200


def test_area_admin_shows_its_items_as_inlines(package, admin_client):
    html = admin_client.get(reverse("admin:mandates_mandatearea_change", args=[4])).content
    html = html.decode()
    assert "Din roll som chef" in html and "Akutmottagningen" in html and "SOSFS 2014:4" in html


def test_review_list_shows_content_older_than_twelve_months(package, admin_client):
    old = timezone.localdate() - datetime.timedelta(days=400)
    Film.objects.filter(title="Akutmottagningen").update(reviewed_on=old)
    ReflectionQuestion.objects.filter(pk=1).update(reviewed_on=None)
    html = admin_client.get(reverse("admin:mandates_review")).content.decode()
    assert "Akutmottagningen" in html
    assert ReflectionQuestion.objects.get(pk=1).text in html
    assert "Barnmorskemottagning<" not in html
    films = admin_client.get(reverse("admin:mandates_film_changelist"), {"granskning": "gammal"})
    assert "Akutmottagningen" in films.content.decode()
    assert "Smärtmottagning" not in films.content.decode()


def test_review_list_is_for_staff_only(package, client):
    response = client.get(reverse("admin:mandates_review"))
    assert response.status_code == 302


def test_review_list_is_not_for_users_without_staff_access(package, client, django_user_model):
    client.force_login(django_user_model.objects.create_user("u", password="x"))
    assert client.get(reverse("admin:mandates_review")).status_code == 302


def test_an_address_typed_without_a_scheme_is_saved_as_https(package, admin_client):
    from django.contrib import admin as django_admin
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    request.user = get_user_model().objects.get(username="chef")
    film = Film.objects.first()
    form_class = django_admin.site._registry[Film].get_form(request, film)
    data = {**model_to_dict(film), "url": "www.1177.se/barn"}
    form = form_class(data=data, instance=film)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["url"] == "https://www.1177.se/barn"
