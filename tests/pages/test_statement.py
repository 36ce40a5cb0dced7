import datetime
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.forms.models import model_to_dict
from django.urls import reverse

from familjeombud.models import (
    AccessibilityStatement,
    BurdenExemption,
    Compliance,
    InaccessibleContent,
    OutOfScopeContent,
)

from .conftest import SITE_PAGES_FIXTURE
from .html_checks import heading_problems, structure

URL = "/tillganglighet/"


def make_statement(**overrides) -> AccessibilityStatement:
    fields = {
        "public_body": "Testregionen",
        "service_name": "Testportalen",
        "compliance": Compliance.PARTIAL,
        "compliance_explanation": "Förklaringen av förenligheten.",
        "evaluation_method": "Metoden för bedömningen.",
        "prepared_on": datetime.date(2025, 3, 1),
        "assessed_on": datetime.date(2025, 4, 2),
        "updated_on": datetime.date(2025, 5, 3),
        "feedback_text": "Så når du oss.",
        "enforcement_text": "Text om tillsynen.",
        **overrides,
    }
    return AccessibilityStatement.objects.create(**fields)


def add_rows(statement, n):
    for i in range(n):
        InaccessibleContent.objects.create(
            statement=statement, order=i, content=f"Brist {i}", description=f"Skäl {i}"
        )
        BurdenExemption.objects.create(
            statement=statement, order=i, content=f"Undantag {i}", description=f"Börda {i}"
        )
        OutOfScopeContent.objects.create(
            statement=statement, order=i, content=f"Utanför {i}", description=f"Paragraf {i}"
        )


def test_the_statement_has_the_name_the_footer_links_and_lives_at_the_site_root():
    assert reverse("accessibility_statement") == URL


def test_the_shipped_statement_shows_every_field_digg_requires(client, site_pages):
    response = client.get(URL)
    html = response.content.decode()
    assert response.status_code == 200
    statement = AccessibilityStatement.current()
    for text in [
        "Region Kronoberg",
        "Familjeombudsportalen",
        "<strong>delvis förenlig</strong>",
        "Innehåll som inte är tillgängligt",
        "PDF-filer som portalen skapar",
        "1.3.1 Information och relationer",
        "Oskäligt betungande anpassning (12 §)",
        "Vi åberopar inte undantaget för oskäligt betungande anpassning för något innehåll.",
        "Innehåll som inte omfattas av lagen (9 §)",
        "Filmer på YouTube, Vimeo och Facebook",
        "Dokument på andra webbplatser",
        "Hur vi har bedömt tjänsten",
        "Självskattning",
        "Redogörelsen upprättades",
        "Senaste bedömning av tjänsten",
        "Redogörelsen uppdaterades senast",
        'href="https://www.digg.se/tdosanmalan"',
        'id="meddela-brist"',
    ]:
        assert text in html, text
    assert f'datetime="{statement.assessed_on:%Y-%m-%d}"' in html
    assert f'datetime="{statement.updated_on:%Y-%m-%d}"' in html


def test_the_shipped_statement_states_the_pdfs_status_and_the_third_party_content(
    client, site_pages
):
    html = client.get(URL).content.decode()
    assert "WeasyPrint" in html and "PDF/UA" in html
    assert "har inte kontrollerats mot PDF/UA" in html
    for third_party in ["YouTube", "Vimeo", "Facebook", "regionkronoberg.se", "tredje part"]:
        assert third_party in html


@pytest.mark.parametrize(
    "level,words",
    [
        (Compliance.FULL, "helt förenlig"),
        (Compliance.PARTIAL, "delvis förenlig"),
        (Compliance.NONE, "inte förenlig"),
    ],
)
def test_the_compliance_level_is_written_in_the_laws_words(client, db, level, words):
    make_statement(compliance=level)
    assert f"Testportalen är <strong>{words}</strong>" in client.get(URL).content.decode()


def test_rows_edited_in_admin_appear_in_their_sections_in_order(client, db):
    statement = make_statement()
    BurdenExemption.objects.create(
        statement=statement, order=2, content="Andra undantaget", description="Dyrt"
    )
    BurdenExemption.objects.create(
        statement=statement, order=1, content="Första undantaget", description="Dyrare"
    )
    html = client.get(URL).content.decode()
    assert html.index("Första undantaget") < html.index("Andra undantaget")
    assert "Vi åberopar inte undantaget" not in html
    assert "Vi känner inte till något innehåll som inte uppfyller kraven." in html


def test_without_a_statement_the_page_says_so_and_still_offers_the_report_form(client, db):
    response = client.get(URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Tillgänglighetsredogörelsen är inte ifylld ännu." in html
    assert 'name="description"' in html
    assert 'href="https://www.digg.se/tdosanmalan"' in html


@pytest.mark.parametrize("rows", [1, 10])
def test_the_statement_page_uses_a_fixed_number_of_queries(
    client, db, django_assert_num_queries, rows
):
    add_rows(make_statement(), rows)
    # statement + three prefetched row kinds
    with django_assert_num_queries(4):
        response = client.get(URL)
    assert response.content.decode().count("Brist ") == rows


def test_the_statement_page_has_ordered_headings_labelled_controls_and_no_inline_code(
    client, site_pages
):
    page = structure(client.get(URL).content.decode())
    assert heading_problems(page.headings) == []
    ids = [control.get("id") for control in page.controls]
    assert ids and all(ids)
    assert set(ids) <= page.label_targets
    assert page.checkboxes_outside_fieldset == 0 and page.legends_in_fieldsets >= 1
    assert page.inline_scripts == 0 and page.style_attributes == 0


def test_loading_the_fixture_twice_creates_no_duplicates(site_pages):
    call_command("loaddata", SITE_PAGES_FIXTURE, verbosity=0)
    assert AccessibilityStatement.objects.count() == 1
    assert InaccessibleContent.objects.count() == 2
    assert OutOfScopeContent.objects.count() == 2


def test_a_second_statement_cannot_exist(db):
    make_statement()
    with pytest.raises(IntegrityError), transaction.atomic():
        make_statement(service_name="Andra")
    other = AccessibilityStatement(
        **{**model_to_dict(AccessibilityStatement.current()), "service_name": "Sparad igen"}
    )
    other.save()
    assert AccessibilityStatement.objects.get().service_name == "Sparad igen"


def pdf_writers() -> dict[str, str]:
    """Source of every module in the project that renders a PDF with WeasyPrint."""
    base = Path(settings.BASE_DIR)
    found = {}
    for path in base.rglob("*.py"):
        relative = path.relative_to(base)
        if relative.parts[0] in {".venv", "tests", "node_modules", "build"}:
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        if ".write_pdf(" in text:
            found[str(relative)] = text
    return found


def test_the_shipped_pdf_row_matches_how_the_portal_writes_its_pdfs():
    """If someone turns on tagged PDF (pdf/ua or pdf_tags), the statement must be updated."""
    fixture = Path(SITE_PAGES_FIXTURE).read_text(encoding="utf-8")
    tagged = [
        name for name, text in pdf_writers().items() if "pdf/ua" in text or "pdf_tags" in text
    ]
    claims_untagged = "Filerna skapas i dag utan taggning" in fixture
    assert claims_untagged == (not tagged), (
        f"PDF-raden i fixtures/05_site_pages.json stämmer inte längre: taggade: {tagged}"
    )


def test_the_shipped_statement_says_each_sentence_once(client, db):
    """The compliance sentence comes from the template; the explanation only adds why."""
    call_command("loaddata", SITE_PAGES_FIXTURE, verbosity=0)
    html = client.get(URL).content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    text = " ".join(re.sub(r"<[^>]+>", " ", main).split())
    sentences = [s.strip() for s in re.split(r"(?<=[.!?])\s+", text) if len(s.strip()) > 30]
    repeated = {s for s in sentences if sentences.count(s) > 1}
    assert not repeated
    assert text.count("är delvis förenlig med lagen om tillgänglighet") == 1
