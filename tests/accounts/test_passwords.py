"""Password sign-in once the region's sign-in is configured in production: refused for every
account not marked for emergency use; emergency accounts need their TOTP code as well; axes
throttles both; every outcome in the sign-in trail and emergency sign-ins in the log review."""

import datetime
import os
import subprocess
import sys

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import Account, SignInEvent, SignInMethod, SignInOutcome
from accounts.refusals import MESSAGES, Reason
from familjeombud.auditlog.review import findings
from familjeombud.models import FindingKind

PASSWORD = "ett-langt-losenord-123"


@pytest.fixture
def emergency_only(settings):
    settings.PASSWORD_SIGN_IN_EMERGENCY_ONLY = True
    return settings


@pytest.fixture
def normal(db):
    return get_user_model().objects.create_user("vanlig", "", PASSWORD, is_staff=True)


@pytest.fixture
def emergency(db):
    user = get_user_model().objects.create_superuser("nodkonto", "", PASSWORD)
    Account.objects.create(user=user, emergency_access=True)
    return user


@pytest.fixture
def device(emergency):
    return TOTPDevice.objects.create(user=emergency, name="Nödkontots app", confirmed=True)


def code_of(device) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def post(client, username, otp_token=""):
    return client.post(
        reverse("login"),
        {"username": username, "password": PASSWORD, "otp_token": otp_token},
    )


def form_errors(response) -> list[str]:
    return response.context["form"].non_field_errors()


def test_production_turns_password_sign_in_into_emergency_only_when_a_provider_is_configured():
    code = (
        "from django.conf import settings; "
        "print(settings.PASSWORD_SIGN_IN_EMERGENCY_ONLY, settings.OIDC_IDENTIFIER_CLAIM)"
    )
    base = {
        "DJANGO_SETTINGS_MODULE": "familjeombud.settings.production",
        "SECRET_KEY": "x" * 60,
        "DATABASE_URL": "sqlite://:memory:",
    }
    env = {k: v for k, v in os.environ.items() if not k.startswith("OIDC_")}
    with_provider = {
        "OIDC_ISSUER": "https://idp.example.se",
        "OIDC_CLIENT_ID": "portalen",
        "OIDC_CLIENT_SECRET": "hemligt",
    }

    def run(extra):
        return subprocess.run(
            [sys.executable, "-c", f"import django; django.setup(); {code}"],
            cwd=settings.BASE_DIR,
            env={**env, **base, **extra},
            capture_output=True,
            text=True,
            timeout=120,
        )

    assert run(with_provider).stdout.split() == ["True", "employeeHsaId"]
    assert run({}).stdout.split() == ["False", "employeeHsaId"]
    incomplete = run({"OIDC_ISSUER": "https://idp.example.se"})
    assert incomplete.returncode != 0
    assert "OIDC_CLIENT_ID eller OIDC_CLIENT_SECRET saknas" in incomplete.stderr


def test_a_normal_account_is_refused_a_password_sign_in_in_production(
    client, emergency_only, normal
):
    response = post(client, "vanlig")
    assert response.status_code == 200
    assert form_errors(response) == [MESSAGES[Reason.PASSWORD_NOT_ALLOWED]]
    assert "_auth_user_id" not in client.session
    event = SignInEvent.objects.get()
    assert (event.outcome, event.reason, event.username, event.user) == (
        SignInOutcome.REFUSED,
        Reason.PASSWORD_NOT_ALLOWED,
        "vanlig",
        normal,
    )
    # django-axes counted it as a failure.
    assert AccessAttempt.objects.get(username="vanlig").failures_since_start == 1


def test_without_a_provider_a_normal_account_signs_in_with_its_password(client, normal):
    response = post(client, "vanlig")
    assert response.status_code == 302
    event = SignInEvent.objects.get()
    assert (event.outcome, event.method, event.emergency) == (
        SignInOutcome.SIGNED_IN,
        SignInMethod.PASSWORD,
        False,
    )


def test_an_emergency_account_without_its_one_time_code_is_refused(client, emergency_only, device):
    response = post(client, "nodkonto")
    assert form_errors(response) == [MESSAGES[Reason.OTP_REQUIRED]]
    assert "_auth_user_id" not in client.session
    assert SignInEvent.objects.get().reason == Reason.OTP_REQUIRED


def test_an_emergency_account_with_a_wrong_code_is_refused(client, emergency_only, device):
    wrong = f"{(int(code_of(device)) + 1) % 1_000_000:06d}"
    response = post(client, "nodkonto", wrong)
    assert form_errors(response) == [MESSAGES[Reason.OTP_INVALID]]
    assert "_auth_user_id" not in client.session


def test_an_emergency_account_without_a_confirmed_device_cannot_sign_in(
    client, emergency_only, emergency
):
    TOTPDevice.objects.create(user=emergency, name="ej bekräftad", confirmed=False)
    response = post(client, "nodkonto", "123456")
    assert form_errors(response) == [MESSAGES[Reason.OTP_INVALID]]


def test_an_emergency_account_signs_in_with_password_and_code_and_is_listed_for_review(
    client, emergency_only, device
):
    response = post(client, "nodkonto", code_of(device))
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(device.user.pk)
    event = SignInEvent.objects.get()
    assert (event.outcome, event.method, event.emergency) == (
        SignInOutcome.SIGNED_IN,
        SignInMethod.PASSWORD,
        True,
    )
    found = findings(since=timezone.localdate())
    assert [(f.kind, f.key, f.username) for f in found] == [
        (FindingKind.EMERGENCY_SIGN_IN, f"signin:{event.pk}", "nodkonto")
    ]
    reviewer = get_user_model().objects.create_user("granskare", "", PASSWORD)
    reviewer.user_permissions.add(Permission.objects.get(codename="review_audit_log"))
    client.force_login(reviewer)
    page = client.get(reverse("auditlog:review_list")).content.decode()
    assert "Inloggning med nödkonto" in page
    assert "Nödkonto inloggat med lösenord från 127.0.0.1." in page


def test_wrong_one_time_codes_lock_the_emergency_account_like_wrong_passwords(
    client, emergency_only, device
):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = post(client, "nodkonto", "000000")
    assert response.status_code == 429
    assert post(client, "nodkonto", code_of(device)).status_code == 429
    assert "_auth_user_id" not in client.session


def test_wrong_passwords_and_sign_outs_are_in_the_trail(client, normal):
    client.post(reverse("login"), {"username": "vanlig", "password": "fel"})
    post(client, "vanlig")
    client.post(reverse("logout"))
    trail = [(e.outcome, e.reason) for e in SignInEvent.objects.order_by("when", "id")]
    assert trail == [
        (SignInOutcome.REFUSED, Reason.WRONG_PASSWORD),
        (SignInOutcome.SIGNED_IN, ""),
        (SignInOutcome.SIGNED_OUT, ""),
    ]


def test_the_trail_is_never_changed(normal):
    event = SignInEvent.objects.create(
        username="vanlig", method=SignInMethod.PASSWORD, outcome=SignInOutcome.SIGNED_IN
    )
    with pytest.raises(TypeError):
        event.save()
    with pytest.raises(TypeError):
        SignInEvent.objects.all().delete()


def test_a_session_ends_at_its_maximum_age_however_active(client, normal, settings):
    settings.SESSION_MAX_AGE = 60 * 60
    post(client, "vanlig")
    assert client.get(reverse("checklists:unit_list")).status_code == 200
    session = client.session
    session["accounts_signed_in_at"] -= 60 * 60 + 1
    session.save()
    response = client.get(reverse("checklists:unit_list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert "_auth_user_id" not in client.session
    last = SignInEvent.objects.order_by("when", "id").last()
    assert (last.outcome, last.reason) == (SignInOutcome.SIGNED_OUT, "session_max_age")


def test_the_admins_own_login_follows_the_same_rule(client, emergency_only, normal, device):
    """Admin's form has no field for the code: an emergency account signs in on the portal's
    login page and then opens admin; a normal account is refused on both."""
    for username in ("vanlig", "nodkonto"):
        response = client.post(reverse("admin:login"), {"username": username, "password": PASSWORD})
        assert response.status_code == 200
        assert "_auth_user_id" not in client.session
    assert post(client, "nodkonto", code_of(device)).status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200


def test_without_a_provider_the_login_page_offers_only_the_password(client, db):
    page = client.get(reverse("login")).content.decode()
    assert "Logga in med regionens inloggning" not in page
    assert client.get(reverse("oidc_authentication_init")).status_code == 404
    assert client.get(reverse("oidc_authentication_callback")).status_code == 404


def test_findings_period_excludes_earlier_emergency_sign_ins(emergency):
    SignInEvent.objects.create(
        username="nodkonto",
        method=SignInMethod.PASSWORD,
        outcome=SignInOutcome.SIGNED_IN,
        emergency=True,
    )
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    assert findings(since=tomorrow) == []
    assert len(findings(since=timezone.localdate())) == 1


def test_production_settings_with_a_provider_pass_the_deploy_check():
    from tests.foundation.test_foundation import _run_django

    env = {
        "DJANGO_SETTINGS_MODULE": "familjeombud.settings.production",
        "SECRET_KEY": "x" * 20 + "-a-long-random-production-key-for-the-check-0123456789",
        "ALLOWED_HOSTS": "familjeombud.example.se",
        "DATABASE_URL": "sqlite://:memory:",
        "OIDC_ISSUER": "https://idp.example.se",
        "OIDC_CLIENT_ID": "portalen",
        "OIDC_CLIENT_SECRET": "hemligt",
    }
    result = _run_django(
        env,
        "from django.core.management import call_command; "
        "call_command('check', deploy=True, fail_level='WARNING')",
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout
