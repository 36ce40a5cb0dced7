"""Why a sign-in was refused: one code per reason, its Swedish message for the person and the
code in the sign-in trail. Every message is a constant the tests assert."""

from django.utils.translation import gettext_noop as N_


class Reason:
    WEAK_AUTHENTICATION = "weak_authentication"
    INVALID_TOKEN = "invalid_token"  # nosec B105: a refusal code, not a secret
    STATE_MISMATCH = "state_mismatch"
    UNKNOWN_USER = "unknown_user"
    NO_ROLE = "no_role"
    INACTIVE = "inactive"
    PROVIDER_ERROR = "provider_error"
    PROVIDER_UNAVAILABLE = "provider_unavailable"
    WRONG_PASSWORD = "wrong_password"  # nosec B105: a refusal code, not a secret
    PASSWORD_NOT_ALLOWED = "password_not_allowed"  # nosec B105: a refusal code, not a secret
    OTP_REQUIRED = "otp_required"
    OTP_INVALID = "otp_invalid"


MESSAGES = {
    Reason.WEAK_AUTHENTICATION: N_(
        "Portalen kräver stark autentisering, till exempel SITHS-kort eller en annan "
        "inloggning med två faktorer. Logga in igen och välj ett sådant sätt att logga in."
    ),
    Reason.INVALID_TOKEN: N_(
        "Inloggningen kunde inte bekräftas: svaret från regionens inloggningstjänst var inte "
        "giltigt. Försök igen. Händer det igen, kontakta regionens IT-support."
    ),
    Reason.STATE_MISMATCH: N_(
        "Inloggningen kunde inte slutföras: den startades inte i den här webbläsaren eller har "
        "redan använts. Börja om från inloggningssidan."
    ),
    Reason.UNKNOWN_USER: N_(
        "Regionens inloggningstjänst känner igen dig, men portalen har inget konto som hör "
        "till din identitet. Be portalens administratör lägga upp ditt konto."
    ),
    Reason.INACTIVE: N_(
        "Ditt konto i portalen är avstängt. Kontakta portalens administratör om du behöver "
        "komma åt portalen igen."
    ),
    Reason.PROVIDER_ERROR: N_(
        "Inloggningen avbröts hos regionens inloggningstjänst. Försök igen från inloggningssidan."
    ),
    Reason.PROVIDER_UNAVAILABLE: N_(
        "Regionens inloggningstjänst svarar inte just nu. Försök igen om en stund."
    ),
    Reason.WRONG_PASSWORD: N_("Fel användarnamn eller lösenord."),
    Reason.PASSWORD_NOT_ALLOWED: N_(
        "Inloggning med lösenord används bara för nödkonton. Logga in med regionens "
        "inloggning i stället."
    ),
    Reason.OTP_REQUIRED: N_(
        "Nödkonton loggar in med lösenord och engångskod. Ange koden som autentiseringsappen visar."
    ),
    Reason.OTP_INVALID: N_(
        "Engångskoden stämmer inte. Ange koden som autentiseringsappen visar just nu."
    ),
}

NO_ROLE_HEADING = N_("Du har ingen roll i portalen ännu")
NO_ROLE_MESSAGE = N_(
    "Du är inloggad hos regionens inloggningstjänst, men portalen har inte gett dig någon roll "
    "ännu. Därför kan du inte logga in i portalen."
)
NO_ROLE_DEFAULT_CONTACT = N_(
    "Be din chef eller portalens administratör på Region Kronoberg att ge dig en roll "
    "(kliniker, strateg, familjeombud eller administratör) eller lägga till dig i din "
    "verksamhet."
)
REFUSED_HEADING = N_("Inloggningen nekades")


class SignInRefused(Exception):
    """Raised by the sign-in code; the callback view turns it into the refusal page."""

    def __init__(self, reason: str, detail: str = "", *, claims: dict | None = None, user=None):
        super().__init__(reason, detail)
        self.reason = reason
        self.detail = detail[:300]
        self.claims = claims or {}
        self.user = user
