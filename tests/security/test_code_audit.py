"""bandit's mark_safe checks (B308, B703) and its check for SQL built as text (B608) are skipped
in `make test` because every file that does either has been read: each is listed here with why
its text cannot carry markup or SQL. A new mark_safe, SafeString or raw SQL anywhere in the
portal fails this test until someone reads it and adds it here (and to docs/security.md)."""

import re
from pathlib import Path

from django.conf import settings

REVIEWED = {
    "checklists/templatetags/checklist_fields.py": "radio tags: labels and values escaped",
    "checklists/figures.py": "heatmap cells from format_html; the empty default",
    "checklists/fragments.py": "HTML rendered by the autoescaping templates, kept in the cache; "
    "only the CSRF token (letters and digits) is put in afterwards",
    "samverkan/wheel.py": "the wheel's SVG: every interpolated text escaped before joining",
    "familjeombud/templatetags/layout.py": "header and footer rendered by the autoescaping "
    "templates, kept in the worker's memory; only the CSRF token (letters and digits) is put "
    "in afterwards",
    "mandates/search.py": "search headline: escaped first, then only <mark> markers replaced",
    "mandates/search_terms.py": "excerpt: each piece escaped, only <mark> added",
}
SAFE_MARKING = re.compile(r"\bmark_safe\(|\bSafeString\(")
REVIEWED_SQL = {
    "mandates/search_backends.py": "search: only table names, constants and counts in the "
    "text; every searched word is a query parameter",
    "mandates/search_index.py": "index state: two table names, no input",
    "familjeombud/health.py": "SELECT 1",
    "mandates/cache.py": "the content version: table and column names from the model, the "
    "row's id a parameter",
    "checklists/management/commands/seed_demo_units.py": "ANALYZE",
    "core/rows.py": "SQL compiled by the ORM once; only the parent's key changes, a parameter",
    "core/compiled.py": "SQL compiled by the ORM once; only the placeholders' values change, "
    "each a parameter",
}
RAW_SQL = re.compile(r"cursor\.execute|executemany\(|\.raw\(|\bRawSQL\(|\.extra\(")


def portal_sources():
    base = Path(settings.BASE_DIR)
    for path in sorted(base.rglob("*.py")):
        relative = path.relative_to(base)
        if relative.parts[0] in {".venv", "tests", "node_modules", "build", "bench"}:
            continue
        if "migrations" in relative.parts:
            continue
        yield str(relative), path.read_text(encoding="utf-8", errors="replace")


def test_every_mark_safe_in_the_portal_has_been_reviewed():
    marking = {name for name, source in portal_sources() if SAFE_MARKING.search(source)}
    assert marking - set(REVIEWED) == set(), "mark_safe/SafeString som ingen har granskat"
    assert set(REVIEWED) - marking == set(), "granskade filer utan mark_safe: ta bort raden"


def test_every_raw_sql_in_the_portal_has_been_reviewed():
    raw = {name for name, source in portal_sources() if RAW_SQL.search(source)}
    assert raw - set(REVIEWED_SQL) == set(), "SQL som text som ingen har granskat"
    assert set(REVIEWED_SQL) - raw == set(), "granskade filer utan SQL som text: ta bort raden"


def test_the_security_doc_names_each_reviewed_file():
    doc = (Path(settings.BASE_DIR) / "docs" / "security.md").read_text(encoding="utf-8")
    assert [name for name in [*REVIEWED, *REVIEWED_SQL] if name not in doc] == []
