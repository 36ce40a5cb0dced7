"""The harness itself can fail: axe catches a real violation, the page fixture catches a CSP
violation, and the browser is Debian's chromium, not a downloaded one."""

import pytest

from .conftest import CHROMIUM, CSP_MARKER, format_violations, run_axe

pytestmark = pytest.mark.browser


def test_the_browser_is_debians_chromium(browser):
    assert browser.browser_type.name == "chromium"
    assert browser.version.split(".")[0].isdigit()
    import subprocess

    out = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True, check=True)
    assert browser.version.split(".")[0] in out.stdout


def test_axe_reports_an_image_without_alt_text(page, axe, transactional_db):
    page.goto("/")
    axe(page)
    page.evaluate(
        """() => { const img = document.createElement('img');
                   img.src = '/static/none.png'; document.querySelector('main').append(img); }"""
    )
    violations = run_axe(page)
    assert [v["id"] for v in violations] == ["image-alt"]
    with pytest.raises(AssertionError) as failure:
        axe(page)
    message = str(failure.value)
    assert "image-alt (critical)" in message
    assert '<img src="/static/none.png">' in message
    assert format_violations(page.url, violations).startswith("axe: 1 WCAG 2.1 A/AA")


def test_the_page_fixture_sees_an_inline_script_blocked_by_the_policy(page, transactional_db):
    page.goto("/")
    with page.expect_console_message(lambda message: CSP_MARKER in message.text):
        page.evaluate(
            """() => { const s = document.createElement('script');
                       s.textContent = 'window.ran = true'; document.body.append(s); }"""
        )
    assert page.evaluate("() => window.ran === undefined"), "inline-skriptet kördes trots CSP"
    assert page.problems.csp_violations, "CSP-överträdelsen syntes inte i konsolen"
    page.problems.console_errors.clear()  # expected here; the fixture would fail the test
