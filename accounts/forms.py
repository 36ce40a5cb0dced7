"""The password login form: username, password and, for emergency accounts, the one-time code
from the authenticator app. Every error text is a module constant so tests can assert it."""

from django import forms
from django.contrib.auth import authenticate
from django.contrib.auth.forms import AuthenticationForm
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_noop as N_

from .refusals import MESSAGES

MSG_USERNAME_TOO_LONG = N_("Användarnamnet får vara högst %(limit_value)d tecken.")
OTP_MAX = 12


class LoginForm(AuthenticationForm):
    """Django's login form sets the username's max_length after the field is built, so the
    length is never checked: a longer name went on to authenticate() and to django-axes, whose
    username column (255 characters) PostgreSQL refused with a server error."""

    otp_token = forms.CharField(
        label=gettext_lazy("Engångskod (bara för nödkonton)"),
        help_text=gettext_lazy("Sex siffror från autentiseringsappen."),
        required=False,
        max_length=OTP_MAX,
        strip=True,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        username = self.fields["username"]
        message = _(MSG_USERNAME_TOO_LONG)
        username.validators.append(MaxLengthValidator(username.max_length, message=message))
        self.fields["otp_token"].widget.attrs.update(
            {"autocomplete": "one-time-code", "inputmode": "numeric"}
        )

    def clean(self):
        """As Django's, with the one-time code passed on and the refusal's own message."""
        username = self.cleaned_data.get("username")
        password = self.cleaned_data.get("password")
        if username is not None and password:
            self.user_cache = authenticate(
                self.request,
                username=username,
                password=password,
                otp_token=self.cleaned_data.get("otp_token", ""),
            )
            if self.user_cache is None:
                refusal = getattr(self.request, "password_refusal", None)
                if refusal is not None:
                    raise forms.ValidationError(_(MESSAGES[refusal[0]]), code=refusal[0])
                raise self.get_invalid_login_error()
            self.confirm_login_allowed(self.user_cache)
        return self.cleaned_data
