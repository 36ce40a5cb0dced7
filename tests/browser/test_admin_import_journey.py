"""Journey (d): an administrator imports a CSV of films with one bad row, sees the error and that
nothing was imported, then imports a good file and finds the films on the public films page.
The admin and django-import-export pages run under the production CSP too."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from playwright.sync_api import expect

from mandates.models import Film, MandateArea

from .helpers import tab_to_id, url_of, wait_for_path

pytestmark = pytest.mark.browser

PASSWORD = "ett-langt-losenord-123"
HEADER = (
    "id,order,published,reviewed_on,title,url,area,group,provider,note,duration_text,"
    "announced,discussion_questions\n"
)


def csv_file(rows: list[str]) -> dict:
    return {
        "name": "filmer.csv",
        "mimeType": "text/csv",
        "buffer": (HEADER + "".join(rows)).encode(),
    }


def upload(page, file: dict) -> None:
    page.goto(reverse("admin:mandates_film_import"))
    page.set_input_files("#id_import_file", files=[file])
    page.select_option("#id_format", label="csv")
    page.locator("#content form [type=submit]").first.click()
    page.wait_for_load_state("load")


def test_an_administrator_imports_films_a_bad_file_changes_nothing(page, axe, content, live_server):
    area = MandateArea.objects.get(pk=1)
    films_url = url_of("mandates:area_films", area.slug)
    slug = area.slug
    get_user_model().objects.create_superuser("chef", "", PASSWORD)
    before = Film.objects.count()

    page.problems.tolerate_inline_styles_under(
        f"{live_server.url}{reverse('admin:mandates_film_import')}",
        "django-import-export colours its preview diff with style attributes; the policy "
        "refuses them and the preview stays readable without the colours",
    )
    page.goto(reverse("admin:login"))
    tab_to_id(page, "id_username")
    page.keyboard.type("chef")
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    wait_for_path(page, reverse("admin:index"))

    page.goto(reverse("admin:mandates_film_import"))
    axe(page)

    bad = [
        f",91,1,2026-01-01,Journeyfilm ett,https://example.org/ett,{slug},,,,ca 4 minuter,0,\n",
        f",92,1,2026-01-01,Journeyfilm trasig,inte en adress,{slug},,,,ca 4 minuter,0,\n",
    ]
    upload(page, csv_file(bad))
    expect(page.locator("#content")).to_contain_text("Fyll i en giltig URL.")
    expect(page.locator("#content")).to_contain_text("Journeyfilm trasig")
    assert Film.objects.count() == before
    axe(page)

    good = [
        f",91,1,2026-01-01,Journeyfilm ett,https://example.org/ett,{slug},,,,ca 4 minuter,0,\n",
        f",92,1,2026-01-01,Journeyfilm två,https://example.org/tva,{slug},,,,3.50 minuter,0,\n",
    ]
    upload(page, csv_file(good))
    expect(page.locator("#content")).to_contain_text("Journeyfilm två")
    assert Film.objects.count() == before, "förhandsgranskningen får inte spara något"
    axe(page)
    page.locator("form [name=confirm], form input[type=submit]").last.click()
    wait_for_path(page, reverse("admin:mandates_film_changelist"))
    assert Film.objects.count() == before + 2
    expect(page.locator(".messagelist")).to_be_visible()
    # The changelist itself is checked by test_the_film_changelist_passes_axe below.

    page.goto(films_url)
    main = page.locator("main")
    expect(main).to_contain_text("Journeyfilm ett")
    expect(main).to_contain_text("Journeyfilm två")
    axe(page)


def test_the_film_changelist_passes_axe(page, axe, content):
    get_user_model().objects.create_superuser("chef", "", PASSWORD)
    page.goto(reverse("admin:login"))
    page.fill("#id_username", "chef")
    page.fill("#id_password", PASSWORD)
    page.locator("#login-form [type=submit]").click()
    wait_for_path(page, reverse("admin:index"))
    axe(page)
    page.goto(reverse("admin:mandates_film_changelist"))
    axe(page)
