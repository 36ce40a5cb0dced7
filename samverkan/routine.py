"""The routine *Rutin för samverkan inom Kronobarnsmodellen vid etablerad vårdkontakt med barn*,
word for word from Region Kronoberg's document, in its order. The one source of its text: the
clinician's guides in a case pick their lines from here by key, and the public routine page of
the support package (familjeombud/pages) shows all of it. The directory of child health care
(BVC) and the municipal switchboards are data (samverkan.models.directory), not text here.

Kinds follow the document's markers: a step to take (❑), an outcome that does not activate the
model (×) or does (✓), an answer to a step (o), a note or a script to say (►), and a list of
options (▪)."""

from __future__ import annotations

from dataclasses import dataclass, field

STEP, NOT_ACTIVATED, ACTIVATED, ANSWER, NOTE, CHOICES, SWITCHBOARDS = (
    "step",
    "not_activated",
    "activated",
    "answer",
    "note",
    "choices",
    "switchboards",
)

TITLE = "Rutin för samverkan inom Kronobarnsmodellen vid etablerad vårdkontakt med barn"
INTRO = (
    "Denna rutin tydliggör hur hälso- och sjukvården kan aktivera samverkan inom "
    "Kronobarnsmodellen när vi uppmärksammar att ett barn eller en familj har behov av "
    "samordnat stöd från flera olika aktörer inom länet. Den gäller de verksamheter som har en "
    "etablerad vårdkontakt med barnet."
)
CONSENT_FORM_URL = (
    "https://www.regionkronoberg.se/contentassets/445b4d1c5c934491b94f23204cea6986/"
    "samtyckesblankett-2024.01.05.pdf"
)
WHEEL_URL = (
    "https://www.regionkronoberg.se/contentassets/445b4d1c5c934491b94f23204cea6986/"
    "barnens_basta_hjul_2023.pdf"
)
INFORMATION_GATHERING_URL = (
    "https://www.regionkronoberg.se/contentassets/445b4d1c5c934491b94f23204cea6986/"
    "stod-till-informationsinsamling-praxismodellen.pdf"
)
PLAN_IN_LINK_URL = (
    "https://www.regionkronoberg.se/globalassets/vardgivarwebben/"
    "manskliga-rattigheter-och-barnets-rattigheter/rutin-for-barnets-basta-plan-i-link-1.pdf"
)
MEETING_FORM_URL = (
    "https://www.regionkronoberg.se/contentassets/445b4d1c5c934491b94f23204cea6986/"
    "kronobarnsmodellen-samverkansmote-ifyllbar-2024.01.11.pdf"
)
DIRECTORY_HEADING = "Barnhälsovården"
MUNICIPALITIES_HEADING = (
    "Kommuner – kontakt med rektorn i barnets skola samt KAA (kommunens aktivitetsansvarig)"
)


@dataclass(frozen=True)
class Line:
    key: str
    kind: str
    text: str
    choices: tuple[str, ...] = ()


@dataclass(frozen=True)
class Section:
    key: str
    heading: str
    lines: tuple[Line, ...]
    links: tuple[tuple[str, str], ...] = field(default=())


SECTIONS: tuple[Section, ...] = (
    Section(
        "need",
        "Finns det behov av samverkan?",
        (
            Line(
                "need_noticed",
                STEP,
                "Vad i barnets/barnens liv har vi uppmärksammat? Dvs. vad har vi själv sett, "
                "hört eller förstått, vad har barnet eller anhöriga berättat för oss?",
            ),
            Line(
                "need_enough",
                STEP,
                "Räcker det stöd/den vård/behandling som barnet/barnen får av er "
                "verksamhet/annan enhet inom hälso- och sjukvården för att tillgodose "
                "barnets/barnens behov?",
            ),
            Line(
                "need_enough_no", NOT_ACTIVATED, "I så fall aktiverar vi inte Kronobarnsmodellen."
            ),
            Line(
                "need_other",
                STEP,
                "Är det stöd barnet behöver något som en annan verksamhet kan stödja "
                "barnet/barnen med på egen hand?",
            ),
            Line(
                "need_other_answer",
                ANSWER,
                "Om ja; be familjen kontakta den andra verksamheten för att få stöd från dem, "
                "eller fråga om muntligt samtycke för att du ska kontakta verksamheten och be "
                "dem kontakta barnet/barnen/familjen för att stötta dem vidare.",
            ),
            Line(
                "need_other_no", NOT_ACTIVATED, "I detta fall aktiverar vi inte Kronobarnsmodellen."
            ),
            Line(
                "need_together",
                STEP,
                "Är detta något hälso- och sjukvården och/eller andra verksamheter kan stödja "
                "barnet/barnen med tillsammans? Exempelvis förskola, skola, socialtjänst, "
                "frivilligsektorn, polis.",
            ),
            Line("need_together_yes", ACTIVATED, "I detta fall aktiverar vi Kronobarnsmodellen."),
        ),
    ),
    Section(
        "consent",
        "Samtycke för att aktivera Kronobarnsmodellen",
        (
            Line(
                "consent_both",
                STEP,
                "För att aktivera Kronobarnsmodellen ska vi ha samtycke från båda "
                "vårdnadshavarna, om det inte enbart finns en vårdnadshavare, samt en ungdom med "
                "egen ålder och mognad.",
            ),
            Line(
                "consent_form",
                STEP,
                "Samtyckesblanketten tydliggör vilket barn som vi ska samverka runt, samt vilka "
                "verksamheter som vårdnadshavare/barn med egen ålder och mognad har gett "
                "samtycke till att bjuda in. Helst ska samtyckesblanketten skrivas på.",
            ),
            Line(
                "consent_oral",
                STEP,
                "Om det inte är möjligt att inhämta skriftligt samtycke, till exempel vid "
                "telefonkontakt eller digitala möten, går det bra att notera att samtycke "
                "lämnats muntligt.",
            ),
            Line(
                "consent_note_child",
                NOTE,
                "Om barnet är patient kan du notera följande i journalen: ”Samtycke har lämnats "
                "muntligen den (datum) av (namn) för att initiera samverkan inom "
                "Kronobarnsmodellen.”",
            ),
            Line(
                "consent_note_guardian",
                NOTE,
                "Om vårdnadshavare är patient, och samverkan behöver initieras för att ge stöd "
                "till närstående barn, noterar du i patientens journal samma som ovan.",
            ),
        ),
        (("Samtyckesblankett (PDF)", CONSENT_FORM_URL),),
    ),
    Section(
        "initiate",
        "Initiera samverkan",
        (
            Line(
                "initiate_preschool",
                STEP,
                "Om samverkan behövs runt ett barn som ännu inte har börjat i förskoleåldern "
                "kan en initial kontakt med Barnets bästa-ansvarig inom barnhälsovården tas för "
                "att se vem som är lämpligast att initiera samverkan.",
            ),
            Line(
                "initiate_school",
                STEP,
                "Om det är oklart ifall det runt ett barn i skolålder redan finns en samverkan "
                "runt Barnets plan ringer vi Barnens bästa-ansvarig och stämmer av. Se "
                "kontaktuppgifter sist i dokumentet.",
            ),
            Line(
                "initiate_wheel",
                STEP,
                "Om det är du som ska initiera samverkan ser du över vilka områden i Barnets "
                "bästa-hjulet som du har uppfattat att vi behöver samverka kring för att stötta "
                "barnet.",
            ),
            Line(
                "initiate_whom",
                CHOICES,
                "Överväg vilka av följande verksamheter som är lämpliga att bjuda in till "
                "samverkan:",
                (
                    "Barn- och elevhälsa",
                    "BHV/familjecentral",
                    "Familjehälsan",
                    "Förskola",
                    "Habilitering",
                    "Polis",
                    "Skola",
                    "Socialtjänsten",
                    "Specialistpsykiatrin",
                    "Ungdomsmottagning",
                    "Vårdcentral",
                    "Annan verksamhet/roll",
                ),
            ),
            Line(
                "initiate_room",
                STEP,
                "Om det är ett fysiskt möte behöver du boka lokal, om det är ett digitalt möte "
                "behöver du skapa en Teams-länk till mötet.",
            ),
            Line("initiate_send", STEP, "Skicka inbjudan i god tid till samverkansmötet."),
            Line(
                "initiate_link",
                STEP,
                "Inbjudan till hälso- och sjukvården och socialtjänsten skickas via Link.",
            ),
            Line(
                "initiate_letter",
                SWITCHBOARDS,
                "Inbjudan till förskola och skola samt annan verksamhet skickas via brev eller "
                "mejl. Fyll i information i samverkansinbjudan. Ring aktuell kommun för att få "
                "reda på adressen om du inte redan har den:",
            ),
            Line(
                "initiate_script",
                NOTE,
                "Hej, jag ringer från (din verksamhet) och ska skicka en inbjudan till ett "
                "samverkansmöte runt Barnets plan. Jag har barnets namn och personnummer och "
                "behöver nu en adress till rektorn på barnets förskola/skola.",
            ),
        ),
    ),
    Section(
        "contact",
        "Kontakt innan samverkansmöte vid behov",
        (
            Line(
                "contact_when",
                STEP,
                "Ibland kan det vara relevant att ta kontakt med någon samverkanspart innan "
                "samverkansmötet för att säkerställa goda förutsättningar för samordningen runt "
                "barnet.",
            ),
            Line(
                "contact_what",
                STEP,
                "Det kan exempelvis handla om att avgöra om det är relevant att en verksamhet "
                "medverkar eller att utbyta nödvändig, relevant och proportionerlig information "
                "för att se om andra verksamheter ska bjudas in.",
            ),
            Line(
                "contact_never",
                STEP,
                "En sådan kontakt får aldrig bli ett förmöte där samverkande parter kommer "
                "överens om det stöd som barnet och familjen ska få. Det är av ytterst vikt att "
                "barnet och familjen är med i sådana diskussioner och känner sig delaktig i de "
                "beslut som fattas.",
            ),
        ),
        (
            ("Barnets bästa-hjulet (PDF)", WHEEL_URL),
            ("Stöd till informationsinsamling, praxismodellen (PDF)", INFORMATION_GATHERING_URL),
            ("Rutin för Barnets bästa plan i Link (PDF)", PLAN_IN_LINK_URL),
            ("Kronobarnsmodellen, samverkansmöte – ifyllbar blankett (PDF)", MEETING_FORM_URL),
        ),
    ),
    Section(
        "meeting",
        "Samverkansmötet",
        (
            Line(
                "meeting_family_first",
                STEP,
                "Om det är ett fysiskt möte börja med att familjen får sätta sig först i "
                "rummet. Presentera familjen först och sedan de som deltar från olika "
                "verksamheter. På så sätt är barnet i fokus redan från början.",
            ),
            Line(
                "meeting_information",
                STEP,
                "Kom överens med alla om att information som delas mellan samverkande "
                "verksamheter ska vara nödvändig, relevant och proportionerlig.",
            ),
            Line(
                "meeting_wheel",
                STEP,
                "Utgå från de sju områdena i Barnets bästa-hjulet som är relevant i barnets "
                "situation. Det är inte nödvändigt att gå igenom alla sju områdena om "
                "exempelvis bara tre-fyra är relevanta.",
            ),
            Line(
                "meeting_views",
                STEP,
                "Säkerställ att barnets och vårdnadshavares åsikter beaktas under hela mötet.",
            ),
            Line(
                "meeting_contribute",
                STEP,
                "Bidra med den information du har om barnets behov och möjligheter för din "
                "verksamhet att ge stöd under den del av barnets plan som är mest relevant. Sök "
                "samverkanslösningar så att verksamheterna tillsammans ger familjen ett "
                "sammanhållet stöd.",
            ),
        ),
    ),
    Section(
        "plan",
        "Barnets plan",
        (
            Line(
                "plan_write",
                STEP,
                "Anteckna i Barnets plan vad ni kommer fram till under mötet. Säkerställt att "
                "det är tydligt vad som ska göras och vem som är ansvarig för det.",
            ),
            Line(
                "plan_link",
                STEP,
                "För in Barnets plan i Link. Hälso- och sjukvården bör erbjuda sig att föra "
                "anteckningar i Link om andra på mötet saknar tillgång till programmet.",
            ),
            Line(
                "plan_1177",
                STEP,
                "Förklara för familjen hur de kommer åt Barnets plan via barnets journal på "
                "1177. Om vårdnadshavare saknar tillgång till barnets journal kan vi skriva ut "
                "den i pappersformat.",
            ),
            Line(
                "plan_copy",
                STEP,
                "Om samverkande parter saknar tillgång till Link ska de få en utskriven kopia "
                "av Barnets plan. I de fall det inte är möjligt att skriva ut Barnets plan "
                "direkt efter mötet kommer du överens med samverkande parter på vilket sätt de "
                "får en kopia, t.ex. genom att de hämtar den någonstans eller om du skickar den "
                "till dem.",
            ),
        ),
    ),
    Section(
        "follow_up",
        "Fortsatt samordning och samverkan",
        (
            Line(
                "follow_up_coordinator",
                STEP,
                "I slutet av mötet kommer ni överens om vem som fortsatt har ansvar för att "
                "samordna det kommande samverkansmötet. Den verksamhet som har störst ansvar för "
                "insatser i Barnets plan är vanligtvis den verksamhet som får det fortsatta "
                "samordningsuppdraget. Detta ansvar kan skifta mellan olika samverkansparter "
                "över tid.",
            ),
            Line(
                "follow_up_date",
                STEP,
                "Kom överens om ett lämpligt datum för nästa möte med de som bedöms relevanta "
                "att samverka runt barnets behov.",
            ),
            Line(
                "follow_up_more",
                STEP,
                "Överväg om ytterligare samverkansparter ska bjudas in till nästa "
                "samverkansmöte, baserat på barnets behov och livssituation.",
            ),
        ),
        (("Rutin för Barnets bästa plan i Link (PDF)", PLAN_IN_LINK_URL),),
    ),
)

_LINES = {line.key: line for section in SECTIONS for line in section.lines}
_SECTIONS = {section.key: section for section in SECTIONS}


def section(key: str) -> Section:
    return _SECTIONS[key]


def lines(*keys: str) -> list[Line]:
    """The routine's own lines, by key, for a guide that shows part of a section."""
    return [_LINES[key] for key in keys]
