"""Every case address carries only an opaque uuid: never a name or a personnummer."""

from django.urls import path

from . import views

app_name = "samverkan"

case = "<uuid:pk>/"
urlpatterns = [
    path("", views.CaseListView.as_view(), name="case_list"),
    path("nytt/", views.CaseCreateView.as_view(), name="case_create"),
    path("utan-aktivitet/", views.StaleCaseListView.as_view(), name="stale_cases"),
    path("nodatkomst/", views.BreakGlassView.as_view(), name="break_glass"),
    path(case, views.CaseDetailView.as_view(), name="case_detail"),
    path(case + "behovsbedomning/", views.AssessmentView.as_view(), name="assessment"),
    path(case + "vardnad/", views.CustodyView.as_view(), name="custody"),
    path(case + "vardnadshavare/", views.GuardianView.as_view(), name="guardian_add"),
    path(case + "barnets-samtycke/", views.YouthView.as_view(), name="youth"),
    path(case + "samtycke/", views.ConsentView.as_view(), name="consent"),
    path(case + "samtycke/klart/", views.CompleteConsentView.as_view(), name="consent_complete"),
    path(
        case + "samtycke/aterkalla/", views.ConsentWithdrawView.as_view(), name="consent_withdraw"
    ),
    path(
        case + "samtycke/aterkallat/<int:withdrawal_id>/meddelat/",
        views.ConsentInformedView.as_view(),
        name="consent_informed",
    ),
    path(case + "samtycke.pdf", views.ConsentPdfView.as_view(), name="consent_pdf"),
    path(case + "initiera/", views.InitiationView.as_view(), name="initiation"),
    path(case + "mote/", views.MeetingBookView.as_view(), name="meeting_book"),
    path(case + "mote/<uuid:meeting_id>.ics", views.MeetingIcsView.as_view(), name="meeting_ics"),
    path(case + "inbjudan/", views.InviteView.as_view(), name="invite"),
    path(
        case + "inbjudan/<uuid:invitation_id>.pdf",
        views.InvitationPdfView.as_view(),
        name="invitation_pdf",
    ),
    path(
        case + "inbjudan/<uuid:invitation_id>/dra-tillbaka/",
        views.WithdrawInvitationView.as_view(),
        name="invitation_withdraw",
    ),
    path(case + "kontakt/", views.ContactView.as_view(), name="contact"),
    path(case + "motet/", views.MeetingHeldView.as_view(), name="meeting_held"),
    path(case + "plan/", views.PlanEditView.as_view(), name="plan_edit"),
    path(case + "plan/<int:number>/", views.PlanVersionView.as_view(), name="plan_version"),
    path(case + "plan/<int:number>.pdf", views.PlanPdfView.as_view(), name="plan_pdf"),
    path(case + "uppfoljning/", views.FollowUpView.as_view(), name="follow_up"),
    path(case + "kollega/", views.AddMemberView.as_view(), name="add_member"),
    path(case + "avsluta/", views.CloseView.as_view(), name="close"),
    path(case + "skyddade-personuppgifter/", views.ProtectView.as_view(), name="protect"),
]
