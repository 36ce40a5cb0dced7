"""The routine *Rutin för samverkan inom Kronobarnsmodellen* is a public page of the support
package, word for word from the source document, with the BVC directory and the municipal
switchboards, printable as PDF; the clinician's guides show the same lines from the same
source (samverkan/routine.py), never a copy."""

import io
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from pypdf import PdfReader

from organisation.models import Municipality
from samverkan import routine
from samverkan.forms import AssessmentForm
from samverkan.models import BvcUnit
from tests.seeds import seed_path

pytestmark = pytest.mark.django_db
SEED = seed_path("rutin-samverkan-kronobarnsmodellen.txt")
DIRECTORY = Path(settings.BASE_DIR, "fixtures", "40_samverkan_directory.json")


def flat(text: str) -> str:
    """The PDF's extraction without its layout: hyphenated line ends joined, one space."""
    text = re.sub(r"-\s*\n\s*\n?", "", text)
    return " ".join(text.split())


@pytest.fixture
def directory(db):
    call_command("loaddata", str(DIRECTORY), verbosity=0)


def every_line():
    for section in routine.SECTIONS:
        yield section.heading
        for line in section.lines:
            yield line.text
            yield from line.choices


@pytest.mark.skipif(not SEED.exists(), reason="the source documents are not on this machine")
def test_the_routine_is_word_for_word_the_source_document():
    source = flat(SEED.read_text(encoding="utf-8"))
    missing = [text for text in every_line() if flat(text) not in source]
    assert not missing
    assert flat(routine.TITLE) in source and flat(routine.INTRO) in source


def test_a_visitor_who_is_not_signed_in_reads_the_whole_routine(client, directory):
    response = client.get(reverse("routine"))
    assert response.status_code == 200
    text = " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())
    text = text.replace("&#x27;", "'").replace("&quot;", '"')
    for line in every_line():
        assert " ".join(line.split()) in text, line
    assert reverse("routine_pdf") in response.content.decode()


def test_the_page_lists_every_bvc_unit_per_municipality_and_every_switchboard(client, directory):
    html = client.get(reverse("routine")).content.decode()
    assert Municipality.objects.count() == 8 and BvcUnit.objects.count() == 34
    for unit in BvcUnit.objects.all():
        assert f'href="mailto:{unit.email}"' in html
    for municipality in Municipality.objects.all():
        assert municipality.switchboard in html
    assert 'href="tel:047041000"' in html  # Växjö, "0470 - 410 00"


def test_the_routine_prints_as_a_pdf_with_its_text_and_directory(client, directory):
    response = client.get(reverse("routine_pdf"))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert "Samtycke för att aktivera Kronobarnsmodellen" in text
    assert "bvc-markaryd@kronoberg.se" in text and "0476 - 550 00" in text


@pytest.fixture
def areas(db):
    call_command("loaddata", str(Path(settings.BASE_DIR, "fixtures", "10_mandate_areas.json")))


def test_the_samverkan_area_links_the_routine(client, areas):
    html = client.get(reverse("mandates:area_detail", args=["samverkan-kronobarnsmodellen"]))
    assert f'href="{reverse("routine")}"' in html.content.decode()
    other = client.get(reverse("mandates:area_detail", args=["barnets-rattigheter"]))
    assert reverse("routine") not in other.content.decode()


def test_the_guides_hold_no_copy_of_the_routines_text():
    guides = Path(settings.BASE_DIR, "templates", "samverkan", "guides")
    copies = [
        f"{path.name}: {text[:50]}"
        for path in guides.glob("*.html")
        for text in every_line()
        if len(text) > 12 and text in path.read_text(encoding="utf-8")
    ]
    assert not copies


def test_the_assessment_questions_are_the_routines_own_steps():
    form = AssessmentForm()
    assert form.fields["noticed"].label == "1. " + routine.lines("need_noticed")[0].text
    assert form.fields["together"].label == "4. " + routine.lines("need_together")[0].text


def test_the_routine_is_found_by_the_support_package_search_with_its_directory(directory):
    from mandates.search import search
    from mandates.search_index import mark_stale

    mark_stale()
    [first, *_] = search("barnens bästa-ansvarig")
    assert (first.kind, first.place) == ("Rutin", routine.TITLE)
    assert first.url.startswith(reverse("routine") + "#rutin-")
    [bvc, *_] = search("Strömsnäsbruk")
    assert bvc.url == reverse("routine") + "#rutin-bhv"
    assert bvc.title == "Barnhälsovården: Markaryd"


def test_an_edit_of_the_routine_directory_reaches_the_search_at_once(directory):
    from mandates.search import search

    assert search("Strömsnäsbruk")
    unit = BvcUnit.objects.get(name="Strömsnäsbruk")
    unit.name = "Strömsnäsbruks vårdcentral"
    unit.save()
    assert "<mark>Strömsnäsbruks</mark> vårdcentral" in search("Strömsnäsbruks")[0].excerpt
