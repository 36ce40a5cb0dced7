"""Sign-in pages: the login page (the region's sign-in first, password for emergencies), the
refusal page, the page for a user without a role, and sign-out (also at the provider)."""

from django.conf import settings
from django.contrib import auth
from django.contrib.auth import views as auth_views
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect

from . import config
from .audit import record
from .forms import LoginForm
from .models import SignInMethod, SignInOutcome
from .oidc import identifier_of, provider_logout_url
from .refusals import (
    MESSAGES,
    NO_ROLE_DEFAULT_CONTACT,
    NO_ROLE_HEADING,
    NO_ROLE_MESSAGE,
    REFUSED_HEADING,
    Reason,
    SignInRefused,
)

REFUSAL_SESSION_KEY = "accounts_refusal"
NO_ROLE_SESSION_KEY = "accounts_no_role"


class LoginView(auth_views.LoginView):
    authentication_form = LoginForm

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["oidc_enabled"] = config.oidc_enabled()
        context["password_emergency_only"] = settings.PASSWORD_SIGN_IN_EMERGENCY_ONLY
        return context


def _end_portal_session(request):
    if request.user.is_authenticated:
        request.sign_out_reason = "refused"
        auth.logout(request)


def refuse(request, refusal: SignInRefused):
    """Writes the refusal to the trail and sends the browser to the page that explains it."""
    user = refusal.user if refusal.user is not None and refusal.user.pk else None
    record(
        request=request,
        method=SignInMethod.OIDC,
        outcome=SignInOutcome.REFUSED,
        user=user,
        identifier=identifier_of(refusal.claims) if refusal.claims else "",
        username=user.get_username() if user else identifier_of(refusal.claims),
        reason=refusal.reason,
        detail=refusal.detail,
    )
    _end_portal_session(request)
    request.session[REFUSAL_SESSION_KEY] = refusal.reason
    return HttpResponseRedirect(reverse("accounts:refused"))


def no_role(request, user):
    record(
        request=request,
        method=SignInMethod.OIDC,
        outcome=SignInOutcome.REFUSED,
        user=user,
        reason=Reason.NO_ROLE,
    )
    _end_portal_session(request)
    request.session[NO_ROLE_SESSION_KEY] = user.get_username()
    return HttpResponseRedirect(reverse("accounts:no_role"))


class RefusedView(View):
    """GET only: the page explains a refusal that already happened."""

    http_method_names = ["get"]

    @method_decorator(never_cache)
    def get(self, request):
        return refused_page(request)


class NoRoleView(View):
    http_method_names = ["get"]

    @method_decorator(never_cache)
    def get(self, request):
        return no_role_page(request)


def refused_page(request):
    reason = request.session.get(REFUSAL_SESSION_KEY, Reason.INVALID_TOKEN)
    message = MESSAGES.get(reason, MESSAGES[Reason.INVALID_TOKEN])
    context = {
        "heading": _(REFUSED_HEADING),
        "message": _(message),
        "oidc_enabled": config.oidc_enabled(),
    }
    return render(request, "accounts/refused.html", context, status=403)


def no_role_page(request):
    username = request.session.get(NO_ROLE_SESSION_KEY, "")
    contact = settings.ACCESS_REQUEST_CONTACT or _(NO_ROLE_DEFAULT_CONTACT)
    context = {
        "heading": _(NO_ROLE_HEADING),
        "message": _(NO_ROLE_MESSAGE),
        "contact": contact,
        "username": username,
    }
    return render(request, "accounts/no_role.html", context, status=403)


@never_cache
@csrf_protect
def logout_view(request):
    """POST only (a link could sign anyone out). Ends the portal's session and, for a sign-in
    through the provider, the provider's too (RP-initiated logout)."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    target = reverse(settings.LOGOUT_REDIRECT_URL)
    if (
        request.user.is_authenticated
        and config.oidc_enabled()
        and request.session.get("oidc_id_token")
    ):
        target = provider_logout_url(request)
    auth.logout(request)
    return HttpResponseRedirect(target)
