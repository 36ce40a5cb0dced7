"""Admin import, export and the content-review list ask for the model's permissions (issue 20):
import needs add and change, export needs view (or change), the review list change. Before,
any staff account could import a membership that made it head of a unit, and export every
username with unit and role."""

import io

import pytest
from django.contrib import admin
from django.contrib.auth.models import Permission, User
from django.urls import reverse
from import_export.admin import ExportMixin, ImportMixin

from core.admin_import_export import ImportExportModelAdmin
from tests.checklists.conftest import UnitFactory


def model_named(model_name):
    """The registered model, wherever the apps keep it (units and memberships may move)."""
    return next(m for m in admin.site._registry if m._meta.model_name == model_name)


def url(model, what):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{what}")


def staff_with(*actions, model):
    user = User.objects.create_user(f"personal-{'-'.join(actions) or 'utan'}", is_staff=True)
    opts = model._meta
    for action in actions:
        user.user_permissions.add(
            Permission.objects.get(
                content_type__app_label=opts.app_label, codename=f"{action}_{opts.model_name}"
            )
        )
    return User.objects.get(pk=user.pk)  # a fresh object: no cached permissions


def test_every_import_export_admin_uses_the_portals_permission_rule():
    loose = [
        type(model_admin).__name__
        for model_admin in admin.site._registry.values()
        if isinstance(model_admin, ImportMixin | ExportMixin)
        and not isinstance(model_admin, ImportExportModelAdmin)
    ]
    assert not loose, f"import/export utan behörighetskontroll: {loose}"


@pytest.mark.django_db
def test_staff_without_permissions_cannot_import_a_membership_that_makes_them_head(client):
    membership = model_named("membership")
    unit = UnitFactory(name="Vårdcentralen Teleborg")
    user = staff_with(model=membership)
    client.force_login(user)
    csv = f"unit,username,role,days_per_month\n{unit.pk},{user.username},chef,0\n"
    upload = io.BytesIO(csv.encode())
    upload.name = "medlemmar.csv"
    response = client.post(
        url(membership, "import"),
        {"import_file": upload, "format": "0", "resource": "0"},
    )
    assert response.status_code == 403
    assert not membership.objects.filter(user=user).exists()


@pytest.mark.django_db
def test_staff_without_the_view_permission_cannot_export_memberships(client):
    membership = model_named("membership")
    client.force_login(staff_with(model=membership))
    assert client.get(url(membership, "export")).status_code == 403
    assert client.post(url(membership, "export"), {"format": "0"}).status_code == 403


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("actions", "may_import", "may_export"),
    [
        ((), False, False),
        (("view",), False, True),
        (("change",), False, True),
        (("add",), False, False),
        (("add", "change"), True, True),
    ],
    ids=["none", "view", "change", "add", "add+change"],
)
def test_import_needs_add_and_change_and_export_needs_view(client, actions, may_import, may_export):
    unit = model_named("unit")
    client.force_login(staff_with(*actions, model=unit))
    assert (client.get(url(unit, "import")).status_code == 200) is may_import
    assert (client.post(url(unit, "process_import")).status_code != 403) is may_import
    assert (client.get(url(unit, "export")).status_code == 200) is may_export


@pytest.mark.django_db
def test_the_content_review_list_needs_a_content_models_change_permission(client):
    from mandates.models import Film, MandateArea, ReflectionQuestion

    area = MandateArea.objects.create(name="Område", slug="omrade")
    Film.objects.create(area=area, title="Gammal film", url="https://example.se/film")
    ReflectionQuestion.objects.create(area=area, text="Gammal fråga")
    review = reverse("admin:mandates_review")
    client.force_login(staff_with(model=Film))
    assert client.get(review).status_code == 403
    client.force_login(staff_with("view", model=Film))
    assert client.get(review).status_code == 403
    client.force_login(staff_with("change", model=Film))
    response = client.get(review)
    assert response.status_code == 200
    assert "Gammal film" in response.text
    assert "Gammal fråga" not in response.text


@pytest.mark.django_db
def test_an_export_with_an_unknown_filter_in_the_address_is_a_400_not_a_500(client):
    unit = model_named("unit")
    client.raise_request_exception = False
    client.force_login(staff_with("view", model=unit))
    response = client.get(url(unit, "export") + "?ar=2026")
    assert response.status_code == 400
