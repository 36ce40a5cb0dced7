"""The apps' allowed dependencies (docs/architecture.md), checked over the tree.

An edge is any of: a Python import, a string model reference ("app.Model", as in ForeignKey,
get_model or a signal's sender), a template path named in Python ("app/x.html"), and in
templates a {% load %} of another app's tag library or an {% include %}/{% extends %} of
another app's template. Migrations are history and are not read."""

import ast
import functools
import re
from pathlib import Path

import pytest
from django.apps import apps
from django.template import engines

ROOT = Path(__file__).resolve().parents[2]

# Who may depend on whom; the project (familjeombud) composes pages and may use every app.
ALLOWED = {
    "core": set(),
    "organisation": {"core"},
    "mandates": {"organisation", "core"},
    "checklists": {"mandates", "organisation", "core"},
    "samverkan": {"mandates", "organisation", "core"},
    "training": {"checklists", "mandates", "organisation", "core"},
}
APPS = set(ALLOWED) | {"familjeombud"}
MODEL_REFERENCE = re.compile(r"^(?P<app>[a-z_]+)\.(?P<model>[A-Za-z_]+)$")
TEMPLATE_REFERENCE = re.compile(r"^(?P<app>[a-z_]+)/[\w/.-]+\.(?:html|txt|xml)$")
LOAD = re.compile(r"{%\s*load\s+([^%]+?)\s*%}")
TEMPLATE_TAG = re.compile(r"""{%\s*(?:include|extends)\s+["'](?P<path>[^"']+)["']""")


@functools.cache
def model_names(app: str) -> frozenset[str]:
    try:
        return frozenset(m.__name__.lower() for m in apps.get_app_config(app).get_models())
    except LookupError:  # core has no models
        return frozenset()


def python_edges(source: str) -> list[tuple[str, str, int]]:
    """(kind, app depended on, line) for every edge in one Python module."""
    edges = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            edges += [("import", a.name.split(".")[0], node.lineno) for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            edges.append(("import", node.module.split(".")[0], node.lineno))
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            model = MODEL_REFERENCE.match(node.value)
            if model and model["model"].lower() in model_names(model["app"]):
                edges.append(("model reference", model["app"], node.lineno))
            template = TEMPLATE_REFERENCE.match(node.value)
            if template:
                edges.append(("template path", template["app"], node.lineno))
    return [edge for edge in edges if edge[1] in APPS]


def tag_library_apps() -> dict[str, str]:
    """Template tag library name -> the app that defines it."""
    libraries = engines["django"].engine.libraries  # name -> dotted module path
    return {name: path.split(".")[0] for name, path in libraries.items()}


def template_edges(text: str, libraries: dict[str, str]) -> list[tuple[str, str, int]]:
    edges = []
    for match in LOAD.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        names = match.group(1).split()
        if "from" in names:  # {% load tag from library %}
            names = names[names.index("from") + 1 :]
        edges += [("tag library", libraries.get(name, ""), line) for name in names]
    for match in TEMPLATE_TAG.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        edges.append(("template", match["path"].split("/")[0], line))
    return [edge for edge in edges if edge[1] in APPS]


def forbidden(owner: str, edges) -> list[str]:
    if owner not in ALLOWED:  # the project, or a template folder of its own
        return []
    return [
        f"{kind} of {app} (line {line})"
        for kind, app, line in edges
        if app != owner and app not in ALLOWED[owner]
    ]


def python_modules():
    for app in ALLOWED:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" not in path.parts:
                yield app, path


def templates():
    for path in sorted((ROOT / "templates").rglob("*.html")):
        yield path.relative_to(ROOT / "templates").parts[0], path


def test_no_python_module_depends_on_an_app_it_may_not():
    problems = [
        f"{path.relative_to(ROOT)}: {problem}"
        for app, path in python_modules()
        for problem in forbidden(app, python_edges(path.read_text()))
    ]
    assert problems == []


def test_no_template_loads_tags_or_includes_templates_of_an_app_it_may_not():
    libraries = tag_library_apps()
    problems = [
        f"templates/{path.relative_to(ROOT / 'templates')}: {problem}"
        for owner, path in templates()
        for problem in forbidden(owner, template_edges(path.read_text(), libraries))
    ]
    assert problems == []


def test_every_app_of_the_table_is_installed():
    local = {c.name.split(".")[0] for c in apps.get_app_configs() if (ROOT / c.name).is_dir()}
    assert APPS - {"core"} <= local


@pytest.mark.parametrize(
    ("owner", "source", "expected"),
    [
        ("mandates", "from checklists.models import Assessment\n", "import of checklists"),
        ("mandates", "import training.models\n", "import of training"),
        ("organisation", "from mandates.models import MandateArea\n", "import of mandates"),
        (
            "mandates",
            'post_save.connect(f, sender="checklists.Assessment")\n',
            "model reference of checklists",
        ),
        ("samverkan", 'models.ForeignKey("training.TrainingSession")\n', "model reference of"),
        ("checklists", 'render_to_string("training/includes/x.html")\n', "template path of"),
    ],
)
def test_the_python_check_catches_each_kind_of_forbidden_edge(owner, source, expected):
    (problem,) = forbidden(owner, python_edges(source))
    assert problem.startswith(expected)


def test_the_python_check_allows_edges_down_the_table():
    source = "from organisation.models import Unit\nx = 'mandates.MandateArea'\n"
    assert forbidden("checklists", python_edges(source)) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("{% load i18n training_tags %}", "tag library of training"),
        ('{% include "training/includes/open_actions.html" %}', "template of training"),
        ('{% extends "samverkan/base.html" %}', "template of samverkan"),
    ],
)
def test_the_template_check_catches_tags_and_templates_of_other_apps(text, expected):
    (problem,) = forbidden("checklists", template_edges(text, tag_library_apps()))
    assert problem.startswith(expected)
