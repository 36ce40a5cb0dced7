"""Every message a training service refuses with; tests assert them exactly."""

from core.transitions import DomainError


class TrainingError(DomainError):
    """A refused change to a training session or its actions."""


NOT_A_PLANNER = "Bara verksamhetens chef och familjeombud kan planera och dokumentera tillfällen."
NO_AREAS = "Välj minst ett mandatområde."
AREA_NOT_PUBLISHED = "Välj mandatområden som finns i stödpaketet."
NOT_IN_AREAS = "Välj bara material från tillfällets mandatområden."
NOTHING_CHOSEN = "Välj minst en punkt att lägga till."
OWN_TITLE_REQUIRED = "Skriv vad punkten handlar om."
MINUTES_OUT_OF_RANGE = "Ange minuter som ett heltal mellan 1 och {max}."
ONLY_PLANNED = "Det går bara att ändra planen för ett planerat tillfälle."
TRANSITION_NOT_ALLOWED = "Ett tillfälle som är {from_status} kan inte bli {to_status}."
PARTICIPANTS_OUT_OF_RANGE = "Ange antalet deltagare som ett heltal mellan 1 och {max}."
HELD_IN_FUTURE = "Ett tillfälle kan dokumenteras som genomfört först den dag det hålls."
ACTION_INCOMPLETE = "Fyll i vad, vem och klart senast för varje åtgärd."
ACTION_ITEM_UNKNOWN = "Välj en checklistpunkt från tillfällets mandatområden."
ACTION_TRANSITION_NOT_ALLOWED = "En åtgärd som är {from_status} kan inte bli {to_status}."
TEXT_TOO_LONG = "Anteckningar får vara högst {max} tecken."
ITEM_NOT_IN_SESSION = "Punkten finns inte i tillfället."
DATE_OUT_OF_RANGE = "Välj ett datum mellan {first} och {last}."
TOO_MANY_ITEMS = "Ett tillfälle kan ha högst {max} punkter. Ta bort någon punkt först."
