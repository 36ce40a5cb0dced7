"""Numbers written into HTML or SVG attributes are never localised: in Swedish 48.0 becomes
"48,0", which SVG cannot read and a form would send back as text. Every template that writes
a template variable into a number attribute passes it through |unlocalize (or stringformat)."""

import re
from pathlib import Path

from django.conf import settings

NUMBER_ATTRIBUTES = [
    *["value", "max", "min", "maxlength", "minlength", "start", "step", "colspan", "rowspan"],
    *["width", "height", "x", "y", "x1", "x2", "y1", "y2", "cx", "cy", "r", "rx", "ry"],
    *["points", "viewBox", "stroke-width"],
]
SAFE_FILTERS = ("unlocalize", "stringformat", "date", "urlencode")
ATTRIBUTE = re.compile(r"\s(" + "|".join(NUMBER_ATTRIBUTES) + r')="([^"]*)"')
VARIABLE = re.compile(r"\{\{(.*?)\}\}")
# Text values, never numbers: written as they are.
TEXT_VALUES = {"search_query", "next", "field.value", "value", "choice.data.value"}
TEXT_NAMES = {"slug", "name", "url", "code", "kind", "q"}  # last part of a dotted name


def unprotected(template: str) -> list[str]:
    found = []
    for attribute, value in ATTRIBUTE.findall(template):
        for variable in VARIABLE.findall(value):
            expression = variable.strip()
            name = expression.split("|")[0].strip()
            text = name in TEXT_VALUES or name.rsplit(".", 1)[-1] in TEXT_NAMES
            if text or any(f in expression for f in SAFE_FILTERS):
                continue
            found.append(f'{attribute}="{{{{ {expression} }}}}"')
    return found


def test_the_check_finds_a_localised_coordinate():
    assert unprotected('<circle cx="{{ x }}" cy="{{ y|unlocalize }}">') == ['cx="{{ x }}"']


def test_no_template_writes_a_number_attribute_through_localisation():
    problems = []
    for path in sorted(Path(settings.BASE_DIR, "templates").rglob("*.html")):
        if "admin" in path.parts:
            continue  # Django's admin templates, overridden with the admin's own markup
        for problem in unprotected(path.read_text(encoding="utf-8")):
            problems.append(f"{path.relative_to(settings.BASE_DIR)}: {problem}")
    assert not problems, "\n".join(problems)
