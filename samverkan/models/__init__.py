from .audit import AuditAction, AuditEntry
from .case import (
    TRANSITIONS,
    AgeGroup,
    AssessmentOutcome,
    Case,
    CaseState,
    Consent,
    ConsentMethod,
    Custody,
    Guardian,
    GuardianRole,
)
from .directory import (
    BvcUnit,
    Channel,
    MunicipalContact,
    OrganisationType,
    RoutineDocument,
    RoutineStep,
    WheelArea,
)
from .meeting import ContactBeforeMeeting, Invitation, Meeting, MeetingMode
from .plan import PlanItem, PlanVersion

__all__ = [
    "TRANSITIONS",
    "AgeGroup",
    "AssessmentOutcome",
    "AuditAction",
    "AuditEntry",
    "BvcUnit",
    "Case",
    "CaseState",
    "Channel",
    "Consent",
    "ConsentMethod",
    "ContactBeforeMeeting",
    "Custody",
    "Guardian",
    "GuardianRole",
    "Invitation",
    "Meeting",
    "MeetingMode",
    "MunicipalContact",
    "OrganisationType",
    "PlanItem",
    "PlanVersion",
    "RoutineDocument",
    "RoutineStep",
    "WheelArea",
]
