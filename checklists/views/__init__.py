from .dashboard import DashboardCsvView, DashboardView, DashboardXlsxView
from .events import DaysUpdateView, EventAttendView, EventListView
from .units import (
    EntryUpdateView,
    StartYearView,
    UnitDetailView,
    UnitListView,
    UnitReportPdfView,
    UnitReportView,
)

__all__ = [
    "DashboardCsvView",
    "DashboardView",
    "DashboardXlsxView",
    "DaysUpdateView",
    "EntryUpdateView",
    "EventAttendView",
    "EventListView",
    "StartYearView",
    "UnitDetailView",
    "UnitListView",
    "UnitReportPdfView",
    "UnitReportView",
]
