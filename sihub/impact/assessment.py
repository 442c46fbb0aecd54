"""The social-innovation and value-creation self-assessment: questions, scoring, advice.

Five dimensions (novelty, social need met, cross-sector involvement,
evidence, potential to scale), three questions each, every answer 0–4 with
an anchor sentence saying what that step means. A dimension's score is the
mean of its answers (0–4); the overall score is the mean of the five
dimension scores, so each dimension weighs the same however many questions
it has. Scores are rounded half up to two decimals once, when scored; the
band (and so the advice) is read from that rounded score, so what the page
shows and the advice it gives can never disagree.

Why the texts live here and not in the .po files: the questionnaire is
content written in both languages at once (anchors and advice are whole
sentences that must be worded together, like a survey instrument), it is
versioned with the scoring, and the module stays Django-free so commands,
the API and tests can use it. ``Text.get(language)`` picks the language;
the Django layer passes the active one.

Errors in submitted answers are ``AnswersError`` with one ``AnswerProblem``
per problem, each with a stable ``code`` (``not_a_mapping``,
``unknown_question``, ``missing``, ``not_a_whole_number``,
``out_of_range``) for translated messages in the Django layer.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

#: Bump when questions or scoring change; each stored submission keeps its version.
VERSION = 1

MIN_ANSWER = 0
MAX_ANSWER = 4
MAX_SCORE = Decimal(MAX_ANSWER)
_PLACES = Decimal("0.01")

#: Band boundaries on the 0–4 scale: below LOW_BELOW is "low", from HIGH_FROM on "high".
LOW_BELOW = Decimal("1.5")
HIGH_FROM = Decimal("3")
LOW, MEDIUM, HIGH = "low", "medium", "high"
BANDS = (LOW, MEDIUM, HIGH)


@dataclass(frozen=True)
class Text:
    """One sentence in Swedish and English."""

    sv: str
    en: str

    def get(self, language: str) -> str:
        return self.en if language.startswith("en") else self.sv


@dataclass(frozen=True)
class Question:
    key: str
    text: Text
    anchors: tuple[Text, Text, Text, Text, Text]  # what 0, 1, 2, 3 and 4 mean


@dataclass(frozen=True)
class Advice:
    """What to do next; ``links`` are workspace sections (impact URL names) that help."""

    text: Text
    links: tuple[str, ...] = ()


@dataclass(frozen=True)
class Dimension:
    key: str
    title: Text
    description: Text
    questions: tuple[Question, ...]
    advice: Mapping[str, Advice]  # band → advice


def _q(key: str, sv: str, en: str, *anchors: tuple[str, str]) -> Question:
    assert len(anchors) == MAX_ANSWER - MIN_ANSWER + 1, key
    steps = tuple(Text(a_sv, a_en) for a_sv, a_en in anchors)
    return Question(key=key, text=Text(sv, en), anchors=steps)  # type: ignore[arg-type]


BAND_LABELS = {
    LOW: Text("Tidigt skede", "Early stage"),
    MEDIUM: Text("Under utveckling", "Developing"),
    HIGH: Text("Starkt", "Strong"),
}

DIMENSIONS: tuple[Dimension, ...] = (
    Dimension(
        key="novelty",
        title=Text("Nyhetsgrad", "Novelty"),
        description=Text(
            "Hur ny lösningen är, och om den förändrar mer än själva insatsen.",
            "How new the solution is, and whether it changes more than the service itself."),
        questions=(
            _q("novelty_solution",
               "Hur ny är lösningen jämfört med det som redan görs för samma utmaning?",
               "How new is the solution compared with what is already done for this challenge?",
               ("Samma som befintliga insatser", "The same as existing services"),
               ("En liten justering av en befintlig insats",
                "A small adjustment of an existing service"),
               ("En känd idé som prövas på en ny plats eller för en ny grupp",
                "A known idea tried in a new place or with a new group"),
               ("En ny kombination av metoder, aktörer eller resurser",
                "A new combination of methods, actors or resources"),
               ("Ett nytt arbetssätt som inte prövats i Sverige förut",
                "A way of working not tried in Sweden before")),
            _q("novelty_scan",
               "Har ni tagit reda på vad andra redan gör (liknande initiativ, forskning, "
               "goda exempel)?",
               "Have you found out what others already do (similar initiatives, research, "
               "good examples)?",
               ("Nej", "No"),
               ("Informellt, i vårt eget nätverk", "Informally, in our own network"),
               ("Vi har tittat på några liknande initiativ",
                "We have looked at a few similar initiatives"),
               ("En dokumenterad genomgång av liknande initiativ och forskning",
                "A documented review of similar initiatives and research"),
               ("En dokumenterad genomgång, och vi bygger medvetet vidare på eller skiljer oss "
                "från dem",
                "A documented review, and we build on them or differ from them on purpose")),
            _q("novelty_system",
               "Förändrar initiativet roller, relationer eller regler – inte bara själva insatsen?",
               "Does the initiative change roles, relationships or rules – not only the service?",
               ("Nej, bara insatsen", "No, only the service"),
               ("Vi har idéer om det men har inte prövat", "We have ideas, not yet tried"),
               ("I liten skala, inom en organisation", "On a small scale, within one organisation"),
               ("Ja, mellan organisationer", "Yes, between organisations"),
               ("Ja, och det förändrar hur systemet fungerar (regler, finansiering, upphandling)",
                "Yes, and it changes how the system works (rules, funding, procurement)")),
        ),
        advice={
            LOW: Advice(Text(
                "Beskriv vad som är nytt: gör en kort genomgång av liknande initiativ (sök bland "
                "goda exempel och aktörer på plattformen) och skriv i översikten vad ni gör "
                "annorlunda och varför. Ett initiativ behöver inte vara helt nytt – en känd idé "
                "för en ny grupp räknas också.",
                "Describe what is new: review similar initiatives briefly (search the good "
                "examples and actors on the platform) and write in the overview what you do "
                "differently and why. An initiative need not be entirely new – a known idea for "
                "a new group counts too."), ("detail",)),
            MEDIUM: Advice(Text(
                "Dokumentera genomgången av liknande initiativ och forskning, och pröva om "
                "arbetssättet kan ändra roller eller regler, t.ex. hur en kommun upphandlar "
                "eller hur parter delar ansvar. Skriv in antagandena om det nya i "
                "förändringsteorin.",
                "Document your review of similar initiatives and research, and explore whether "
                "the way of working can change roles or rules, e.g. how a municipality "
                "procures or how partners share responsibility. Write the assumptions about "
                "what is new into the theory of change."), ("detail", "toc")),
            HIGH: Advice(Text(
                "Ni har något nytt att visa: dela det. Publicera en sammanfattning av "
                "initiativet, beskriv vilka regler eller roller det ändrar, och följ upp att "
                "det nya också ger effekt (indikatorer), så att andra kan lära av det.",
                "You have something new to show: share it. Publish a summary of the "
                "initiative, describe which rules or roles it changes, and check that the new "
                "also has an effect (indicators), so that others can learn from it."),
                ("detail", "indicators")),
        },
    ),
    Dimension(
        key="social_need",
        title=Text("Samhällsbehov som möts", "Social need met"),
        description=Text(
            "Hur väl behovet är känt, och om de som berörs är med och formar initiativet.",
            "How well the need is known, and whether the people concerned help shape the "
            "initiative."),
        questions=(
            _q("need_described",
               "Hur väl är behovet beskrivet?",
               "How well is the need described?",
               ("Inte beskrivet", "Not described"),
               ("Beskrivet utifrån vår egen erfarenhet", "Described from our own experience"),
               ("Beskrivet med viss statistik eller studier",
                "Described with some statistics or studies"),
               ("Beskrivet med statistik och av dem det gäller",
                "Described with statistics and by the people concerned"),
               ("Beskrivet med statistik, av dem det gäller, och med grundorsakerna analyserade",
                "Described with statistics, by the people concerned, with root causes "
                "analysed")),
            _q("need_participation",
               "Är de som initiativet riktar sig till med och formar det?",
               "Are the people the initiative is for involved in shaping it?",
               ("Nej", "No"),
               ("De informeras", "They are informed"),
               ("De tillfrågas", "They are consulted"),
               ("De deltar i utformning och beslut", "They take part in design and decisions"),
               ("De är med och leder initiativet", "They co-lead the initiative")),
            _q("need_stakeholders",
               "Är det klart för vilka initiativet skapar värde och vilka effekter det ger "
               "(även negativa)?",
               "Is it clear for whom the initiative creates value and which outcomes it has "
               "(negative ones too)?",
               ("Inte än", "Not yet"),
               ("Bara för den huvudsakliga målgruppen", "For the main target group only"),
               ("Intressentgrupperna är namngivna", "The stakeholder groups are named"),
               ("Intressentgrupper med sina effekter", "Stakeholder groups with their outcomes"),
               ("Intressenter, effekter och även oavsiktliga eller negativa effekter",
                "Stakeholders, outcomes, and unintended or negative outcomes too")),
        ),
        advice={
            LOW: Advice(Text(
                "Börja med behovet: beskriv samhällsutmaningen i översikten med siffror (t.ex. "
                "från SCB eller kommunens statistik) och fråga dem det gäller. Lista sedan "
                "intressentgrupperna och vad som ska förändras för var och en.",
                "Start with the need: describe the societal challenge in the overview with "
                "figures (e.g. from Statistics Sweden or the municipality) and ask the people "
                "concerned. Then list the stakeholder groups and what should change for "
                "each."), ("detail", "stakeholders")),
            MEDIUM: Advice(Text(
                "Låt dem det gäller vara med i utformning och beslut, inte bara tillfrågas. "
                "Komplettera intressentkartan med oavsiktliga och negativa effekter – SROI-"
                "guiden kräver dem, och de gör bilden trovärdig.",
                "Let the people concerned take part in design and decisions, not only be "
                "consulted. Add unintended and negative outcomes to the stakeholder map – the "
                "SROI guide asks for them, and they make the picture credible."),
                ("stakeholders",)),
            HIGH: Advice(Text(
                "Behovet och intressenterna är väl beskrivna. Håll beskrivningen levande: gå "
                "igenom effekterna med intressenterna varje år och koppla varje viktig effekt "
                "till en indikator.",
                "The need and the stakeholders are well described. Keep it current: review "
                "the outcomes with the stakeholders every year and link each important outcome "
                "to an indicator."), ("stakeholders", "indicators")),
        },
    ),
    Dimension(
        key="cross_sector",
        title=Text("Samverkan över sektorsgränser", "Cross-sector involvement"),
        description=Text(
            "Om offentlig sektor, näringsliv, civilsamhälle och akademi arbetar tillsammans, "
            "och hur.",
            "Whether the public sector, business, civil society and academia work together, "
            "and how."),
        questions=(
            _q("sectors_involved",
               "Hur många sektorer deltar aktivt (offentlig, privat, civilsamhälle, akademi)?",
               "How many sectors take an active part (public, private, civil society, "
               "academia)?",
               ("Bara vår egen organisation", "Only our own organisation"),
               ("Flera organisationer i en sektor", "Several organisations in one sector"),
               ("Två sektorer", "Two sectors"),
               ("Tre sektorer", "Three sectors"),
               ("Fyra sektorer, eller fler tillsammans med dem det gäller",
                "Four sectors, or more together with the people concerned")),
            _q("collaboration_form",
               "Hur är samverkan organiserad?",
               "How is the collaboration organised?",
               ("Inte organiserad", "Not organised"),
               ("Enstaka kontakter", "Occasional contacts"),
               ("Regelbundna möten", "Regular meetings"),
               ("Ett gemensamt mål och överenskomna roller", "A shared goal and agreed roles"),
               ("Gemensamt mål, roller, resurser och beslut (t.ex. en koalitionsöverenskommelse)",
                "A shared goal, roles, resources and decisions (e.g. a coalition agreement)")),
            _q("partner_resources",
               "Bidrar parterna med resurser (pengar, arbetstid, lokaler, data)?",
               "Do the partners contribute resources (money, staff time, premises, data)?",
               ("Nej", "No"),
               ("En part står för allt", "One partner carries everything"),
               ("Några bidrag i form av tid eller lokaler",
                "Some contributions of time or premises"),
               ("Flera parter bidrar", "Several partners contribute"),
               ("Alla parter bidrar och det är dokumenterat",
                "All partners contribute, and it is documented")),
        ),
        advice={
            LOW: Advice(Text(
                "Kartlägg vilka aktörer som äger eller påverkar utmaningen, i alla sektorer, och "
                "bjud in minst en part från en annan sektor. Koalitionsmodellen beskriver hur "
                "man samlar parter kring en samhällsutmaning; aktörskatalogen visar vem som "
                "erbjuder vad.",
                "Map who owns or influences the challenge, in every sector, and invite at least "
                "one partner from another sector. The Coalition Model describes how to gather "
                "partners around a societal challenge; the actor directory shows who offers "
                "what."), ("stakeholders",)),
            MEDIUM: Advice(Text(
                "Gå från möten till en överenskommelse: ett gemensamt mål, roller, vem som "
                "bidrar med vad och hur beslut fattas (Koalitionsmodellen). Lägg in parternas "
                "bidrag i insatsernas totala värde i värdekartan.",
                "Move from meetings to an agreement: a shared goal, roles, who contributes what "
                "and how decisions are made (the Coalition Model). Count the partners' "
                "contributions in the total value of inputs in the value map."),
                ("value_map",)),
            HIGH: Advice(Text(
                "Samverkan är stark. Gör den långsiktig: skriv in ägarskap och finansiering "
                "efter projekttiden i överenskommelsen och visa varje parts värde i "
                "värdekartan, så att alla ser varför de ska stanna kvar.",
                "The collaboration is strong. Make it last: write ownership and funding after "
                "the project period into the agreement, and show each partner's value in the "
                "value map so everyone sees why to stay."), ("value_map", "sroi")),
        },
    ),
    Dimension(
        key="evidence",
        title=Text("Evidens och uppföljning", "Evidence"),
        description=Text(
            "Om ni vet – och kan visa – att initiativet gör skillnad och vad den är värd.",
            "Whether you know – and can show – that the initiative makes a difference, and "
            "what it is worth."),
        questions=(
            _q("evidence_toc",
               "Har ni en förändringsteori som kopplar aktiviteter till effekter?",
               "Do you have a theory of change that links activities to outcomes?",
               ("Nej", "No"),
               ("I huvudet", "In our heads"),
               ("Nedskriven, utan antaganden", "Written down, without assumptions"),
               ("Nedskriven med antaganden för varje koppling",
                "Written down with the assumption on each link"),
               ("Nedskriven med antaganden och prövad mot resultaten",
                "Written down with assumptions, and tested against the results")),
            _q("evidence_indicators",
               "Mäter ni effekter med indikatorer (utgångsläge, mål, datakälla)?",
               "Do you measure outcomes with indicators (baseline, target, data source)?",
               ("Nej", "No"),
               ("Vi räknar bara aktiviteter", "We count activities only"),
               ("Några effektindikatorer", "Some outcome indicators"),
               ("Indikatorer med utgångsläge och mål för de viktigaste effekterna",
                "Indicators with baseline and target for the main outcomes"),
               ("Indikatorer mätta över tid, uppdelade och med jämförelse eller uppföljning",
                "Indicators measured over time, broken down, with a comparison or follow-up")),
            _q("evidence_value",
               "Har ni värderat effekterna (t.ex. en värdekarta eller SROI)?",
               "Have you valued the outcomes (e.g. a value map or SROI)?",
               ("Nej", "No"),
               ("Vi har funderat på det", "We have thought about it"),
               ("Några effekter värderade, utan källor", "Some outcomes valued, without sources"),
               ("En värdekarta med finansiella proxyer med källor",
                "A value map with sourced financial proxies"),
               ("En SROI med dödvikt, tillskrivning, avtagande effekt och känslighetsanalys",
                "An SROI with deadweight, attribution, drop-off and a sensitivity analysis")),
        ),
        advice={
            LOW: Advice(Text(
                "Skriv ner förändringsteorin: insatser → aktiviteter → prestationer → effekter "
                "→ samhällspåverkan, med ett antagande på varje pil. Välj sedan en eller två "
                "indikatorer för den viktigaste effekten, med utgångsläge och mål.",
                "Write down the theory of change: inputs → activities → outputs → outcomes → "
                "impact, with an assumption on each arrow. Then choose one or two indicators "
                "for the most important outcome, with a baseline and a target."),
                ("toc", "indicators")),
            MEDIUM: Advice(Text(
                "Mät över tid: importera mätvärden regelbundet (CSV) och dela upp dem (t.ex. "
                "kön, ålder). Bygg en värdekarta med finansiella proxyer ur biblioteket och "
                "ange dödvikt och tillskrivning ärligt.",
                "Measure over time: import measurements regularly (CSV) and break them down "
                "(e.g. gender, age). Build a value map with financial proxies from the library "
                "and state deadweight and attribution honestly."),
                ("indicators", "value_map")),
            HIGH: Advice(Text(
                "Evidensen är god. Pröva den: gör känslighetsanalysen i SROI-vyn, jämför "
                "förändringsteorins antaganden med resultaten och låt någon utanför teamet "
                "granska värdekartan innan ni publicerar kvoten.",
                "The evidence is good. Test it: run the sensitivity analysis in the SROI view, "
                "compare the theory of change's assumptions with the results, and have "
                "someone outside the team review the value map before you publish the "
                "ratio."), ("sroi", "toc")),
        },
    ),
    Dimension(
        key="scaling",
        title=Text("Potential att skala", "Potential to scale"),
        description=Text(
            "Om arbetssättet kan leva vidare efter projektet och spridas till fler.",
            "Whether the way of working can outlive the project and spread to others."),
        questions=(
            _q("scaling_described",
               "Är arbetssättet beskrivet så att andra kan använda det?",
               "Is the way of working described so that others could use it?",
               ("Nej", "No"),
               ("Finns bara hos dem som gör det", "Only the people doing it know it"),
               ("Delvis nedskrivet", "Partly written down"),
               ("En beskrivning eller handbok", "A description or handbook"),
               ("En handbok som andra har använt", "A handbook that others have used")),
            _q("scaling_ownership",
               "Finns en plan för långsiktig finansiering och ägarskap efter projektet?",
               "Is there a plan for long-term funding and ownership after the project?",
               ("Nej", "No"),
               ("Vi hoppas på ny projektfinansiering", "We hope for new project funding"),
               ("Samtal med möjliga ägare eller finansiärer",
                "Talks with possible owners or funders"),
               ("En plan med en utsedd ägare", "A plan with a named owner"),
               ("Beslutat: finansiering och ägarskap är säkrade",
                "Decided: funding and ownership are in place")),
            _q("scaling_spread",
               "Hur långt kan det spridas (andra platser, grupper, organisationer)?",
               "How far could it spread (other places, groups, organisations)?",
               ("Inte utanför den här platsen", "Not beyond this place"),
               ("Andra är intresserade, inte utrett", "Others are interested; not explored"),
               ("Förutsättningarna för spridning är analyserade",
                "The conditions for spreading are analysed"),
               ("Prövat på ytterligare en plats eller i en organisation till",
                "Tried in one more place or organisation"),
               ("Används på flera platser eller har blivit ordinarie verksamhet",
                "Running in several places, or part of regular services")),
        ),
        advice={
            LOW: Advice(Text(
                "Skriv ner arbetssättet medan det pågår (vem gör vad, vad behövs) och börja "
                "tidigt prata med den som kan äga det efter projektet – ofta en kommun eller "
                "region. Ett SROI-resultat är ett starkt underlag i det samtalet.",
                "Write the way of working down while it runs (who does what, what it needs) and "
                "talk early with whoever could own it after the project – often a municipality "
                "or region. An SROI result is strong support in that conversation."),
                ("value_map", "sroi")),
            MEDIUM: Advice(Text(
                "Gör en plan för ägarskap och finansiering med en utsedd mottagare, och pröva "
                "arbetssättet på ytterligare en plats. Följ samma indikatorer där, så att "
                "resultaten går att jämföra.",
                "Make a plan for ownership and funding with a named recipient, and try the way "
                "of working in one more place. Follow the same indicators there so the results "
                "can be compared."), ("indicators",)),
            HIGH: Advice(Text(
                "Initiativet är redo att spridas. Publicera rapporten och en handbok, beskriv "
                "vilka förutsättningar som måste finnas på en ny plats (i förändringsteorins "
                "antaganden) och erbjud stöd till dem som vill ta efter.",
                "The initiative is ready to spread. Publish the report and a handbook, describe "
                "which conditions a new place must meet (in the theory of change's "
                "assumptions) and offer support to those who want to adopt it."),
                ("toc",)),
        },
    ),
)

DIMENSIONS_BY_KEY: dict[str, Dimension] = {d.key: d for d in DIMENSIONS}
QUESTIONS: dict[str, tuple[Dimension, Question]] = {
    q.key: (d, q) for d in DIMENSIONS for q in d.questions
}


# --- Validation ----------------------------------------------------------------------------


@dataclass(frozen=True)
class AnswerProblem:
    code: str  # not_a_mapping / unknown_question / missing / not_a_whole_number / out_of_range
    question: str  # the question's key ("" for the whole submission)
    message: str  # English; the Django layer shows a translated one by ``code``


class AnswersError(ValueError):
    """The answers do not fit the questionnaire; ``problems`` lists every problem found."""

    def __init__(self, problems: list[AnswerProblem]) -> None:
        super().__init__("; ".join(p.message for p in problems))
        self.problems = problems


def validate_answers(answers: object) -> dict[str, int]:
    """Every question answered once with a whole number 0–4, nothing else; or AnswersError.

    Returns the answers in questionnaire order. Booleans and floats are
    refused rather than converted (True is not 1 here; 2.5 is not a step),
    and so are numeric strings: answers come from the form as integers.
    """
    if not isinstance(answers, Mapping):
        raise AnswersError([AnswerProblem("not_a_mapping", "",
                                          "Answers must be a mapping of question to value.")])
    problems: list[AnswerProblem] = []
    for key in answers:
        if key not in QUESTIONS:
            problems.append(AnswerProblem("unknown_question", str(key),
                                          f"{key}: there is no such question."))
    clean: dict[str, int] = {}
    for key in QUESTIONS:
        if key not in answers or answers[key] is None:
            problems.append(AnswerProblem("missing", key, f"{key}: an answer is required."))
            continue
        value = answers[key]
        if isinstance(value, bool) or not isinstance(value, int):
            problems.append(AnswerProblem("not_a_whole_number", key,
                                          f"{key}: {value!r} is not a whole number."))
        elif not MIN_ANSWER <= value <= MAX_ANSWER:
            problems.append(AnswerProblem(
                "out_of_range", key,
                f"{key}: {value} is outside {MIN_ANSWER}–{MAX_ANSWER}."))
        else:
            clean[key] = value
    if problems:
        raise AnswersError(problems)
    return clean


# --- Scoring -------------------------------------------------------------------------------


def _round(value: Decimal) -> Decimal:
    return value.quantize(_PLACES, rounding=ROUND_HALF_UP)


def band(score: Decimal) -> str:
    """low below 1.5, medium from 1.5 up to (not including) 3, high from 3."""
    if score < LOW_BELOW:
        return LOW
    if score < HIGH_FROM:
        return MEDIUM
    return HIGH


@dataclass(frozen=True)
class Result:
    """Scores 0–4 per dimension (questionnaire order) and overall, rounded to 0.01."""

    dimensions: dict[str, Decimal]
    overall: Decimal

    def band(self, key: str) -> str:
        return band(self.dimensions[key])

    @property
    def overall_band(self) -> str:
        return band(self.overall)

    def weakest(self) -> list[str]:
        """The dimension(s) with the lowest score: where to start."""
        low = min(self.dimensions.values())
        return [k for k, v in self.dimensions.items() if v == low]

    def as_json(self) -> dict[str, str]:
        """For storage: Decimal as strings, so nothing passes through a float."""
        return {k: str(v) for k, v in self.dimensions.items()}

    @classmethod
    def from_json(cls, data: Mapping[str, object], overall: Decimal) -> Result:
        return cls(dimensions={d.key: Decimal(str(data[d.key])) for d in DIMENSIONS
                               if d.key in data}, overall=overall)


def score(answers: object) -> Result:
    """Validate and score: a dimension is its answers' mean, overall the dimensions' mean."""
    clean = validate_answers(answers)
    exact: dict[str, Decimal] = {}
    for d in DIMENSIONS:
        values = [clean[q.key] for q in d.questions]
        exact[d.key] = Decimal(sum(values)) / Decimal(len(values))
    overall = sum(exact.values(), Decimal(0)) / Decimal(len(exact))
    return Result(dimensions={k: _round(v) for k, v in exact.items()}, overall=_round(overall))


def advice_for(result: Result) -> list[tuple[Dimension, str, Advice]]:
    """(dimension, band, advice) for each dimension, in questionnaire order."""
    return [(d, result.band(d.key), d.advice[result.band(d.key)])
            for d in DIMENSIONS if d.key in result.dimensions]


# --- Comparison with the previous submission -----------------------------------------------


@dataclass(frozen=True)
class Change:
    key: str  # a dimension key, or "overall"
    previous: Decimal | None
    current: Decimal

    @property
    def delta(self) -> Decimal | None:
        return None if self.previous is None else self.current - self.previous

    @property
    def direction(self) -> str:
        """up / down / same / new, so the page need not rely on a sign or a colour."""
        if self.delta is None:
            return "new"
        return "up" if self.delta > 0 else "down" if self.delta < 0 else "same"


def compare(current: Result, previous: Result | None) -> list[Change]:
    """The change per dimension and overall since ``previous`` (None: the first submission)."""
    changes = [Change(key, previous.dimensions.get(key) if previous else None, value)
               for key, value in current.dimensions.items()]
    changes.append(Change("overall", previous.overall if previous else None, current.overall))
    return changes


# --- Bar chart geometry (the SVG is drawn by a template) ------------------------------------


@dataclass(frozen=True)
class Bar:
    key: str
    value: Decimal
    y: float
    width: float
    label_y: float


@dataclass(frozen=True)
class BarChart:
    width: int
    height: int
    left: int  # where the bars start (labels sit to the left)
    plot_width: int
    bar_height: int
    bars: list[Bar]
    ticks: list[tuple[float, int]]  # (x, value) for 0…4


def bar_chart(result: Result, *, width: int = 640, left: int = 220,
              bar_height: int = 22, gap: int = 14) -> BarChart:
    """Horizontal bars on the 0–4 scale; the value is also written beside each bar."""
    plot_width = width - left - 56
    top = 8
    bars = []
    for i, (key, value) in enumerate(result.dimensions.items()):
        y = top + i * (bar_height + gap)
        bars.append(Bar(key=key, value=value, y=y,
                        width=float(value / MAX_SCORE) * plot_width,
                        label_y=y + bar_height / 2))
    height = top + len(bars) * (bar_height + gap) + 20
    ticks = [(left + plot_width * v / MAX_ANSWER, v) for v in range(MIN_ANSWER, MAX_ANSWER + 1)]
    return BarChart(width=width, height=height, left=left, plot_width=plot_width,
                    bar_height=bar_height, bars=bars, ticks=ticks)
