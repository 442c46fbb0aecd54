"""The built-in questionnaire: a monitor of social enterprises in Sweden, in Swedish and English.

Written for sihub (not copied from ESEM or any other survey) so that a centre
can start a yearly monitor without designing a questionnaire first, and so
that rounds of different years are comparable question by question: the codes
below are the variable names in results and exports and must not change
between versions (a new version may add questions, reword them or add
answers, but keeps the codes of what it keeps).

Six sections: the organisation (with the three breakdowns: ``q_sector``,
``q_size`` and ``q_region``), mission and impact, finances, challenges and
support, policy, outlook. Skip logic: the methods of impact measurement only
for those who measure (``q_measures_impact`` = yes), and what happens to the
profit only for those who made one (``q_profitability`` = profit). "We need no
support" (``q_support`` = none) cannot be combined with any support.

Regions are Sweden's eight *riksområden*, the NUTS 2 regions of Eurostat and
SCB (SE11 … SE33), so that results can be set beside European statistics
while each region still holds enough respondents to be shown.

``template_body()`` gives the StreamField's raw list (a fresh copy each time);
``ensure_template()`` stores it once as version 1, published.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from sihub.surveys import schema
from sihub.surveys.models import Questionnaire, QuestionnaireStatus

TEMPLATE_FAMILY = "social-enterprise-monitor"

TITLE = ("Monitorn för sociala företag", "The social enterprise monitor")

INTRO = (
    "Den här enkäten kartlägger sociala företag och andra organisationer som driver "
    "verksamhet för att lösa samhällsutmaningar. Svaren ger en bild av hur sektorn mår, vilken "
    "nytta den skapar och vad som hindrar den – underlag för stödstrukturer, finansiärer och "
    "politik. Det tar ungefär 15 minuter att svara. Du kan spara och fortsätta senare. Svara "
    "gärna utifrån organisationens senaste hela verksamhetsår.",
    "This survey maps social enterprises and other organisations that run activities to meet "
    "societal challenges. The answers show how the sector is doing, what value it creates and "
    "what holds it back – evidence for support structures, funders and policy. It takes about "
    "15 minutes. You can save and continue later. Please answer for the organisation's latest "
    "full financial year.",
)

CONSENT = (
    "Jag samtycker till att mina svar sparas och används för statistik och analys om sociala "
    "företag. Resultaten redovisas bara sammanställda, och grupper med för få svar visas inte, "
    "så att ingen enskild organisation kan pekas ut. Fritextsvar kan citeras utan uppgifter som "
    "avslöjar vem som svarat. Jag kan när som helst avbryta enkäten innan jag skickar in den.",
    "I agree that my answers are stored and used for statistics and analysis about social "
    "enterprises. Results are only reported in aggregate, and groups with too few answers are "
    "not shown, so no single organisation can be identified. Free-text answers may be quoted "
    "without details that reveal who answered. I can stop at any time before I submit.",
)

NOT_SHOWN = {"question": "", "values": ""}

# The 17 global goals, short names as the UN and the Swedish government use them.
SDG_NAMES = (
    ("Ingen fattigdom", "No poverty"),
    ("Ingen hunger", "Zero hunger"),
    ("God hälsa och välbefinnande", "Good health and well-being"),
    ("God utbildning för alla", "Quality education"),
    ("Jämställdhet", "Gender equality"),
    ("Rent vatten och sanitet för alla", "Clean water and sanitation"),
    ("Hållbar energi för alla", "Affordable and clean energy"),
    ("Anständiga arbetsvillkor och ekonomisk tillväxt", "Decent work and economic growth"),
    ("Hållbar industri, innovationer och infrastruktur",
     "Industry, innovation and infrastructure"),
    ("Minskad ojämlikhet", "Reduced inequalities"),
    ("Hållbara städer och samhällen", "Sustainable cities and communities"),
    ("Hållbar konsumtion och produktion", "Responsible consumption and production"),
    ("Bekämpa klimatförändringarna", "Climate action"),
    ("Hav och marina resurser", "Life below water"),
    ("Ekosystem och biologisk mångfald", "Life on land"),
    ("Fredliga och inkluderande samhällen", "Peace, justice and strong institutions"),
    ("Genomförande och globalt partnerskap", "Partnerships for the goals"),
)

# Sweden's eight riksområden (NUTS 2), code: (Swedish, English).
REGIONS = {
    "se11": ("Stockholm", "Stockholm"),
    "se12": ("Östra Mellansverige (Uppsala, Södermanland, Östergötland, Örebro, Västmanland)",
             "East Middle Sweden (Uppsala, Södermanland, Östergötland, Örebro, Västmanland)"),
    "se21": ("Småland med öarna (Jönköping, Kronoberg, Kalmar, Gotland)",
             "Småland and the islands (Jönköping, Kronoberg, Kalmar, Gotland)"),
    "se22": ("Sydsverige (Blekinge, Skåne)", "South Sweden (Blekinge, Skåne)"),
    "se23": ("Västsverige (Halland, Västra Götaland)", "West Sweden (Halland, Västra Götaland)"),
    "se31": ("Norra Mellansverige (Värmland, Dalarna, Gävleborg)",
             "North Middle Sweden (Värmland, Dalarna, Gävleborg)"),
    "se32": ("Mellersta Norrland (Västernorrland, Jämtland)",
             "Middle Norrland (Västernorrland, Jämtland)"),
    "se33": ("Övre Norrland (Västerbotten, Norrbotten)",
             "Upper Norrland (Västerbotten, Norrbotten)"),
}


# --- Builders of the stored stream ------------------------------------------------------


def _opt(code: str, sv: str, en: str) -> dict[str, str]:
    return {"code": code, "label_sv": sv, "label_en": en}


def _q(kind: str, code: str, text: tuple[str, str], *, help_text: tuple[str, str] = ("", ""),
       required: bool = True, show_if: tuple[str, str] | None = None, **fields: Any
       ) -> dict[str, Any]:
    """One question block; ``show_if`` is (question code, comma-separated values)."""
    condition = ({"question": show_if[0], "values": show_if[1]} if show_if
                 else dict(NOT_SHOWN))
    value = {"code": code, "text_sv": text[0], "text_en": text[1], "help_sv": help_text[0],
             "help_en": help_text[1], "required": required, "show_if": condition, **fields}
    return {"type": kind, "value": value}


def _section(key: str, title: tuple[str, str], intro: tuple[str, str],
             questions: list[dict[str, Any]]) -> dict[str, Any]:
    return {"type": "section", "value": {
        "key": key, "title_sv": title[0], "title_en": title[1], "intro_sv": intro[0],
        "intro_en": intro[1], "show_if": dict(NOT_SHOWN), "questions": questions}}


def _options(rows: list[tuple[str, str, str]], *, exclusive: tuple[str, ...] = ()
             ) -> list[dict[str, Any]]:
    """Answer options; those in ``exclusive`` (multiple choice: "none", "don't know") cannot
    be combined with another answer."""
    return [{**_opt(*row), "exclusive": True} if row[0] in exclusive else _opt(*row)
            for row in rows]


# --- Shared answer lists --------------------------------------------------------------------

REVENUE_SOURCES = [
    ("private_sales", "Försäljning till privatpersoner", "Sales to private customers"),
    ("business_sales", "Försäljning till företag och organisationer",
     "Sales to businesses and organisations"),
    ("procurement", "Offentlig upphandling eller avtal med offentlig sektor",
     "Public procurement or contracts with the public sector"),
    ("grants", "Bidrag (offentliga eller från stiftelser)", "Grants (public or from foundations)"),
    ("donations", "Gåvor och donationer", "Gifts and donations"),
    ("membership", "Medlemsavgifter", "Membership fees"),
    ("other", "Annat", "Other"),
]

CHALLENGES = [
    ("finance", "Tillgång till finansiering och kapital", "Access to finance and capital"),
    ("procurement", "Att delta i offentliga upphandlingar", "Taking part in public procurement"),
    ("awareness", "Kännedom om vad sociala företag är och gör",
     "Awareness of what social enterprises are and do"),
    ("skills", "Kompetens inom affärsutveckling, ledning och ekonomi",
     "Skills in business development, management and finance"),
    ("measuring", "Att mäta och visa vår samhällsnytta",
     "Measuring and showing our social impact"),
    ("rules", "Regler, tillstånd och administration", "Rules, permits and administration"),
]


# --- The sections ---------------------------------------------------------------------------


def _organisation() -> dict[str, Any]:
    return _section("organisation", ("Organisationen", "The organisation"), (
        "Först några frågor om organisationen. De används för att jämföra grupper, aldrig för "
        "att peka ut någon.",
        "First some questions about the organisation. They are used to compare groups, never "
        "to single anyone out."), [
        _q("single_choice", "q_founded", ("Hur länge har organisationen funnits?",
                                          "How long has the organisation existed?"),
           options=_options([
               ("lt2", "Mindre än 2 år", "Less than 2 years"),
               ("2_5", "2–5 år", "2–5 years"),
               ("6_10", "6–10 år", "6–10 years"),
               ("11_20", "11–20 år", "11–20 years"),
               ("gt20", "Mer än 20 år", "More than 20 years"),
           ]), dimension=""),
        _q("single_choice", "q_legal_form", ("Vilken juridisk form har organisationen?",
                                             "What is the organisation's legal form?"),
           help_text=("Välj den form verksamheten bedrivs i. Har ni flera, välj den största.",
                 "Choose the form the activity is run in. If you have several, choose the "
                 "largest."),
           options=_options([
               ("ab", "Aktiebolag", "Limited company (aktiebolag)"),
               ("ab_svb", "Aktiebolag med särskild vinstutdelningsbegränsning (svb)",
                "Limited company with restricted profit distribution (svb)"),
               ("economic_association", "Ekonomisk förening (t.ex. kooperativ)",
                "Economic association (e.g. a cooperative)"),
               ("non_profit_association", "Ideell förening", "Non-profit association"),
               ("foundation", "Stiftelse", "Foundation"),
               ("sole_trader", "Enskild firma", "Sole trader"),
               ("partnership", "Handelsbolag eller kommanditbolag",
                "Trading or limited partnership"),
               ("other", "Annan form", "Other form"),
           ]), dimension=""),
        _q("single_choice", "q_sector", ("Vilket av följande beskriver organisationen bäst?",
                                         "Which of these describes the organisation best?"),
           options=_options([
               ("social_enterprise", "Socialt företag med samhällsnytta som huvudsyfte",
                "Social enterprise with social impact as its main purpose"),
               ("wise", "Arbetsintegrerande socialt företag",
                "Work-integration social enterprise"),
               ("cooperative", "Kooperativ eller medlemsägd verksamhet",
                "Cooperative or member-owned enterprise"),
               ("civil_society", "Ideell organisation i civilsamhället",
                "Non-profit civil-society organisation"),
               ("public_related", "Verksamhet som ägs av eller står nära offentlig sektor",
                "Owned by or closely tied to the public sector"),
           ]), dimension=schema.SECTOR),
        _q("single_choice", "q_size", ("Hur många anställda har organisationen?",
                                       "How many employees does the organisation have?"),
           help_text=("Räkna personer med anställning, även deltid och anställning med stöd. "
                 "Räkna inte volontärer.",
                 "Count people with employment, including part-time and subsidised jobs. "
                 "Do not count volunteers."),
           options=_options([
               ("0", "Inga anställda", "No employees"),
               ("1-9", "1–9", "1–9"),
               ("10-49", "10–49", "10–49"),
               ("50-249", "50–249", "50–249"),
               ("250plus", "250 eller fler", "250 or more"),
           ]), dimension=schema.SIZE),
        _q("single_choice", "q_region", ("Var har organisationen sin huvudsakliga verksamhet?",
                                         "Where does the organisation mainly operate?"),
           help_text=("Regionerna är Sveriges åtta riksområden.",
                 "The regions are Sweden's eight NUTS 2 regions (riksområden)."),
           options=[_opt(code, sv, en) for code, (sv, en) in REGIONS.items()],
           dimension=schema.REGION),
        _q("number", "q_volunteers", ("Ungefär hur många volontärer eller ideella medarbetare "
                                      "hade organisationen under det senaste året?",
                                      "About how many volunteers did the organisation have "
                                      "during the last year?"),
           help_text=("Skriv 0 om ni inte har några.", "Enter 0 if you have none."),
           required=False, minimum="0", maximum="100000", integer=True,
           unit_sv="personer", unit_en="people", bins="0,9,49,249"),
    ])


def _mission() -> dict[str, Any]:
    goals = [_opt(str(n), f"Mål {n}: {sv}", f"Goal {n}: {en}")
             for n, (sv, en) in enumerate(SDG_NAMES, start=1)]
    return _section("mission", ("Uppdrag och samhällsnytta", "Mission and impact"), (
        "Vad organisationen vill förändra, för vilka, och hur ni vet att det blir så.",
        "What the organisation wants to change, for whom, and how you know it happens."), [
        _q("multiple_choice", "q_sdgs", ("Vilka av de globala målen bidrar organisationen "
                                         "främst till?",
                                         "Which of the global goals does the organisation "
                                         "mainly contribute to?"),
           help_text=("Välj högst tre.", "Choose at most three."),
           options=goals, max_choices=3, dimension=""),
        _q("multiple_choice", "q_target_groups", ("Vilka grupper eller vad riktar sig "
                                                  "verksamheten främst till?",
                                                  "Whom or what does the activity mainly "
                                                  "serve?"),
           help_text=("Välj alla som stämmer.", "Choose all that apply."),
           options=_options([
               ("long_term_unemployed", "Personer som länge stått utanför arbetsmarknaden",
                "People who have long been out of work"),
               ("newly_arrived", "Nyanlända", "Newly arrived migrants"),
               ("disabilities", "Personer med funktionsnedsättning", "People with disabilities"),
               ("young", "Unga", "Young people"),
               ("older", "Äldre", "Older people"),
               ("children", "Barn", "Children"),
               ("economic_vulnerability", "Personer i ekonomisk utsatthet",
                "People in economic vulnerability"),
               ("environment", "Miljön och klimatet", "The environment and the climate"),
               ("other", "Annat", "Other"),
           ]), dimension=""),
        _q("single_choice", "q_measures_impact", ("Mäter eller följer organisationen upp sin "
                                                  "samhällsnytta?",
                                                  "Does the organisation measure or follow up "
                                                  "its social impact?"),
           options=_options([
               ("yes", "Ja", "Yes"),
               ("planned", "Nej, men vi planerar att börja", "No, but we plan to start"),
               ("no", "Nej", "No"),
           ]), dimension=""),
        _q("multiple_choice", "q_measure_methods", ("Hur mäter ni samhällsnyttan?",
                                                    "How do you measure your impact?"),
           help_text=("Välj alla som stämmer.", "Choose all that apply."),
           show_if=("q_measures_impact", "yes"),
           options=_options([
               ("indicators", "Egna indikatorer som följs upp regelbundet",
                "Our own indicators, followed up regularly"),
               ("theory_of_change", "Förändringsteori", "Theory of change"),
               ("sroi", "Social avkastning på investering (SROI)",
                "Social return on investment (SROI)"),
               ("external_evaluation", "Extern utvärdering", "External evaluation"),
               ("beneficiary_surveys", "Enkäter eller intervjuer med dem vi finns till för",
                "Surveys or interviews with the people we serve"),
               ("other", "Annat sätt", "Another way"),
           ]), dimension=""),
        _q("short_text", "q_measure_text", ("Vad mäter ni? Beskriv kort.",
                                            "What do you measure? Describe briefly."),
           help_text=("Till exempel: andel deltagare som får arbete inom ett år.",
                 "For example: the share of participants who find work within a year."),
           required=False, show_if=("q_measures_impact", "yes"), max_length=300,
           classify=False),
        _q("long_text", "q_impact_description", ("Beskriv med egna ord vilken skillnad "
                                                  "organisationen gör.",
                                                  "Describe in your own words what difference "
                                                  "the organisation makes."),
           help_text=("Några meningar räcker. Skriv inte namn på personer.",
                 "A few sentences are enough. Do not write names of people."),
           required=False, max_length=2000, classify=True),
    ])


def _finances() -> dict[str, Any]:
    return _section("finances", ("Ekonomi", "Finances"), (
        "Svara för det senaste hela verksamhetsåret. Uppskattningar går bra.",
        "Answer for the latest full financial year. Estimates are fine."), [
        _q("multiple_choice", "q_revenue_model", ("Varifrån kommer organisationens intäkter?",
                                                  "Where does the organisation's income come "
                                                  "from?"),
           help_text=("Välj alla som stämmer.", "Choose all that apply."),
           options=_options(REVENUE_SOURCES), dimension=""),
        _q("single_choice", "q_main_funding", ("Vilken är den största intäktskällan?",
                                               "What is the largest source of income?"),
           options=_options(REVENUE_SOURCES), dimension=""),
        _q("single_choice", "q_turnover", ("Hur stor var omsättningen?",
                                           "What was the turnover?"),
           options=_options([
               ("lt500k", "Under 500 000 kr", "Less than SEK 500,000"),
               ("500k_2m", "500 000 – 2 miljoner kr", "SEK 500,000 – 2 million"),
               ("2m_10m", "2–10 miljoner kr", "SEK 2–10 million"),
               ("10m_50m", "10–50 miljoner kr", "SEK 10–50 million"),
               ("gt50m", "Över 50 miljoner kr", "More than SEK 50 million"),
           ]), dimension=""),
        _q("single_choice", "q_profitability", ("Hur gick verksamheten ekonomiskt?",
                                                "How did the organisation do financially?"),
           options=_options([
               ("loss", "Underskott", "A loss"),
               ("break_even", "Ungefär noll", "About break-even"),
               ("profit", "Överskott", "A profit"),
           ]), dimension=""),
        _q("single_choice", "q_reinvest", ("Hur stor del av överskottet återinvesterades i "
                                           "verksamheten eller dess syfte?",
                                           "How much of the profit was reinvested in the "
                                           "activity or its purpose?"),
           show_if=("q_profitability", "profit"),
           options=_options([
               ("all", "Allt", "All of it"),
               ("most", "Mer än hälften", "More than half"),
               ("some", "Mindre än hälften", "Less than half"),
               ("none", "Inget", "None"),
           ]), dimension=""),
        _q("number", "q_public_share", ("Hur stor andel av intäkterna kom från offentlig "
                                        "sektor?",
                                        "What share of the income came from the public "
                                        "sector?"),
           help_text=("Räkna med bidrag, upphandlingar och avtal med stat, regioner och kommuner. "
                 "En uppskattning räcker.",
                 "Include grants, procurement and contracts with the state, regions and "
                 "municipalities. An estimate is enough."),
           minimum="0", maximum="100", integer=True, unit_sv="%", unit_en="%",
           bins="0,24,49,74"),
    ])


def _challenges() -> dict[str, Any]:
    return _section("challenges", ("Utmaningar och stöd", "Challenges and support"), (
        "Vad gör det svårare för organisationen att växa eller göra nytta, och vilket stöd "
        "skulle hjälpa?",
        "What makes it harder for the organisation to grow or make a difference, and what "
        "support would help?"), [
        _q("matrix", "q_challenges", ("Hur stor utmaning är följande för organisationen i dag?",
                                      "How much of a challenge is each of these for the "
                                      "organisation today?"),
           rows=_options(CHALLENGES),
           options=_options([
               ("none", "Ingen utmaning", "Not a challenge"),
               ("some", "En viss utmaning", "Some challenge"),
               ("major", "En stor utmaning", "A major challenge"),
           ])),
        _q("multiple_choice", "q_support", ("Vilket stöd skulle organisationen helst vilja ha "
                                            "under det kommande året?",
                                            "What support would the organisation most like to "
                                            "have in the coming year?"),
           help_text=("Välj högst tre.", "Choose at most three."), max_choices=3,
           options=_options([
               ("finance_advice", "Rådgivning om finansiering och kapital",
                "Advice on funding and capital"),
               ("business_development", "Affärsutveckling", "Business development"),
               ("impact_measurement", "Hjälp att mäta samhällsnytta", "Help to measure impact"),
               ("procurement_support", "Stöd för att delta i upphandlingar",
                "Support to take part in procurement"),
               ("networks", "Nätverk och samarbetspartner", "Networks and partners"),
               ("legal_advice", "Juridisk rådgivning", "Legal advice"),
               ("skills_training", "Utbildning för ledning och medarbetare",
                "Training for management and staff"),
               ("none", "Vi behöver inget stöd just nu", "We need no support at the moment"),
           ], exclusive=("none",)), dimension=""),
    ])


def _policy() -> dict[str, Any]:
    return _section("policy", ("Politik och villkor", "Policy and conditions"), (
        "Vad skulle göra villkoren bättre för sociala företag?",
        "What would improve the conditions for social enterprises?"), [
        _q("multiple_choice", "q_policy", ("Vilka förändringar skulle betyda mest för "
                                           "organisationer som er?",
                                           "Which changes would matter most to organisations "
                                           "like yours?"),
           help_text=("Välj högst tre.", "Choose at most three."), max_choices=3, required=False,
           options=_options([
               ("social_procurement", "Fler upphandlingar med sociala hänsyn och reserverade "
                                      "kontrakt",
                "More procurement with social criteria and reserved contracts"),
               ("patient_capital", "Tillgång till tålmodigt kapital och sociala investeringar",
                "Access to patient capital and social investment"),
               ("legal_form", "En tydligare juridisk form för sociala företag",
                "A clearer legal form for social enterprises"),
               ("national_strategy", "En förnyad nationell strategi för sociala företag",
                "A renewed national strategy for social enterprises"),
               ("regional_support", "Långsiktiga regionala stödstrukturer",
                "Long-term regional support structures"),
               ("labour_market", "Stabilare villkor för anställningar med stöd",
                "More stable terms for subsidised employment"),
               ("other", "Annat", "Other"),
           ]), dimension=""),
        _q("long_text", "q_policy_text", ("Vad vill ni att politiker och myndigheter gör?",
                                          "What would you like politicians and public agencies "
                                          "to do?"),
           required=False, max_length=2000, classify=True),
    ])


def _outlook() -> dict[str, Any]:
    return _section("outlook", ("Framtiden", "Outlook"), ("", ""), [
        _q("scale", "q_outlook", ("Hur tror du att organisationens verksamhet utvecklas de "
                                  "kommande 12 månaderna?",
                                  "How do you expect the organisation's activity to develop "
                                  "over the next 12 months?"),
           minimum=1, maximum=5, min_label_sv="Mycket sämre", min_label_en="Much worse",
           max_label_sv="Mycket bättre", max_label_en="Much better"),
    ])


def template_body() -> list[dict[str, Any]]:
    """The questionnaire as ``Questionnaire.body`` stores it (a new list on every call)."""
    return [_organisation(), _mission(), _finances(), _challenges(), _policy(), _outlook()]


def template_fields() -> dict[str, Any]:
    """Everything of version 1 but its status and who made it."""
    return {"family": TEMPLATE_FAMILY, "version": 1, "title_sv": TITLE[0], "title_en": TITLE[1],
            "intro_sv": INTRO[0], "intro_en": INTRO[1], "consent_text_sv": CONSENT[0],
            "consent_text_en": CONSENT[1], "body": template_body()}


def install_template(*, user: Any = None) -> tuple[Questionnaire, bool]:
    """The family's first version, and whether it was made now (only if the family is empty)."""
    with transaction.atomic():
        existing = (Questionnaire.objects.select_for_update()
                    .filter(family=TEMPLATE_FAMILY).order_by("version").first())
        if existing is not None:
            return existing, False
        found = schema.problems(schema.parse(template_body()))
        if found:  # a broken template must never be published
            raise ValueError("; ".join(found))
        now = timezone.now()
        questionnaire = Questionnaire.objects.create(
            **template_fields(), status=QuestionnaireStatus.PUBLISHED, published_at=now,
            created_at=now, created_by=user if getattr(user, "pk", None) else None)
        if user is not None and getattr(user, "is_authenticated", False):
            from sihub.core.services import audit_record

            audit_record(actor=user, action="surveys.template_installed", target=questionnaire,
                         data={"family": TEMPLATE_FAMILY, "version": 1})
        return questionnaire, True


def ensure_template(*, user: Any = None) -> Questionnaire:
    """The built-in questionnaire, published as version 1 if its family has none yet.

    Idempotent: once any version of the family exists (perhaps edited into new
    versions by the centre), nothing is made and the first version is returned.
    """
    return install_template(user=user)[0]
