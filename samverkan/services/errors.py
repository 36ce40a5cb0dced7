"""Every domain error message, as constants that views show and tests assert exactly."""

from core.transitions import DomainError


class CaseError(DomainError):
    """A transition's guard refused; the message is shown to the clinician as is."""


class StepNotAvailable(CaseError):
    """The step is not among the case's available steps (samverkan/steps.py), or the state
    move is not in TRANSITIONS."""


WRONG_STATE = "Det steget går inte att göra nu: ärendet är i steget ”{state}”."
CASE_CLOSED = "Ärendet är avslutat och kan inte ändras."
TOO_MANY_WRITES = (
    "Du har sparat många gånger på kort tid. Inget är sparat den här gången: vänta en minut och "
    "spara igen."
)
ASSESSMENT_ORDER = "Besvara frågorna i rutinens ordning: {question}"
ASSESSMENT_NOTICED = "Beskriv först vad ni har uppmärksammat i barnets liv."
ASSESSMENT_NO_OUTCOME = (
    "Rutinen har inget utfall när alla svar är nej: svara ja på fråga 2, 3 eller 4."
)
REFERRAL_ORGANISATION = "Välj vilken verksamhet familjen ska hänvisas till."
REFERRAL_CONSENT_DATE = "Ange datum för det muntliga samtycket att kontakta verksamheten."
REFERRAL_MODE = "Välj om familjen själv kontaktar verksamheten eller om du kontaktar den."
CONSENT_NO_GUARDIAN = "Lägg till barnets vårdnadshavare innan samtycke registreras."
CONSENT_TOO_MANY_GUARDIANS = "Ett barn har högst två vårdnadshavare."
CONSENT_PARTY = "Välj vem som lämnar samtycket."
CONSENT_NO_YOUTH = (
    "Barnet är inte markerat som tillräckligt gammalt och moget för att själv samtycka."
)
CONSENT_NO_ORGANISATION = "Välj minst en verksamhet som samtycket gäller."
CONSENT_FUTURE_DATE = "Samtycket kan inte vara lämnat ett datum som inte har varit ännu."
CONSENT_INCOMPLETE = (
    "Samtycke saknas från: {missing}. Rutinen kräver samtycke från båda vårdnadshavarna "
    "(om det inte bara finns en) och från barnet när ålder och mognad medger."
)
CONSENT_NO_COMMON_ORGANISATION = (
    "Parterna har inte samtyckt till någon gemensam verksamhet: ingen kan bjudas in."
)
INVITE_WITHOUT_CONSENT = (
    "{organisation} kan inte bjudas in: samtycke till att bjuda in den verksamheten saknas."
)
INVITE_NO_AREAS = "Välj först vilka områden i Barnets bästa-hjulet samverkan gäller."
INVITE_NO_MEETING = "Boka först samverkansmötet (fysiskt eller digitalt, datum och tid)."
MEETING_ROOM = "Ett fysiskt möte behöver en bokad lokal."
MEETING_LINK = "Ett digitalt möte behöver en möteslänk."
MEETING_IN_PAST = "Mötet kan inte bokas bakåt i tiden."
MEETING_GUIDE = "Bekräfta varje punkt i mötesguiden innan mötet registreras som hållet."
PLAN_NO_ITEMS = "Barnets plan behöver minst en insats: vad ska göras, av vem och när."
PLAN_AREA_NOT_CHOSEN = "Insatsen gäller ett område som inte är valt för ärendet."
CONTACT_RULE = (
    "Bekräfta att det som delades var nödvändigt, relevant och proportionerligt och att "
    "inget stöd bestämdes utan barnet och familjen."
)
MEMBER_NOT_CLINICIAN = "Kollegan har inte behörighet att arbeta med samverkansärenden."
DUPLICATE_OPEN_CASE = (
    "Det finns redan ett öppet samverkansärende för samma barn, hos dig eller en kollega som "
    "delar det med dig. Fortsätt i det ärendet om det gäller samma samverkan."
)
DUPLICATE_NOT_CONFIRMED = (
    "Kryssa i att du har stämt av och att ett nytt ärende behövs, eller öppna det befintliga "
    "ärendet."
)
MEMBER_ALREADY = "Kollegan har redan tillgång till ärendet."
MEMBER_ONLY_CREATOR = "Bara den som skapade ärendet kan lägga till kollegor."
CLOSE_REASON = "Ange varför ärendet avslutas."
BREAK_GLASS_REASON = "Ange skälet till nödåtkomsten."
BREAK_GLASS_NOT_FOUND = "Det finns inget ärende med det id:t."
BREAK_GLASS_NOT_ALLOWED = "Du har inte behörighet till nödåtkomst."
FOLLOW_UP_NO_PLAN = "Spara Barnets plan innan fortsatt samordning registreras."
ALREADY_PROTECTED = "Ärendet är redan markerat med skyddade personuppgifter."
PLAN_STALE = (
    "Barnets plan har ändrats sedan du öppnade den: version {number} är sparad av någon "
    "annan. Din text finns kvar nedan. Läs den nya versionen och spara igen om din ska gälla."
)
PLAN_DEADLINE_PAST = (
    "”Klart senast” för en ny eller ändrad insats har redan varit: ange i dag eller ett "
    "senare datum."
)
MEETING_NOT_YET = (
    "Mötet är bokat till {date} och kan registreras som hållet först den dagen. "
    "Hölls det ett annat datum: boka om mötet först."
)
CONTACT_WITHOUT_CONSENT = (
    "{organisation} kan inte kontaktas om barnet före mötet: samtycke till den verksamheten saknas."
)
INVITE_DUPLICATE = (
    "{organisation} är redan inbjuden till det här mötet. Dra tillbaka den inbjudan först om "
    "en ny ska skickas."
)
INVITATION_ALREADY_WITHDRAWN = "Inbjudan är redan tillbakadragen."
INVITATION_WITHDRAW_REASON = "Ange varför inbjudan dras tillbaka."
CUSTODY_MISSING = (
    "Ange först vem som har vårdnaden om barnet: två vårdnadshavare, en, en särskilt "
    "förordnad vårdnadshavare eller socialtjänsten."
)
CUSTODY_FULL = "Vårdnaden ”{custody}” har inte plats för fler: {count} är redan registrerade."
CUSTODY_CONFLICT = (
    "De registrerade parterna stämmer inte med vårdnaden ”{custody}”. Rätta vårdnaden eller "
    "parterna."
)
INVITE_NOT_CONSENTED = (
    "Välj en av verksamheterna i listan: bara de som alla parter har samtyckt till kan bjudas in."
)
MEETING_DUPLICATE = "Ett möte är redan bokat {when} i ärendet: samma möte bokas inte två gånger."
CONTACT_DUPLICATE = (
    "Kontakten med {organisation} är redan antecknad i dag med samma syfte: den antecknas inte "
    "två gånger."
)
CONSENT_WITHDRAW_NOTHING = "Välj vad som återkallas: hela samtycket eller minst en verksamhet."
CONSENT_WITHDRAW_FUTURE_DATE = (
    "Återkallelsen kan inte vara gjord ett datum som inte har varit ännu."
)
CONSENT_WITHDRAW_NO_CONSENT = "Den parten har inget gällande samtycke att återkalla."
CONSENT_WITHDRAW_BEFORE_GIVEN = (
    "Återkallelsen kan inte vara gjord före samtycket, som lämnades {date}."
)
CONSENT_WITHDRAW_NOT_GIVEN = (
    "Parten har inte samtyckt till {organisation}: välj bland de verksamheter samtycket gäller."
)
CONSENT_WITHDRAWN_INFORM = (
    "Meddela att inbjudan eller kontakten inte längre gäller, eftersom samtycket är "
    "återkallat: {whom}."
)
CONSENT_WITHDRAWN_NOBODY_TO_INFORM = (
    "Ingen inbjudan eller kontakt berördes: ingen annan verksamhet behöver meddelas."
)
CONSENT_WITHDRAWN_BACK_TO_CONSENT = (
    "Samtycket är inte längre komplett: ärendet är tillbaka i steget ”Samtycke” och inga nya "
    "inbjudningar kan skickas. Barnets plan finns kvar, markerad."
)
CONSENT_WITHDRAWAL_ALREADY_INFORMED = "Det är redan markerat att de berörda är meddelade."
CONSENT_WITHDRAW_NONE_HOLDING = "Det finns inget gällande samtycke att återkalla."
INVITATION_LETTER_WITHDRAWN = (
    "Inbjudan är tillbakadragen: brevet skrivs inte ut, eftersom det skulle ange ett samtycke "
    "som inte gäller."
)
CONSENT_WITHDRAWAL_WILL_RETURN = (
    "Samtycket blir inte längre komplett: ärendet går tillbaka till steget ”Samtycke” och inga "
    "nya inbjudningar kan skickas. Barnets plan finns kvar, markerad."
)
