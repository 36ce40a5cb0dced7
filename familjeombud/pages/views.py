"""Thin views over the statement, its report form and the personal-data notice."""

from django.conf import settings
from django.contrib import messages
from django.db.models import Prefetch
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as N_
from django.utils.translation import ngettext
from django.views import View
from django.views.generic import TemplateView

from familjeombud.forms import AccessibilityReportForm, same_site_path
from familjeombud.models import (
    AccessibilityStatement,
    BurdenExemption,
    DataProtectionContacts,
    InaccessibleContent,
    OutOfScopeContent,
)

from . import services

MSG_REPORT_SENT = N_(
    "Tack! Vi har tagit emot ditt meddelande. Om du lämnade din e-postadress svarar vi dig där."
)
REPORT_ANCHOR = "#meddela-brist"


def current_statement() -> AccessibilityStatement | None:
    return (
        AccessibilityStatement.objects.filter(pk=AccessibilityStatement.SINGLETON_PK)
        .prefetch_related(
            Prefetch("inaccessible_rows", queryset=InaccessibleContent.objects.all()),
            Prefetch("burden_rows", queryset=BurdenExemption.objects.all()),
            Prefetch("out_of_scope_rows", queryset=OutOfScopeContent.objects.all()),
        )
        .first()
    )


class AccessibilityStatementView(View):
    template_name = "pages/accessibility_statement.html"

    def get(self, request):
        came_from = request.GET.get("sida") or request.headers.get("referer", "")
        page = same_site_path(came_from, request.get_host()) or ""
        form = AccessibilityReportForm(host=request.get_host(), initial={"page": page})
        return self.render(form)

    def post(self, request):
        form = AccessibilityReportForm(request.POST, host=request.get_host())
        if form.is_bot():
            # Pretend success: a bot learns nothing, and nothing is stored or mailed.
            return self.sent()
        if not form.is_valid():
            return self.render(form)
        try:
            services.report_throttle_check(client_ip=request.META.get("REMOTE_ADDR", ""))
        except services.ReportThrottled as error:
            form.add_error(None, str(error))
            return self.render(form, status=429)
        services.report_submit(**form.service_kwargs())
        return self.sent()

    def sent(self):
        messages.success(self.request, _(MSG_REPORT_SENT))
        return HttpResponseRedirect(reverse("accessibility_statement") + REPORT_ANCHOR)

    def render(self, form, status=200):
        context = {"statement": current_statement(), "form": form}
        return render(self.request, self.template_name, context, status=status)


def format_duration(seconds: int) -> str:
    """Cookie lifetimes as people say them: '8 timmar', '364 dagar'."""
    if seconds % 86400 == 0:
        days = seconds // 86400
        return ngettext("%(n)d dag", "%(n)d dagar", days) % {"n": days}
    if seconds % 3600 == 0:
        hours = seconds // 3600
        return ngettext("%(n)d timme", "%(n)d timmar", hours) % {"n": hours}
    minutes = max(1, seconds // 60)
    return ngettext("%(n)d minut", "%(n)d minuter", minutes) % {"n": minutes}


def site_cookies() -> list[dict]:
    """The cookies the portal sets, read from the settings that decide them."""
    until_close = _("tills du stänger webbläsaren")
    session_life = format_duration(settings.SESSION_COOKIE_AGE)
    if settings.SESSION_EXPIRE_AT_BROWSER_CLOSE:
        session_life = _("%(close)s, högst %(age)s") % {"close": until_close, "age": session_life}
    cookies = [
        {
            "name": settings.SESSION_COOKIE_NAME,
            "purpose": _("Håller dig inloggad när du har loggat in."),
            "lifetime": session_life,
        }
    ]
    if not settings.CSRF_USE_SESSIONS:
        cookies.append(
            {
                "name": settings.CSRF_COOKIE_NAME,
                "purpose": _("Skyddar formulär mot att skickas in från andra webbplatser."),
                "lifetime": format_duration(settings.CSRF_COOKIE_AGE)
                if settings.CSRF_COOKIE_AGE
                else until_close,
            }
        )
    storage = getattr(settings, "MESSAGE_STORAGE", "")
    if storage.endswith(("FallbackStorage", "CookieStorage")) or not storage:
        cookies.append(
            {
                "name": "messages",
                "purpose": _(
                    "Visar ett bekräftelsemeddelande, till exempel efter att du skickat "
                    "ett formulär. Tas bort när meddelandet har visats."
                ),
                "lifetime": until_close,
            }
        )
    return cookies


class PrivacyNoticeView(TemplateView):
    template_name = "pages/privacy_notice.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["contacts"] = DataProtectionContacts.current()
        context["case_retention_days"] = settings.CASE_RETENTION_DAYS
        context["session_lifetime"] = format_duration(settings.SESSION_COOKIE_AGE)
        context["cookies"] = site_cookies()
        return context
