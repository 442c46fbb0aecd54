"""Texts of the events demo (``demo.py``): venues, series, events, people and what they say.

Venues are in real Swedish cities; the organisers are demo actors by name
(``actors/demo_content.py``); people are fictional and reachable only at
example.org. Every text an event page shows comes in Swedish and English.
Days are relative to the day of seeding (negative: in the past).
"""

from __future__ import annotations

from typing import Any

CONFERENCE, WEBINAR, NETWORK, WORKSHOP, SEMINAR = (
    "conference", "webinar", "network_meeting", "workshop", "seminar")

CALENDAR = {
    "slug": {"sv": "kalender", "en": "calendar"},
    "title": {"sv": "Kalender", "en": "Calendar"},
    "intro": {
        "sv": "Konferenser, webbinarier, nätverksträffar, workshops och seminarier där företag, "
              "offentlig sektor, akademi och civilsamhälle möts kring social innovation.",
        "en": "Conferences, webinars, network meetings, workshops and seminars where companies, "
              "the public sector, academia and civil society meet around social innovation.",
    },
}

_STEP_FREE = (
    "Lokalen nås utan trappsteg och har hörslinga och tillgänglig toalett. Skriv i anmälan om "
    "du behöver teckenspråkstolk, ledsagning eller specialkost.",
    "The venue has step-free access, a hearing loop and an accessible toilet. Tell us in your "
    "registration if you need sign-language interpretation, a guide or special food.",
)
_STEP_FREE_QUIET = (
    _STEP_FREE[0] + " Det finns ett tyst rum för den som behöver en paus.",
    _STEP_FREE[1] + " There is a quiet room for anyone who needs a break.",
)
ONLINE_ACCESS = (
    "Webbinariet textas direkt på svenska och spelas in. Presentationerna skickas ut dagen före, "
    "och du kan ställa frågor i chatten eller muntligt.",
    "The webinar has live captions and is recorded. The slides are sent out the day before, and "
    "you can ask questions in the chat or out loud.",
)

# key: (venue, street address, postal code, city, municipality code, accessibility (sv, en))
VENUES: dict[str, tuple[str, str, str, str, str, tuple[str, str]]] = {
    "umea-folkets-hus": ("Folkets Hus Umeå", "Skolgatan 59", "903 29", "Umeå", "2480",
                         _STEP_FREE_QUIET),
    "umea-vaven": ("Väven", "Storgatan 46A", "903 26", "Umeå", "2480", _STEP_FREE),
    "lulea-kulturens-hus": ("Kulturens hus", "Skeppsbrogatan 17", "972 31", "Luleå", "2580",
                            _STEP_FREE),
    "skelleftea-sara": ("Sara kulturhus", "Kanalgatan 33", "931 30", "Skellefteå", "2482",
                        _STEP_FREE),
    "ostersund-campus": ("Campus Östersund, Mittuniversitetet", "Kunskapens väg 8", "831 40",
                         "Östersund", "2380", _STEP_FREE),
    "malmo-live": ("Malmö Live", "Dag Hammarskjölds torg 4", "211 18", "Malmö", "1280",
                   _STEP_FREE_QUIET),
    "malmo-stadsbibliotek": ("Malmö stadsbibliotek", "Kung Oscars väg 11", "211 33", "Malmö",
                             "1280", _STEP_FREE),
    "helsingborg-dunkers": ("Dunkers kulturhus", "Kungsgatan 11", "252 21", "Helsingborg",
                            "1283", _STEP_FREE),
    "landskrona-bibliotek": ("Landskrona stadsbibliotek", "Regeringsgatan 19", "261 31",
                             "Landskrona", "1282", _STEP_FREE),
    "goteborg-bla-stallet": ("Kulturhuset Blå Stället", "Angereds torg 13", "424 65",
                             "Göteborg", "1480", _STEP_FREE),
    "stockholm-kulturhuset": ("Kulturhuset Stadsteatern", "Sergels torg 3", "111 57",
                              "Stockholm", "0180", _STEP_FREE_QUIET),
    "stockholm-ersta": ("Ersta konferens", "Erstagatan 1K", "116 28", "Stockholm", "0180",
                        _STEP_FREE),
    "orebro-conventum": ("Conventum kongress", "Fabriksgatan 15", "702 10", "Örebro", "1880",
                         _STEP_FREE),
    "uppsala-ekonomikum": ("Ekonomikum, Uppsala universitet", "Kyrkogårdsgatan 10", "753 13",
                           "Uppsala", "0380", _STEP_FREE),
    "norrkoping-arbetets": ("Arbetets museum", "Laxholmen", "602 21", "Norrköping", "0581",
                            _STEP_FREE),
}


# --- Recurring meeting places -------------------------------------------------------------
#
# Each series makes one event per entry of "days"; its topics are used in turn.

SERIES: list[dict[str, Any]] = [
    {
        "slug": "sociala-innovationsforum-norr",
        "slug_en": "social-innovation-forum-north",
        "name": ("Sociala innovationsforum Norr", "Social Innovation Forum North"),
        "description": (
            "En återkommande mötesplats i de fyra nordligaste länen för alla som arbetar med "
            "social innovation: kommuner och regioner, sociala företag, föreningar, näringsliv "
            "och universitet. Varje träff har ett tema och tid för att knyta kontakter.",
            "A recurring meeting place in Sweden's four northernmost counties for everyone "
            "working with social innovation: municipalities and regions, social enterprises, "
            "associations, businesses and universities. Each meeting has a theme and time to "
            "make contacts."),
        "type": NETWORK, "language": "sv", "start": (13, 0), "hours": 3.5, "capacity": 45,
        "venues": ["umea-vaven", "lulea-kulturens-hus", "skelleftea-sara", "ostersund-campus"],
        "organisers": ["Nätverket Sociala Företag Norr", "Region Västerbotten",
                       "Kompassen Social Inkubator"],
        "sdgs": [8, 10, 11], "themes": ["inclusive-working-life", "rural-development"],
        "days": [-168, -124, -82, -38, 9, 51, 96, 143],
        "topics": [
            ("Unga utanför arbetsmarknaden", "Young people outside the labour market"),
            ("Sociala företag som leverantörer till kommunen",
             "Social enterprises as suppliers to the municipality"),
            ("Landsbygdens service när avstånden är långa",
             "Rural services across long distances"),
            ("Finansiering av sociala innovationer i norr", "Funding social innovation in the north"),
            ("Samiska perspektiv på social hållbarhet", "Sami perspectives on social sustainability"),
            ("Digitala tjänster som når alla", "Digital services that reach everyone"),
            ("Idéburet offentligt partnerskap i praktiken", "Public–non-profit partnership in practice"),
            ("Vad har vi lärt oss i år?", "What have we learned this year?"),
        ],
    },
    {
        "slug": "motesplats-social-ekonomi-skane",
        "slug_en": "social-economy-meeting-place-skane",
        "name": ("Mötesplats social ekonomi Skåne", "Social Economy Meeting Place Skåne"),
        "description": (
            "Träffar för kooperativ, sociala företag, föreningar och stiftelser i Skåne, med "
            "regionen och kommunerna. Vi delar erfarenheter, ser på goda exempel och bjuder in "
            "forskare och finansiärer.",
            "Meetings for cooperatives, social enterprises, associations and foundations in "
            "Skåne, with the region and the municipalities. We share experience, look at good "
            "examples and invite researchers and funders."),
        "type": NETWORK, "language": "sv", "start": (8, 30), "hours": 2.5, "capacity": 60,
        "venues": ["malmo-stadsbibliotek", "helsingborg-dunkers", "landskrona-bibliotek"],
        "organisers": ["Sydsvenskt nätverk för social innovation", "Kooperativ Utveckling Skåne",
                       "Region Skåne"],
        "sdgs": [8, 12, 17], "themes": ["circular-economy", "social-procurement"],
        "days": [-150, -93, -31, 23, 79, 135],
        "topics": [
            ("Matsvinn blir måltider", "Food waste becomes meals"),
            ("Att växa som socialt företag utan att tappa syftet",
             "Growing as a social enterprise without losing the purpose"),
            ("Sociala hänsyn i upphandling: nya riktlinjer",
             "Social considerations in procurement: new guidelines"),
            ("Kooperativ som väg till egen försörjning",
             "Cooperatives as a way to self-sufficiency"),
            ("Att mäta och berätta om sin samhällsnytta", "Measuring and telling your social value"),
            ("Unga kooperatörer – sommarens erfarenheter",
             "Young cooperators – what the summer taught us"),
        ],
    },
    {
        "slug": "webbinarieserien-agenda-2030",
        "slug_en": "agenda-2030-webinar-series",
        "name": ("Webbinarieserien Agenda 2030", "The Agenda 2030 Webinar Series"),
        "description": (
            "En timme i månaden om ett av de globala målen och hur social innovation bidrar "
            "till det, med en forskare, en praktiker och tid för frågor.",
            "One hour a month on one of the global goals and how social innovation contributes "
            "to it, with a researcher, a practitioner and time for questions."),
        "type": WEBINAR, "language": "sv", "start": (9, 0), "hours": 1, "capacity": None,
        "venues": [],
        "organisers": ["Vinnova", "Institutet för välfärdsinnovation"],
        "sdgs": [17], "themes": [],
        "days": [-163, -135, -107, -72, -44, -16, 19, 47, 82, 117],
        # (goal, topic sv, topic en)
        "topics": [
            (1, "Mål 1: fattigdom och social innovation", "Goal 1: poverty and social innovation"),
            (3, "Mål 3: hälsa som byggs tillsammans", "Goal 3: health built together"),
            (4, "Mål 4: lärande hela livet", "Goal 4: lifelong learning"),
            (5, "Mål 5: jämställdhet i arbetslivet", "Goal 5: gender equality at work"),
            (8, "Mål 8: anständiga arbeten för alla", "Goal 8: decent work for all"),
            (10, "Mål 10: minskad ojämlikhet lokalt", "Goal 10: reducing inequality locally"),
            (11, "Mål 11: trygga och inkluderande städer", "Goal 11: safe and inclusive cities"),
            (12, "Mål 12: cirkulära affärsmodeller med social nytta",
             "Goal 12: circular business models with social value"),
            (13, "Mål 13: en rättvis klimatomställning", "Goal 13: a just climate transition"),
            (16, "Mål 16: tillit och delaktighet", "Goal 16: trust and participation"),
        ],
    },
]


# --- The year's own events ----------------------------------------------------------------
#
# sessions: (minutes after the start, length in minutes, (title sv, title en), speakers,
#            room, (description sv, en) or None)

EVENTS: list[dict[str, Any]] = [
    {
        "key": "inclusive-working-life",
        "slug": ("inkluderande-arbetsliv-konferens", "inclusive-working-life-conference"),
        "title": ("Inkluderande arbetsliv – konferens om innovativa lösningar",
                  "Inclusive Working Life – a conference on innovative solutions"),
        "type": CONFERENCE, "day": 44, "start": (9, 0), "hours": 31, "venue": "umea-folkets-hus",
        "language": "sv-en", "capacity": 250, "opens_before": 120, "closes_before": 7,
        "organisers": ["Region Västerbotten", "Umeå kommun", "Nätverket Sociala Företag Norr",
                       "Umeå universitet", "Arbetsförmedlingen"],
        "sdgs": [8, 10, 4], "targets": ["8.5", "8.6", "10.2"],
        "themes": ["inclusive-working-life", "integration"],
        "sectors": ["public", "social-economy", "academia", "private", "civil-society"],
        "matchmaking": True,
        "intro": (
            "Den årliga konferensen om innovativa lösningar för ett arbetsliv där alla som kan "
            "och vill arbeta får plats. Två dagar med forskning, goda exempel och bokade "
            "1:1-möten mellan sektorer.",
            "The annual conference on innovative solutions for a working life with room for "
            "everyone who can and wants to work. Two days of research, good examples and booked "
            "one-to-one meetings across sectors."),
        "body": (
            "<p>Arbetsgivare har svårt att rekrytera samtidigt som många står långt från "
            "arbetsmarknaden. Vilka lösningar fungerar – och hur sprider vi dem? Årets konferens "
            "samlar kommuner, regioner, Arbetsförmedlingen, arbetsintegrerande sociala företag, "
            "näringsliv och forskare.</p><p>Anmäl dig till <b>matchmaking</b> för att få "
            "förslag på 1:1-möten med personer från andra sektorer som erbjuder det du söker.</p>",
            "<p>Employers struggle to recruit while many people stand far from the labour "
            "market. Which solutions work – and how do we spread them? This year's conference "
            "brings together municipalities, regions, the Public Employment Service, "
            "work-integration social enterprises, businesses and researchers.</p><p>Sign up for "
            "<b>matchmaking</b> to get proposals for one-to-one meetings with people from other "
            "sectors who offer what you are looking for.</p>"),
        "sessions": [
            (0, 30, ("Välkommen och inledning", "Welcome and opening"),
             "Karin Lindqvist, Region Västerbotten", "Stora salen", None),
            (30, 60, ("Vad vet vi om vägar in i arbetslivet?",
                      "What do we know about routes into work?"),
             "Mikael Forsberg, Umeå universitet", "Stora salen",
             ("Forskningsläget om arbetsintegration i Sverige och Norden.",
              "Research on work integration in Sweden and the Nordic countries.")),
            (105, 75, ("Panel: arbetsgivare som vågar", "Panel: employers who dare"),
             "Lena Åström, Norrviken Fastigheter AB; Sofia Marklund, Nätverket Sociala Företag "
             "Norr; Sara Nyström, Arbetsförmedlingen", "Stora salen", None),
            (240, 90, ("Matchmaking: 1:1-möten", "Matchmaking: one-to-one meetings"),
             "", "Mötestorget", None),
            (1440, 90, ("Parallella workshops: sociala krav i upphandling, handledning, "
                        "unga vuxna", "Parallel workshops: social clauses in procurement, "
                        "supervision, young adults"),
             "Erik Holmgren, Kompassen Social Inkubator", "Sal A–C", None),
            (1620, 60, ("Avslutning: från konferens till koalition",
                        "Closing: from conference to coalition"),
             "Johan Berglund, Umeå kommun", "Stora salen", None),
        ],
    },
    {
        "key": "welfare-conference",
        "slug": ("social-innovation-for-framtidens-valfard", "social-innovation-future-welfare"),
        "title": ("Social innovation för framtidens välfärd",
                  "Social innovation for the welfare of the future"),
        "type": CONFERENCE, "day": -128, "start": (9, 30), "hours": 7, "venue": "malmo-live",
        "language": "sv", "capacity": 300, "opens_before": 100, "closes_before": 5,
        "organisers": ["Malmö stad", "Region Skåne", "Malmö universitet",
                       "Sydsvenskt nätverk för social innovation"],
        "sdgs": [3, 10, 11, 17], "targets": ["3.4", "10.2", "17.17"],
        "themes": ["health-welfare"], "sectors": ["public", "academia", "civil-society"],
        "intro": (
            "En dag om hur kommuner, regioner och civilsamhälle utvecklar välfärden tillsammans "
            "med dem som använder den.",
            "A day on how municipalities, regions and civil society develop welfare together "
            "with the people who use it."),
        "body": (
            "<p>Välfärden står inför stora utmaningar: fler äldre, ökad psykisk ohälsa och "
            "kompetensbrist. Konferensen visar sociala innovationer som fungerar och diskuterar "
            "hur de kan skalas upp.</p>",
            "<p>Welfare faces big challenges: more older people, growing mental ill-health and "
            "a shortage of skills. The conference shows social innovations that work and "
            "discusses how they can be scaled up.</p>"),
        "sessions": [
            (0, 20, ("Välkommen", "Welcome"), "Fatima Ali, Malmö stad", "Stora salen", None),
            (20, 50, ("Välfärd som samskapas", "Co-produced welfare"),
             "Jonas Ek, Malmö universitet", "Stora salen", None),
            (90, 60, ("Goda exempel från Skåne", "Good examples from Skåne"),
             "Maria Olsson, Sydsvenskt nätverk för social innovation; Omar Khalil, "
             "Kooperativet Överskottet", "Stora salen", None),
            (210, 75, ("Workshoppass: från pilot till ordinarie verksamhet",
                       "Workshop session: from pilot to mainstream"),
             "", "Sal 2", None),
            (330, 60, ("Samtal: vem betalar för förebyggande arbete?",
                       "Conversation: who pays for prevention?"),
             "Anna Svensson, Gemenskapsfonden Skåne", "Stora salen", None),
        ],
    },
    {
        "key": "co-creation-workshop",
        "slug": ("samskapande-workshop-vagar-in-i-arbetslivet",
                 "co-creation-workshop-routes-into-work"),
        "title": ("Samskapande workshop: vägar in i arbetslivet i Västerbotten",
                  "Co-creation workshop: routes into work in Västerbotten"),
        "type": WORKSHOP, "day": -58, "start": (9, 0), "hours": 6, "venue": "umea-vaven",
        "language": "sv", "capacity": 30, "opens_before": 45, "closes_before": 3,
        "organisers": ["Region Västerbotten", "Kaffekoppen Umeå", "Umeå kommun"],
        "sdgs": [8, 10], "targets": ["8.5"], "themes": ["inclusive-working-life"],
        "sectors": ["public", "social-economy", "private"],
        "outcomes": True,
        "intro": (
            "En dag där arbetsgivare, kommun, sociala företag och unga själva tar fram idéer "
            "för en gemensam väg in i arbetslivet.",
            "A day on which employers, the municipality, social enterprises and young people "
            "themselves develop ideas for one shared route into work."),
        "body": (
            "<p>Vi arbetar i blandade grupper med metoden <i>Design thinking</i>: förstå "
            "utmaningen, ta fram idéer, välja och testa. Resultatet tas vidare av koalitionen "
            "Inkluderande arbetsliv i Västerbotten.</p>",
            "<p>We work in mixed groups with the <i>design thinking</i> method: understand the "
            "challenge, generate ideas, choose and test. The results are taken forward by the "
            "Inclusive Working Life in Västerbotten coalition.</p>"),
        "sessions": [
            (0, 45, ("Utmaningen: vad säger de unga?", "The challenge: what do young people say?"),
             "Amina Hassan, Föreningen Läxhjälpen Umeå", "Verkstaden", None),
            (60, 90, ("Idéer i blandade grupper", "Ideas in mixed groups"), "", "Verkstaden",
             None),
            (210, 75, ("Prioritera och planera piloter", "Prioritise and plan pilots"), "",
             "Verkstaden", None),
            (300, 60, ("Redovisning och nästa steg", "Presentations and next steps"),
             "Karin Lindqvist, Region Västerbotten", "Verkstaden", None),
        ],
    },
    {
        "key": "procurement-workshop",
        "slug": ("workshop-sociala-krav-i-upphandling", "workshop-social-clauses-procurement"),
        "title": ("Workshop: sociala krav i offentlig upphandling",
                  "Workshop: social clauses in public procurement"),
        "type": WORKSHOP, "day": 18, "start": (13, 0), "hours": 3.5,
        "venue": "goteborg-bla-stallet", "language": "sv", "capacity": 12, "full": True,
        "opens_before": 40, "closes_before": 2,
        "organisers": ["Göteborgs stad", "Västsvenska nätverket för arbetsintegrerande företag",
                       "Upphandlingsmyndigheten"],
        "sdgs": [8, 12], "targets": ["12.7", "8.5"], "themes": ["social-procurement"],
        "sectors": ["public", "social-economy"],
        "intro": (
            "Praktisk workshop för upphandlare och sociala företag: så skriver ni sociala krav "
            "som fungerar och som små leverantörer kan svara på.",
            "A practical workshop for procurement officers and social enterprises: how to write "
            "social clauses that work and that small suppliers can answer."),
        "body": (
            "<p>Platserna är få för att alla ska hinna arbeta med egna underlag. Ta gärna med "
            "en pågående eller planerad upphandling.</p>",
            "<p>Places are few so that everyone has time to work on their own documents. Bring "
            "an ongoing or planned procurement if you can.</p>"),
        "sessions": [
            (0, 45, ("Vad säger lagen?", "What does the law say?"),
             "Handläggare, Upphandlingsmyndigheten", "Rum 3", None),
            (60, 90, ("Skriv kraven tillsammans", "Writing the clauses together"), "", "Rum 3",
             None),
            (165, 45, ("Leverantörernas perspektiv", "The suppliers' view"),
             "Cateringkooperativet Smak", "Rum 3", None),
        ],
    },
    {
        "key": "toc-workshop",
        "slug": ("forandringsteori-i-praktiken", "theory-of-change-in-practice"),
        "title": ("Förändringsteori i praktiken – workshop för idéburna organisationer",
                  "Theory of change in practice – a workshop for non-profits"),
        "type": WORKSHOP, "day": 73, "start": (9, 30), "hours": 5, "venue": "stockholm-ersta",
        "language": "sv", "capacity": 25, "opens_before": 50, "closes_before": 5,
        "organisers": ["Ersta Sköndal Bräcke högskola", "Samhällsvärde Konsult AB",
                       "Nätverket för idéburet offentligt partnerskap"],
        "sdgs": [16, 17], "targets": ["17.17"], "themes": ["democracy-participation"],
        "sectors": ["civil-society", "academia"],
        "intro": (
            "Lär dig beskriva vilken förändring er verksamhet vill åstadkomma, för vem och hur "
            "ni vet att den sker – med stöd av verktyget i sihub.",
            "Learn to describe the change your organisation wants to achieve, for whom, and how "
            "you will know it is happening – with the tool in sihub."),
        "body": (
            "<p>Workshopen varvar korta genomgångar med eget arbete. Du går hem med ett utkast "
            "till förändringsteori och förslag på indikatorer.</p>",
            "<p>The workshop alternates short talks with your own work. You leave with a draft "
            "theory of change and suggested indicators.</p>"),
        "sessions": [
            (0, 30, ("Varför förändringsteori?", "Why a theory of change?"),
             "Tove Sandberg, Ersta Sköndal Bräcke högskola", "Sal Ersta", None),
            (45, 90, ("Från aktivitet till effekt", "From activity to impact"),
             "Karl Wikström, Samhällsvärde Konsult AB", "Sal Ersta", None),
            (180, 60, ("Indikatorer som går att mäta", "Indicators you can measure"), "",
             "Sal Ersta", None),
            (255, 45, ("Återkoppling i grupp", "Feedback in groups"), "", "Sal Ersta", None),
        ],
    },
    {
        "key": "digital-design-sprint",
        "slug": ("designsprint-digital-delaktighet", "design-sprint-digital-inclusion"),
        "title": ("Designsprint: digital delaktighet för äldre",
                  "Design sprint: digital inclusion for older people"),
        "type": WORKSHOP, "day": -157, "start": (9, 0), "hours": 7, "venue": "ostersund-campus",
        "language": "sv", "capacity": 20, "full": True, "opens_before": 40, "closes_before": 4,
        "organisers": ["Digitalverkstaden Östersund", "Östersunds kommun", "Mittuniversitetet"],
        "sdgs": [10, 4], "targets": ["10.2", "4.4"], "themes": ["digitalisation", "elderly-care"],
        "sectors": ["social-economy", "public", "academia"],
        "intro": (
            "Äldre, anhöriga, kommunens personal och IT-företag tar på en dag fram prototyper "
            "för digitalt stöd nära hemmet.",
            "In one day, older people, relatives, municipal staff and IT companies build "
            "prototypes of digital support close to home."),
        "body": ("<p>Vi följer en förkortad designsprint med pensionärer som medskapare.</p>",
                 "<p>We follow a shortened design sprint with pensioners as co-creators.</p>"),
        "sessions": [
            (0, 60, ("Berättelser från vardagen", "Stories from everyday life"),
             "Lars Jonsson, Östersunds kommun", "Hörsal Q", None),
            (75, 120, ("Skissa lösningar", "Sketching solutions"), "", "Hörsal Q", None),
            (255, 120, ("Prototyp och test med användare", "Prototype and user test"),
             "Ingrid Wallin, Mittuniversitetet", "Hörsal Q", None),
        ],
    },
    {
        "key": "social-investment-seminar",
        "slug": ("seminarium-sociala-investeringar", "seminar-social-investment"),
        "title": ("Seminarium: sociala investeringar i kommunerna",
                  "Seminar: social investment in municipalities"),
        "type": SEMINAR, "day": -96, "start": (13, 0), "hours": 3, "venue": "orebro-conventum",
        "language": "sv", "capacity": 80, "opens_before": 45,
        "organisers": ["Kommunernas nätverk för sociala investeringar", "Örebro kommun",
                       "Örebro universitet"],
        "sdgs": [1, 10, 16], "targets": ["10.2"], "themes": ["impact-investment"],
        "sectors": ["public", "academia"],
        "intro": (
            "Hur kan kommuner investera i förebyggande insatser och följa upp vad de ger? "
            "Forskare och kommuner delar erfarenheter.",
            "How can municipalities invest in prevention and follow up what it yields? "
            "Researchers and municipalities share their experience."),
        "body": ("<p>Seminariet tar upp sociala investeringsfonder, socioekonomiska bokslut "
                 "och SROI.</p>",
                 "<p>The seminar covers social investment funds, socio-economic accounts and "
                 "SROI.</p>"),
        "sessions": [
            (0, 45, ("Tio år med sociala investeringsfonder",
                     "Ten years of social investment funds"),
             "Forskare, Örebro universitet", "Sal B", None),
            (60, 60, ("Kommunerna berättar", "The municipalities' stories"),
             "Örebro kommun; Norrköpings kommun", "Sal B", None),
            (135, 45, ("Frågor och samtal", "Questions and conversation"), "", "Sal B", None),
        ],
    },
    {
        "key": "sroi-research-seminar",
        "slug": ("forskarseminarium-att-mata-socialt-varde", "research-seminar-measuring-social-value"),
        "title": ("Forskarseminarium: att mäta socialt värde",
                  "Research seminar: measuring social value"),
        "type": SEMINAR, "day": 99, "start": (14, 0), "hours": 2.5, "venue": "uppsala-ekonomikum",
        "online": True, "language": "en", "capacity": 60, "opens_before": 45,
        "organisers": ["Uppsala universitet", "Institutet för välfärdsinnovation"],
        "sdgs": [17, 8], "targets": ["17.19"], "themes": ["impact-investment"],
        "sectors": ["academia"],
        "intro": (
            "Ett seminarium på engelska om metoder för att värdera social nytta – SROI, "
            "välbefinnandevärdering och kritiken mot dem. Delta på plats eller digitalt.",
            "A seminar in English on methods for valuing social benefit – SROI, wellbeing "
            "valuation and their critics. Join on site or online."),
        "body": ("<p>Med forskare från Sverige, Storbritannien och Finland.</p>",
                 "<p>With researchers from Sweden, the United Kingdom and Finland.</p>"),
        "sessions": [
            (0, 40, ("SROI tjugo år senare", "SROI twenty years on"),
             "Guest researcher, University of Edinburgh", "Hörsal 2", None),
            (50, 40, ("Välbefinnande som mått", "Wellbeing as a measure"),
             "Forskare, Uppsala universitet", "Hörsal 2", None),
            (100, 50, ("Paneldiskussion", "Panel discussion"), "", "Hörsal 2", None),
        ],
    },
    {
        "key": "iop-breakfast",
        "slug": ("frukostseminarium-iop", "breakfast-seminar-public-non-profit-partnership"),
        "title": ("Frukostseminarium: idéburet offentligt partnerskap (IOP)",
                  "Breakfast seminar: public–non-profit partnership (IOP)"),
        "type": SEMINAR, "day": 8, "start": (8, 0), "hours": 1.5,
        "venue": "stockholm-kulturhuset", "language": "sv", "capacity": 20, "full": True,
        "opens_before": 30,
        "organisers": ["Nätverket för idéburet offentligt partnerskap", "Stockholms stad"],
        "sdgs": [17, 16], "targets": ["17.17"], "themes": ["social-procurement"],
        "sectors": ["civil-society", "public"],
        "intro": ("Kaffe, smörgås och 45 minuter om när IOP passar – och när det inte gör det.",
                  "Coffee, a sandwich and 45 minutes on when IOP fits – and when it does not."),
        "body": ("<p>Platserna tog slut snabbt; anmäl dig till väntelistan så får du ett mejl "
                 "om en plats blir ledig.</p>",
                 "<p>The places went quickly; join the waiting list and you will get an e-mail "
                 "if a place becomes free.</p>"),
    },
    {
        "key": "west-network",
        "slug": ("natverkstraff-arbetsintegrerande-foretag-vast", "network-meeting-wise-west"),
        "title": ("Nätverksträff för arbetsintegrerande sociala företag i Väst",
                  "Network meeting for work-integration social enterprises in the west"),
        "type": NETWORK, "day": -41, "start": (10, 0), "hours": 4,
        "venue": "goteborg-bla-stallet", "language": "sv", "capacity": 40, "opens_before": 30,
        "organisers": ["Västsvenska nätverket för arbetsintegrerande företag",
                       "Västra Götalandsregionen"],
        "sdgs": [8, 10], "targets": ["8.5"], "themes": ["inclusive-working-life"],
        "sectors": ["social-economy"],
        "intro": ("Erfarenhetsutbyte, lunch och studiebesök hos ett arbetsintegrerande företag "
                  "i Angered.",
                  "Sharing experience, lunch and a study visit to a work-integration social "
                  "enterprise in Angered."),
        "body": ("<p>Träffen är öppen för alla som driver eller vill starta ett "
                 "arbetsintegrerande socialt företag.</p>",
                 "<p>The meeting is open to everyone who runs or wants to start a "
                 "work-integration social enterprise.</p>"),
    },
    {
        "key": "rural-network",
        "slug": ("landsbygdens-innovatorer-ostersund", "rural-innovators-ostersund"),
        "title": ("Landsbygdens innovatörer – nätverksträff i Östersund",
                  "Rural innovators – a network meeting in Östersund"),
        "type": NETWORK, "day": 31, "start": (12, 30), "hours": 4, "venue": "ostersund-campus",
        "language": "sv", "capacity": 35, "opens_before": 40,
        "organisers": ["Landsbygdsnätverket Jämtland", "Uppstartshuset Jämtland",
                       "Region Jämtland Härjedalen"],
        "sdgs": [11, 8], "targets": ["11.a"], "themes": ["rural-development"],
        "sectors": ["civil-society", "private", "public"],
        "intro": ("Byalag, företag och kommuner visar hur de löser service, transporter och "
                  "jobb på landsbygden.",
                  "Village associations, companies and municipalities show how they solve "
                  "services, transport and jobs in the countryside."),
        "body": ("<p>Korta presentationer, lunch och gruppsamtal.</p>",
                 "<p>Short presentations, lunch and group conversations.</p>"),
    },
    {
        "key": "esf-webinar",
        "slug": ("webbinarium-eu-finansiering-social-innovation", "webinar-eu-funding-social-innovation"),
        "title": ("Webbinarium: EU-finansiering för social innovation",
                  "Webinar: EU funding for social innovation"),
        "type": WEBINAR, "day": -19, "start": (10, 0), "hours": 1.5, "language": "en",
        "opens_before": 30,
        "organisers": ["Svenska ESF-rådet", "Tillväxtverket"],
        "sdgs": [8, 17], "targets": ["8.3"], "themes": ["impact-investment"],
        "sectors": ["public", "civil-society", "social-economy"],
        "intro": ("Ett webbinarium på engelska om ESF+, EaSI och andra EU-program som stöder "
                  "social innovation – och hur man söker.",
                  "A webinar in English on ESF+, EaSI and other EU programmes that support "
                  "social innovation – and how to apply."),
        "body": ("<p>Med erfarenheter från projekt som har fått stöd.</p>",
                 "<p>With experience from projects that have been funded.</p>"),
    },
    {
        "key": "impact-webinar",
        "slug": ("webbinarium-sa-mater-ni-er-sociala-effekt", "webinar-measuring-your-social-impact"),
        "title": ("Webbinarium: så mäter ni er sociala effekt",
                  "Webinar: how to measure your social impact"),
        "type": WEBINAR, "day": 54, "start": (14, 0), "hours": 1, "language": "sv",
        "opens_before": 40,
        "organisers": ["Institutet för välfärdsinnovation", "Riksföreningen för "
                       "arbetsintegrerande sociala företag"],
        "sdgs": [17], "targets": ["17.19"], "themes": ["impact-investment"],
        "sectors": ["social-economy", "civil-society"],
        "intro": ("En introduktion till indikatorer, förändringsteori och SROI för sociala "
                  "företag och föreningar.",
                  "An introduction to indicators, theory of change and SROI for social "
                  "enterprises and associations."),
        "body": ("<p>Ingen förkunskap behövs.</p>", "<p>No prior knowledge needed.</p>"),
    },
]

# The outcomes of the co-creation workshop, linked onward (by slug; skipped when absent).
OUTCOMES: list[dict[str, Any]] = [
    {"title": "Gemensam väg in för arbetsgivare blir ett åtagande i koalitionen",
     "description": "Workshopens förslag om en gemensam kontaktpunkt för arbetsgivare togs upp "
                    "av koalitionens styrgrupp, som beslutade att pröva den i en pilot.",
     "coalition": "inkluderande-arbetsliv-vasterbotten"},
    {"title": "Unga i jobb Umeå testar handledarträffar",
     "description": "Idén om regelbundna träffar för handledare på sociala företag testas i "
                    "initiativet Unga i jobb Umeå under våren.",
     "initiative": "unga-i-jobb-umea"},
]

MESSAGES: dict[str, tuple[str, str]] = {
    "before": ("Praktisk information inför {title}",
               "Hej!\n\nVälkommen till {title}. Här är programmet och vägbeskrivningen. Skriv "
               "till oss om du har behov vi ännu inte känner till.\n\nVälkomna!"),
    "after": ("Tack för i dag – presentationerna",
              "Tack för att du kom! Presentationerna och dokumentationen finns nu på "
              "evenemangets sida. Vi vill gärna höra vad du tyckte – svara på "
              "utvärderingen via länken i ditt bekräftelsemejl."),
}


# --- People -------------------------------------------------------------------------------

FIRST_NAMES = ("Anna", "Erik", "Leyla", "Johan", "Sara", "Amir", "Karin", "Noor", "Per", "Hawa",
               "Maria", "Ahmed", "Elin", "Mikael", "Fatima", "Lars", "Ingrid", "Omar", "Sofia",
               "Jonas", "Aisha", "Nils", "Emma", "Yusuf", "Lena", "Oskar", "Maja", "Ali",
               "Helena", "Daniel", "Inga", "Samir", "Ulrika", "Gustav", "Nadia", "Tomas",
               "Linnea", "Hassan", "Cecilia", "Anders")
SURNAMES = ("Lantto", "Nordin", "Demir", "Ek", "Nyström", "Haddad", "Olofsson", "Berg",
            "Lindqvist", "Andersson", "Hassan", "Sjöberg", "Pavval", "Khalil", "Johansson",
            "Karlsson", "Rahimi", "Lundmark", "Wallin", "Öberg", "Persson", "Marklund", "Ali",
            "Holmgren", "Svensson", "Yilmaz", "Forsberg", "Åström", "Nilsson", "Abdi")

DIETS = ("Vegetarisk", "Vegetarisk", "Vegansk", "Glutenfri", "Laktosfri", "Halal",
         "Nötallergi", "Fisk men inte kött")
ACCESS_NEEDS = ("Hörslinga", "Rullstolsplats", "Teckenspråkstolk", "Ledsagare följer med",
                "Behöver sitta nära utgången")

FEEDBACK = {
    "useful": {
        "sv": ("Att träffa folk från andra sektorer.", "De konkreta exemplen från kommunerna.",
               "Gruppdiskussionerna gav mycket.", "Forskningsöversikten var mycket bra.",
               "Nya kontakter med sociala företag i regionen.",
               "Verktygen vi fick prova på riktigt.", "Bra blandning av teori och praktik."),
        "en": ("Meeting people from other sectors.", "The concrete examples from municipalities.",
               "The group discussions were very rewarding.", "The research overview was great.",
               "New contacts with social enterprises in the region."),
    },
    "improve": {
        "sv": ("Mer tid för frågor.", "Längre pauser för att nätverka.",
               "Skicka presentationerna i förväg.", "Lokalen var lite trång.",
               "Fler röster från målgruppen själv.", "", "", ""),
        "en": ("More time for questions.", "Longer breaks for networking.",
               "Send the slides in advance.", "", ""),
    },
}

# Matchmaking profiles by sector: (offers, seeks, interests), Swedish and English.
PROFILES: dict[str, list[tuple[str, str, str, str]]] = {
    "public": [
        ("sv", "Praktikplatser i kommunens verksamheter och upphandlingar med sociala krav.",
         "Sociala företag som kan leverera tjänster och ta emot personer i arbetsträning.",
         "Arbetsmarknadsinsatser för unga och nyanlända, sociala investeringar."),
        ("sv", "Regional finansiering och nätverk mellan kommunerna i länet.",
         "Forskare som kan följa upp och utvärdera våra insatser.",
         "Landsbygdsutveckling, kompetensförsörjning och inkludering."),
        ("en", "Contacts in the municipality's labour-market unit and pilot funding.",
         "Employers willing to take on trainees who have been out of work for long.",
         "Inclusive working life, youth employment and co-creation with citizens."),
    ],
    "private": [
        ("sv", "Mentorskap, praktikplatser och rekryteringsstöd från ett växande företag.",
         "Rekrytering av personer långt från arbetsmarknaden och sociala leverantörer.",
         "Mångfald i arbetslivet, hållbarhetsredovisning och lokalt engagemang."),
        ("sv", "Lokaler till rimlig hyra och hjälp med digitala verktyg.",
         "Samarbete med föreningar och sociala företag i bostadsområdena.",
         "Trygghet i bostadsområden, cirkulär ekonomi och återbruk."),
        ("en", "CSR funding, volunteering hours from staff and business coaching.",
         "Social enterprises to buy services from and partners for impact reporting.",
         "Social procurement, impact measurement and circular textiles."),
    ],
    "academia": [
        ("sv", "Utvärdering, följeforskning och metoder för att mäta effekter.",
         "Verksamheter som vill delta i studier om arbetsintegration.",
         "Social innovation, SROI, förändringsteori och välfärdsforskning."),
        ("en", "Research on work integration and student projects.",
         "Field partners in municipalities and social enterprises for case studies.",
         "Evaluation methods, labour-market policy and the social economy."),
    ],
    "civil-society": [
        ("sv", "Kontakt med målgrupper som myndigheter har svårt att nå, och volontärer.",
         "Långsiktig finansiering och samarbetspartner inom näringslivet.",
         "Unga, integration, idéburet offentligt partnerskap och demokrati."),
        ("sv", "Läxhjälp, mentorer och mötesplatser för unga i förorten.",
         "Arbetsgivare som vill erbjuda feriejobb och praktik till unga.",
         "Barn och unga, utbildning och trygghet."),
        ("en", "Volunteers with many languages and trust in local communities.",
         "Funding for a pilot and a university partner to evaluate it.",
         "Integration, health equity and participation."),
    ],
    "social-economy": [
        ("sv", "Arbetsträning, catering och lokalvård som ett arbetsintegrerande socialt företag.",
         "Offentliga uppdrag, ramavtal och kunder i näringslivet.",
         "Arbetsintegration, sociala krav i upphandling och kooperativ."),
        ("sv", "Återbruk av möbler och textil och utbildning i sömnad.",
         "Finansiering för att växa och fler platser för arbetsträning.",
         "Cirkulär ekonomi, jämställdhet och kvinnors egen försörjning."),
        ("en", "Supported employment and a café that trains young people.",
         "Procurement contracts and investors who understand social enterprises.",
         "Work integration, social investment and scaling up."),
    ],
}


def goal_topic(goal: int) -> tuple[str, str]:
    """Programme texts of an Agenda 2030 webinar on ``goal``."""
    return (f"Forskare och praktiker om hur social innovation bidrar till mål {goal}.",
            f"A researcher and a practitioner on how social innovation contributes to goal "
            f"{goal}.")
