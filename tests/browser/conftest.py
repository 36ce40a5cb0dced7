"""Playwright drives Debian's chromium against pytest-django's live_server.

The browser is the one at /usr/bin/chromium (`.ci/ensure-browser` installs it); Playwright never
downloads one of its own. Each test gets a fresh browser context, and the browser itself runs
on a fresh temporary user-data-dir that Playwright creates for every launch.
"""

import os
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

# Playwright's sync API keeps an asyncio loop in the test thread; Django would otherwise refuse
# the database calls that the tests themselves make (fixtures, factories, assertions).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
AXE_SOURCE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
CSP_MARKER = "Content Security Policy"


def pytest_collection_modifyitems(items):
    """Every test that starts the browser is marked, wherever it lives (`-m "not browser"`)."""
    for item in items:
        if "browser" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)


# Playwright's sync API allows one instance per thread. Other test folders import the fixtures
# below (each import is a fixture definition of its own), so all of them share this one browser.
_SHARED: dict = {}


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium, started once per test session however many folders use it."""
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(
            f"{CHROMIUM} saknas: kör `bash .ci/ensure-browser` (som root installeras Debians "
            "paket chromium) eller `make test`, som gör det själv.",
            pytrace=False,
        )
    if _SHARED:
        yield _SHARED["browser"]
        return
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    try:
        _SHARED["browser"] = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield _SHARED["browser"]
    finally:
        browser = _SHARED.pop("browser", None)
        if browser is not None:
            browser.close()
        playwright.stop()


class PageProblems:
    """What the browser complained about while the test ran: console errors (a CSP violation
    is one) and failed requests for our own files."""

    def __init__(self):
        self.console_errors: list[str] = []
        self.page_errors: list[str] = []
        self.tolerated_style_prefixes: list[str] = []

    def tolerate_inline_styles_under(self, url_prefix: str, reason: str) -> None:
        """Third-party pages we do not control (a known, cosmetic case) may have their inline
        styles refused without failing the test; scripts are never tolerated."""
        assert reason, "säg varför"
        self.tolerated_style_prefixes.append(url_prefix)

    def _tolerated(self, message: str) -> bool:
        return "Applying inline style" in message and any(
            message.startswith(prefix) for prefix in self.tolerated_style_prefixes
        )

    @property
    def csp_violations(self) -> list[str]:
        return [m for m in self.console_errors if CSP_MARKER in m and not self._tolerated(m)]


@pytest.fixture
def page(browser, live_server):
    """A page in a fresh context, with the Content-Security-Policy enforced as in production.

    The test fails if the page logged a console error or a CSP violation at any point, so a
    journey proves that the pages work under the policy, not only that they render.
    """
    context = browser.new_context(
        base_url=live_server.url, locale="sv-SE", timezone_id="Europe/Stockholm"
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    problems = PageProblems()
    page.on(
        "console",
        lambda msg: (
            problems.console_errors.append(f"{page.url}: {msg.text}")
            if msg.type == "error"
            else None
        ),
    )
    page.on("pageerror", lambda error: problems.page_errors.append(str(error)))
    page.problems = problems
    yield page
    context.close()
    assert not problems.csp_violations, "CSP-överträdelser:\n" + "\n".join(problems.csp_violations)
    assert not problems.page_errors, "JavaScript-fel:\n" + "\n".join(problems.page_errors)


def format_violations(url: str, violations: list[dict]) -> str:
    lines = [f"axe: {len(violations)} WCAG 2.1 A/AA-överträdelser på {url}"]
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation['impact']}): {violation['help']}  "
            f"[{', '.join(t for t in violation['tags'] if t.startswith('wcag'))}]"
        )
        for node in violation["nodes"][:5]:
            lines.append(f"    {' '.join(node['target'])}: {node['html'][:160]}")
            if node.get("failureSummary"):
                summary = node["failureSummary"].replace("\n", " / ")
                lines.append(f"      {summary[:300]}")
        if len(violation["nodes"]) > 5:
            lines.append(f"    ... och {len(violation['nodes']) - 5} till")
    return "\n".join(lines)


def run_axe(page, tags=WCAG_TAGS) -> list[dict]:
    """Runs axe-core on the page as it is now and returns the violations.

    axe is evaluated through the DevTools protocol rather than page.add_script_tag: the portal's
    own CSP (script-src 'self') rightly blocks the inline <script> that add_script_tag writes,
    and the journeys keep the policy on so that they test the real pages.
    """
    if not AXE_SOURCE.exists():
        pytest.fail(
            f"{AXE_SOURCE} saknas: kör `npm ci` i projektets rot (make test gör det).",
            pytrace=False,
        )
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(AXE_SOURCE.read_text(encoding="utf-8"))
    before = len(page.problems.console_errors) if hasattr(page, "problems") else 0
    result = page.evaluate(
        """tags => axe.run(document, {runOnly: {type: 'tag', values: tags},
                                       resultTypes: ['violations']})""",
        tags,
    )
    if hasattr(page, "problems"):
        # axe's stylesheet rules (css-orientation-lock) copy the page's CSS into a <style> of
        # their own, which the policy rightly refuses; those refusals are axe's, not the page's.
        # One more round trip to the page: the browser reports console messages in order, so
        # every refusal axe caused has arrived once this answer is back (no fixed wait).
        page.evaluate("() => 0")
        errors = page.problems.console_errors
        errors[before:] = [e for e in errors[before:] if "Applying inline style" not in e]
    return result["violations"]


@pytest.fixture
def axe():
    """`axe(page)` asserts that the page as it is now has no WCAG 2.1 A or AA violation."""

    def check(page):
        page.wait_for_load_state("load")
        violations = run_axe(page)
        assert not violations, format_violations(page.url, violations)
        assert not page.problems.csp_violations, "\n".join(page.problems.csp_violations)

    return check


@pytest.fixture
def content(transactional_db):
    """The real seed content from fixtures/, loaded the way `make run` loads it."""
    from familjeombud.management.commands.dev_setup import fixture_files

    call_command("loaddata", *fixture_files(), verbosity=0)
