from django.urls import path

from . import views

app_name = "training"

item = "tillfallen/<int:pk>/punkter/<int:item_pk>/"

urlpatterns = [
    path("", views.UnitIndexView.as_view(), name="index"),
    path("verksamheter/<int:unit_pk>/", views.UnitSessionsView.as_view(), name="unit_sessions"),
    path("verksamheter/<int:unit_pk>/planera/", views.SessionCreateView.as_view(), name="plan"),
    path(
        "verksamheter/<int:unit_pk>/<int:year>/tillfallen.csv",
        views.ExportView.as_view(fmt="csv"),
        name="export_csv",
    ),
    path(
        "verksamheter/<int:unit_pk>/<int:year>/tillfallen.xlsx",
        views.ExportView.as_view(fmt="xlsx"),
        name="export_xlsx",
    ),
    path("tillfallen/<int:pk>/", views.SessionDetailView.as_view(), name="session_detail"),
    path("tillfallen/<int:pk>/andra/", views.SessionUpdateView.as_view(), name="session_update"),
    path("tillfallen/<int:pk>/agenda/", views.AgendaView.as_view(), name="agenda"),
    path("tillfallen/<int:pk>/agenda.pdf", views.AgendaPdfView.as_view(), name="agenda_pdf"),
    path(
        "tillfallen/<int:pk>/punkter/stodpaket/",
        views.AddPackageItemsView.as_view(),
        name="add_package_items",
    ),
    path("tillfallen/<int:pk>/punkter/egen/", views.AddOwnItemView.as_view(), name="add_own_item"),
    path(item + "flytta/", views.MoveItemView.as_view(), name="move_item"),
    path(item + "minuter/", views.ItemMinutesView.as_view(), name="item_minutes"),
    path(item + "ta-bort/", views.RemoveItemView.as_view(), name="remove_item"),
    path("tillfallen/<int:pk>/dokumentera/", views.RecordView.as_view(), name="record"),
    path("tillfallen/<int:pk>/stall-in/", views.CancelView.as_view(), name="cancel"),
    path("tillfallen/<int:pk>/planera-igen/", views.ReinstateView.as_view(), name="reinstate"),
    path("atgarder/<int:pk>/klar/", views.ActionDoneView.as_view(), name="action_done"),
    path("atgarder/<int:pk>/oppna/", views.ActionReopenView.as_view(), name="action_reopen"),
]
