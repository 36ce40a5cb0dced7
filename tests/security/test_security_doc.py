"""docs/security.md (and docs/operations.md) name the test files and tests that prove each
protection. A test that is renamed or removed must not leave the doc pointing at nothing."""

import ast
import re
from pathlib import Path

import pytest
from django.conf import settings

DOCS = ["docs/security.md", "docs/operations.md"]
# tests/<dir>/<file>.py, or tests/<dir>/<file>.py::test_<name> for one test in it.
REFERENCE = re.compile(r"(tests/[\w/]+\.py)(?:::(test_\w+))?")


def references(text: str) -> list[tuple[str, str]]:
    return REFERENCE.findall(text)


def defined_tests(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {
        node.name
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node.name.startswith("test_")
    }


def missing(text: str) -> list[str]:
    absent = []
    for file, name in references(text):
        path = Path(settings.BASE_DIR, file)
        if not path.is_file():
            absent.append(file)
        elif name and name not in defined_tests(path):
            absent.append(f"{file}::{name}")
    return absent


@pytest.mark.parametrize("doc", DOCS)
def test_every_test_file_and_test_the_doc_names_exists(doc):
    text = Path(settings.BASE_DIR, doc).read_text(encoding="utf-8")
    assert missing(text) == []


def test_the_security_doc_names_tests_for_its_protections():
    text = Path(settings.BASE_DIR, "docs/security.md").read_text(encoding="utf-8")
    sections = re.split(r"^## ", text, flags=re.MULTILINE)[1:]
    assert len(sections) >= 14
    for section in sections:
        title = section.splitlines()[0]
        assert any(name for _, name in references(section)), f"inga namngivna tester: {title}"


def test_the_checker_reports_a_missing_file_and_a_missing_test():
    text = (
        "`tests/security/test_headers.py::test_every_page_has_the_security_headers` finns, "
        "`tests/security/test_headers.py::test_som_inte_finns` och `tests/inget/test_alls.py` inte."
    )
    assert missing(text) == [
        "tests/security/test_headers.py::test_som_inte_finns",
        "tests/inget/test_alls.py",
    ]
