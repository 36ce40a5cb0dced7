"""Every input in the admin's tabular inlines and list_editable changelists has an accessible
name, in every app: a <label for>, a wrapping <label>, aria-label or aria-labelledby. The axe
browser tests check two of these pages; this walks all registered admins without a browser."""

from html.parser import HTMLParser
from types import SimpleNamespace

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse
from django.utils.text import capfirst

from familjeombud.management.commands.dev_setup import fixture_files
from mandates.models import MandateArea

UNNAMED_TYPES = {"hidden", "submit", "button", "image", "reset"}


class Controls(HTMLParser):
    """The form controls on a page and whether each has an accessible name."""

    def __init__(self):
        super().__init__()
        self.controls: list[dict] = []
        self.label_for: set[str] = set()
        self.label_depth = 0
        self.labelled_ids: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "label":
            self.label_depth += 1
            if attrs.get("for"):
                self.label_for.add(attrs["for"])
        elif tag in {"input", "select", "textarea"} and attrs.get("type") not in UNNAMED_TYPES:
            self.controls.append(attrs | {"_wrapped": self.label_depth > 0})

    def handle_endtag(self, tag):
        if tag == "label":
            self.label_depth -= 1

    def unnamed(self) -> list[str]:
        return [
            control.get("name") or control.get("id") or "?"
            for control in self.controls
            if not (
                control["_wrapped"]
                or control.get("aria-label")
                or control.get("aria-labelledby")
                or control.get("id") in self.label_for
            )
        ]


def unnamed_controls(html: str) -> list[str]:
    parser = Controls()
    parser.feed(html)
    assert parser.controls, "sidan har inga formulärfält att kontrollera"
    return parser.unnamed()


def registered(predicate):
    return sorted(
        (
            (model, model_admin)
            for model, model_admin in admin.site._registry.items()
            if predicate(model_admin)
        ),
        key=lambda pair: pair[0]._meta.label,
    )


# Only the permission checks are asked of it, before any database exists.
SUPERUSER_REQUEST = SimpleNamespace(
    user=SimpleNamespace(is_active=True, is_superuser=True, has_perm=lambda *args: True)
)


def has_addable_tabular_inline(model_admin) -> bool:
    """Admins whose add form shows tabular rows (read-only admins such as assessments have none
    to fill in and no add form)."""
    return any(
        issubclass(inline, admin.TabularInline) for inline in model_admin.inlines
    ) and model_admin.has_add_permission(SUPERUSER_REQUEST)


def ids(pairs):
    return [model._meta.label for model, _ in pairs]


TABULAR = registered(has_addable_tabular_inline)
EDITABLE = registered(lambda model_admin: model_admin.list_editable)


def test_the_project_has_admins_with_tabular_inlines_and_list_editable_to_check():
    assert {"organisation.Unit", "mandates.MandateArea", "training.TrainingSession"} <= set(
        ids(TABULAR)
    )
    assert "mandates.Film" in ids(EDITABLE)


@pytest.fixture
def superuser_client(client, db):
    client.force_login(get_user_model().objects.create_superuser("chef", password="x"))
    return client


@pytest.fixture
def content(db):
    call_command("loaddata", *fixture_files(), verbosity=0)


@pytest.mark.parametrize(("model", "model_admin"), TABULAR, ids=ids(TABULAR))
def test_every_input_of_an_add_form_with_tabular_inlines_has_a_name(
    superuser_client, model, model_admin
):
    info = (model._meta.app_label, model._meta.model_name)
    response = superuser_client.get(reverse("admin:{}_{}_add".format(*info)))
    assert response.status_code == 200
    assert unnamed_controls(response.content.decode()) == []


def test_every_input_of_the_area_change_form_with_its_rows_has_a_name(superuser_client, content):
    area = MandateArea.objects.get(slug="barn-som-far-illa")
    response = superuser_client.get(reverse("admin:mandates_mandatearea_change", args=[area.pk]))
    html = response.content.decode()
    assert 'name="law_references-0-DELETE"' in html, "raderna med ta bort-rutor saknas"
    assert unnamed_controls(html) == []


def test_a_tabular_row_input_is_named_after_its_column_and_its_row(superuser_client, content):
    area = MandateArea.objects.get(slug="barn-som-far-illa")
    reference = area.law_references.order_by("order", "pk").first()
    column = capfirst(type(reference)._meta.get_field("law").verbose_name)
    response = superuser_client.get(reverse("admin:mandates_mandatearea_change", args=[area.pk]))
    html = response.content.decode()
    label = f"{column} för {reference}"
    assert f'<label class="visually-hidden" for="id_law_references-0-law">{label}</label>' in html


@pytest.mark.parametrize(("model", "model_admin"), EDITABLE, ids=ids(EDITABLE))
def test_every_input_of_a_list_editable_changelist_has_a_name(
    superuser_client, content, model, model_admin
):
    assert model.objects.exists(), "ingen rad att redigera i listan"
    info = (model._meta.app_label, model._meta.model_name)
    response = superuser_client.get(reverse("admin:{}_{}_changelist".format(*info)))
    html = response.content.decode()
    assert 'name="form-0-order"' in html
    assert unnamed_controls(html) == []


def test_a_list_editable_input_is_named_after_its_column_and_its_row(superuser_client, content):
    from mandates.models import Film

    film = Film.objects.order_by("area__order", "order", "pk").first()
    response = superuser_client.get(reverse("admin:mandates_film_changelist"), {"q": film.title})
    html = response.content.decode()
    column = capfirst(Film._meta.get_field("order").verbose_name)
    assert f'aria-label="{column} för {film}"' in html
