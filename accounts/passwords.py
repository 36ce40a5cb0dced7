"""Password sign-in: kept for `make run` and for emergency accounts. With the region's sign-in
configured in production, only accounts marked for emergency use may sign in with a password,
and an emergency account always needs its authenticator app's one-time code as well."""

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import Account
from .permissions import SignedInUser
from .refusals import Reason


def password_refusal(user, otp_token: str | None) -> str | None:
    """The one rule for password sign-in: None when allowed, else the refusal reason."""
    account = Account.objects.filter(user=user).first()
    emergency = bool(account and account.emergency_access)
    if settings.PASSWORD_SIGN_IN_EMERGENCY_ONLY and not emergency:
        return Reason.PASSWORD_NOT_ALLOWED
    if not emergency:
        return None
    token = (otp_token or "").strip().replace(" ", "")
    if not token:
        return Reason.OTP_REQUIRED
    devices = TOTPDevice.objects.filter(user=user, confirmed=True)
    if not any(device.verify_token(token) for device in devices):
        return Reason.OTP_INVALID
    return None


class PasswordBackend(SignedInUser, ModelBackend):
    """Django's password check followed by the rule above. A refusal returns None, so Django
    sends user_login_failed and django-axes counts it like a wrong password."""

    def authenticate(self, request, username=None, password=None, otp_token=None, **kwargs):
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is None:
            return None
        refusal = password_refusal(user, otp_token)
        if refusal is not None:
            if request is not None:
                request.password_refusal = (refusal, user)
            return None
        return user
