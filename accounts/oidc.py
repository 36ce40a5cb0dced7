"""OpenID Connect sign-in with mozilla-django-oidc, made to check what a region needs: the
token's issuer, audience and lifetime (the library checks only the signature and nonce), an
authentication context that means strong authentication, and an account found by the
region's stable identifier, never by e-mail."""

import logging
from urllib.parse import urlencode

import jwt
import requests
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured, SuspiciousOperation
from django.db import transaction
from django.urls import reverse
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import (
    OIDCAuthenticationCallbackView,
    OIDCAuthenticationRequestView,
)

from . import config
from .models import Account
from .permissions import SignedInUser
from .refusals import Reason, SignInRefused
from .roles import apply_roles, apply_units

logger = logging.getLogger("accounts.oidc")

REQUIRED_TOKEN_CLAIMS = ["iss", "aud", "exp", "iat", "sub"]


def acr_accepted(acr: str | None) -> bool:
    """The one rule for strong authentication: the token's acr is one the region listed."""
    return bool(acr) and acr in settings.OIDC_ACR_VALUES


def identifier_of(claims: dict) -> str:
    value = claims.get(settings.OIDC_IDENTIFIER_CLAIM)
    return str(value).strip() if value not in (None, "") else ""


class PortalOIDCBackend(SignedInUser, OIDCAuthenticationBackend):
    def __init__(self, *args, **kwargs):
        # The library reads its endpoints here; ours come from discovery, and only when a
        # provider is configured and a callback arrives (every password sign-in builds this).
        self.UserModel = get_user_model()

    def _configure(self):
        self.OIDC_OP_TOKEN_ENDPOINT = config.endpoint("token_endpoint")
        self.OIDC_OP_USER_ENDPOINT = config.endpoint("userinfo_endpoint")
        self.OIDC_OP_JWKS_ENDPOINT = config.endpoint("jwks_uri")
        self.OIDC_RP_CLIENT_ID = settings.OIDC_RP_CLIENT_ID
        self.OIDC_RP_CLIENT_SECRET = settings.OIDC_RP_CLIENT_SECRET
        self.OIDC_RP_SIGN_ALGO = settings.OIDC_RP_SIGN_ALGO
        self.OIDC_RP_IDP_SIGN_KEY = None

    def authenticate(self, request, **kwargs):
        if request is None or not config.oidc_enabled():
            return None
        if request.path != reverse("oidc_authentication_callback"):
            return None
        self._configure()
        try:
            return super().authenticate(request, **kwargs)
        except requests.RequestException as error:
            raise SignInRefused(Reason.PROVIDER_UNAVAILABLE, str(error)[:300]) from error
        except SuspiciousOperation as error:
            # The library raises this for a nonce that does not match and a bad signature.
            raise SignInRefused(Reason.INVALID_TOKEN, str(error)) from error

    def _verify_jws(self, payload, key):
        header = jwt.get_unverified_header(payload)
        if header.get("alg") != self.OIDC_RP_SIGN_ALGO:
            raise SignInRefused(Reason.INVALID_TOKEN, f"alg {header.get('alg')!r}")
        try:
            return jwt.decode(
                payload,
                key,
                algorithms=[self.OIDC_RP_SIGN_ALGO],
                audience=self.OIDC_RP_CLIENT_ID,
                issuer=config.discovery()["issuer"],
                leeway=settings.OIDC_CLOCK_SKEW,
                options={"require": REQUIRED_TOKEN_CLAIMS},
            )
        except jwt.InvalidTokenError as error:
            raise SignInRefused(Reason.INVALID_TOKEN, f"{type(error).__name__}: {error}") from error

    def verify_token(self, token, **kwargs):
        payload = super().verify_token(token, **kwargs)
        # A token issued to several clients must name us as its authorised party.
        aud = payload.get("aud")
        if isinstance(aud, list) and len(aud) > 1 and payload.get("azp") != self.OIDC_RP_CLIENT_ID:
            raise SignInRefused(Reason.INVALID_TOKEN, "azp")
        return payload

    def get_or_create_user(self, access_token, id_token, payload):
        if not acr_accepted(payload.get("acr")):
            raise SignInRefused(
                Reason.WEAK_AUTHENTICATION,
                f"acr {payload.get('acr')!r}",
                claims=payload,
            )
        userinfo = self.get_userinfo(access_token, id_token, payload)
        if userinfo.get("sub") != payload.get("sub"):
            raise SignInRefused(Reason.INVALID_TOKEN, "userinfo sub", claims=payload)
        # Some providers (Inera's IdP) put the requested claims in the ID token, others only
        # in userinfo; userinfo wins where both have one.
        claims = {**payload, **userinfo}
        identifier = identifier_of(claims)
        if not identifier:
            raise SignInRefused(
                Reason.UNKNOWN_USER, f"claim {settings.OIDC_IDENTIFIER_CLAIM} saknas", claims=claims
            )
        account = Account.objects.select_related("user").filter(identifier=identifier).first()
        if account is None and not settings.OIDC_CREATE_USER:
            raise SignInRefused(Reason.UNKNOWN_USER, "inget konto", claims=claims)
        with transaction.atomic():
            user = account.user if account else self.create_user(claims)
            user = self.update_user(user, claims)
        return user

    def create_user(self, claims):
        identifier = identifier_of(claims)
        user = self.UserModel.objects.create_user(username=identifier[:150])
        user.set_unusable_password()
        user.save(update_fields=["password"])
        Account.objects.update_or_create(user=user, defaults={"identifier": identifier})
        return user

    def update_user(self, user, claims):
        """Name and e-mail follow the directory at every sign-in."""
        fields = {
            "first_name": str(claims.get(settings.OIDC_GIVEN_NAME_CLAIM) or "")[:150],
            "last_name": str(claims.get(settings.OIDC_FAMILY_NAME_CLAIM) or "")[:150],
            "email": str(claims.get(settings.OIDC_EMAIL_CLAIM) or "")[:254],
        }
        changed = [name for name, value in fields.items() if getattr(user, name) != value]
        for name in changed:
            setattr(user, name, fields[name])
        if changed:
            user.save(update_fields=changed)
        apply_roles(user, claims)
        apply_units(user, claims)
        return user


class PortalAuthenticationRequestView(OIDCAuthenticationRequestView):
    """Sends the browser to the provider, asking for strong authentication (acr_values)."""

    def __init__(self, *args, **kwargs):
        super(OIDCAuthenticationRequestView, self).__init__(*args, **kwargs)

    def get(self, request):
        if not config.oidc_enabled():
            from django.http import Http404

            raise Http404
        try:
            self.OIDC_OP_AUTH_ENDPOINT = config.endpoint("authorization_endpoint")
        except ImproperlyConfigured as error:
            logger.error("%s", error)
            from .views import refuse

            return refuse(request, SignInRefused(Reason.PROVIDER_UNAVAILABLE, str(error)))
        self.OIDC_RP_CLIENT_ID = settings.OIDC_RP_CLIENT_ID
        return super().get(request)

    def get_extra_params(self, request):
        params = {"acr_values": " ".join(settings.OIDC_ACR_VALUES)}
        if settings.OIDC_PROMPT:
            params["prompt"] = settings.OIDC_PROMPT
        return params


class PortalCallbackView(OIDCAuthenticationCallbackView):
    """The provider's answer. Every way it can fail ends on the Swedish refusal page with an
    entry in the sign-in trail, never on a server error."""

    def get(self, request):
        from .views import refuse

        if not config.oidc_enabled():
            from django.http import Http404

            raise Http404
        if request.GET.get("error"):
            detail = f"{request.GET.get('error')}: {request.GET.get('error_description', '')}"
            super().get(request)
            return refuse(request, SignInRefused(Reason.PROVIDER_ERROR, detail))
        if "code" not in request.GET or "state" not in request.GET:
            return refuse(request, SignInRefused(Reason.STATE_MISMATCH, "code/state saknas"))
        if request.GET["state"] not in request.session.get("oidc_states", {}):
            return refuse(request, SignInRefused(Reason.STATE_MISMATCH, "okänt state"))
        self.user = None
        self.refused_response = None
        try:
            response = super().get(request)
        except SignInRefused as refusal:
            return refuse(request, refusal)
        except SuspiciousOperation as error:
            return refuse(request, SignInRefused(Reason.STATE_MISMATCH, str(error)))
        except ImproperlyConfigured as error:
            return refuse(request, SignInRefused(Reason.PROVIDER_UNAVAILABLE, str(error)))
        if self.refused_response is not None:
            return self.refused_response
        if request.user.is_authenticated:
            return response
        if self.user is not None:
            return refuse(request, SignInRefused(Reason.INACTIVE, "", user=self.user))
        return refuse(request, SignInRefused(Reason.INVALID_TOKEN, "ingen användare"))

    def login_success(self):
        from .roles import has_portal_role
        from .views import no_role

        if not has_portal_role(self.user):
            self.refused_response = no_role(self.request, self.user)
            return self.refused_response
        return super().login_success()


def provider_logout_url(request) -> str:
    """RP-initiated logout: the provider's end_session_endpoint, told who signs out and where
    to send the browser afterwards. Read before the portal's own session is ended."""
    home = request.build_absolute_uri(reverse(settings.LOGOUT_REDIRECT_URL))
    try:
        end_session = config.endpoint("end_session_endpoint")
    except ImproperlyConfigured as error:
        logger.warning("Ingen utloggning hos inloggningstjänsten: %s", error)
        return home
    params = {"client_id": settings.OIDC_RP_CLIENT_ID, "post_logout_redirect_uri": home}
    id_token = request.session.get("oidc_id_token")
    if id_token:
        params["id_token_hint"] = id_token
    return f"{end_session}?{urlencode(params)}"
