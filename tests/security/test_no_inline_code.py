"""The Content-Security-Policy allows no inline script or style, so none may be written: a
template or a format_html() with one would work in a unit test and break in the browser."""

import re
from pathlib import Path

import pytest
from django.conf import settings

BASE_DIR = Path(settings.BASE_DIR)
PROJECT_APPS = ["familjeombud", "mandates", "checklists", "samverkan"]

FORBIDDEN = {
    "inline <script> without src": re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE),
    "<style> element": re.compile(r"<style[\s>]", re.IGNORECASE),
    "style attribute": re.compile(r"""\sstyle\s*=\s*["'{]""", re.IGNORECASE),
    "event handler attribute": re.compile(r"""\son[a-z]+\s*=\s*["']""", re.IGNORECASE),
    "javascript: URL": re.compile(r"javascript:", re.IGNORECASE),
}


def template_files() -> list[Path]:
    roots = [BASE_DIR / "templates"] + [BASE_DIR / app / "templates" for app in PROJECT_APPS]
    return sorted(p for root in roots if root.exists() for p in root.rglob("*.html"))


def python_files() -> list[Path]:
    files = []
    for app in PROJECT_APPS:
        for path in (BASE_DIR / app).rglob("*.py"):
            if "migrations" not in path.parts:
                files.append(path)
    return sorted(files)


def offences(paths: list[Path], kinds: dict[str, re.Pattern]) -> list[str]:
    found = []
    for path in paths:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            for kind, pattern in kinds.items():
                if pattern.search(line):
                    found.append(f"{path.relative_to(BASE_DIR)}:{number}: {kind}: {line.strip()}")
    return found


def test_there_are_templates_to_check():
    assert len(template_files()) >= 5


def test_no_template_has_inline_script_style_or_event_handlers():
    found = offences(template_files(), FORBIDDEN)
    assert not found, "Blockeras av CSP (flytta till static/<app>/*.js eller .css):\n" + "\n".join(
        found
    )


# In Python only HTML counts: a tag on the same line, so `style = "x"` in code is no offence.
IN_PYTHON = {
    "inline <script> without src": FORBIDDEN["inline <script> without src"],
    "style attribute in HTML": re.compile(r"""<[a-z][^>]*\sstyle=\\?["']""", re.IGNORECASE),
}


def test_no_python_code_writes_inline_script_or_style_into_html():
    found = offences(python_files(), IN_PYTHON)
    assert not found, "Blockeras av CSP:\n" + "\n".join(found)


@pytest.mark.parametrize(
    ("html", "kind"),
    [
        ("<script>alert(1)</script>", "inline <script> without src"),
        ('<script type="module">x()</script>', "inline <script> without src"),
        ("<style>p{}</style>", "<style> element"),
        ('<div style="width: 40%">', "style attribute"),
        ('<a onclick="x()">', "event handler attribute"),
        ('<a href="javascript:void(0)">', "javascript: URL"),
    ],
)
def test_the_scanner_recognises_each_kind_of_inline_code(html, kind):
    assert FORBIDDEN[kind].search(html)


def test_in_python_an_html_style_attribute_counts_and_a_variable_named_style_does_not():
    pattern = IN_PYTHON["style attribute in HTML"]
    assert pattern.search("""format_html('<span style="color: red">{}</span>', x)""")
    assert not pattern.search('    style = "plain"')


@pytest.mark.parametrize(
    "html",
    [
        '<script src="/static/x.js" defer></script>',
        '<script defer src="/static/x.js"></script>',
        '<progress value="3" max="10">',
        '<p class="stylish">',
    ],
)
def test_the_scanner_lets_external_scripts_and_plain_markup_through(html):
    assert not any(pattern.search(html) for pattern in FORBIDDEN.values())
