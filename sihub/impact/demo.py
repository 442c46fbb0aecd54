"""Demo content for impact: twelve initiatives with theory of change, indicators and SROI.

Each initiative is made through the services (they validate and audit), by
the demo administrator, with the demo member (Maja) in some teams: as lead of
two, so logging in as her shows a team's own workspace and portfolio. The
initiatives span programmes (ESF+, Vinnova, Arvsfonden, a foundation),
counties, sectors and goals; eight are published and four are not. Every one
has 2–4 stakeholder groups, outcomes (among them negative or unintended
ones, as the SROI guide asks), a theory of change whose links carry their
assumptions, indicators with 6–12 measurements over time (some split by
gender), a value map on the seeded financial proxies and typed values, and
the total value of its inputs, so its SROI can be computed.

The numbers are invented but of a realistic Swedish size; measurements come
from a deterministic random walk (``random.Random`` seeded by the slug), so
every run gives the same data. Initiatives are looked up by slug: running
``seed_demo`` again creates nothing new, and an initiative someone has since
edited is left as it is.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
from decimal import Decimal
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction

from sihub.actors.models import Actor
from sihub.core.demo import ACCOUNTS, Log
from sihub.core.models import County, Municipality, User
from sihub.impact import services
from sihub.impact.models import (
    ElementKind,
    FinancialProxy,
    Initiative,
    MembershipRole,
    OutcomeTerm,
    Programme,
)
from sihub.sdg.models import Goal, Target

D = Decimal
ADMIN_EMAIL = ACCOUNTS[0][0]
MEMBER_EMAIL = next(a[0] for a in ACCOUNTS if a[1] == "Maja")

ESF = "Europeiska socialfonden+ 2021–2027"
VINNOVA = "Vinnova: Social innovation för hållbar välfärd"
ARVSFONDEN = "Allmänna arvsfonden: projektstöd"

PROGRAMMES = [
    {"name": ESF, "funder": "Svenska ESF-rådet",
     "description_sv": "EU:s socialfond i Sverige: insatser för kompetens, arbete och social "
                       "inkludering.",
     "description_en": "The EU's social fund in Sweden: skills, work and social inclusion.",
     "starts_on": dt.date(2021, 1, 1), "ends_on": dt.date(2027, 12, 31)},
    {"name": VINNOVA, "funder": "Vinnova",
     "description_sv": "Stöd till nya lösningar för välfärdens utmaningar, utvecklade "
                       "tillsammans med dem som berörs.",
     "description_en": "Support for new solutions to welfare challenges, developed with the "
                       "people they concern.",
     "starts_on": dt.date(2022, 1, 1), "ends_on": dt.date(2026, 12, 31)},
    {"name": ARVSFONDEN, "funder": "Allmänna arvsfonden",
     "description_sv": "Projektstöd till ideella föreningar för barn, unga, äldre och personer "
                       "med funktionsnedsättning.",
     "description_en": "Project grants to non-profits for children, young people, older people "
                       "and people with disabilities.",
     "starts_on": None, "ends_on": None},
]

# Generic assumptions of a theory of change's links, by the kinds they join.
ASSUMPTIONS = {
    ("input", "activity"): "Finansieringen och personalen finns på plats hela projekttiden.",
    ("activity", "output"): "Målgruppen nås genom befintliga kontaktvägar och vill delta.",
    ("outcome", "impact"): "Förändringen består efter projekttiden och andra aktörer bygger "
                           "vidare på den.",
}

# --- The twelve initiatives ----------------------------------------------------------------
#
# value: quantity, proxy key (or None with value and source), deadweight, displacement,
# attribution, drop-off, years, starts after the activity.
# indicator: name, unit, baseline, target, data source, frequency, points, latest,
# decimals, gender split (share women) or None.

INITIATIVES: list[dict[str, Any]] = [
    {
        "slug": "unga-i-jobb-umea", "title": "Unga i jobb Umeå", "programme": ESF,
        "funder": "Svenska ESF-rådet", "funding": 5_400_000, "inputs": 6_250_000,
        "period": ((2023, 1, 1), (2025, 12, 31)), "status": "running", "public": True,
        "owners": ["Umeå kommun", "Kaffekoppen Umeå", "Umeå universitet"],
        "counties": ["24"], "municipalities": ["2480"], "sdgs": [8, 4, 10],
        "targets": ["8.6", "8.5", "4.4"], "team": [(MEMBER_EMAIL, MembershipRole.CONTRIBUTOR)],
        "purpose": "Att unga 16–24 år som varken arbetar eller studerar får ett arbete eller "
                   "börjar studera, genom arbetsträning i sociala företag och stöd av en "
                   "personlig coach.",
        "challenge": "Var tionde ung person i Umeå varken arbetar eller studerar. Utan insatser "
                     "riskerar många ett långvarigt utanförskap.",
        "summary_sv": "Unga som varken arbetar eller studerar får arbetsträning i sociala "
                      "företag och en personlig coach. Målet är arbete eller studier.",
        "summary_en": "Young people not in work or education get work training in social "
                      "enterprises and a personal coach, on the way to a job or studies.",
        "stakeholders": [
            ("Unga 16–24 år utanför arbete och studier", 120,
             "Deltar i arbetsträning och coachning; två unga sitter i styrgruppen."),
            ("Handledare på sociala företag", 14, "Tar emot och handleder deltagarna."),
            ("Umeå kommun, arbetsmarknadsenheten", None, "Finansierar och anvisar deltagare."),
        ],
        "outcomes": [
            {"stakeholder": 0, "description": "Unga får ett arbete och klarar sin försörjning",
             "term": OutcomeTerm.MEDIUM,
             "assumption": "Det finns arbetsgivare som anställer efter arbetsträningen.",
             "indicator": ("Deltagare i arbete sex månader efter avslut", "personer", 0, 45,
                           "Kommunens uppföljning", "quarterly", 10, 41, 0, D("0.46")),
             "value": (41, "ekonomiskt-bistand-hushall-ar", None, None, "0.30", "0.10", "0.20",
                       "0.15", 5, False)},
            {"stakeholder": 0, "description": "Unga undviker ett långvarigt utanförskap",
             "term": OutcomeTerm.LONG,
             "assumption": "Ett arbete i unga år minskar risken för utanförskap senare i livet.",
             "indicator": ("Deltagare utan ekonomiskt bistånd efter ett år", "personer", 0, 10,
                           "Kommunens register (avidentifierat)", "half_yearly", 6, 11, 0, None),
             "value": (6, "marginaliserad-ung-livstid", None, None, "0.50", "0", "0.50", "0", 1,
                       True)},
            {"stakeholder": 0, "description": "Unga får bättre självkänsla och framtidstro",
             "term": OutcomeTerm.SHORT,
             "assumption": "Att lyckas i ett riktigt arbete stärker tron på den egna förmågan.",
             "indicator": ("Självskattad framtidstro (1–10)", "skala 1–10", D("4.2"), 7,
                           "Enkät till deltagarna", "quarterly", 10, D("7.2"), 1, None),
             "value": (90, None, 12_000, "Välbefinnandevärdering (HACT Social Value Bank), "
                       "omräknad till SEK 2024", "0.20", "0", "0.30", "0.50", 2, False)},
            {"stakeholder": 1, "description": "Ökad arbetsbelastning och stress hos handledarna",
             "term": OutcomeTerm.SHORT, "positive": False, "intended": False,
             "assumption": "Handledning tar tid från den ordinarie verksamheten.",
             "indicator": ("Handledare som upplever hög stress", "personer", 4, 2,
                           "Intervjuer med handledarna", "half_yearly", 6, 5, 0, None),
             "value": (5, None, 9_000, "Kostnad för ersättningstimmar, 60 h à 150 kr", "0", "0",
                       "0", "0", 1, False)},
        ],
        "toc": {"input": "5,4 miljoner kronor från ESF+, kommunens coacher och platser i "
                         "sociala företag",
                "activities": ["Arbetsträning i sociala företag",
                               "Personlig coachning varje vecka"],
                "outputs": ["120 unga har påbörjat arbetsträning",
                            "Individuella planer för alla deltagare"],
                "impact": "Fler unga i Umeå är självförsörjande och delaktiga i samhället"},
    },
    {
        "slug": "aterbruk-och-arbetstraning-nykoping",
        "title": "Återbruk och arbetsträning i Nyköping", "programme": ESF,
        "funder": "Svenska ESF-rådet", "funding": 3_900_000, "inputs": 4_600_000,
        "period": ((2022, 3, 1), (2024, 12, 31)), "status": "completed", "public": True,
        "owners": ["Återbruket Nyköping", "Nyköpings kommun",
                   "Miljöföreningen Gröna Nyköping"],
        "counties": ["04"], "municipalities": ["0480"], "sdgs": [8, 12],
        "targets": ["8.5", "12.5"], "team": [],
        "purpose": "Att personer långt från arbetsmarknaden får arbetslivserfarenhet i ett "
                   "återbruk, samtidigt som mindre går till förbränning.",
        "challenge": "Många som har varit arbetslösa länge saknar referenser och rutiner, och "
                     "stora mängder möbler och textil slängs i onödan.",
        "summary_sv": "Ett socialt företag tar emot möbler och textil, rustar upp dem och "
                      "säljer dem. Arbetet görs av personer i arbetsträning.",
        "summary_en": "A social enterprise takes in furniture and textiles, repairs and sells "
                      "them, with people in work training doing the work.",
        "stakeholders": [
            ("Långtidsarbetslösa deltagare", 64, "Arbetstränar i butik, verkstad och sortering."),
            ("Kunder och bytare i Nyköping", 5200, "Lämnar in och köper återbrukade varor."),
            ("Nyköpings kommun", None, "Finansierar platserna och minskar sin avfallsmängd."),
        ],
        "outcomes": [
            {"stakeholder": 0, "description": "Deltagare går vidare till arbete eller studier",
             "term": OutcomeTerm.MEDIUM,
             "assumption": "Arbetslivserfarenheten och referensen öppnar dörrar hos "
                           "arbetsgivare.",
             "indicator": ("Deltagare i arbete eller studier efter avslut", "personer", 0, 25,
                           "Återbrukets uppföljning", "quarterly", 11, 27, 0, D("0.55")),
             "value": (27, None, 210_000, "Samhällsekonomisk vinst per person som går från "
                       "försörjningsstöd till arbete (socioekonomiskt bokslut enligt Nilsson och "
                       "Wadeskog, uppskattning)", "0.35", "0.10", "0.25", "0.25", 3, False)},
            {"stakeholder": 2, "description": "Mindre avfall går till förbränning",
             "term": OutcomeTerm.SHORT,
             "assumption": "Varorna som säljs ersätter nyköp i stället för att bli extra "
                           "konsumtion.",
             "indicator": ("Återbrukade varor", "ton per år", 0, 80, "Vågsedlar",
                           "quarterly", 11, 96, 0, None),
             "value": (96, None, 4_500, "Undviken behandlingskostnad och klimatpåverkan per ton "
                       "(Avfall Sverige, omräknat)", "0.20", "0.20", "0.10", "0", 1, False)},
        ],
        "toc": {"input": "3,9 miljoner kronor från ESF+ och lokaler från kommunen",
                "activities": ["Arbetsträning i butik, verkstad och sortering"],
                "outputs": ["64 deltagare har arbetstränat i minst tre månader"],
                "impact": "Fler i arbete och en mer cirkulär ekonomi i Nyköping"},
    },
    {
        "slug": "foraldralotsar-jonkoping", "title": "Föräldralotsar i Jönköping",
        "programme": ARVSFONDEN, "funder": "Allmänna arvsfonden", "funding": 2_700_000,
        "inputs": 3_100_000, "period": ((2023, 8, 1), (2026, 7, 31)), "status": "running",
        "public": True, "owners": ["Föräldralotsarna Jönköping", "Jönköpings kommun"],
        "counties": ["06"], "municipalities": ["0680"], "sdgs": [4, 10, 16],
        "targets": ["4.1", "10.2"], "team": [(MEMBER_EMAIL, MembershipRole.LEAD)],
        "purpose": "Att nyanlända föräldrar förstår skolan och kan stötta sina barns lärande, "
                   "med stöd av lotsar som talar deras språk.",
        "challenge": "Barn till nyanlända föräldrar når mer sällan gymnasiebehörighet, bland "
                     "annat för att föräldrarna inte känner skolans system.",
        "summary_sv": "Föräldralotsar som talar familjernas språk hjälper nyanlända föräldrar "
                      "att förstå skolan och stötta sina barn.",
        "summary_en": "Parent guides who speak the families' languages help newly arrived "
                      "parents understand school and support their children.",
        "stakeholders": [
            ("Nyanlända föräldrar", 180, "Deltar i träffar och har en egen lots."),
            ("Barn i årskurs 4–9", 260, "Får stöd hemma och bättre kontakt mellan hem och "
                                        "skola."),
            ("Skolorna i Jönköping", 9, "Samarbetar med lotsarna vid utvecklingssamtal."),
        ],
        "outcomes": [
            {"stakeholder": 1, "description": "Fler barn når gymnasiebehörighet",
             "term": OutcomeTerm.LONG,
             "assumption": "Föräldrarnas engagemang påverkar barnens skolresultat.",
             "indicator": ("Barn med gymnasiebehörighet i årskurs 9", "%", D("61.0"), 75,
                           "Skolornas statistik", "half_yearly", 6, D("71.5"), 1, None),
             "value": (30, None, 95_000, "Lägre samhällskostnad när unga fullföljer "
                       "gymnasiet (SKR, Ekonomiska konsekvenser av utanförskap)", "0.40", "0",
                       "0.40", "0.10", 5, True)},
            {"stakeholder": 0, "description": "Föräldrar känner sig trygga i kontakten med "
                                              "skolan",
             "term": OutcomeTerm.SHORT,
             "assumption": "Information på det egna språket gör skolans förväntningar begripliga.",
             "indicator": ("Föräldrar som deltar i utvecklingssamtal", "personer", 70, 150,
                           "Lotsarnas dokumentation", "quarterly", 9, 156, 0, D("0.58")),
             "value": (72, None, 6_500, "Värdet av trygghet i föräldraskapet "
                       "(välbefinnandevärdering, omräknad)", "0.25", "0", "0.30", "0.40", 2,
                       False)},
            {"stakeholder": 1, "description": "Färre orosanmälningar om skolfrånvaro",
             "term": OutcomeTerm.MEDIUM,
             "assumption": "Tidig kontakt mellan hem och skola fångar frånvaro innan den "
                           "blir ett ärende.",
             "indicator": ("Utredningar om skolfrånvaro", "utredningar per år", 30, 18,
                           "Socialtjänstens statistik", "half_yearly", 6, 17, 0, None),
             "value": (13, "bbic-utredning", None, None, "0.30", "0", "0.40", "0.30", 2, False)},
        ],
        "toc": {"input": "2,7 miljoner kronor från Arvsfonden och fyra anställda lotsar",
                "activities": ["Föräldraträffar på fem språk", "Lotsning vid utvecklingssamtal"],
                "outputs": ["180 föräldrar har en lots", "40 föräldraträffar per år"],
                "impact": "Likvärdiga möjligheter i skolan oavsett föräldrarnas bakgrund"},
    },
    {
        "slug": "trygg-hemgang-gotland", "title": "Trygg hemgång på Gotland",
        "programme": VINNOVA, "funder": "Vinnova", "funding": 2_400_000,
        "inputs": 2_950_000, "period": ((2023, 2, 1), (2025, 10, 31)), "status": "running",
        "public": True, "owners": ["Omsorgskooperativet Gotland", "Region Gotland",
                                   "Grannstödet Gotland"],
        "counties": ["09"], "municipalities": ["0980"], "sdgs": [3, 10, 17],
        "targets": ["3.8", "17.17"], "team": [],
        "purpose": "Att äldre som skrivs ut från sjukhuset får en trygg första vecka hemma, så "
                   "att färre behöver läggas in igen.",
        "challenge": "Många äldre läggs in på sjukhus igen inom 30 dagar, ofta för att "
                     "övergången hem brister.",
        "summary_sv": "Ett kooperativ och frivilliga grannar stöttar äldre den första veckan "
                      "efter sjukhusvistelsen, i samarbete med regionen.",
        "summary_en": "A cooperative and volunteer neighbours support older people in the "
                      "first week after a hospital stay, together with the region.",
        "stakeholders": [
            ("Äldre som skrivs ut från Visby lasarett", 340, "Får hembesök och telefonstöd."),
            ("Anhöriga", 250, "Avlastas och får kontaktuppgifter dygnet runt."),
            ("Region Gotland, slutenvården", None, "Remitterar och följer upp återinläggningar."),
            ("Frivilliga grannstödjare", 45, "Gör hembesök och handlar."),
        ],
        "outcomes": [
            {"stakeholder": 2, "description": "Färre återinläggningar inom 30 dagar",
             "term": OutcomeTerm.SHORT,
             "assumption": "Tidigt stöd hemma fångar problem innan de kräver sjukhusvård.",
             "indicator": ("Återinläggningar inom 30 dagar", "%", D("18.0"), 12,
                           "Regionens patientadministrativa system", "monthly", 12, D("13.1"),
                           1, None),
             "value": (85, None, 42_000, "Kostnad per vårdtillfälle, internmedicin (SKR, "
                       "Kostnad per patient)", "0.25", "0", "0.35", "0", 1, False)},
            {"stakeholder": 0, "description": "Äldre känner sig trygga hemma efter utskrivning",
             "term": OutcomeTerm.SHORT,
             "assumption": "Ett känt ansikte de första dagarna minskar oro och ensamhet.",
             "indicator": ("Deltagare som känner sig trygga hemma", "%", D("55.0"), 80,
                           "Telefonenkät efter 14 dagar", "quarterly", 10, D("82.0"), 1, None),
             "value": (260, None, 7_500, "Välbefinnandevärdering, minskad ensamhet (HACT, "
                       "omräknad)", "0.30", "0", "0.20", "0.40", 2, False)},
            {"stakeholder": 1, "description": "Anhöriga får mindre stress och kan arbeta som "
                                              "vanligt",
             "term": OutcomeTerm.SHORT,
             "assumption": "Anhöriga behöver inte vara lediga när stödet finns.",
             "indicator": ("Anhöriga som varit lediga för att vårda", "personer", 90, 50,
                           "Anhörigenkät", "quarterly", 10, 58, 0, D("0.64")),
             "value": (32, "sjukpenning-max-dag", None, None, "0.20", "0", "0.30", "0", 1,
                       False)},
        ],
        "toc": {"input": "2,4 miljoner kronor från Vinnova, kooperativets personal och 45 "
                         "frivilliga",
                "activities": ["Hembesök dag 1, 3 och 7 efter utskrivning",
                               "Telefonstöd dygnet runt"],
                "outputs": ["340 äldre har fått en trygg hemgång"],
                "impact": "Äldre på Gotland bor tryggt hemma längre"},
    },
    {
        "slug": "vagen-tillbaka-malmo", "title": "Vägen tillbaka Malmö", "programme": ESF,
        "funder": "Svenska ESF-rådet", "funding": 6_800_000, "inputs": 7_600_000,
        "period": ((2022, 9, 1), (2025, 8, 31)), "status": "completed", "public": True,
        "owners": ["Byggstegen Malmö", "Malmö stad", "Malmö universitet"],
        "counties": ["12"], "municipalities": ["1280"], "sdgs": [16, 8, 10],
        "targets": ["16.1", "8.5"], "team": [],
        "purpose": "Att personer som frigetts från anstalt får ett arbete i byggbranschen och "
                   "inte återfaller i brott.",
        "challenge": "Fyra av tio som friges återfaller i brott inom tre år; arbete är en av de "
                     "starkaste skyddsfaktorerna.",
        "summary_sv": "Ett arbetsintegrerande byggföretag anställer och utbildar personer som "
                      "frigetts, med en mentor från första dagen.",
        "summary_en": "A work-integration construction company hires and trains people "
                      "released from prison, with a mentor from day one.",
        "stakeholders": [
            ("Frigivna deltagare", 48, "Anställs med lönestöd och får yrkesutbildning."),
            ("Kriminalvården, frivården", None, "Anvisar deltagare och följer upp."),
            ("Grannskapet i Sofielund", 3000, "Får upprustade gårdar och lokaler."),
        ],
        "outcomes": [
            {"stakeholder": 0, "description": "Färre återfall i brott",
             "term": OutcomeTerm.MEDIUM,
             "assumption": "Ett arbete och en mentor ger ett sammanhang utanför kriminaliteten.",
             "indicator": ("Deltagare som återfallit i brott", "%", D("40.0"), 20,
                           "Kriminalvårdens återfallsstatistik", "half_yearly", 6, D("23.0"), 1,
                           None),
             "value": (2400, "kriminalvard-anstalt-dygn", None, None, "0.40", "0", "0.30",
                       "0.25", 3, False)},
            {"stakeholder": 0, "description": "Deltagare får en fast anställning",
             "term": OutcomeTerm.MEDIUM,
             "assumption": "Yrkesbevis och referenser gör deltagarna anställningsbara.",
             "indicator": ("Deltagare med fast anställning", "personer", 0, 20,
                           "Byggstegens uppföljning", "quarterly", 12, 22, 0, D("0.08")),
             "value": (22, None, 210_000, "Samhällsekonomisk vinst per person som går från "
                       "försörjningsstöd till arbete (socioekonomiskt bokslut enligt Nilsson och "
                       "Wadeskog, uppskattning)", "0.25", "0.15", "0.25", "0.20", 3, False)},
            {"stakeholder": 2, "description": "Oro bland grannar när projektet startade",
             "term": OutcomeTerm.SHORT, "positive": False, "intended": False,
             "assumption": "Okunskap om projektet skapar oro i början.",
             "indicator": ("Klagomål från grannar", "antal per kvartal", 4, 0,
                           "Projektets logg", "quarterly", 12, 1, 0, None),
             "value": (30, None, 2_000, "Tid för dialogmöten och information, uppskattad",
                       "0", "0", "0", "0", 1, False)},
        ],
        "toc": {"input": "6,8 miljoner kronor från ESF+, lönestöd och handledare",
                "activities": ["Anställning med yrkesutbildning", "Mentor från frigivningen"],
                "outputs": ["48 deltagare har anställts", "30 yrkesbevis"],
                "impact": "Färre brott och tryggare bostadsområden i Malmö"},
    },
    {
        "slug": "mangfaldens-kok-vaxjo", "title": "Mångfaldens kök – kvinnor till arbete",
        "programme": ESF, "funder": "Svenska ESF-rådet", "funding": 2_300_000,
        "inputs": 2_750_000, "period": ((2022, 1, 1), (2024, 6, 30)), "status": "completed",
        "public": True, "owners": ["Mångfaldens kök Växjö", "Växjö kommun",
                                   "Linnéuniversitetet"],
        "counties": ["07"], "municipalities": ["0780"], "sdgs": [5, 8, 10],
        "targets": ["5.5", "8.5", "10.2"], "team": [],
        "purpose": "Att utrikes födda kvinnor långt från arbetsmarknaden får arbete i "
                   "restaurang och storkök.",
        "challenge": "Utrikes födda kvinnor har den lägsta sysselsättningsgraden av alla "
                     "grupper, och branschen saknar kockar.",
        "summary_sv": "En kooperativ restaurang utbildar kvinnor till kockar och "
                      "serveringspersonal, med svenska på arbetsplatsen.",
        "summary_en": "A cooperative restaurant trains women as cooks and waiting staff, with "
                      "Swedish taught at work.",
        "stakeholders": [
            ("Utrikes födda kvinnor", 52, "Går en utbildning på 40 veckor med praktik."),
            ("Deltagarnas barn", 110, "Påverkas av att en förälder får arbete."),
            ("Restauranger i Växjö", 12, "Tar emot praktikanter och anställer."),
        ],
        "outcomes": [
            {"stakeholder": 0, "description": "Kvinnor får arbete inom restaurang och storkök",
             "term": OutcomeTerm.MEDIUM,
             "assumption": "Branschens behov av personal består.",
             "indicator": ("Deltagare i arbete efter utbildningen", "personer", 0, 25,
                           "Arbetsförmedlingens uppföljning", "quarterly", 10, 29, 0, None),
             "value": (29, "ekonomiskt-bistand-hushall-ar", None, None, "0.25", "0.15", "0.20",
                       "0.10", 5, False)},
            {"stakeholder": 0, "description": "Deltagarna talar och förstår mer svenska",
             "term": OutcomeTerm.SHORT,
             "assumption": "Svenska på arbetsplatsen lär man sig snabbare än i klassrummet.",
             "indicator": ("Deltagare med godkänd SFI D", "personer", 8, 40, "SFI-betyg",
                           "quarterly", 10, 41, 0, None),
             "value": (29, None, 18_000, "Kostnad för motsvarande SFI-termin (kommunens "
                       "budget)", "0.40", "0", "0.20", "0.20", 2, False)},
            {"stakeholder": 1, "description": "Barn får en förälder med arbete som förebild",
             "term": OutcomeTerm.LONG,
             "assumption": "Föräldrarnas arbete påverkar barnens framtidsplaner.",
             "indicator": ("Barn i hushåll utan bistånd", "personer", 20, 60,
                           "Kommunens register (avidentifierat)", "half_yearly", 6, 54, 0, None),
             "value": (34, None, 10_000, "Välbefinnandevärdering, barns framtidstro (omräknad)",
                       "0.40", "0", "0.40", "0.20", 3, True)},
        ],
        "toc": {"input": "2,3 miljoner kronor från ESF+, restaurangens kök och handledare",
                "activities": ["Yrkesutbildning på 40 veckor", "Svenska på arbetsplatsen"],
                "outputs": ["52 kvinnor har börjat utbildningen"],
                "impact": "Jämställd och inkluderande arbetsmarknad i Kronoberg"},
    },
    {
        "slug": "bybuss-dalsland", "title": "Bybussen i Dalsland", "programme": ARVSFONDEN,
        "funder": "Allmänna arvsfonden", "funding": 1_200_000, "inputs": 1_650_000,
        "period": ((2024, 1, 1), (2026, 12, 31)), "status": "running", "public": False,
        "owners": ["Bybussföreningen Dalsland", "Bengtsfors kommun"],
        "counties": ["14"], "municipalities": ["1460"], "sdgs": [11, 10, 3],
        "targets": ["11.2", "10.2"], "team": [(MEMBER_EMAIL, MembershipRole.LEAD)],
        "purpose": "Att äldre och unga i byarna runt Bengtsfors kan ta sig till service, "
                   "fritid och vänner med en bybuss på beställning.",
        "challenge": "Kollektivtrafiken har dragits in i flera byar; den som inte kör bil blir "
                     "isolerad.",
        "summary_sv": "Frivilliga förare kör en beställningsbuss mellan byarna och centralorten.",
        "summary_en": "Volunteer drivers run an on-demand bus between the villages and the "
                      "town.",
        "stakeholders": [
            ("Äldre i byarna", 210, "Beställer resor till vårdcentral, affär och träffar."),
            ("Unga utan körkort", 85, "Åker till fritidsaktiviteter och extrajobb."),
            ("Frivilliga förare", 24, "Kör bussen två pass i månaden."),
        ],
        "outcomes": [
            {"stakeholder": 0, "description": "Äldre känner sig mindre ensamma",
             "term": OutcomeTerm.SHORT,
             "assumption": "Att kunna ta sig till träffar leder till fler sociala kontakter.",
             "indicator": ("Äldre som känner sig ensamma ofta", "%", D("38.0"), 25,
                           "Enkät till resenärerna", "quarterly", 8, D("29.0"), 1, None),
             "value": (150, None, 9_500, "Välbefinnandevärdering, minskad ensamhet (HACT, "
                       "omräknad)", "0.30", "0", "0.30", "0.40", 2, False)},
            {"stakeholder": 0, "description": "Färre sjukresor med taxi",
             "term": OutcomeTerm.SHORT,
             "assumption": "Bybussen ersätter resor som annars hade gjorts med sjukresetaxi.",
             "indicator": ("Sjukresor med taxi från byarna", "resor per kvartal", 400, 280,
                           "Regionens sjukreseregister", "quarterly", 8, 265, 0, None),
             "value": (540, None, 650, "Genomsnittlig kostnad för en sjukresa med taxi "
                       "(Västra Götalandsregionen)", "0.20", "0", "0.10", "0", 1, False)},
        ],
        "toc": {"input": "1,2 miljoner kronor från Arvsfonden, en buss och 24 frivilliga",
                "activities": ["Beställningstrafik tre dagar i veckan"],
                "outputs": ["Drygt 4 000 resor per år"],
                "impact": "Levande byar där alla kan delta"},
    },
    {
        "slug": "digital-delaktighet-ostersund", "title": "Digital delaktighet för äldre",
        "programme": VINNOVA, "funder": "Vinnova", "funding": 1_800_000, "inputs": 2_200_000,
        "period": ((2024, 3, 1), (2026, 9, 30)), "status": "running", "public": False,
        "owners": ["Digitalverkstaden Östersund", "Region Jämtland Härjedalen",
                   "Mittuniversitetet"],
        "counties": ["23"], "municipalities": ["2380"], "sdgs": [3, 10, 9],
        "targets": ["10.2", "9.c"], "team": [(MEMBER_EMAIL, MembershipRole.VIEWER)],
        "purpose": "Att äldre kan använda digitala vårdtjänster och hålla kontakt med "
                   "familjen.",
        "challenge": "Var femte person över 75 använder inte internet och står utanför "
                     "digitala vårdtjänster.",
        "summary_sv": "Digitala ombud på biblioteken lär äldre att använda 1177, bank-id och "
                      "videosamtal.",
        "summary_en": "Digital guides in the libraries teach older people to use the health "
                      "portal, e-ID and video calls.",
        "stakeholders": [
            ("Äldre över 70 år", 400, "Går kurser och får handledning en och en."),
            ("Digitala ombud", 12, "Anställda i sociala företag som handleder."),
        ],
        "outcomes": [
            {"stakeholder": 0, "description": "Äldre använder digitala vårdtjänster",
             "term": OutcomeTerm.SHORT,
             "assumption": "Den som har lärt sig fortsätter att använda tjänsterna.",
             "indicator": ("Deltagare som använder 1177 på egen hand", "personer", 0, 250,
                           "Uppföljning efter kursen", "quarterly", 7, 190, 0, D("0.57")),
             "value": (570, None, 1_200, "Sparad tid och resa per vårdbesök som blir digitalt, "
                       "tre per deltagare och år (Region Jämtland Härjedalen)", "0.30", "0",
                       "0.25", "0.30", 3, False)},
            {"stakeholder": 1, "description": "Digitala ombud får en anställning",
             "term": OutcomeTerm.MEDIUM,
             "assumption": "Regionen fortsätter att köpa tjänsten.",
             "indicator": ("Ombud med anställning", "personer", 0, 10, "Lönelistor",
                           "half_yearly", 6, 9, 0, None),
             "value": (9, "ekonomiskt-bistand-hushall-ar", None, None, "0.30", "0.10", "0.30",
                       "0.25", 2, False)},
        ],
        "toc": {"input": "1,8 miljoner kronor från Vinnova och lokaler på biblioteken",
                "activities": ["Kurser och handledning på biblioteken"],
                "outputs": ["400 äldre har gått en kurs"],
                "impact": "Digital delaktighet i hela länet"},
    },
    {
        "slug": "sociala-krav-vasteras", "title": "Sociala krav i städupphandlingen",
        "programme": ESF, "funder": "Svenska ESF-rådet", "funding": 2_100_000,
        "inputs": 2_600_000, "period": ((2023, 4, 1), (2026, 3, 31)), "status": "running",
        "public": True, "owners": ["Lokalvårdarna Västerås ekonomisk förening",
                                   "Mälarstadens Städservice AB", "Västerås stad"],
        "counties": ["19"], "municipalities": ["1980"], "sdgs": [8, 12, 17],
        "targets": ["8.5", "12.7", "17.17"], "team": [],
        "purpose": "Att stadens städupphandling ställer sociala krav, så att leverantörerna "
                   "anställer personer som står långt från arbetsmarknaden.",
        "challenge": "Offentlig upphandling är ett stort verktyg för arbete åt fler, men "
                     "sociala krav används sällan.",
        "summary_sv": "Staden ställer sociala krav i städupphandlingen; ett kooperativ och ett "
                      "städbolag anställer personer som varit arbetslösa länge.",
        "summary_en": "The city sets social requirements in its cleaning contracts; a "
                      "cooperative and a company hire people out of work for a long time.",
        "stakeholders": [
            ("Personer som varit arbetslösa länge", 36, "Anställs av leverantörerna."),
            ("Leverantörerna", 2, "Anställer, handleder och rapporterar."),
            ("Västerås stad, upphandlingsenheten", None, "Ställer och följer upp kraven."),
        ],
        "outcomes": [
            {"stakeholder": 0, "description": "Fler får en anställning hos leverantörerna",
             "term": OutcomeTerm.SHORT,
             "assumption": "Leverantörerna uppfyller kraven i stället för att betala vite.",
             "indicator": ("Anställda genom sociala krav", "personer", 0, 30,
                           "Leverantörernas rapporter", "quarterly", 12, 31, 0, D("0.61")),
             "value": (31, None, 210_000, "Samhällsekonomisk vinst per person som går från "
                       "försörjningsstöd till arbete (socioekonomiskt bokslut enligt Nilsson och "
                       "Wadeskog, uppskattning)", "0.30", "0.20", "0.30", "0.20", 3, False)},
            {"stakeholder": 2, "description": "Staden ställer sociala krav i fler upphandlingar",
             "term": OutcomeTerm.LONG,
             "assumption": "Goda erfarenheter sprids till andra förvaltningar.",
             "indicator": ("Upphandlingar med sociala krav", "antal per år", 1, 8,
                           "Upphandlingsenhetens register", "half_yearly", 6, 6, 0, None),
             "value": (5, None, 60_000, "Värdet av en upphandling med sociala krav "
                       "(uppskattat, Upphandlingsmyndigheten)", "0.50", "0", "0.50", "0.30",
                       3, True)},
        ],
        "toc": {"input": "2,1 miljoner kronor från ESF+ och upphandlarnas tid",
                "activities": ["Sociala krav i avtalen", "Handledarutbildning hos leverantörerna"],
                "outputs": ["Två avtal med sociala krav"],
                "impact": "Upphandling som skapar arbete åt fler"},
    },
    {
        "slug": "tidiga-insatser-familjer-huddinge", "title": "Tidiga insatser för familjer",
        "programme": ARVSFONDEN, "funder": "Allmänna arvsfonden", "funding": 3_600_000,
        "inputs": 4_100_000, "period": ((2022, 8, 1), (2025, 7, 31)), "status": "completed",
        "public": True, "owners": ["Ungdomens Hus Huddinge", "Huddinge kommun",
                                   "Ersta Sköndal Bräcke högskola"],
        "counties": ["01"], "municipalities": ["0126"], "sdgs": [3, 4, 16],
        "targets": ["16.2", "4.2"], "team": [],
        "purpose": "Att familjer med barn 0–12 år får stöd tidigt, innan oron leder till en "
                   "utredning hos socialtjänsten.",
        "challenge": "Stöd sätts ofta in först när problemen har vuxit; en utredning är "
                     "tung för familjen och dyr för kommunen.",
        "summary_sv": "En förening och kommunen erbjuder föräldragrupper och familjestöd i "
                      "stadsdelen, utan biståndsbeslut.",
        "summary_en": "An association and the municipality offer parenting groups and family "
                      "support in the neighbourhood, with no formal referral.",
        "stakeholders": [
            ("Föräldrar med barn 0–12 år", 150, "Deltar i föräldragrupper och samtal."),
            ("Barnen", 260, "Får en tryggare vardag."),
            ("Socialtjänsten i Huddinge", None, "Hänvisar familjer och följer statistiken."),
        ],
        "outcomes": [
            {"stakeholder": 2, "description": "Färre barnavårdsutredningar",
             "term": OutcomeTerm.MEDIUM,
             "assumption": "Tidigt stöd löser problem som annars hade lett till en anmälan.",
             "indicator": ("Barnavårdsutredningar i stadsdelen", "utredningar per år", 120, 90,
                           "Socialtjänstens statistik", "half_yearly", 6, 88, 0, None),
             "value": (26, "bbic-utredning", None, None, "0.35", "0", "0.35", "0.20", 3,
                       False)},
            {"stakeholder": 0, "description": "Föräldrar känner sig tryggare i föräldraskapet",
             "term": OutcomeTerm.SHORT,
             "assumption": "Att träffa andra föräldrar och få råd stärker självförtroendet.",
             "indicator": ("Föräldrar som känner sig trygga", "%", D("48.0"), 75,
                           "Enkät före och efter", "quarterly", 12, D("77.0"), 1, None),
             "value": (110, None, 11_000, "Välbefinnandevärdering, trygghet i "
                       "föräldraskapet (omräknad)", "0.25", "0", "0.30", "0.30", 2, False)},
            {"stakeholder": 1, "description": "Barn mår bättre och går oftare till skolan",
             "term": OutcomeTerm.LONG,
             "assumption": "En tryggare hemmiljö syns i skolnärvaron.",
             "indicator": ("Skolnärvaro hos barnen", "%", D("88.0"), 94, "Skolornas statistik",
                           "half_yearly", 6, D("92.5"), 1, None),
             "value": (3, "marginaliserad-ung-livstid", None, None, "0.60", "0", "0.50", "0", 1,
                       True)},
        ],
        "toc": {"input": "3,6 miljoner kronor från Arvsfonden, familjebehandlare och lokaler",
                "activities": ["Föräldragrupper", "Familjesamtal utan biståndsbeslut"],
                "outputs": ["150 familjer har fått stöd", "24 föräldragrupper"],
                "impact": "Barn i Huddinge växer upp tryggt"},
    },
    {
        "slug": "nattcafeet-bostad-forst", "title": "Från nattcafé till egen bostad",
        "programme": None, "funder": "Stiftelsen Gemensam Framtid", "funding": 1_500_000,
        "inputs": 2_300_000, "period": ((2024, 1, 1), (2026, 12, 31)), "status": "running",
        "public": False, "owners": ["Föreningen Nattcaféet Stockholm", "Stockholms stad",
                                    "Stiftelsen Gemensam Framtid"],
        "counties": ["01"], "municipalities": ["0180"], "sdgs": [1, 11, 3],
        "targets": ["1.3", "11.1"], "team": [(MEMBER_EMAIL, MembershipRole.CONTRIBUTOR)],
        "purpose": "Att personer i hemlöshet som söker sig till nattcaféet får en egen bostad "
                   "med stöd (Bostad först).",
        "challenge": "Hemlösheten i Stockholm är långvarig för många, och tillfälliga "
                     "lösningar är dyra.",
        "summary_sv": "Nattcaféet lotsar besökare till en egen lägenhet med stöd enligt Bostad "
                      "först.",
        "summary_en": "The night café guides visitors to their own flat with support, on the "
                      "Housing First model.",
        "stakeholders": [
            ("Personer i hemlöshet", 60, "Besöker nattcaféet och får en boendestödjare."),
            ("Fastighetsägare", 4, "Hyr ut lägenheter med kommunen som garant."),
            ("Stockholms stad, socialtjänsten", None, "Betalar för boendestödet."),
        ],
        "outcomes": [
            {"stakeholder": 0, "description": "Deltagare har kvar sin bostad efter ett år",
             "term": OutcomeTerm.MEDIUM,
             "assumption": "Stöd i det egna hemmet gör att hyresrelationen håller.",
             "indicator": ("Deltagare med eget kontrakt efter ett år", "personer", 0, 20,
                           "Boendestödets uppföljning", "quarterly", 9, 17, 0, D("0.30")),
             "value": (17, None, 180_000, "Kostnad per år för akutboende och härbärge "
                       "(Stockholms stad)", "0.20", "0", "0.30", "0.20", 3, False)},
            {"stakeholder": 0, "description": "Färre behöver ekonomiskt bistånd varje månad",
             "term": OutcomeTerm.LONG,
             "assumption": "Med en bostad blir det möjligt att arbeta eller studera.",
             "indicator": ("Deltagare med egen inkomst", "personer", 2, 10,
                           "Socialtjänstens register (avidentifierat)", "quarterly", 9, 11, 0,
                           None),
             "value": (30, "ekonomiskt-bistand-stockholm-manad", None, None, "0.40", "0",
                       "0.40", "0.20", 2, True)},
        ],
        "toc": {"input": "1,5 miljoner kronor från stiftelsen, boendestödjare och lägenheter",
                "activities": ["Lotsning från nattcaféet", "Boendestöd i hemmet"],
                "outputs": ["20 personer har fått en egen lägenhet"],
                "impact": "Ingen ska behöva sova ute i Stockholm"},
    },
    {
        "slug": "cykelkoket-lulea", "title": "Cykelköket – tillbaka till arbete",
        "programme": VINNOVA, "funder": "Vinnova", "funding": 1_900_000, "inputs": 2_450_000,
        "period": ((2024, 5, 1), (2026, 10, 31)), "status": "running", "public": False,
        "owners": ["Cykelköket Luleå", "Luleå kommun", "Luleå tekniska universitet",
                   "Nordlig Logistik AB"],
        "counties": ["25"], "municipalities": ["2580"], "sdgs": [8, 12, 13, 3],
        "targets": ["8.5", "12.5", "3.4"], "team": [],
        "purpose": "Att personer som varit sjukskrivna länge kommer tillbaka till arbete "
                   "genom cykelreparation i ett socialt företag.",
        "challenge": "Långa sjukskrivningar för psykisk ohälsa ökar, och vägen tillbaka "
                     "saknar ofta mellansteg.",
        "summary_sv": "Ett socialt företag reparerar och hyr ut cyklar; arbetet är ett "
                      "mellansteg tillbaka från långvarig sjukskrivning.",
        "summary_en": "A social enterprise repairs and rents out bicycles; the work is a step "
                      "back from long-term sick leave.",
        "stakeholders": [
            ("Långtidssjukskrivna", 40, "Arbetstränar 25–75 procent i verkstaden."),
            ("Försäkringskassan och arbetsgivarna", None, "Följer upp återgången i arbete."),
            ("Cyklister i Luleå", 1800, "Lämnar in cyklar och hyr cykel."),
        ],
        "outcomes": [
            {"stakeholder": 0, "description": "Deltagare går tillbaka till arbete",
             "term": OutcomeTerm.MEDIUM,
             "assumption": "Ett mellansteg med meningsfullt arbete gör återgången möjlig.",
             "indicator": ("Deltagare som återgått i arbete", "personer", 0, 20,
                           "Försäkringskassans beslut", "quarterly", 8, 14, 0, D("0.65")),
             "value": (2600, "sjukpenning-max-dag", None, None, "0.35", "0", "0.30", "0.30", 2,
                       False)},
            {"stakeholder": 2, "description": "Fler cyklar används i stället för att slängas",
             "term": OutcomeTerm.SHORT,
             "assumption": "Reparerade cyklar ersätter bilresor och nya cyklar.",
             "indicator": ("Reparerade cyklar", "cyklar", 0, 1200, "Verkstadens register",
                           "quarterly", 8, 1350, 0, None),
             "value": (1350, None, 300, "Undviket nyköp och klimatpåverkan per cykel "
                       "(uppskattat)", "0.30", "0.20", "0.10", "0", 1, False)},
        ],
        "toc": {"input": "1,9 miljoner kronor från Vinnova, verkstad och handledare",
                "activities": ["Arbetsträning i cykelverkstaden"],
                "outputs": ["40 deltagare har arbetstränat"],
                "impact": "Fler friska i arbete och mindre avfall i Norrbotten"},
    },
]

FREQUENCY_MONTHS = {"monthly": 1, "quarterly": 3, "half_yearly": 6, "yearly": 12}
EXPECTED_INITIATIVES = len(INITIATIVES)


# --- Helpers ---------------------------------------------------------------------------------


def _date(parts: tuple[int, int, int]) -> dt.date:
    return dt.date(*parts)


def _add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    return dt.date(day.year + month // 12, month % 12 + 1, 1)


def _series(rng: random.Random, baseline: Decimal, latest: Decimal, points: int,
            decimals: int) -> list[Decimal]:
    """A path from the baseline to ``latest`` with some noise, ending exactly at ``latest``."""
    span = latest - baseline
    quantum = Decimal(1).scaleb(-decimals)
    values = []
    for i in range(1, points + 1):
        share = Decimal(i) / points
        noise = Decimal(str(rng.uniform(-0.06, 0.06))) * abs(span) if i < points else 0
        value = max(Decimal(0), baseline + span * share + noise)
        values.append(value.quantize(quantum))
    return values


def _measurements_csv(spec: dict[str, Any], rng: random.Random) -> bytes:
    """Every outcome's indicator series (with a gender split where given) as an import file."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["indicator", "date", "value", "breakdown_dimension", "breakdown_value"])
    start = _date(spec["period"][0])
    for outcome in spec["outcomes"]:
        (name, _unit, baseline, _target, _source, frequency, points, latest, decimals,
         women) = outcome["indicator"]
        step = FREQUENCY_MONTHS[frequency]
        values = _series(rng, D(baseline), D(latest), points, decimals)
        for i, value in enumerate(values, start=1):
            on = _add_months(start, i * step)
            writer.writerow([name, on.isoformat(), str(value), "", ""])
            if women is not None:
                w = (value * women).quantize(Decimal(1).scaleb(-decimals))
                writer.writerow([name, on.isoformat(), str(w), "kön", "kvinnor"])
                writer.writerow([name, on.isoformat(), str(value - w), "kön", "män"])
    return out.getvalue().encode("utf-8")


def _by_names(model: Any, field: str, names: list[Any]) -> list[Any]:
    """Rows by a unique field, in the order given; names the demo lacks are skipped."""
    found = {getattr(o, field): o for o in model.objects.filter(**{f"{field}__in": names})}
    return [found[n] for n in names if n in found]


def _actors(names: list[str]) -> list[Actor]:
    found: dict[str, Actor] = {}
    for actor in Actor.objects.filter(name__in=names).order_by("pk"):
        found.setdefault(actor.name, actor)
    return [found[n] for n in names if n in found]


def ensure_programmes() -> dict[str, Programme]:
    """The demo's funding programmes, by name (reference data: no service writes them)."""
    programmes = {}
    for record in PROGRAMMES:
        programme = Programme.objects.filter(name=record["name"]).first()
        if programme is None:
            programme = Programme(**record)
            programme.full_clean()
            programme.save()
        programmes[programme.name] = programme
    return programmes


# --- One initiative -----------------------------------------------------------------------------


def _theory_of_change(initiative: Initiative, spec: dict[str, Any], user: User,
                      outcomes: list[Any]) -> None:
    """Input → activities → outputs → outcomes → impact; each link with its assumption."""
    toc_spec = spec["toc"]
    toc = services.toc_create(initiative=initiative, user=user,
                              title=f"Förändringsteori: {initiative.title}")

    def add(kind: str, text: str, outcome: Any = None) -> Any:
        return services.toc_element_add(toc=toc, user=user, kind=kind, text=text,
                                        outcome=outcome)

    def link(source: Any, target: Any, assumption: str) -> None:
        services.toc_link_add(toc=toc, user=user, source=source, target=target,
                              assumption=assumption)

    source = add(ElementKind.INPUT, toc_spec["input"])
    activities = [add(ElementKind.ACTIVITY, text) for text in toc_spec["activities"]]
    outputs = [add(ElementKind.OUTPUT, text) for text in toc_spec["outputs"]]
    kinds = {OutcomeTerm.SHORT: ElementKind.OUTCOME_SHORT,
             OutcomeTerm.MEDIUM: ElementKind.OUTCOME_MEDIUM,
             OutcomeTerm.LONG: ElementKind.OUTCOME_LONG}
    boxes = [(add(kinds[o.term], o.description, outcome=o), o, s)
             for o, s in zip(outcomes, spec["outcomes"], strict=True)]
    impact = add(ElementKind.IMPACT, toc_spec["impact"])
    for activity in activities:
        link(source, activity, ASSUMPTIONS[("input", "activity")])
    for i, output in enumerate(outputs):
        link(activities[min(i, len(activities) - 1)], output,
             ASSUMPTIONS[("activity", "output")])
    for box, outcome, outcome_spec in boxes:
        link(outputs[0], box, outcome_spec["assumption"])
        if outcome.positive and outcome.term != OutcomeTerm.SHORT:
            link(box, impact, ASSUMPTIONS[("outcome", "impact")])
    if not any(o.positive and o.term != OutcomeTerm.SHORT for _b, o, _s in boxes):
        link(boxes[0][0], impact, ASSUMPTIONS[("outcome", "impact")])


def create_initiative(spec: dict[str, Any], *, user: User, programmes: dict[str, Programme],
                      member: User | None) -> Initiative:
    """One initiative and everything below it, through the services."""
    rng = random.Random(spec["slug"])  # nosec B311 - deterministic demo data
    starts_on, ends_on = (_date(p) for p in spec["period"])
    initiative = services.initiative_create(user=user, fields={
        "title": spec["title"], "slug": spec["slug"], "purpose": spec["purpose"],
        "societal_challenge": spec["challenge"],
        "programme": programmes[spec["programme"]] if spec["programme"] else None,
        "funder": spec["funder"], "funding_amount": D(spec["funding"]),
        "starts_on": starts_on, "ends_on": ends_on, "status": spec["status"],
        "is_public": spec["public"], "public_summary_sv": spec["summary_sv"],
        "public_summary_en": spec["summary_en"], "inputs_total": D(spec["inputs"]),
    }, m2m={
        "owners": _actors(spec["owners"]),
        "counties": _by_names(County, "code", spec["counties"]),
        "municipalities": _by_names(Municipality, "code", spec["municipalities"]),
        "sdgs": _by_names(Goal, "number", spec["sdgs"]),
        "targets": _by_names(Target, "code", spec["targets"]),
    })
    for email, role in spec["team"]:
        if member is not None and email == member.email:
            services.membership_set(initiative=initiative, user=user, member=member, role=role)

    groups = [services.stakeholder_create(initiative=initiative, user=user, name=name,
                                          size=size, involvement=involvement, position=i)
              for i, (name, size, involvement) in enumerate(spec["stakeholders"])]
    outcomes, indicators = [], []
    for i, o in enumerate(spec["outcomes"]):
        outcome = services.outcome_create(
            initiative=initiative, user=user, stakeholder=groups[o["stakeholder"]],
            description=o["description"], term=o["term"], intended=o.get("intended", True),
            positive=o.get("positive", True), position=i)
        name, unit, baseline, target, source, frequency, *_rest = o["indicator"]
        indicators.append(services.indicator_create(
            outcome=outcome, user=user, name=name, unit=unit, baseline=D(baseline),
            target=D(target), data_source=source, frequency=frequency))
        outcomes.append(outcome)

    report = services.measurement_import_csv(
        initiative=initiative, user=user,
        file=ContentFile(_measurements_csv(spec, rng), name="matningar.csv"))
    if not report.ok:
        raise ValueError(f"demo measurements of {spec['slug']}: {report.errors}")

    proxies = {p.key: p for p in FinancialProxy.objects.all()}
    for i, (o, outcome, indicator) in enumerate(zip(spec["outcomes"], outcomes, indicators,
                                                    strict=True)):
        (quantity, proxy_key, value, source, deadweight, displacement, attribution, drop_off,
         years, later) = o["value"]
        services.value_map_row_create(initiative=initiative, user=user, fields={
            "stakeholder": outcome.stakeholder, "outcome": outcome, "indicator": indicator,
            "quantity": D(quantity), "proxy": proxies[proxy_key] if proxy_key else None,
            "proxy_value": D(value) if value is not None else None,
            "proxy_source": source or "", "deadweight": D(deadweight),
            "displacement": D(displacement), "attribution": D(attribution),
            "drop_off": D(drop_off), "duration_years": years,
            "starts_after_activity": later, "position": i})

    _theory_of_change(initiative, spec, user, outcomes)
    return initiative


# --- Entry point ---------------------------------------------------------------------------------


def seed(*, scale: int, log: Log) -> None:
    """The twelve demo initiatives; those already there (by slug) are left alone."""
    user = User.objects.filter(email=ADMIN_EMAIL).first()
    if user is None:
        log("impact: no demo administrator (core seeds first); no initiatives made")
        return
    member = User.objects.filter(email=MEMBER_EMAIL).first()
    have = set(Initiative.objects.filter(slug__in=[s["slug"] for s in INITIATIVES])
               .values_list("slug", flat=True))
    with transaction.atomic():
        programmes = ensure_programmes()
    added = 0
    for spec in INITIATIVES:
        if spec["slug"] in have:
            continue
        with transaction.atomic():
            create_initiative(spec, user=user, programmes=programmes, member=member)
        added += 1
    published = sum(1 for s in INITIATIVES if s["public"])
    log(f"impact: {len(INITIATIVES)} demo initiatives ({published} published) in "
        f"{len(PROGRAMMES)} programmes; {added} added")
