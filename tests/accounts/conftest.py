"""A real OpenID Provider (panva's oidc-provider from npm, tests/accounts/provider.mjs) on
loopback for the whole test session, and the portal's settings pointed at it per test."""

import json
import os
import queue
import shutil
import subprocess
import threading
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings

from accounts import config
from tests.browser.conftest import axe, browser, page  # noqa: F401

SCRIPT = Path(__file__).with_name("provider.mjs")
PROVIDER_PACKAGE = Path(settings.BASE_DIR) / "node_modules" / "oidc-provider"
CLIENT_ID = "familjeombudsportalen"
CLIENT_SECRET = "ett-hemligt-klientlosenord-for-testerna"
PASSWORD = "losenord"  # every test user's password at the provider (provider.mjs)
STRONG = "http://id.elegnamnden.se/loa/1.0/loa3"
ROLE_MAP = {"familjeombud-kliniker": "Kliniker", "familjeombud-strateg": "Strateg"}
START_TIMEOUT = 20


class RunningProvider:
    def __init__(self, process: subprocess.Popen, issuer: str):
        self.process = process
        self.issuer = issuer

    def next_token(self, **changes) -> None:
        """The next ID token the provider hands out is re-signed with these claims changed."""
        request = urllib.request.Request(
            f"{self.issuer}/__test__/next-token",
            data=json.dumps(changes).encode(),
            method="POST",
        )
        with urllib.request.urlopen(request, timeout=5) as response:
            assert response.status == 204

    def reset(self) -> None:
        request = urllib.request.Request(
            f"{self.issuer}/__test__/next-token", data=b"null", method="POST"
        )
        urllib.request.urlopen(request, timeout=5).close()


@pytest.fixture(scope="session")
def oidc_provider(live_server):
    node = shutil.which("node")
    if node is None or not PROVIDER_PACKAGE.exists():
        pytest.fail(
            "node eller node_modules/oidc-provider saknas: kör `npm ci` i projektets rot "
            "(make test gör det).",
            pytrace=False,
        )
    op_config = {
        "client_id": CLIENT_ID,
        "client_secret": CLIENT_SECRET,
        "redirect_uris": [f"{live_server.url}/logga-in/region/svar/"],
        "post_logout_redirect_uris": [f"{live_server.url}/"],
    }
    process = subprocess.Popen(
        [node, str(SCRIPT)],
        cwd=settings.BASE_DIR,
        env={**os.environ, "OP_CONFIG": json.dumps(op_config)},
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    lines: queue.Queue = queue.Queue()
    threading.Thread(
        target=lambda: [lines.put(line) for line in process.stdout], daemon=True
    ).start()
    try:
        first = lines.get(timeout=START_TIMEOUT)
    except queue.Empty:
        process.kill()
        pytest.fail("OpenID-providern startade inte inom 20 sekunder.", pytrace=False)
    if not first.startswith("READY "):
        process.kill()
        pytest.fail(f"OpenID-providern svarade: {first!r}", pytrace=False)
    try:
        yield RunningProvider(process, first.split()[1])
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.fixture
def oidc(oidc_provider, settings):
    """The portal configured for the provider, as the environment would configure it."""
    settings.OIDC_ISSUER = oidc_provider.issuer
    settings.OIDC_RP_CLIENT_ID = CLIENT_ID
    settings.OIDC_RP_CLIENT_SECRET = CLIENT_SECRET
    settings.OIDC_ACR_VALUES = [STRONG]
    settings.OIDC_ROLES_CLAIM = "groups"
    settings.OIDC_ROLE_MAP = ROLE_MAP
    settings.OIDC_UNITS_CLAIM = "healthCareUnitHsaId"
    config.forget_discovery()
    oidc_provider.reset()
    yield oidc_provider
    oidc_provider.reset()
    config.forget_discovery()
