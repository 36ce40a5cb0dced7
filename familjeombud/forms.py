"""The 'Meddela brist' form. Every error text is a module constant so tests
can assert it."""

from urllib.parse import urlsplit

from django import forms
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop as N_

from .models import AccessibilityReport

MSG_PAGE_REQUIRED = N_("Ange adressen till sidan det gäller, till exempel /stodpaket/.")
MSG_PAGE_FOREIGN = N_(
    "Ange en adress på den här webbplatsen. Brister på andra webbplatser meddelar du till "
    "den som ger ut dem."
)
MSG_PAGE_TOO_LONG = N_("Adressen får vara högst 500 tecken.")
MSG_DESCRIPTION_REQUIRED = N_("Beskriv bristen eller vilket innehåll du vill ha i annat format.")
MSG_DESCRIPTION_TOO_LONG = N_("Beskrivningen får vara högst 2000 tecken.")
MSG_EMAIL_INVALID = N_("Ange en giltig e-postadress, eller lämna fältet tomt.")
MSG_KIND_REQUIRED = N_("Välj vad ditt meddelande gäller.")

KIND_PROBLEM = "brist"
KIND_ACCESSIBLE_VERSION = "tillganglig-version"
KIND_CHOICES = [
    (KIND_PROBLEM, _("Jag vill meddela en brist i tillgängligheten")),
    (KIND_ACCESSIBLE_VERSION, _("Jag vill få innehåll i en tillgänglig version")),
]

HONEYPOT_FIELD = "webbplats"


def same_site_path(value: str, host: str) -> str | None:
    """The path (with query) of an address on this site, or None for anything else.

    Only same-host addresses are kept, so the form cannot be used to carry foreign links into
    the mail to the region or into admin."""
    value = (value or "").strip()
    if not value:
        return None
    if not url_has_allowed_host_and_scheme(value, allowed_hosts={host}, require_https=False):
        return None
    parts = urlsplit(value)
    if parts.scheme and parts.scheme not in {"http", "https"}:
        return None
    path = parts.path or "/"
    if not path.startswith("/"):
        return None
    return path + (f"?{parts.query}" if parts.query else "")


class AccessibilityReportForm(forms.Form):
    page = forms.CharField(
        label=_("Sidans adress"),
        help_text=_("Vi har fyllt i sidan du kom från. Ändra om bristen finns på en annan sida."),
        max_length=AccessibilityReport.PAGE_MAX,
        error_messages={"required": _(MSG_PAGE_REQUIRED), "max_length": _(MSG_PAGE_TOO_LONG)},
    )
    kinds = forms.MultipleChoiceField(
        label=_("Vad gäller ditt meddelande?"),
        choices=KIND_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _(MSG_KIND_REQUIRED)},
    )
    description = forms.CharField(
        label=_("Beskrivning"),
        help_text=_(
            "Beskriv vad som inte fungerar, eller vilket innehåll du vill ha i vilket format. "
            "Skriv inga uppgifter om patienter eller barn. Högst 2000 tecken."
        ),
        max_length=AccessibilityReport.DESCRIPTION_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={
            "required": _(MSG_DESCRIPTION_REQUIRED),
            "max_length": _(MSG_DESCRIPTION_TOO_LONG),
        },
    )
    email = forms.EmailField(
        label=_("Din e-postadress (frivilligt)"),
        help_text=_("Fyll i om du vill ha svar. Vi använder den bara för att svara dig."),
        required=False,
        max_length=254,
        error_messages={"invalid": _(MSG_EMAIL_INVALID), "max_length": _(MSG_EMAIL_INVALID)},
    )
    # Hidden from people by CSS and from assistive technology by the template; bots fill it.
    webbplats = forms.CharField(label=_("Lämna det här fältet tomt"), required=False)

    def __init__(self, *args, host: str, **kwargs):
        self.host = host
        super().__init__(*args, **kwargs)
        self.fields[HONEYPOT_FIELD].widget.attrs.update({"autocomplete": "off", "tabindex": "-1"})
        self.fields["email"].widget.attrs.update({"autocomplete": "email"})
        self._describe_fields()

    def full_clean(self):
        super().full_clean()
        self._describe_fields()

    def _describe_fields(self):
        """Ties help texts and errors to their inputs for screen readers (ids as in field.html)."""
        for name in ("page", "description", "email"):
            widget = self.fields[name].widget
            ids = [f"id_{name}-hjalp"]
            widget.attrs["class"] = "form-control"
            widget.attrs.pop("aria-invalid", None)
            if self.is_bound and hasattr(self, "_errors") and self._errors and name in self._errors:
                ids.append(f"id_{name}-fel")
                widget.attrs["aria-invalid"] = "true"
                widget.attrs["class"] = "form-control is-invalid"
            widget.attrs["aria-describedby"] = " ".join(ids)

    def clean_page(self) -> str:
        path = same_site_path(self.cleaned_data["page"], self.host)
        if path is None:
            raise forms.ValidationError(_(MSG_PAGE_FOREIGN), code="foreign")
        return path

    def is_bot(self) -> bool:
        return bool(self.data.get(HONEYPOT_FIELD, "").strip())

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "page": data["page"],
            "description": data["description"],
            "email": data["email"],
            "reports_problem": KIND_PROBLEM in data["kinds"],
            "wants_accessible_version": KIND_ACCESSIBLE_VERSION in data["kinds"],
        }
