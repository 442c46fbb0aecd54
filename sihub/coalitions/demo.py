"""Demo content for coalitions: five cross-sector coalitions, one in each later phase.

Each coalition forms around a real kind of Swedish challenge (an inclusive
working life in Västerbotten, food and community in Malmö, digital inclusion
of older people in Jämtland, housing for young people in Stockholm, circular
textiles in Botkyrka) with members from the demo actors of every sector:
public, private, academia and civil society, and the social economy where it
fits. Each has roles, contact people (fictional, example.org), a dated phase
history with the decision behind each move, commitments (some of them overdue,
so the reminders and the overdue list have something to show), meetings with
agenda, notes and decisions, and links to the demo initiatives on the same
challenge. Two carry a theory of change. Four are published; the youth
housing one is not, and its academic partner has been invited but not yet
answered, so its balance warning shows ("No member from academia yet").

The demo member account (Maja) is the active contact of two member
organisations, so logging in as her shows a member's workspace.

The rows are made directly, each validated with ``full_clean`` inside one
transaction per coalition, rather than through the services: demo data
describes a past (phase changes dated months ago, commitments already
overdue) that the services, which stamp "now" and check who acts, would not
let anyone write. Coalitions are looked up by slug, so running ``seed_demo``
again creates nothing new and leaves edited coalitions alone. Dates are
relative to the day of seeding.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import models, transaction
from django.utils import timezone

from sihub.actors.models import Actor
from sihub.coalitions.models import (
    PHASE_ORDER,
    Coalition,
    CoalitionMember,
    Commitment,
    CommitmentKind,
    CommitmentStatus,
    Decision,
    Meeting,
    MemberRole,
    MemberStatus,
    Phase,
    PhaseChange,
)
from sihub.core.demo import ACCOUNTS, Log
from sihub.core.models import County, Municipality, User
from sihub.impact.models import ElementKind, Initiative, TheoryOfChange, ToCElement, ToCLink
from sihub.sdg.models import Goal, Target

ADMIN_EMAIL = ACCOUNTS[0][0]
MEMBER_EMAIL = next(a[0] for a in ACCOUNTS if a[1] == "Maja")
MAJA = "maja"  # in a member's spec: the demo member account is its contact

I, C, P, F, E = (MemberRole.INITIATOR, MemberRole.CORE, MemberRole.PARTNER, MemberRole.FUNDER,
                 MemberRole.EXPERT)
PHASE_DECISIONS = {
    Phase.INITIATE: "Initiativtagarna beslutade att samla aktörer kring utmaningen.",
    Phase.EXPLORE: "Styrgruppen beslutade att kartlägga utmaningen tillsammans med målgruppen "
                   "innan lösningar väljs.",
    Phase.FORM: "Parterna enades om gemensam vision, mål och roller och undertecknade en "
                "avsiktsförklaring.",
    Phase.CO_CREATE: "Kartläggningen var klar; styrgruppen beslutade att ta fram och testa "
                     "lösningar i små piloter.",
    Phase.ACT: "Piloterna föll väl ut; parterna beslutade att genomföra i full skala med "
               "fördelade åtaganden.",
    Phase.EVALUATE_SCALE: "Genomförandet är klart; styrgruppen beslutade att utvärdera och "
                          "sprida arbetssättet till fler kommuner.",
}

COALITIONS: list[dict[str, Any]] = [
    {
        "slug": "inkluderande-arbetsliv-vasterbotten",
        "title": "Inkluderande arbetsliv i Västerbotten",
        "phase": Phase.ACT, "public": True,
        "challenge": "Många unga och personer som står långt från arbetsmarknaden i Västerbotten "
                     "får inte fäste i arbetslivet, samtidigt som arbetsgivare har svårt att "
                     "rekrytera. Stöd från kommun, Arbetsförmedling, civilsamhälle och "
                     "arbetsintegrerande sociala företag hänger inte ihop.",
        "vision": "Ett arbetsliv i Västerbotten där alla som kan och vill arbeta får en väg in.",
        "goals": "300 personer i arbete eller studier inom tre år; en gemensam väg in för "
                 "arbetsgivare; fler platser hos arbetsintegrerande sociala företag.",
        "summary_sv": "Kommuner, region, näringsliv, universitet, föreningar och sociala företag "
                      "bygger tillsammans en väg in i arbetslivet.",
        "summary_en": "Municipalities, the region, businesses, the university, associations and "
                      "social enterprises build one way into working life together.",
        "results": "Gemensam matchningsfunktion i drift sedan våren; 84 personer har fått "
                   "anställning eller börjat studera.",
        "sdgs": [8, 10, 4], "targets": ["8.5", "8.6", "10.2"],
        "counties": ["24"], "municipalities": ["2480", "2482"],
        "needs": ["funding", "partnership", "research"],
        "members": [
            ("Region Västerbotten", I, "Karin Lindqvist"),
            ("Umeå kommun", C, "Johan Berglund"),
            ("Arbetsförmedlingen", P, "Sara Nyström"),
            ("Kompassen Social Inkubator", P, "Erik Holmgren"),
            ("Norrviken Fastigheter AB", P, "Lena Åström"),
            ("Umeå universitet", E, "Mikael Forsberg"),
            ("Föreningen Läxhjälpen Umeå", P, "Amina Hassan"),
            ("Stiftelsen Bygdekraft Norr", F, "Per Lundmark"),
            ("Kaffekoppen Umeå", C, MAJA),
            ("Nätverket Sociala Företag Norr", C, "Sofia Marklund"),
        ],
        "initiatives": ["unga-i-jobb-umea"],
        "toc": {
            "input": "Personal och lokaler från kommunen, regionen och de sociala företagen; "
                     "stiftelsens medel.",
            "activities": ["Gemensam matchning mellan arbetssökande och arbetsgivare",
                           "Handledda praktikplatser hos sociala företag"],
            "outputs": ["200 praktikplatser per år", "En väg in för arbetsgivare"],
            "short": "Deltagarna får arbetslivserfarenhet och referenser.",
            "long": "Fler personer i varaktig anställning eller studier.",
            "impact": "Ett inkluderande arbetsliv i Västerbotten (mål 8.5).",
        },
    },
    {
        "slug": "mat-och-gemenskap-malmo",
        "title": "Mat och gemenskap i Malmö",
        "phase": Phase.CO_CREATE, "public": True,
        "challenge": "I Malmö slängs stora mängder ätbar mat samtidigt som många hushåll har "
                     "svårt att få maten att räcka och många äter ensamma. Överskottet når inte "
                     "dem som behöver det.",
        "vision": "Ingen ätbar mat slängs i Malmö, och den som vill har någon att äta med.",
        "goals": "Tre gemensamma kök i stadsdelarna; halverat matsvinn hos deltagande "
                 "butiker; 20 arbetstränande platser.",
        "summary_sv": "Staden, livsmedelsbutiker, grossister, forskare och kooperativ tar "
                      "tillvara överskottsmat och skapar mötesplatser kring måltider.",
        "summary_en": "The city, food shops, wholesalers, researchers and cooperatives put "
                      "surplus food to use and create places to share meals.",
        "results": "Två piloter med gemensamma middagar i Rosengård och Södra Innerstaden.",
        "sdgs": [2, 12, 11], "targets": ["12.3", "2.1"],
        "counties": ["12"], "municipalities": ["1280"],
        "needs": ["premises", "network"],
        "members": [
            ("Malmö stad", I, "Fatima Ali"),
            ("Livsmedelsbutiken Möllan AB", P, "Niklas Persson"),
            ("Skånes Matgrossist AB", F, "Helena Kjellberg"),
            ("Malmö universitet", E, "Jonas Ek"),
            ("Sydsvenskt nätverk för social innovation", C, "Maria Olsson"),
            ("Kooperativet Överskottet", C, "Omar Khalil"),
            ("Gemenskapsfonden Skåne", F, "Anna Svensson"),
        ],
        "initiatives": [],
        "toc": None,
    },
    {
        "slug": "digital-delaktighet-aldre-jamtland",
        "title": "Digital delaktighet för äldre i Jämtland",
        "phase": Phase.EXPLORE, "public": True,
        "challenge": "Många äldre i Jämtlands län står utanför den digitala vardagen: bank, "
                     "vård och kontakt med myndigheter. Avstånden är långa och stödet splittrat.",
        "vision": "Alla äldre i länet kan och vågar använda de digitala tjänster de behöver.",
        "goals": "Kartlägga behoven i tre kommuner; hitta former för stöd nära hemmet.",
        "summary_sv": "Kommun, region, IT-företag, universitet, landsbygdsnätverk och en "
                      "digitalverkstad kartlägger hur äldre kan bli digitalt delaktiga.",
        "summary_en": "A municipality, the region, an IT company, the university, a rural "
                      "network and a digital workshop map how older people can take part "
                      "digitally.",
        "results": "",
        "sdgs": [10, 4, 3], "targets": ["10.2", "4.4"],
        "counties": ["23"], "municipalities": ["2380", "2309"],
        "needs": ["education", "tools"],
        "members": [
            ("Digitalverkstaden Östersund", I, MAJA),
            ("Östersunds kommun", C, "Lars Jonsson"),
            ("Region Jämtland Härjedalen", P, "Eva Hallberg"),
            ("Krokoms IT-service AB", P, "Daniel Sjöberg"),
            ("Mittuniversitetet", E, "Ingrid Wallin"),
            ("Landsbygdsnätverket Jämtland", P, "Gunnar Ersson"),
        ],
        "initiatives": ["digital-delaktighet-ostersund"],
        "toc": None,
    },
    {
        "slug": "bostad-for-unga-stockholm",
        "title": "Bostad för unga i Stockholm",
        "phase": Phase.FORM, "public": False,
        "challenge": "Unga vuxna som lämnar familjehem, HVB eller hemlöshet i Stockholm har "
                     "svårt att få ett förstahandskontrakt och hamnar i osäkra boenden.",
        "vision": "Varje ung person i Stockholm har ett tryggt eget boende.",
        "goals": "Forma en koalition med bostadsföretag, staden och föreningar; enas om en "
                 "modell för övergångsboende med stöd.",
        "summary_sv": "", "summary_en": "", "results": "",
        "sdgs": [11, 1, 10], "targets": ["11.1"],
        "counties": ["01"], "municipalities": ["0180", "0126"],
        "needs": ["premises", "funding", "research"],
        "members": [
            ("Föreningen Nattcaféet Stockholm", I, "Hanna Lind"),
            ("Stockholms stad", C, "Ahmed Yusuf"),
            ("Samhällsvärde Konsult AB", P, "Karl Wikström"),
            ("Ungdomens Hus Huddinge", P, "Elin Strand"),
            ("Stiftelsen Gemensam Framtid", F, "Birgitta Norén"),
            # Invited, no answer yet: the balance warns that academia is missing.
            ("Ersta Sköndal Bräcke högskola", E, "Tove Sandberg", MemberStatus.INVITED),
        ],
        "initiatives": ["nattcafeet-bostad-forst"],
        "toc": None,
    },
    {
        "slug": "cirkulara-textilier-botkyrka",
        "title": "Cirkulära textilier",
        "phase": Phase.EVALUATE_SCALE, "public": True,
        "challenge": "Textilier står för stora utsläpp och det mesta slängs efter kort tid. "
                     "Samtidigt behöver många kvinnor som står utanför arbetsmarknaden en väg "
                     "in i arbete.",
        "vision": "Textilier används länge, lagas och sys om – av människor som får arbete "
                  "genom det.",
        "goals": "Utvärdera modellen med sömnadsateljéer; sprida den till fem kommuner.",
        "summary_sv": "Kommun, region, möbelindustri, forskare, föreningar och sociala företag "
                      "sorterar, lagar och syr om textilier och skapar arbete.",
        "summary_en": "A municipality, the region, a furniture maker, researchers, associations "
                      "and social enterprises sort, repair and remake textiles and create jobs.",
        "results": "12 ton textilier omhändertagna; 18 kvinnor anställda i ateljéerna; "
                   "utvärderingsrapport från universitetet.",
        "sdgs": [12, 5, 8], "targets": ["12.5", "8.5", "5.5"],
        "counties": ["01"], "municipalities": ["0127"],
        "needs": ["partnership", "funding"],
        "members": [
            ("Textilverkstaden Botkyrka", I, "Leyla Demir"),
            ("Botkyrka kommun", C, "Magnus Hedlund"),
            ("Region Stockholm", F, "Cecilia Björk"),
            ("Växjö Möbelfabrik AB", P, "Peter Nilsson"),
            ("Göteborgs universitet", E, "Ulrika Stenberg"),
            ("Kvinnor i Samverkan Södertälje", C, "Nadia Rahimi"),
            ("Miljöföreningen Gröna Nyköping", P, "Oskar Lind"),
            ("Vävstugan Jokkmokk", P, "Inga Pavval"),
            ("Återbruket Nyköping", P, "Tomas Ek"),
        ],
        "initiatives": ["aterbruk-och-arbetstraning-nykoping"],
        "toc": {
            "input": "Insamlade textilier, ateljéer i kommunens lokaler och regionens medel.",
            "activities": ["Sortering och lagning av insamlade textilier",
                           "Sömnadsutbildning med handledning"],
            "outputs": ["Ombyggda produkter till möbelindustrin", "Utbildade sömmerskor"],
            "short": "Deltagarna får yrkeskunskap och en anställning i ateljén.",
            "long": "Mindre textilavfall och fler kvinnor i varaktigt arbete.",
            "impact": "Hållbar konsumtion och jämställt arbetsliv (mål 12.5 och 5.5).",
        },
    },
]

# Commitments by phase: (member index, kind, what, amount, unit, due in days, status).
# A negative due date that is still open is overdue.
COMMITMENTS: list[tuple[int, str, str, str | None, str, int, str]] = [
    (0, CommitmentKind.TIME, "Samordnare på halvtid för koalitionens arbete", "800", "timmar",
     120, CommitmentStatus.IN_PROGRESS),
    (1, CommitmentKind.PREMISES, "Lokal för gemensamma möten och verkstäder", None, "", -30,
     CommitmentStatus.DELIVERED),
    (2, CommitmentKind.DATA, "Avidentifierad statistik om målgruppen till kartläggningen",
     None, "", -14, CommitmentStatus.PROMISED),
    (3, CommitmentKind.PILOT, "Pilot med fem deltagare under våren", None, "", -7,
     CommitmentStatus.IN_PROGRESS),
    (-1, CommitmentKind.MONEY, "Medfinansiering av första året", "250000", "SEK", 60,
     CommitmentStatus.PROMISED),
]


def _by(model: Any, field: str, values: list[Any]) -> list[Any]:
    return list(model.objects.filter(**{f"{field}__in": values}))


def _actors(names: list[str]) -> dict[str, Actor]:
    found: dict[str, Actor] = {}
    for actor in Actor.objects.filter(name__in=names).order_by("pk"):
        found.setdefault(actor.name, actor)
    return found


def _save(obj: models.Model) -> Any:
    obj.full_clean()
    obj.save()
    return obj


def _at(day: dt.date, hour: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))


def _email(name: str) -> str:
    base = name.lower().translate(str.maketrans("åäöéü ", "aaoeu."))
    return f"{base}@example.org"


def _theory_of_change(spec: dict[str, Any]) -> TheoryOfChange:
    """Input → activities → outputs → outcomes → impact, each link with its assumption."""
    toc = _save(TheoryOfChange(title=f"Förändringsteori: {spec['title']}",
                               description="Koalitionens gemensamma förändringsteori."))
    t = spec["toc"]
    position = iter(range(100))

    def add(kind: str, text: str) -> ToCElement:
        return _save(ToCElement(toc=toc, kind=kind, text=text, position=next(position)))

    def link(source: ToCElement, target: ToCElement, assumption: str) -> None:
        _save(ToCLink(toc=toc, source=source, target=target, assumption=assumption))

    source = add(ElementKind.INPUT, t["input"])
    activities = [add(ElementKind.ACTIVITY, a) for a in t["activities"]]
    outputs = [add(ElementKind.OUTPUT, o) for o in t["outputs"]]
    short = add(ElementKind.OUTCOME_SHORT, t["short"])
    long = add(ElementKind.OUTCOME_LONG, t["long"])
    impact = add(ElementKind.IMPACT, t["impact"])
    for activity, output in zip(activities, outputs, strict=True):
        link(source, activity, "Resurserna finns på plats hela perioden.")
        link(activity, output, "Målgruppen nås genom parternas kontaktvägar och vill delta.")
        link(output, short, "")
    link(short, long, "Arbetsgivare och parter tar emot dem som gått igenom insatsen.")
    link(long, impact, "Förändringen består och fler aktörer bygger vidare på den.")
    return toc


def create_coalition(spec: dict[str, Any], *, admin: User | None,
                     member: User | None) -> Coalition:
    """One coalition and everything in it, validated row by row."""
    today = timezone.localdate()
    phase_index = PHASE_ORDER.index(spec["phase"])
    started = today - dt.timedelta(days=60 + 75 * phase_index)
    coalition = _save(Coalition(
        title=spec["title"], slug=spec["slug"], challenge=spec["challenge"],
        vision=spec["vision"], goals=spec["goals"], phase=spec["phase"],
        is_public=spec["public"], public_summary_sv=spec["summary_sv"],
        public_summary_en=spec["summary_en"], results=spec["results"],
        needed_offering_kinds=spec["needs"], created_by=admin,
        theory_of_change=_theory_of_change(spec) if spec["toc"] else None,
        created_at=_at(started, 9)))
    coalition.sdgs.set(_by(Goal, "number", spec["sdgs"]))
    coalition.targets.set(_by(Target, "code", spec["targets"]))
    coalition.counties.set(_by(County, "code", spec["counties"]))
    coalition.municipalities.set(_by(Municipality, "code", spec["municipalities"]))
    coalition.initiatives.set(_by(Initiative, "slug", spec["initiatives"]))

    # The history: created (initiate), then one move per phase up to today's.
    previous = ""
    for i, phase in enumerate(PHASE_ORDER[:phase_index + 1]):
        _save(PhaseChange(coalition=coalition, from_phase=previous, to_phase=phase,
                          decided_on=started + dt.timedelta(days=75 * i),
                          decision=PHASE_DECISIONS[Phase(phase)], changed_by=admin))
        previous = phase

    actors = _actors([m[0] for m in spec["members"]])
    members: list[CoalitionMember] = []
    for name, role, contact, *rest in spec["members"]:
        actor = actors.get(name)
        if actor is None:
            continue  # the actors demo did not run, or its names changed
        status = rest[0] if rest else MemberStatus.ACTIVE
        account = member if contact == MAJA else None
        contact_name = account.get_full_name() if account else ("" if contact == MAJA else contact)
        invited = _at(started + dt.timedelta(days=7), 10)
        members.append(_save(CoalitionMember(
            coalition=coalition, actor=actor, role=role, status=status,
            contact_name=contact_name,
            contact_email=account.email if account else (_email(contact) if contact_name else ""),
            contact=account if status == MemberStatus.ACTIVE else None,
            invited_at=invited,
            responded_at=invited + dt.timedelta(days=5) if status == MemberStatus.ACTIVE
            else None)))
    active = [m for m in members if m.status == MemberStatus.ACTIVE]

    # Commitments from the phase of forming onwards (before it, nobody has committed yet).
    if active and phase_index >= PHASE_ORDER.index(Phase.FORM):
        for index, kind, text, amount, unit, due, status in COMMITMENTS:
            _save(Commitment(coalition=coalition, member=active[index % len(active)], kind=kind,
                             description=text, amount=Decimal(amount) if amount else None,
                             unit=unit, due_on=today + dt.timedelta(days=due), status=status))

    # A past meeting with notes and decisions, and the next one with its agenda.
    past = _save(Meeting(
        coalition=coalition, title="Styrgruppsmöte",
        starts_at=_at(today - dt.timedelta(days=21), 13),
        location="Digitalt (Teams)",
        agenda="1. Läget i arbetet\n2. Åtaganden: vad är gjort, vad är försenat?\n"
               "3. Nästa steg i fasen\n4. Övrigt",
        notes="Alla parter närvarade. Genomgång av åtagandena; två är försenade och följs upp "
              "till nästa möte. Diskussion om hur målgruppen kan involveras mer."))
    _save(Decision(coalition=coalition, meeting=past, decided_on=past.starts_at.date(),
                   text="Försenade åtaganden följs upp av samordnaren inom två veckor."))
    _save(Decision(coalition=coalition, meeting=past, decided_on=past.starts_at.date(),
                   text="Målgruppen bjuds in till nästa workshop."))
    _save(Decision(coalition=coalition, decided_on=today - dt.timedelta(days=10),
                   text="Kommunikationsplanen godkändes per e-post."))
    _save(Meeting(
        coalition=coalition, title="Workshop med målgruppen",
        starts_at=_at(today + dt.timedelta(days=14), 9), location="Kommunhuset, sal 2",
        agenda="1. Välkomna\n2. Vad behöver ni?\n3. Idéer och prioriteringar\n4. Sammanfattning"))
    return coalition


def seed(*, scale: int, log: Log) -> None:
    """The five demo coalitions; those already there (by slug) are left alone."""
    admin = User.objects.filter(email=ADMIN_EMAIL).first()
    member = User.objects.filter(email=MEMBER_EMAIL).first()
    have = set(Coalition.objects.filter(slug__in=[s["slug"] for s in COALITIONS])
               .values_list("slug", flat=True))
    added = 0
    for spec in COALITIONS:
        if spec["slug"] in have:
            continue
        with transaction.atomic():
            create_coalition(spec, admin=admin, member=member)
        added += 1
    published = sum(1 for s in COALITIONS if s["public"])
    log(f"coalitions: {len(COALITIONS)} demo coalitions ({published} published); {added} added")
