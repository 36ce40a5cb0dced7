"""Every CSV and XLSX file the portal hands out is written here, so that no cell ever becomes a
live spreadsheet formula (issue 14, "Exports").

A text cell that starts with =, +, -, @, a tab or a carriage return is read as a formula by
Excel and LibreOffice (OWASP "CSV injection"): a training action titled `=HYPERLINK(...)` would
run when the file is opened. In CSV such a cell gets a leading apostrophe, which spreadsheets
show as text. In XLSX the cell keeps its exact text but is stored as a string (never type "f")
with the quote prefix set, so it stays text when someone edits it.
"""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
DATE_FORMAT = "yyyy-mm-dd"
# A byte-order mark: Swedish Excel then reads å, ä and ö right when the file is double-clicked.
BOM = "\ufeff"


def is_formula_like(value) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def csv_text(value) -> str:
    """One cell as CSV text: empty for None, dates as ISO, formula-like text neutralised."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, datetime.date):
        return value.strftime("%Y-%m-%d")
    # Only text is neutralised: a negative number stays a number.
    return "'" + value if is_formula_like(value) else str(value)


@dataclass
class Table:
    """One table: a sheet in XLSX, a block in CSV (blocks separated by a blank line)."""

    title: str
    header: Sequence[str]
    rows: Iterable[Sequence] = field(default_factory=list)
    freeze: str = ""  # e.g. "B2": header row and first column stay in view


def csv_bytes(*tables: Table) -> bytes:
    """Semicolons, as Swedish Excel expects, UTF-8 with a byte-order mark."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    for index, table in enumerate(tables):
        if index:
            writer.writerow([])
        writer.writerow([csv_text(v) for v in table.header])
        writer.writerows([csv_text(v) for v in row] for row in table.rows)
    return (BOM + buffer.getvalue()).encode("utf-8")


def _write_row(sheet, row: int, values: Sequence, *, bold: bool = False) -> None:
    for column, value in enumerate(values, start=1):
        cell = sheet.cell(row=row, column=column)
        if isinstance(value, str):
            # Control characters XML cannot carry are dropped (openpyxl would refuse the cell).
            cell.value = ILLEGAL_CHARACTERS_RE.sub("", value)
            # openpyxl makes a str starting with "=" a formula cell: it is text here, always.
            cell.data_type = "s"
            if is_formula_like(value):
                cell.quotePrefix = True
        else:
            cell.value = value
            if isinstance(value, datetime.date):
                cell.number_format = DATE_FORMAT
        if bold:
            cell.font = Font(bold=True)


def xlsx_bytes(*tables: Table) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for table in tables:
        # Sheet titles cannot hold []:*?/\ and are at most 31 characters.
        title = "".join(ch for ch in table.title if ch not in "[]:*?/\\")[:31] or "Blad"
        sheet = workbook.create_sheet(title)
        _write_row(sheet, 1, table.header, bold=True)
        for number, row in enumerate(table.rows, start=2):
            _write_row(sheet, number, row)
        if table.freeze:
            sheet.freeze_panes = table.freeze
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
