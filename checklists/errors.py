"""Every message a readiness service refuses with; tests assert them exactly."""

from core.transitions import DomainError


class ReadinessError(DomainError):
    """A refused change to a unit's readiness."""


NOT_A_MEMBER = "Du kan bara ändra beredskapen för verksamheter där du är medlem."
YEAR_EXISTS = "Checklistan för {year} är redan påbörjad."
YEAR_OUT_OF_RANGE = "Välj ett år mellan {first} och {last}."
NO_PREVIOUS_YEAR = (
    "Det finns ingen tidigare checklista att kopiera från. Börja med en tom checklista."
)
INVALID_STATUS = "Välj en av statusarna Ej påbörjad, Pågår, Klar eller Ej aktuell."
TRANSITION_NOT_ALLOWED = "Statusen kan inte ändras från {from_status} till {to_status}."
REASON_REQUIRED = "Skriv ett skäl när punkten är Ej aktuell för verksamheten."
TEXT_TOO_LONG = "Kommentar och skäl får vara högst {max} tecken."
ITEM_NOT_IN_CHECKLIST = "Punkten finns inte i checklistan."
DAYS_OUT_OF_RANGE = "Ange avsatt tid som ett heltal mellan 0 och 23 dagar per månad."
NOT_ALLOWED_DAYS = "Bara familjeombudet själv eller verksamhetens chef kan ändra den avsatta tiden."
NOT_FAMILJEOMBUD = "Bara familjeombud registrerar deltagande i regionens träffar."
EVENT_IN_FUTURE = "Du kan registrera ditt deltagande först den dag träffen hålls."
