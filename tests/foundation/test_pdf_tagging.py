"""Every PDF the portal writes is a tagged PDF/UA-1 file that a screen reader can read: marked
content with a structure tree, the document's language and title, headings in order, a text
alternative for every figure and header cells in every table.

Each kind of PDF is asked for through its view by a user who may see it, in the sample world
of the authorization matrix (built with the apps' own fixtures and services).
"""

import io
import itertools
import logging
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader
from pypdf.generic import ArrayObject, BooleanObject, DictionaryObject, IndirectObject

import core.pdf
from tests.security import conftest as matrix

# The sample world of the authorization matrix and the apps' fixtures it is built from.
world = matrix.world
items = matrix.items
directory = matrix.directory
make_clinician = matrix.make_clinician
clinician = matrix.clinician
org = matrix.org
new_case = matrix.new_case
activated_case = matrix.activated_case
consented_case = matrix.consented_case
invited_case = matrix.invited_case
planned_case = matrix.planned_case

HEADING = re.compile(r"^/H([1-6])$")


def is_true(value) -> bool:
    return isinstance(value, BooleanObject) and value.value is True


def _kids(element) -> list:
    kids = element.get("/K")
    if kids is None:
        return []
    if isinstance(kids, IndirectObject):
        kids = kids.get_object()
    if not isinstance(kids, ArrayObject):
        kids = [kids]
    found = []
    for kid in kids:
        kid = kid.get_object() if isinstance(kid, IndirectObject) else kid
        if isinstance(kid, DictionaryObject) and "/S" in kid:  # not marked content, not OBJR
            found.append(kid)
    return found


def structure(reader: PdfReader) -> list:
    """The structure elements of the document, depth first (reading order)."""
    root = reader.trailer["/Root"].get("/StructTreeRoot")
    if root is None:
        return []
    elements, stack = [], list(reversed(_kids(root.get_object())))
    while stack:
        element = stack.pop()
        elements.append(element)
        stack.extend(reversed(_kids(element)))
    return elements


def tagging_problems(data: bytes) -> list[str]:
    """What keeps the PDF from being a tagged, readable PDF/UA file; empty when nothing does."""
    reader = PdfReader(io.BytesIO(data))
    catalog = reader.trailer["/Root"]
    problems = []
    if not is_true(catalog.get("/MarkInfo", {}).get("/Marked")):
        problems.append("inte markerad (/MarkInfo /Marked true saknas)")
    if "/StructTreeRoot" not in catalog:
        problems.append("inget strukturträd (/StructTreeRoot)")
    if not str(catalog.get("/Lang", "")).startswith("sv"):
        problems.append(f"språket är inte svenska: /Lang {catalog.get('/Lang')!r}")
    title = (reader.metadata or {}).get("/Title")
    if not title or not str(title).strip():
        problems.append("ingen dokumenttitel (/Title)")
    if not is_true(catalog.get("/ViewerPreferences", {}).get("/DisplayDocTitle")):
        problems.append("läsaren visar inte titeln (/DisplayDocTitle)")
    metadata = catalog.get("/Metadata")
    if metadata is None or b"pdfuaid:part" not in metadata.get_object().get_data():
        problems.append("XMP-metadata anger inte PDF/UA (pdfuaid:part)")
    elements = structure(reader)
    tags = [str(e["/S"]) for e in elements]
    levels = [int(m.group(1)) for tag in tags if (m := HEADING.match(tag))]
    if not levels:
        problems.append("inga rubriker i strukturträdet")
    elif levels[0] != 1:
        problems.append(f"första rubriken är H{levels[0]}, inte H1")
    for before, after in itertools.pairwise(levels):
        if after > before + 1:
            problems.append(f"rubriknivå hoppar från H{before} till H{after}")
    for element in elements:
        if element["/S"] == "/Figure" and not str(element.get("/Alt", "")).strip():
            problems.append("en figur saknar alternativtext (/Alt)")
        if element["/S"] == "/Table":
            # A table split by a page break is one Table element per page in WeasyPrint 70
            # (Kozea/WeasyPrint#2903); a part with only the caption has no cells to head.
            cells = {str(e["/S"]) for e in structure_below(element)}
            if "/TD" in cells and "/TH" not in cells:
                problems.append("en tabell saknar rubrikceller (TH)")
    return problems


def structure_below(element) -> list:
    below, stack = [], list(_kids(element))
    while stack:
        child = stack.pop()
        below.append(child)
        stack.extend(_kids(child))
    return below


def _case(w):
    return {"pk": w.case.pk}


# Each kind of PDF: its URL name, the role that may see it (None: anyone) and its arguments.
PDFS = {
    "mandatområde": ("mandates:area_pdf", None, lambda w: {"slug": w.area_slug}),
    "hela stödpaketet": ("mandates:package_pdf", None, lambda w: {}),
    "beredskapsrapport": (
        "checklists:unit_report_pdf",
        "familjeombud",
        lambda w: {"pk": w.unit.pk, "year": w.year},
    ),
    "utbildningsagenda": (
        "training:agenda_pdf",
        "familjeombud",
        lambda w: {"pk": w.training_session.pk},
    ),
    "samtyckesblankett": ("samverkan:consent_pdf", "case_owner", _case),
    "samverkansinbjudan": (
        "samverkan:invitation_pdf",
        "case_owner",
        lambda w: {**_case(w), "invitation_id": w.invitation.pk},
    ),
    "Barnets plan": (
        "samverkan:plan_pdf",
        "case_owner",
        lambda w: {**_case(w), "number": w.plan.number},
    ),
    "loggutdrag": ("auditlog:case_extract_pdf", "case_owner", _case),
}


def fetch_pdf(world, kind: str) -> bytes:
    name, role, kwargs = PDFS[kind]
    client = Client()
    if role:
        client.force_login(world.users[role])
    response = client.get(reverse(name, kwargs=kwargs(world)))
    assert response.status_code == 200, (kind, response.status_code)
    assert response["Content-Type"] == "application/pdf"
    return response.content


@pytest.mark.parametrize("kind", PDFS)
def test_each_kind_of_pdf_is_tagged_pdf_ua_with_language_title_and_structure(world, kind, caplog):
    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        data = fetch_pdf(world, kind)
    assert tagging_problems(data) == []
    # WeasyPrint logs an error for an image without alt text or a document without lang.
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR] == []


@pytest.mark.parametrize(
    "kind,title",
    [
        ("samtyckesblankett", "Samtyckesblankett"),
        ("samverkansinbjudan", "Samverkansinbjudan"),
        ("Barnets plan", "Barnets plan"),
    ],
)
def test_a_case_document_is_titled_with_its_kind_and_the_case_reference(world, kind, title):
    """The title is what a reader shows (DisplayDocTitle): two open plans must differ."""
    reader = PdfReader(io.BytesIO(fetch_pdf(world, kind)))
    assert reader.metadata.title == f"{title} – Ärende {world.case.short_ref}"


def test_the_plan_s_wheel_is_a_figure_with_a_text_alternative(world):
    elements = structure(PdfReader(io.BytesIO(fetch_pdf(world, "Barnets plan"))))
    figures = [e for e in elements if e["/S"] == "/Figure"]
    assert [str(f["/Alt"]) for f in figures] == ["Barnets bästa-hjulet"]


def test_an_untagged_pdf_fails_every_check(world, monkeypatch):
    """The checks above can fail: the same PDF written without the variant fails each one."""
    monkeypatch.setattr(core.pdf, "PDF_VARIANT", None)
    problems = tagging_problems(fetch_pdf(world, "loggutdrag"))
    assert problems == [
        "inte markerad (/MarkInfo /Marked true saknas)",
        "inget strukturträd (/StructTreeRoot)",
        "läsaren visar inte titeln (/DisplayDocTitle)",
        "XMP-metadata anger inte PDF/UA (pdfuaid:part)",
        "inga rubriker i strukturträdet",
    ]


def test_a_page_without_language_title_or_headings_fails_those_checks():
    from weasyprint import HTML

    problems = tagging_problems(core.pdf.write_accessible_pdf(HTML(string="<p>Text</p>")))
    assert problems == [
        "språket är inte svenska: /Lang ''",
        "ingen dokumenttitel (/Title)",
        "inga rubriker i strukturträdet",
    ]


def test_skipped_headings_a_figure_without_alt_and_a_table_without_header_cells_fail():
    from weasyprint import HTML

    html = (
        '<html lang="sv"><title>Brister</title><h2>Först H2</h2><h4>Sedan H4</h4>'
        '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" '
        'height="10"/></svg><table><tr><td>Bara</td><td>celler</td></tr></table></html>'
    )
    assert tagging_problems(core.pdf.write_accessible_pdf(HTML(string=html))) == [
        "första rubriken är H2, inte H1",
        "rubriknivå hoppar från H2 till H4",
        "en figur saknar alternativtext (/Alt)",
        "en tabell saknar rubrikceller (TH)",
    ]


def test_every_pdf_in_the_portal_is_written_through_the_tagging_helper():
    """A new PDF cannot be written untagged: write_pdf is called in one place only."""
    base = Path(settings.BASE_DIR)
    callers = []
    for path in sorted(base.rglob("*.py")):
        relative = path.relative_to(base)
        if relative.parts[0] in {".venv", "tests", "node_modules", "build"}:
            continue
        if ".write_pdf(" in path.read_text(encoding="utf-8", errors="replace"):
            callers.append(str(relative))
    assert callers == ["core/pdf.py"]
    assert core.pdf.PDF_VARIANT == "pdf/ua-1"
