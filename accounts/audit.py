"""The sign-in trail: every sign-in, refusal and sign-out, with the user's identifier, the time
and the outcome. Password sign-ins and sign-outs arrive through Django's own auth signals;
the provider's refusals are written by the callback view."""

import time

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from .models import Account, SignInEvent, SignInMethod, SignInOutcome
from .refusals import Reason

SIGNED_IN_AT = "accounts_signed_in_at"
OIDC_BACKEND = "accounts.oidc.PortalOIDCBackend"


def client_ip(request) -> str | None:
    return request.META.get("REMOTE_ADDR") or None if request is not None else None


def _account_of(user) -> Account | None:
    if user is None or not getattr(user, "pk", None):
        return None
    return Account.objects.filter(user=user).first()


def record(
    *,
    request,
    method: str,
    outcome: str,
    user=None,
    username: str = "",
    identifier: str = "",
    reason: str = "",
    detail: str = "",
) -> SignInEvent:
    account = _account_of(user)
    return SignInEvent.objects.create(
        user=user if user is not None and user.pk else None,
        username=(username or (user.get_username() if user is not None else ""))[:255],
        identifier=(identifier or (account.identifier if account else "") or "")[:200],
        method=method,
        outcome=outcome,
        reason=reason,
        detail=detail[:300],
        emergency=bool(account and account.emergency_access),
        ip_address=client_ip(request),
    )


def method_of(user) -> str:
    if getattr(user, "backend", "") == OIDC_BACKEND:
        return SignInMethod.OIDC
    return SignInMethod.PASSWORD


@receiver(user_logged_in, dispatch_uid="accounts-signed-in")
def _signed_in(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        request.session[SIGNED_IN_AT] = int(time.time())
        request.session["accounts_method"] = method_of(user)
    record(request=request, method=method_of(user), outcome=SignInOutcome.SIGNED_IN, user=user)


@receiver(user_logged_out, dispatch_uid="accounts-signed-out")
def _signed_out(sender, request, user, **kwargs):
    if user is None:
        return
    method = SignInMethod.PASSWORD
    if request is not None and hasattr(request, "session"):
        method = request.session.get("accounts_method", SignInMethod.PASSWORD)
    record(
        request=request,
        method=method,
        outcome=SignInOutcome.SIGNED_OUT,
        user=user,
        reason=getattr(request, "sign_out_reason", "") if request is not None else "",
    )


@receiver(user_login_failed, dispatch_uid="accounts-password-refused")
def _password_refused(sender, credentials, request=None, **kwargs):
    """A refused password sign-in; the backend leaves the reason on the request when the
    password was right but the account may not sign in this way."""
    username = credentials.get("username") or ""
    if not username:
        return
    refusal = getattr(request, "password_refusal", None) if request is not None else None
    record(
        request=request,
        method=SignInMethod.PASSWORD,
        outcome=SignInOutcome.REFUSED,
        user=refusal[1] if refusal else None,
        username=username,
        reason=refusal[0] if refusal else Reason.WRONG_PASSWORD,
    )
