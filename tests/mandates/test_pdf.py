import io
import re

import pytest
from django.urls import reverse
from pypdf import PdfReader

from mandates.models import MandateArea


def pdf_text(response) -> tuple[PdfReader, str]:
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return reader, " ".join(text.split())


def squash(text: str) -> str:
    """Compare without spaces: pypdf breaks lines where the layout does."""
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize(
    "slug",
    [
        "barnets-rattigheter",
        "barn-som-narstaende",
        "barn-som-far-illa",
        "vald-i-nara-relationer",
        "samverkan-kronobarnsmodellen",
    ],
)
def test_each_area_pdf_holds_its_checklist_and_questions(package, client, slug):
    area = MandateArea.objects.get(slug=slug)
    reader, text = pdf_text(client.get(reverse("mandates:area_pdf", args=[slug])))
    flat = squash(text)
    for item in area.checklist_items.all():
        assert squash(item.text) in flat, item.text
    for question in area.reflection_questions.all():
        assert squash(question.text) in flat, question.text
    assert "Sida 1 av" in text


def test_the_package_pdf_has_a_cover_a_toc_with_page_numbers_and_every_area(package, client):
    reader, text = pdf_text(client.get(reverse("mandates:package_pdf")))
    first = reader.pages[0].extract_text()
    assert "Stödpaket för familjeombudsuppdraget" in first
    toc = reader.pages[1].extract_text()
    for area in MandateArea.objects.all():
        # "Barnets rättigheter ..... 3": a leader and the page the area starts on.
        assert re.search(re.escape(area.name) + r"\s*\.+\s*\d+", toc), area.name
        for item in area.checklist_items.all():
            assert squash(item.text) in squash(text)
    assert f"Sida {len(reader.pages)} av {len(reader.pages)}" in text


def test_pdf_links_are_clickable_and_their_addresses_printed(package, client):
    response = client.get(reverse("mandates:area_pdf", args=["barnets-rattigheter"]))
    reader, text = pdf_text(response)
    uris = {
        annot.get_object()["/A"].get("/URI")
        for page in reader.pages
        for annot in page.get("/Annots") or []
        if annot.get_object().get("/A")
    }
    assert "https://mediprep.se/" in uris
    assert "<https://mediprep.se/>" in text


def test_the_running_header_names_the_area(package, client):
    reader, _ = pdf_text(client.get(reverse("mandates:area_pdf", args=["barn-som-far-illa"])))
    assert all("Barn som far illa" in page.extract_text() for page in reader.pages)


def test_the_package_pdf_carries_the_role_and_the_contacts(package, client):
    _, text = pdf_text(client.get(reverse("mandates:package_pdf")))
    flat = squash(text)
    for part in [
        "Nätverka med andra familjeombud i Region Kronoberg för att få till samverkan och "
        "erfarenhetsutbyte.",
        "Tillräckligt med avsatt tid för att kunna genomföra familjeombudsuppdraget, 1-4 "
        "dagar/månad.",
        "valentina.hajra@kronoberg.se",
        "0709 - 844 558",
    ]:
        assert squash(part) in flat, part
