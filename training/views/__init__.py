from .export import ExportView
from .items import (
    AddOwnItemView,
    AddPackageItemsView,
    ItemMinutesView,
    MoveItemView,
    RemoveItemView,
)
from .record import (
    ActionDoneView,
    ActionReopenView,
    CancelView,
    RecordView,
    ReinstateView,
)
from .sessions import (
    AgendaPdfView,
    AgendaView,
    SessionCreateView,
    SessionDetailView,
    SessionUpdateView,
    UnitIndexView,
    UnitSessionsView,
)

__all__ = [
    "ActionDoneView",
    "ActionReopenView",
    "AddOwnItemView",
    "AddPackageItemsView",
    "AgendaPdfView",
    "AgendaView",
    "CancelView",
    "ExportView",
    "ItemMinutesView",
    "MoveItemView",
    "RecordView",
    "ReinstateView",
    "RemoveItemView",
    "SessionCreateView",
    "SessionDetailView",
    "SessionUpdateView",
    "UnitIndexView",
    "UnitSessionsView",
]
