"""PDF exports and calendar files. Each export goes through the export service, which writes
the audit entry and runs the rendering inside one transaction."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.views import View
from django.views.generic import TemplateView

from samverkan.documents import CONFIDENTIALITY_MARKING, pdf_response, render_pdf
from samverkan.ics import meeting_ics
from samverkan.models import OrganisationType, PlanItem, PlanVersion
from samverkan.services import cases as case_services
from samverkan.services import errors
from samverkan.services.consent import withdrawals_of
from samverkan.services.reading import case_export
from samverkan.wheel import areas_of, wheel_svg

from .base import CaseMixin


class ExportMixin(CaseMixin):
    audit_views = False  # an export is logged as an export, by case_export
    export_label = ""

    def export(self, render, detail: str = ""):
        return case_export(
            actor=self.request.user,
            case=self.case,
            what=detail or self.export_label,
            render=render,
        )

    def base_context(self) -> dict:
        return {
            "case": self.case,
            "today": timezone.localdate(),
            "confidentiality_marking": CONFIDENTIALITY_MARKING,
        }


class ConsentPdfView(ExportMixin, View):
    """?part=g<id> or ?part=youth: that signer's form, ticking only what that signer consented
    to and with only that signer's line. Without it: the blank form for every party."""

    export_label = "Samtyckesblankett (PDF)"

    def get(self, request, pk):
        guardians = list(self.case.guardians.all())
        part = request.GET.get("part", "")
        signer, chosen = None, set()
        if part:
            # Only what holds now: a withdrawn consent, or the withdrawn part of one, is not
            # ticked.
            consents = case_services.active_consents(self.case)
            if part == "youth" and self.case.youth_consents:
                signer = self.case.child_name or "barnet"
                consent = next((c for c in consents if c.by_youth), None)
            else:
                guardian = next((g for g in guardians if f"g{g.pk}" == part), None)
                if guardian is None:
                    raise Http404("Ingen sådan part i ärendet.")
                signer = guardian.name
                consent = next((c for c in consents if c.guardian_id == guardian.pk), None)
            chosen = {o.pk for o in consent.current_organisations} if consent else set()
        context = {
            **self.base_context(),
            "guardians": guardians,
            "signer": signer,
            "organisations": [(o, o.pk in chosen) for o in OrganisationType.objects.all()],
        }
        data = self.export(lambda: render_pdf("samverkan/pdf/consent.html", context, request))
        return pdf_response(data, f"samtyckesblankett-{self.case.short_ref}.pdf")


class InvitationPdfView(ExportMixin, View):
    export_label = "Samverkansinbjudan (PDF)"

    def get(self, request, pk, invitation_id):
        invitation = get_object_or_404(
            self.case.invitations.select_related("organisation", "meeting", "created_by"),
            pk=invitation_id,
        )
        if invitation.is_withdrawn:
            # The letter would state a consent that no longer holds, or an invitation that no
            # longer stands.
            messages.error(request, errors.INVITATION_LETTER_WITHDRAWN)
            return redirect("samverkan:case_detail", pk=self.case.pk)
        context = {
            **self.base_context(),
            "invitation": invitation,
            "meeting": invitation.meeting,
            "consent_sentence": case_services.consent_sentence(self.case, invitation.organisation),
        }
        data = self.export(
            lambda: render_pdf("samverkan/pdf/invitation.html", context, request),
            f"Samverkansinbjudan till {invitation.organisation.name} (PDF)",
        )
        return pdf_response(data, f"samverkansinbjudan-{self.case.short_ref}.pdf")


def plan_version_or_404(case, number: int) -> tuple[PlanVersion, list[PlanItem]]:
    """The version and its actions in one query: a saved plan always has an action (the
    service refuses one without), so the version comes along with them; the version alone
    is looked up only when it has none."""
    items = list(
        PlanItem.objects.filter(version__case=case, version__number=number).select_related(
            "version__created_by", "area", "organisation"
        )
    )
    if items:
        return items[0].version, items
    return get_object_or_404(case.plan_versions.select_related("created_by"), number=number), []


def plan_context(case, number: int) -> dict:
    """The family's plan: administrators' notes (a name awaiting confirmation) stay out."""
    version, items = plan_version_or_404(case, number)
    areas, chosen = areas_of(case)
    withdrawals = withdrawals_of(case)
    if withdrawals:
        # An action by an organisation whose consent was withdrawn is marked, not removed.
        covered = case_services.consented_organisation_ids(case)
        gone = {o.pk for w in withdrawals for o in w.organisations.all()} - covered
        for item in items:
            item.consent_withdrawn = item.organisation_id in gone
    return {
        "withdrawals": withdrawals,
        "consent_gap": case_services.consent_gap(case) if withdrawals else "",
        "version": version,
        "items": items,
        "areas": areas,
        "chosen_areas": [a for a in areas if a.pk in chosen],
        "wheel": wheel_svg(areas, chosen, for_family=True),
        "for_family": True,
        "confidentiality_marking": CONFIDENTIALITY_MARKING,
    }


class PlanVersionView(CaseMixin, TemplateView):
    template_name = "samverkan/plan_detail.html"
    audit_what = "Barnets plan"

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            **plan_context(self.case, self.kwargs["number"]),
        }


class PlanPdfView(ExportMixin, View):
    def get(self, request, pk, number):
        context = {**self.base_context(), **plan_context(self.case, number), "pdf": True}
        data = self.export(
            lambda: render_pdf("samverkan/pdf/plan.html", context, request),
            f"Barnets plan version {number} (PDF)",
        )
        return pdf_response(data, f"barnets-plan-{self.case.short_ref}-v{number}.pdf")


class MeetingIcsView(ExportMixin, View):
    def get(self, request, pk, meeting_id):
        meeting = get_object_or_404(self.case.meetings, pk=meeting_id)
        kind = "Uppföljande samverkansmöte" if meeting.is_follow_up else "Samverkansmöte"
        body = self.export(
            lambda: meeting_ics(
                uid=f"{meeting.pk}@familjeombud.kronoberg.se",
                starts_at=meeting.starts_at,
                summary=f"{kind} runt Barnets plan (ärende {self.case.short_ref})",
                location=meeting.place,
                description=(
                    f"{kind} inom Kronobarnsmodellen. {meeting.get_form_display()}: "
                    f"{meeting.place}."
                ),
            ),
            "Kalenderfil (.ics) för möte",
        )
        response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = (
            f'attachment; filename="samverkansmote-{self.case.short_ref}.ics"'
        )
        response["Cache-Control"] = "no-store"
        return response


__all__ = ["case_services"]
