"""Demo data for the ecosystem: actors, and the texts their descriptions and offerings are made of.

``actors/demo.py`` turns these records into rows. Public bodies (municipalities,
regions, agencies, universities) are real and described only in general terms
that hold for them; their organisation numbers are given only where known
exactly, otherwise left empty. Everything else (incubators, foundations,
associations, social enterprises, cooperatives, companies, networks) is
fictional, with fictional but valid organisation numbers (made in ``demo.py``)
and example.org addresses. The offerings, relations and contact people are
fictional throughout, as in the good examples of ``cases/demo_content.py``.
"""

from __future__ import annotations

from typing import Any

PUB, PRI, ACA, CIV, SOC = "public", "private", "academia", "civil-society", "social-economy"


def _a(name: str, kind: str, sector: str, home: str, *, orgnr: str = "", web: str = "",
       themes: tuple[str, ...] = (), national: bool = False, intl: bool = False,
       wise: bool = False, service: int | None = None,
       description: tuple[str, str] | None = None) -> dict[str, Any]:
    """One actor. ``home`` is a municipality code; ``service`` indexes SERVICES."""
    return {"name": name, "kind": kind, "sector": sector, "home": home, "orgnr": orgnr,
            "web": web, "themes": themes, "national": national, "intl": intl, "wise": wise,
            "service": service, "description": description}


# --- Actors -------------------------------------------------------------------------
# Real public bodies: general descriptions only; numbers only where known exactly.

MUNICIPALITIES = [
    _a("Umeå kommun", "municipality", PUB, "2480", orgnr="212000-2742", web="https://www.umea.se"),
    _a("Skellefteå kommun", "municipality", PUB, "2482", web="https://skelleftea.se"),
    _a("Sorsele kommun", "municipality", PUB, "2422", web="https://www.sorsele.se"),
    _a("Stockholms stad", "municipality", PUB, "0180", orgnr="212000-0142",
       web="https://start.stockholm"),
    _a("Huddinge kommun", "municipality", PUB, "0126", web="https://www.huddinge.se"),
    _a("Södertälje kommun", "municipality", PUB, "0181", web="https://www.sodertalje.se"),
    _a("Botkyrka kommun", "municipality", PUB, "0127", web="https://www.botkyrka.se"),
    _a("Göteborgs stad", "municipality", PUB, "1480", orgnr="212000-1355",
       web="https://goteborg.se"),
    _a("Bengtsfors kommun", "municipality", PUB, "1460", web="https://www.bengtsfors.se"),
    _a("Borås stad", "municipality", PUB, "1490", web="https://www.boras.se"),
    _a("Malmö stad", "municipality", PUB, "1280", orgnr="212000-1124", web="https://malmo.se"),
    _a("Helsingborgs stad", "municipality", PUB, "1283", web="https://helsingborg.se"),
    _a("Landskrona stad", "municipality", PUB, "1282", web="https://www.landskrona.se"),
    _a("Uppsala kommun", "municipality", PUB, "0380", orgnr="212000-3005",
       web="https://www.uppsala.se"),
    _a("Eskilstuna kommun", "municipality", PUB, "0484", web="https://www.eskilstuna.se"),
    _a("Nyköpings kommun", "municipality", PUB, "0480", web="https://nykoping.se"),
    _a("Linköpings kommun", "municipality", PUB, "0580", web="https://www.linkoping.se"),
    _a("Norrköpings kommun", "municipality", PUB, "0581", web="https://www.norrkoping.se"),
    _a("Jönköpings kommun", "municipality", PUB, "0680", web="https://www.jonkoping.se"),
    _a("Växjö kommun", "municipality", PUB, "0780", web="https://vaxjo.se"),
    _a("Kalmar kommun", "municipality", PUB, "0880", web="https://kalmar.se"),
    _a("Karlskrona kommun", "municipality", PUB, "1080", web="https://www.karlskrona.se"),
    _a("Halmstads kommun", "municipality", PUB, "1380", web="https://www.halmstad.se"),
    _a("Torsby kommun", "municipality", PUB, "1737", web="https://torsby.se"),
    _a("Karlstads kommun", "municipality", PUB, "1780", web="https://karlstad.se"),
    _a("Örebro kommun", "municipality", PUB, "1880", web="https://www.orebro.se"),
    _a("Västerås stad", "municipality", PUB, "1980", web="https://www.vasteras.se"),
    _a("Borlänge kommun", "municipality", PUB, "2081", web="https://www.borlange.se"),
    _a("Falu kommun", "municipality", PUB, "2080", web="https://www.falun.se"),
    _a("Gävle kommun", "municipality", PUB, "2180", web="https://www.gavle.se"),
    _a("Ljusdals kommun", "municipality", PUB, "2161", web="https://www.ljusdal.se"),
    _a("Sundsvalls kommun", "municipality", PUB, "2281", web="https://sundsvall.se"),
    _a("Örnsköldsviks kommun", "municipality", PUB, "2284", web="https://www.ornskoldsvik.se"),
    _a("Östersunds kommun", "municipality", PUB, "2380", web="https://www.ostersund.se"),
    _a("Krokoms kommun", "municipality", PUB, "2309", web="https://www.krokom.se"),
    _a("Härjedalens kommun", "municipality", PUB, "2361", web="https://www.herjedalen.se"),
    _a("Luleå kommun", "municipality", PUB, "2580", web="https://www.lulea.se"),
    _a("Jokkmokks kommun", "municipality", PUB, "2510", web="https://www.jokkmokk.se"),
    _a("Kiruna kommun", "municipality", PUB, "2584", web="https://www.kiruna.se"),
    _a("Region Gotland", "region", PUB, "0980", web="https://www.gotland.se"),
]

REGIONS = [
    _a("Region Västerbotten", "region", PUB, "2480", orgnr="232100-0222",
       web="https://www.regionvasterbotten.se"),
    _a("Region Stockholm", "region", PUB, "0180", orgnr="232100-0016",
       web="https://www.regionstockholm.se"),
    _a("Västra Götalandsregionen", "region", PUB, "1487", orgnr="232100-0131",
       web="https://www.vgregion.se"),
    _a("Region Skåne", "region", PUB, "1290", orgnr="232100-0255", web="https://www.skane.se"),
    _a("Region Uppsala", "region", PUB, "0380", web="https://regionuppsala.se"),
    _a("Region Gävleborg", "region", PUB, "2180", web="https://www.regiongavleborg.se"),
    _a("Region Halland", "region", PUB, "1380", web="https://www.regionhalland.se"),
    _a("Region Jämtland Härjedalen", "region", PUB, "2380", web="https://www.regionjh.se"),
    _a("Region Värmland", "region", PUB, "1780", web="https://www.regionvarmland.se"),
    _a("Region Västernorrland", "region", PUB, "2280", web="https://www.rvn.se"),
    _a("Region Norrbotten", "region", PUB, "2580", orgnr="232100-0230",
       web="https://www.norrbotten.se"),
    _a("Region Östergötland", "region", PUB, "0580", web="https://www.regionostergotland.se"),
    _a("Region Dalarna", "region", PUB, "2080", web="https://www.regiondalarna.se"),
    _a("Region Örebro län", "region", PUB, "1880", web="https://www.regionorebrolan.se"),
    _a("Region Kalmar län", "region", PUB, "0880", web="https://regionkalmar.se"),
    _a("Region Jönköpings län", "region", PUB, "0680", web="https://www.rjl.se"),
    _a("Region Sörmland", "region", PUB, "0480", web="https://regionsormland.se"),
    _a("Region Västmanland", "region", PUB, "1980", web="https://www.regionvastmanland.se"),
    _a("Region Kronoberg", "region", PUB, "0780", web="https://www.regionkronoberg.se"),
    _a("Region Blekinge", "region", PUB, "1080", web="https://regionblekinge.se"),
]

AGENCIES = [
    _a("Vinnova", "agency", PUB, "0180", orgnr="202100-5216", web="https://www.vinnova.se",
       themes=("digitalisation", "health-welfare"), national=True, intl=True),
    _a("Tillväxtverket", "agency", PUB, "0180", orgnr="202100-6073",
       web="https://tillvaxtverket.se", themes=("rural-development", "impact-investment"),
       national=True),
    _a("Arbetsförmedlingen", "agency", PUB, "0180", orgnr="202100-2114",
       web="https://arbetsformedlingen.se", themes=("inclusive-working-life", "integration"),
       national=True),
    _a("Försäkringskassan", "agency", PUB, "0180", orgnr="202100-5521",
       web="https://www.forsakringskassan.se", themes=("health-welfare", "inclusive-working-life"),
       national=True),
    _a("Myndigheten för ungdoms- och civilsamhällesfrågor", "agency", PUB, "0780",
       web="https://www.mucf.se", themes=("children-youth", "democracy-participation"),
       national=True),
    _a("Upphandlingsmyndigheten", "agency", PUB, "0184",
       web="https://www.upphandlingsmyndigheten.se", themes=("social-procurement",),
       national=True),
    _a("Svenska ESF-rådet", "agency", PUB, "0180", web="https://www.esf.se",
       themes=("inclusive-working-life", "education"), national=True, intl=True),
    _a("Allmänna arvsfonden", "funder", PUB, "0180", web="https://www.arvsfonden.se",
       themes=("children-youth", "democracy-participation"), national=True),
    _a("Länsstyrelsen Västerbotten", "agency", PUB, "2480",
       web="https://www.lansstyrelsen.se/vasterbotten",
       themes=("rural-development", "gender-equality")),
    _a("Jordbruksverket", "agency", PUB, "0680", web="https://jordbruksverket.se",
       themes=("rural-development", "food"), national=True),
]

PUBLIC_COMPANIES = [
    _a("AB Bostaden i Umeå", "company", PUB, "2480", web="https://www.bostaden.umea.se",
       themes=("housing-urban",),
       description=("AB Bostaden i Umeå är Umeå kommuns bostadsbolag och hyr ut lägenheter "
                    "i hela kommunen.",
                    "AB Bostaden i Umeå is Umeå municipality's housing company and lets flats "
                    "across the municipality.")),
    _a("MKB Fastighets AB", "company", PUB, "1280", web="https://www.mkbfastighet.se",
       themes=("housing-urban",),
       description=("MKB Fastighets AB är Malmö stads bostadsbolag och ett av Sveriges större "
                    "allmännyttiga bostadsföretag.",
                    "MKB Fastighets AB is the City of Malmö's housing company and one of "
                    "Sweden's larger municipal housing companies.")),
]

UNIVERSITIES = [
    _a("Umeå universitet", "university", ACA, "2480", orgnr="202100-2874",
       web="https://www.umu.se", intl=True),
    _a("Luleå tekniska universitet", "university", ACA, "2580", orgnr="202100-2841",
       web="https://www.ltu.se", intl=True),
    _a("Mittuniversitetet", "university", ACA, "2281", orgnr="202100-4896",
       web="https://www.miun.se"),
    _a("Uppsala universitet", "university", ACA, "0380", orgnr="202100-2932",
       web="https://www.uu.se", intl=True),
    _a("Mälardalens universitet", "university", ACA, "1980", web="https://www.mdu.se"),
    _a("Malmö universitet", "university", ACA, "1280", orgnr="202100-4078",
       web="https://mau.se", intl=True),
    _a("Lunds universitet", "university", ACA, "1281", orgnr="202100-3211",
       web="https://www.lu.se", intl=True),
    _a("Linköpings universitet", "university", ACA, "0580", orgnr="202100-1058",
       web="https://liu.se", intl=True),
    _a("Jönköping University", "university", ACA, "0680", web="https://ju.se"),
    _a("Linnéuniversitetet", "university", ACA, "0780", orgnr="202100-6271",
       web="https://lnu.se"),
    _a("Karlstads universitet", "university", ACA, "1780", orgnr="202100-3104",
       web="https://www.kau.se"),
    _a("Högskolan i Halmstad", "university", ACA, "1380", web="https://www.hh.se"),
    _a("Högskolan i Gävle", "university", ACA, "2180", web="https://www.hig.se"),
    _a("Högskolan Dalarna", "university", ACA, "2080", web="https://www.du.se"),
    _a("Örebro universitet", "university", ACA, "1880", orgnr="202100-2577",
       web="https://www.oru.se"),
    _a("Göteborgs universitet", "university", ACA, "1480", orgnr="202100-1819",
       web="https://www.gu.se", intl=True),
    _a("Ersta Sköndal Bräcke högskola", "university", ACA, "0180", web="https://www.esh.se",
       themes=("health-welfare", "democracy-participation")),
]

# Fictional from here on.

RESEARCH = [
    _a("Institutet för välfärdsinnovation", "research", ACA, "1480", national=True,
       themes=("health-welfare", "impact-investment")),
    _a("Norrländskt centrum för landsbygdsforskning", "research", ACA, "2380",
       themes=("rural-development", "democracy-participation")),
]

INCUBATORS = [
    _a("Kompassen Social Inkubator", "incubator", PRI, "2480"),
    _a("Startrampen Impact Malmö", "incubator", PRI, "1280"),
    _a("Idéverkstan Sörmland", "incubator", CIV, "0484"),
    _a("Inkubator Norrsol", "incubator", PRI, "2580"),
    _a("Samhällslabbet Göteborg", "incubator", CIV, "1480"),
    _a("Växtzon Gävleborg", "incubator", PUB, "2180"),
    _a("Acceleratorn Gröna Dalarna", "incubator", PRI, "2081", themes=("climate-environment",)),
    _a("Uppstartshuset Jämtland", "incubator", PRI, "2380", themes=("rural-development",)),
]

FUNDERS = [
    _a("Stiftelsen Gemensam Framtid", "foundation", CIV, "0180", national=True),
    _a("Stiftelsen Bygdekraft Norr", "foundation", CIV, "2480", themes=("rural-development",)),
    _a("Stiftelsen Lokal Välfärd Sörmland", "foundation", CIV, "0480"),
    _a("Ljungqvistska fonden för barn och unga", "foundation", CIV, "1480",
       themes=("children-youth", "education")),
    _a("Gemenskapsfonden Skåne", "funder", SOC, "1280", themes=("impact-investment",)),
    _a("Impact Kapital Norr AB", "funder", PRI, "2580", themes=("impact-investment",)),
    _a("Stiftelsen Omtanke Halland", "foundation", CIV, "1380"),
    _a("Framtidsfonden Värmland", "foundation", CIV, "1780"),
    _a("Stiftelsen Mälardalens samhällsfond", "foundation", CIV, "1980"),
    _a("Sociala Riskkapitalbolaget Väst AB", "funder", PRI, "1480",
       themes=("impact-investment",)),
    _a("Stiftelsen Kustens Gemenskap", "foundation", CIV, "0880"),
]

ASSOCIATIONS = [
    _a("Föreningen Läxhjälpen Umeå", "association", CIV, "2480",
       themes=("education", "children-youth")),
    _a("Ungdomens Hus Huddinge", "association", CIV, "0126", themes=("children-youth",)),
    _a("Pensionärernas Mötesplats Gävle", "association", CIV, "2180", themes=("elderly-care",)),
    _a("Kvinnor i Samverkan Södertälje", "association", CIV, "0181",
       themes=("gender-equality", "integration")),
    _a("Miljöföreningen Gröna Nyköping", "association", CIV, "0480",
       themes=("climate-environment", "circular-economy")),
    _a("Hyresgästernas Byalag Kalmar", "association", CIV, "0880", themes=("housing-urban",)),
    _a("Byaföreningen Sorsele Framtid", "association", CIV, "2422",
       themes=("rural-development", "food")),
    _a("Bybussföreningen Dalsland", "association", CIV, "1460", themes=("rural-development",)),
    _a("Föreningen Prova På Linköping", "association", CIV, "0580", themes=("children-youth",)),
    _a("Föreningen Tak över huvudet Helsingborg", "association", CIV, "1283",
       themes=("housing-urban", "health-welfare")),
    _a("Mentorsnätverket Örebro", "association", CIV, "1880",
       themes=("children-youth", "inclusive-working-life")),
    _a("Ungas Röst Landskrona", "association", CIV, "1282",
       themes=("democracy-participation", "children-youth")),
    _a("Föräldralotsarna Jönköping", "association", CIV, "0680",
       themes=("integration", "children-youth")),
    _a("Brukarföreningen Sundsvall", "association", CIV, "2281",
       themes=("health-welfare", "democracy-participation")),
    _a("Idrottsalliansen Örnsköldsvik", "association", CIV, "2284", themes=("children-youth",)),
    _a("Studiecirkelförbundet Norr", "association", CIV, "2580", themes=("education",)),
    _a("Grannstödet Gotland", "association", CIV, "0980", themes=("elderly-care",)),
    _a("Föreningen Språkvänner Växjö", "association", CIV, "0780", themes=("integration",)),
    _a("Kulturföreningen Polstjärnan Kiruna", "association", CIV, "2584",
       themes=("democracy-participation", "rural-development")),
    _a("Föreningen Nattcaféet Stockholm", "association", CIV, "0180",
       themes=("health-welfare", "housing-urban")),
    _a("Matbanken Uppsala", "association", CIV, "0380", themes=("food", "circular-economy")),
    _a("Telefonvännerna Skellefteå", "association", CIV, "2482", themes=("elderly-care",)),
    _a("Fältföreningen Halmstad", "association", CIV, "1380", themes=("children-youth",)),
]

NETWORKS = [
    _a("Nätverket för idéburet offentligt partnerskap", "network", CIV, "0180", national=True,
       themes=("social-procurement", "democracy-participation")),
    _a("Nätverket Sociala Företag Norr", "network", SOC, "2480",
       themes=("inclusive-working-life",)),
    _a("Sydsvenskt nätverk för social innovation", "network", CIV, "1280"),
    _a("Västsvenska nätverket för arbetsintegrerande företag", "network", SOC, "1480",
       themes=("inclusive-working-life",)),
    _a("Nätverket Social Hållbarhet Mälardalen", "network", CIV, "1980"),
    _a("Kommunernas nätverk för sociala investeringar", "network", PUB, "0180", national=True,
       themes=("impact-investment", "social-procurement")),
    _a("Landsbygdsnätverket Jämtland", "network", CIV, "2380", themes=("rural-development",)),
    _a("Sociala företag Värmland", "network", SOC, "1780", themes=("inclusive-working-life",)),
    _a("Mötesplats Social Innovation Östergötland", "network", CIV, "0581"),
    _a("Riksföreningen för arbetsintegrerande sociala företag", "network", SOC, "0180",
       national=True, themes=("inclusive-working-life", "social-procurement")),
]

SOCIAL_ECONOMY = [
    _a("Cykelköket Luleå", "social_enterprise", SOC, "2580", wise=True, service=7,
       themes=("circular-economy", "inclusive-working-life")),
    _a("Mångfaldens kök Växjö", "social_enterprise", SOC, "0780", wise=True, service=1,
       themes=("integration", "food")),
    _a("Tvätteriet Karlskrona", "social_enterprise", SOC, "1080", wise=True, service=3),
    _a("Kooperativet Överskottet", "cooperative", SOC, "1280", service=1,
       themes=("food", "circular-economy")),
    _a("Energiföreningen Kalmar Sol", "cooperative", SOC, "0880", service=12,
       themes=("climate-environment", "housing-urban")),
    _a("Gröna Händer Ljusdal", "social_enterprise", SOC, "2161", wise=True, service=4,
       themes=("climate-environment", "inclusive-working-life")),
    _a("Återbruket Nyköping", "social_enterprise", SOC, "0480", wise=True, service=0,
       themes=("circular-economy",)),
    _a("Lokalvårdarna Västerås ekonomisk förening", "cooperative", SOC, "1980", wise=True,
       service=2, themes=("inclusive-working-life", "social-procurement")),
    _a("Nya Vägar Eskilstuna AB", "social_enterprise", SOC, "0484", service=11,
       themes=("children-youth", "impact-investment")),
    _a("Kaffekoppen Umeå", "social_enterprise", SOC, "2480", wise=True, service=1),
    _a("Snickeriet Borås", "social_enterprise", SOC, "1490", wise=True, service=5),
    _a("Odlingskooperativet Östergården", "cooperative", SOC, "0581", service=4,
       themes=("food", "integration")),
    _a("Textilverkstaden Botkyrka", "social_enterprise", SOC, "0127", wise=True, service=8,
       themes=("gender-equality", "circular-economy")),
    _a("Omsorgskooperativet Gotland", "cooperative", SOC, "0980", service=10,
       themes=("elderly-care",)),
    _a("Kooperativ Utveckling Västerbotten", "cooperative", SOC, "2480",
       themes=("impact-investment", "rural-development")),
    _a("Kooperativ Utveckling Skåne", "cooperative", SOC, "1280",
       themes=("impact-investment",)),
    _a("Kooperativ Utveckling Dalarna", "cooperative", SOC, "2081",
       themes=("impact-investment", "rural-development")),
    _a("Trädgårdskollektivet Sundsvall", "social_enterprise", SOC, "2281", wise=True, service=4),
    _a("Digitalverkstaden Östersund", "social_enterprise", SOC, "2380", service=6,
       themes=("digitalisation", "elderly-care")),
    _a("Fixarna Örebro", "social_enterprise", SOC, "1880", wise=True, service=0),
    _a("Cateringkooperativet Smak", "cooperative", SOC, "1480", wise=True, service=1,
       themes=("integration", "food")),
    _a("Städ och Service Halmstad", "social_enterprise", SOC, "1380", wise=True, service=2),
    _a("Bageriet Gemenskap", "social_enterprise", SOC, "0680", wise=True, service=9),
    _a("Byggstegen Malmö", "social_enterprise", SOC, "1280", wise=True, service=5,
       themes=("inclusive-working-life", "housing-urban")),
    _a("Återbruk och Design Falun", "social_enterprise", SOC, "2080", service=0),
    _a("Lotsgruppen Kiruna", "social_enterprise", SOC, "2584", service=11,
       themes=("integration", "inclusive-working-life")),
    _a("Hemtjänstkooperativet Omtanken", "cooperative", SOC, "0380", service=10,
       themes=("elderly-care", "gender-equality")),
    _a("Vävstugan Jokkmokk", "social_enterprise", SOC, "2510", service=8,
       themes=("rural-development", "gender-equality")),
    _a("Sociala Trädgårdar Norrköping", "social_enterprise", SOC, "0581", wise=True, service=4),
    _a("Datakooperativet Tvärs", "cooperative", SOC, "0180", service=6,
       themes=("digitalisation", "inclusive-working-life")),
]

COMPANIES = [
    _a("Norrviken Fastigheter AB", "company", PRI, "2480", service=13),
    _a("Spelverkstan Härjedalen AB", "company", PRI, "2361", service=6,
       themes=("children-youth", "digitalisation")),
    _a("Bygdebilen Värmland AB", "company", PRI, "1737", service=14,
       themes=("rural-development", "climate-environment")),
    _a("Kodkraft Digitalbyrå AB", "company", PRI, "1480", service=6),
    _a("Hallandskusten Hotell AB", "company", PRI, "1380", service=15),
    _a("Bergslagens Verkstäder AB", "company", PRI, "1880", service=5),
    _a("Gotlands Larmteknik AB", "company", PRI, "0980", service=6,
       themes=("elderly-care", "digitalisation")),
    _a("Krokoms IT-service AB", "company", PRI, "2309", service=6),
    _a("Livsmedelsbutiken Möllan AB", "company", PRI, "1280", service=16,
       themes=("food", "circular-economy")),
    _a("Samhällsvärde Konsult AB", "company", PRI, "0180", service=11,
       themes=("impact-investment", "social-procurement")),
    _a("Sörmlands Rekrytering AB", "company", PRI, "0484", service=11,
       themes=("inclusive-working-life",)),
    _a("Östgöta Energi och Service AB", "company", PRI, "0581", service=12),
    _a("Västerbottens Byggservice AB", "company", PRI, "2482", service=5),
    _a("Nordlig Logistik AB", "company", PRI, "2580", service=14),
    _a("Skånes Matgrossist AB", "company", PRI, "1280", service=16, themes=("food",)),
    _a("Fjällturism Åre AB", "company", PRI, "2321", service=15,
       themes=("rural-development",)),
    _a("Växjö Möbelfabrik AB", "company", PRI, "0780", service=5,
       themes=("circular-economy",)),
    _a("Mälarstadens Städservice AB", "company", PRI, "1980", service=2,
       themes=("inclusive-working-life", "social-procurement")),
    _a("Bygdebanken Dalarna AB", "company", PRI, "2081", service=17,
       themes=("impact-investment", "rural-development")),
    _a("Uppsala Kontorshotell AB", "company", PRI, "0380", service=13),
]

ACTORS: list[dict[str, Any]] = [
    *MUNICIPALITIES, *REGIONS, *AGENCIES, *PUBLIC_COMPANIES, *UNIVERSITIES, *RESEARCH,
    *INCUBATORS, *FUNDERS, *ASSOCIATIONS, *NETWORKS, *SOCIAL_ECONOMY, *COMPANIES,
]

# Who joins a network (by the network's name); other networks take the social economy,
# associations, incubators and companies of their county.
NETWORK_MEMBERS = {
    "Nätverket för idéburet offentligt partnerskap": ("association", "foundation", "municipality",
                                                       "region"),
    "Kommunernas nätverk för sociala investeringar": ("municipality", "region"),
    "Riksföreningen för arbetsintegrerande sociala företag": ("social_enterprise", "cooperative"),
}
NETWORK_MEMBERS_DEFAULT = ("social_enterprise", "cooperative", "association", "incubator",
                           "company")

# Who owns whom (by name): true for the two housing companies; fictional otherwise.
OWNERSHIP = [
    ("Umeå kommun", "AB Bostaden i Umeå"),
    ("Malmö stad", "MKB Fastighets AB"),
    ("Gävle kommun", "Växtzon Gävleborg"),
    ("Stiftelsen Gemensam Framtid", "Samhällsvärde Konsult AB"),
    ("Kooperativ Utveckling Skåne", "Kooperativet Överskottet"),
    ("Stiftelsen Bygdekraft Norr", "Kompassen Social Inkubator"),
    ("Gemenskapsfonden Skåne", "Startrampen Impact Malmö"),
    ("Kooperativ Utveckling Dalarna", "Acceleratorn Gröna Dalarna"),
    ("Stiftelsen Mälardalens samhällsfond", "Lokalvårdarna Västerås ekonomisk förening"),
    ("Framtidsfonden Värmland", "Bygdebilen Värmland AB"),
]


# --- Words the descriptions are made of -----------------------------------------------

# (Swedish, English): what a social enterprise, cooperative or company sells.
SERVICES = [
    ("återbruk och reparationer", "reuse and repairs"),
    ("catering och café", "catering and cafés"),
    ("lokalvård", "cleaning"),
    ("tvätt och textilvård", "laundry"),
    ("trädgårdsskötsel och odling", "gardening and growing food"),
    ("snickeri och byggservice", "carpentry and building services"),
    ("digitala tjänster", "digital services"),
    ("cykelreparationer", "bicycle repairs"),
    ("textil och sömnad", "textiles and sewing"),
    ("bageri", "baking"),
    ("omsorg och hemtjänst", "care and home help"),
    ("rekrytering och handledning", "recruitment and supervision"),
    ("energi och service", "energy and services"),
    ("lokaler och fastigheter", "premises and property"),
    ("transporter", "transport"),
    ("hotell och besöksnäring", "hotels and tourism"),
    ("livsmedelshandel", "food retail"),
    ("bank och finansiering", "banking and finance"),
]

TARGET_GROUPS = [
    ("unga som varken arbetar eller studerar", "young people not in work or education"),
    ("nyanlända", "newly arrived migrants"),
    ("äldre", "older people"),
    ("personer som länge varit utan arbete", "people who have long been out of work"),
    ("personer med funktionsnedsättning", "people with disabilities"),
    ("barnfamiljer", "families with children"),
    ("kvinnor som står långt från arbetsmarknaden", "women far from the labour market"),
    ("människor på landsbygden", "people in rural areas"),
    ("personer i hemlöshet", "people experiencing homelessness"),
]

THEME_WORDS = {  # theme slug -> (Swedish, English) as they read mid-sentence
    "inclusive-working-life": ("ett inkluderande arbetsliv", "an inclusive working life"),
    "health-welfare": ("hälsa och välfärd", "health and welfare"),
    "education": ("utbildning och lärande", "education and learning"),
    "integration": ("integration och inkludering", "integration and inclusion"),
    "children-youth": ("barn och unga", "children and young people"),
    "elderly-care": ("äldres livskvalitet", "older people's quality of life"),
    "housing-urban": ("boende och stadsutveckling", "housing and urban development"),
    "rural-development": ("landsbygdsutveckling", "rural development"),
    "climate-environment": ("klimat och miljö", "climate and the environment"),
    "food": ("mat och livsmedel", "food"),
    "circular-economy": ("cirkulär ekonomi", "the circular economy"),
    "digitalisation": ("digitalisering", "digitalisation"),
    "social-procurement": ("social upphandling", "social procurement"),
    "impact-investment": ("sociala investeringar", "social impact investment"),
    "gender-equality": ("jämställdhet", "gender equality"),
    "democracy-participation": ("demokrati och delaktighet", "democracy and participation"),
}

# Themes an actor of a kind is likely to work with (when its record names none).
KIND_THEMES = {
    "municipality": ("inclusive-working-life", "integration", "children-youth", "elderly-care",
                     "social-procurement", "housing-urban", "democracy-participation"),
    "region": ("health-welfare", "rural-development", "inclusive-working-life",
               "digitalisation", "impact-investment", "climate-environment"),
    "agency": ("inclusive-working-life", "rural-development"),
    "university": ("health-welfare", "education", "digitalisation", "climate-environment",
                   "impact-investment", "integration", "democracy-participation"),
    "research": ("health-welfare", "impact-investment"),
    "incubator": ("impact-investment", "digitalisation", "circular-economy",
                  "inclusive-working-life", "climate-environment"),
    "foundation": ("children-youth", "education", "health-welfare", "integration",
                   "elderly-care", "rural-development"),
    "funder": ("impact-investment", "inclusive-working-life"),
    "association": ("children-youth", "integration", "elderly-care", "democracy-participation"),
    "network": ("inclusive-working-life", "social-procurement", "impact-investment",
                "democracy-participation"),
    "social_enterprise": ("inclusive-working-life", "circular-economy", "integration"),
    "cooperative": ("inclusive-working-life", "impact-investment", "food"),
    "company": ("inclusive-working-life", "circular-economy", "climate-environment",
                "social-procurement"),
    "other": ("democracy-participation",),
}

# Global goals and targets that go with each theme.
THEME_GOALS = {
    "inclusive-working-life": ((8, 10), ("8.5", "8.6", "10.2")),
    "health-welfare": ((3,), ("3.4", "3.8")),
    "education": ((4,), ("4.4", "4.6")),
    "integration": ((10, 16), ("10.2", "16.7")),
    "children-youth": ((4, 3), ("4.1", "8.6")),
    "elderly-care": ((3, 10), ("3.8", "10.2")),
    "housing-urban": ((11,), ("11.1", "11.3")),
    "rural-development": ((11, 8), ("11.a", "8.3")),
    "climate-environment": ((13, 7), ("13.1", "7.2")),
    "food": ((2, 12), ("2.1", "12.3")),
    "circular-economy": ((12,), ("12.5",)),
    "digitalisation": ((9,), ("9.c",)),
    "social-procurement": ((12, 8), ("12.7",)),
    "impact-investment": ((17, 8), ("17.17", "8.3")),
    "gender-equality": ((5,), ("5.5",)),
    "democracy-participation": ((16,), ("16.7",)),
}

# Description sentences by kind: a first sentence (who they are), then one or two on
# what they do. Slots: {name} {place} {county_sv}/{county_en} {theme_sv}/{theme_en}
# {theme2_sv}/{theme2_en} {group_sv}/{group_en} {service_sv}/{service_en} {year} {count}.
LEADS: dict[str, list[tuple[str, str]]] = {
    "municipality": [
        ("{name} ansvarar för skola, socialtjänst, äldreomsorg och samhällsplanering för dem "
         "som bor i {place}.",
         "{name} is responsible for schools, social services, care for older people and "
         "planning for the people who live in {place}."),
        ("{name} är huvudman för den lokala välfärden i {place}: förskola och skola, omsorg, "
         "kultur och fritid.",
         "{name} runs local welfare in {place}: preschools and schools, care, culture and "
         "leisure."),
    ],
    "region": [
        ("{name} ansvarar för hälso- och sjukvård, kollektivtrafik och regional utveckling i "
         "{county_sv}.",
         "{name} is responsible for health care, public transport and regional development "
         "in {county_en}."),
        ("{name} leder det regionala utvecklingsarbetet i {county_sv} och driver hälso- och "
         "sjukvården där.",
         "{name} leads regional development in {county_en} and runs its health care."),
    ],
    "agency": [
        ("{name} är en statlig myndighet med uppdrag i hela landet.",
         "{name} is a government agency with a remit across the country."),
        ("{name} är en statlig myndighet med huvudkontor i {place}.",
         "{name} is a government agency with its head office in {place}."),
    ],
    "university": [
        ("{name} bedriver utbildning och forskning med campus i {place}.",
         "{name} offers education and research, with a campus in {place}."),
        ("{name} är ett lärosäte i {county_sv} med utbildning på grund-, avancerad och "
         "forskarnivå.",
         "{name} is a university in {county_en} with education at bachelor's, master's and "
         "doctoral level."),
    ],
    "research": [
        ("{name} är ett fristående forskningsinstitut i {place} som studerar {theme_sv}.",
         "{name} is an independent research institute in {place} that studies {theme_en}."),
    ],
    "incubator": [
        ("{name} är en inkubator i {place} för sociala entreprenörer och bolag som vill lösa "
         "samhällsutmaningar.",
         "{name} is an incubator in {place} for social entrepreneurs and companies that want "
         "to solve societal challenges."),
        ("{name} hjälper människor med idéer om {theme_sv} att bygga hållbara verksamheter.",
         "{name} helps people with ideas about {theme_en} build lasting organisations."),
    ],
    "foundation": [
        ("{name} är en stiftelse som ger bidrag till projekt för {theme_sv} i {county_sv}.",
         "{name} is a foundation that funds projects for {theme_en} in {county_en}."),
        ("{name} bildades {year} för att främja {theme_sv} och {theme2_sv}.",
         "{name} was founded in {year} to promote {theme_en} and {theme2_en}."),
    ],
    "funder": [
        ("{name} finansierar sociala företag och idéburna organisationer med lån, garantier "
         "och riskkapital.",
         "{name} finances social enterprises and idea-driven organisations with loans, "
         "guarantees and risk capital."),
        ("{name} investerar i verksamheter som vill växa och samtidigt skapa social nytta.",
         "{name} invests in organisations that want to grow while creating social value."),
    ],
    "association": [
        ("{name} är en ideell förening i {place} som arbetar för {theme_sv}.",
         "{name} is a non-profit association in {place} working for {theme_en}."),
        ("{name} samlar frivilliga i {place} som stöttar {group_sv}.",
         "{name} brings together volunteers in {place} who support {group_en}."),
    ],
    "network": [
        ("{name} är ett nätverk för organisationer som arbetar med {theme_sv}.",
         "{name} is a network for organisations working on {theme_en}."),
        ("{name} samlar sociala företag, föreningar och offentliga aktörer i {county_sv}.",
         "{name} brings together social enterprises, associations and public bodies in "
         "{county_en}."),
    ],
    "social_enterprise": [
        ("{name} är ett socialt företag i {place} som säljer {service_sv} och återinvesterar "
         "överskottet i verksamheten.",
         "{name} is a social enterprise in {place} that sells {service_en} and reinvests its "
         "surplus in the business."),
        ("{name} driver {service_sv} i {place} med syftet att skapa social nytta, inte vinst "
         "till ägare.",
         "{name} runs {service_en} in {place} to create social value rather than profit for "
         "owners."),
    ],
    "wise": [
        ("{name} är ett arbetsintegrerande socialt företag i {place} som ger {group_sv} arbete "
         "och arbetsträning inom {service_sv}.",
         "{name} is a work-integration social enterprise in {place} that gives {group_en} jobs "
         "and work training in {service_en}."),
        ("{name} är ett arbetsintegrerande socialt företag som säljer {service_sv}; "
         "överskottet går tillbaka till verksamheten.",
         "{name} is a work-integration social enterprise selling {service_en}; its surplus "
         "goes back into the business."),
    ],
    "cooperative": [
        ("{name} är en ekonomisk förening i {place} som ägs och styrs av sina medlemmar.",
         "{name} is a cooperative in {place}, owned and run by its members."),
        ("{name} är ett kooperativ inom {service_sv} med säte i {place}.",
         "{name} is a cooperative in {service_en} based in {place}."),
    ],
    "company": [
        ("{name} är ett företag i {place} inom {service_sv}.",
         "{name} is a company in {place} working in {service_en}."),
        ("{name} är ett familjeägt företag i {county_sv} med verksamhet inom {service_sv}.",
         "{name} is a family-owned company in {county_en} working in {service_en}."),
    ],
    "other": [
        ("{name} är en aktör i {place}.", "{name} is an organisation in {place}."),
    ],
}

MORE: dict[str, list[tuple[str, str]]] = {
    "municipality": [
        ("Kommunen samverkar med föreningar och sociala företag genom idéburet offentligt "
         "partnerskap och arbetsträningsplatser, särskilt inom {theme_sv}.",
         "The municipality works with associations and social enterprises through "
         "idea-driven public partnerships and work-training placements, especially in "
         "{theme_en}."),
        ("Ett av kommunens utvecklingsområden är {theme_sv}, där nya arbetssätt prövas "
         "tillsammans med civilsamhället.",
         "One of the municipality's development areas is {theme_en}, where new ways of "
         "working are tried together with civil society."),
        ("Kommunen ställer sociala krav i en del upphandlingar och har en kontaktväg för "
         "sociala företag.",
         "The municipality sets social requirements in some procurements and has a point "
         "of contact for social enterprises."),
    ],
    "region": [
        ("Den regionala utvecklingsstrategin lyfter {theme_sv} och {theme2_sv} som "
         "prioriterade områden.",
         "The regional development strategy names {theme_en} and {theme2_en} as priorities."),
        ("Regionen samordnar ett länsnätverk för social innovation och social ekonomi.",
         "The region coordinates a county network for social innovation and the social "
         "economy."),
    ],
    "agency": [
        ("För ekosystemet för social innovation är myndigheten viktig genom stöd, vägledning "
         "och kunskap inom {theme_sv}.",
         "For the social-innovation ecosystem the agency matters through support, guidance "
         "and knowledge in {theme_en}."),
        ("Myndigheten samverkar med regioner, kommuner och civilsamhälle kring {theme_sv}.",
         "The agency works with regions, municipalities and civil society on {theme_en}."),
    ],
    "university": [
        ("Forskare vid lärosätet följer och utvärderar sociala innovationer, bland annat inom "
         "{theme_sv}.",
         "Researchers at the university follow and evaluate social innovations, among others "
         "in {theme_en}."),
        ("Lärosätet samverkar med kommuner, regionen och idéburna organisationer i "
         "{county_sv} kring {theme_sv}.",
         "The university works with municipalities, the region and idea-driven organisations "
         "in {county_en} on {theme_en}."),
    ],
    "research": [
        ("Institutet tar fram kunskapsöversikter, utvärderingar och verktyg för att mäta "
         "social effekt.",
         "The institute produces research reviews, evaluations and tools for measuring "
         "social impact."),
        ("Uppdragsgivare är kommuner, regioner och stiftelser i hela landet.",
         "It works for municipalities, regions and foundations across the country."),
    ],
    "incubator": [
        ("Programmet ger coachning, kontorsplats, nätverk och hjälp att hitta finansiering, "
         "med särskilt fokus på {theme_sv}.",
         "The programme offers coaching, a desk, a network and help finding funding, with a "
         "particular focus on {theme_en}."),
        ("Inkubatorn tar in nya team två gånger om året; hittills har omkring {count} "
         "verksamheter gått programmet.",
         "The incubator takes in new teams twice a year; some {count} ventures have been "
         "through the programme so far."),
    ],
    "foundation": [
        ("Stiftelsen prioriterar insatser som når {group_sv}.",
         "The foundation gives priority to work that reaches {group_en}."),
        ("Utöver bidrag ger stiftelsen stöd i uppföljning och effektmätning.",
         "Besides grants, the foundation helps with follow-up and impact measurement."),
    ],
    "funder": [
        ("Fokus ligger på {theme_sv} och på verksamheter som kan visa både social och "
         "ekonomisk hållbarhet.",
         "The focus is on {theme_en} and on organisations that can show both social and "
         "financial sustainability."),
        ("Finansieringen kombineras ofta med affärsrådgivning och ett nätverk av mentorer.",
         "Finance often comes with business advice and a network of mentors."),
    ],
    "association": [
        ("Verksamheten bygger på omkring {count} frivilliga och drivs i samverkan med kommunen.",
         "The work relies on some {count} volunteers and is run together with the "
         "municipality."),
        ("Föreningen har funnits sedan {year} och har ett partnerskapsavtal med kommunen.",
         "The association was founded in {year} and has a partnership agreement with the "
         "municipality."),
        ("Föreningen arbetar också med {theme2_sv} och tar emot praktikanter.",
         "The association also works on {theme2_en} and takes on trainees."),
    ],
    "network": [
        ("Nätverket ordnar träffar, erfarenhetsutbyte och gemensamt påverkansarbete.",
         "The network organises meetings, peer learning and joint advocacy."),
        ("Medlemmarna får del av utbildningar, ett nyhetsbrev och en årlig konferens om "
         "{theme_sv}.",
         "Members get training, a newsletter and a yearly conference on {theme_en}."),
    ],
    "social_enterprise": [
        ("Omkring {count} personer arbetar eller tränar här varje år.",
         "About {count} people work or train here each year."),
        ("Kunderna är kommuner, företag och privatpersoner; en del uppdrag sker inom "
         "idéburet offentligt partnerskap.",
         "Customers are municipalities, companies and private people; some work is done in "
         "idea-driven public partnerships."),
        ("Verksamheten bidrar till {theme_sv} och följer upp sin sociala effekt varje år.",
         "The business contributes to {theme_en} and follows up its social impact every "
         "year."),
    ],
    "cooperative": [
        ("Kooperativet ger {group_sv} möjlighet att arbeta och vara delägare.",
         "The cooperative lets {group_en} work and be co-owners."),
        ("Medlemmarna har en röst var, och överskottet stannar i verksamheten.",
         "Each member has one vote, and the surplus stays in the business."),
        ("Kooperativet startade {year} och arbetar för {theme_sv}.",
         "The cooperative started in {year} and works for {theme_en}."),
    ],
    "company": [
        ("Företaget tar socialt ansvar genom samarbeten med sociala företag och "
         "arbetsträningsplatser.",
         "The company takes social responsibility through partnerships with social "
         "enterprises and work-training placements."),
        ("Bolaget har som mål att en del av de anställda ska vara personer som stått långt "
         "från arbetsmarknaden.",
         "The company aims for part of its staff to be people who had been far from the "
         "labour market."),
    ],
    "other": [
        ("Verksamheten rör {theme_sv}.", "Its work concerns {theme_en}."),
    ],
}


# --- Offerings --------------------------------------------------------------------------

# Offering kinds an actor of a kind offers, with weights.
KIND_OFFERINGS: dict[str, dict[str, int]] = {
    "municipality": {"partnership": 3, "funding": 2, "advice": 2, "premises": 2, "network": 1,
                     "education": 1},
    "region": {"funding": 3, "network": 2, "advice": 1, "education": 1, "research": 1},
    "agency": {"funding": 3, "tools": 2, "education": 1, "advice": 1},
    "university": {"research": 3, "education": 2, "incubation": 1, "network": 1},
    "research": {"research": 3, "tools": 2, "education": 1},
    "incubator": {"incubation": 4, "advice": 2, "premises": 2, "network": 1},
    "foundation": {"funding": 4, "advice": 1, "network": 1},
    "funder": {"funding": 4, "advice": 1},
    "association": {"network": 2, "education": 2, "premises": 1, "advice": 1},
    "network": {"network": 3, "education": 1, "tools": 1, "advice": 1},
    "social_enterprise": {"partnership": 3, "education": 2, "premises": 1, "advice": 1},
    "cooperative": {"partnership": 2, "advice": 2, "education": 1},
    "company": {"partnership": 2, "advice": 2, "funding": 1, "premises": 1, "tools": 1},
    "other": {"network": 1},
}

# Per offering kind: (title sv, title en, description sv, description en, conditions,
# target groups, the kinds of actor that offer it: ANY or a tuple of ActorKind values).
# Same slots as the descriptions.
ANY: tuple[str, ...] = ()
OFFERINGS: dict[str, list[tuple[str, str, str, str, str, str, tuple[str, ...]]]] = {
    "funding": [
        ("Bidrag till sociala innovationer inom {theme_sv}",
         "Grants for social innovation in {theme_en}",
         "Stöd till projekt som prövar nya lösningar inom {theme_sv}. Projektet ska ha en "
         "tydlig målgrupp och en plan för uppföljning.",
         "Support for projects that try new solutions in {theme_en}. A project needs a clear "
         "target group and a plan for follow-up.",
         "Upp till 500 000 kronor per projekt i högst två år. Minst 20 procent medfinansiering.",
         "Föreningar, stiftelser och sociala företag",
         ANY),
        ("Startbidrag för sociala företag", "Start-up grants for social enterprises",
         "Ett mindre bidrag för att komma igång: affärsplan, första kunder, juridisk form.",
         "A small grant to get going: business plan, first customers, legal form.",
         "Högst 50 000 kronor. Verksamheten ska vara registrerad eller registreras inom tre "
         "månader.",
         "Nystartade sociala företag",
         ANY),
        ("Utlysning: Samverkan för {theme_sv}", "Call: Partnerships for {theme_en}",
         "Finansiering av projekt där minst tre sektorer tillsammans tar sig an en "
         "samhällsutmaning inom {theme_sv}.",
         "Funding for projects in which at least three sectors tackle a societal challenge "
         "in {theme_en} together.",
         "Projektet ska ha parter från minst tre sektorer och en plan för hur resultaten "
         "tas tillvara.",
         "Kommuner, regioner, föreningar, företag och lärosäten",
         ("agency", "region", "foundation", "municipality")),
        ("Lån och garantier för sociala företag", "Loans and guarantees for social enterprises",
         "Lån på rimliga villkor för verksamheter som har svårt att låna på vanliga banker.",
         "Loans on fair terms for organisations that find it hard to borrow from ordinary "
         "banks.",
         "Lån från 100 000 till 2 miljoner kronor. En affärsplan och en resultatprognos krävs.",
         "Sociala företag och kooperativ i etablerings- eller tillväxtfas",
         ("funder",)),
        ("Utvecklingsmedel för {theme_sv}", "Development funds for {theme_en}",
         "Medel för att utveckla, pröva och sprida arbetssätt inom {theme_sv} i {county_sv}.",
         "Funds to develop, test and spread ways of working in {theme_en} in {county_en}.",
         "Ansökan görs löpande under ansökningsperioden. Beslut inom åtta veckor.",
         "Organisationer verksamma i länet",
         ("region", "municipality", "foundation")),
    ],
    "advice": [
        ("Rådgivning för sociala entreprenörer", "Advice for social entrepreneurs",
         "Kostnadsfri rådgivning om affärsmodell, organisationsform och finansiering.",
         "Free advice on business models, legal forms and funding.",
         "Upp till fem träffar. Boka via webbplatsen.",
         "Personer som vill starta eller utveckla ett socialt företag",
         ("incubator", "cooperative", "network", "municipality", "region", "agency", "funder",
          "foundation", "company", "social_enterprise")),
        ("Stöd att mäta social effekt", "Help measuring social impact",
         "Vi hjälper er att ta fram en förändringsteori, välja indikatorer och följa upp "
         "resultat.",
         "We help you draw up a theory of change, choose indicators and follow up results.",
         "Tre workshoppar och en återkoppling på er rapport.",
         "Sociala företag och idéburna organisationer",
         ANY),
        ("Lots för arbetsintegrerande sociala företag",
         "Guide for work-integration social enterprises",
         "En väg in för den som vill samverka kring arbetsträning, praktik och upphandling.",
         "A way in for anyone who wants to work together on work training, placements and "
         "procurement.",
         "Kostnadsfritt. Svar inom en vecka.",
         "Arbetsintegrerande sociala företag",
         ("municipality", "region", "agency", "network")),
        ("Mentorprogram för samhällsentreprenörer", "Mentoring for social entrepreneurs",
         "Erfarna företagare blir mentorer under ett år och bidrar med nätverk och kunskap.",
         "Experienced business people mentor you for a year and share networks and knowledge.",
         "Ett år, med en träff i månaden.",
         "Sociala entreprenörer i tidig fas",
         ("company", "incubator", "association", "network", "foundation", "funder")),
        ("Rådgivning om kooperativ", "Advice on cooperatives",
         "Rådgivning för dig som vill starta eller utveckla ett kooperativ eller en ekonomisk "
         "förening.",
         "Advice for those who want to start or develop a cooperative.",
         "Kostnadsfri första rådgivning, därefter enligt överenskommelse.",
         "Grupper som vill starta företag tillsammans",
         ("cooperative", "network")),
        ("Rådgivning för föreningar", "Advice for associations",
         "Hjälp med stadgar, ekonomi, bidragsansökningar och att hitta nya medlemmar.",
         "Help with statutes, finances, grant applications and finding new members.",
         "Kostnadsfritt för föreningar i kommunen.",
         "Små föreningar och nystartade grupper",
         ("association", "network", "municipality")),
    ],
    "incubation": [
        ("Inkubatorprogram för sociala innovationer", "Incubation programme for social innovations",
         "Ett halvårsprogram med coachning, workshoppar och en arbetsplats, för team som vill "
         "förverkliga en idé om {theme_sv}.",
         "A six-month programme with coaching, workshops and a desk, for teams that want to "
         "realise an idea about {theme_en}.",
         "Antagning två gånger per år. Teamet ska bestå av minst två personer.",
         "Team med en idé som löser en samhällsutmaning",
         ANY),
        ("Accelerator för impact-bolag", "Accelerator for impact companies",
         "Ett intensivt program för bolag som har kunder och vill växa med bibehållen social "
         "nytta.",
         "An intensive programme for companies that have customers and want to grow while "
         "keeping their social value.",
         "Tolv veckor. Bolaget ska ha omsättning och minst en anställd.",
         "Sociala företag och impact-bolag i tillväxtfas",
         ("incubator",)),
        ("Förinkubator: från idé till affärsplan", "Pre-incubator: from idea to business plan",
         "Åtta träffar där du prövar din idé mot verkliga behov och skriver en första "
         "affärsplan.",
         "Eight sessions to test your idea against real needs and write a first business plan.",
         "Kostnadsfritt. Löpande antagning.",
         "Personer med en idé i tidig fas",
         ANY),
    ],
    "research": [
        ("Följeforskning och utvärdering", "Ongoing evaluation and research",
         "Forskare följer er verksamhet över tid och hjälper er att förstå vad som fungerar.",
         "Researchers follow your work over time and help you understand what works.",
         "Enligt överenskommelse; ofta som del av ett finansierat projekt.",
         "Kommuner, regioner och idéburna organisationer",
         ANY),
        ("Kunskapsöversikt om {theme_sv}", "Research review: {theme_en}",
         "En sammanställning av vad forskningen säger om {theme_sv}, med svenska och "
         "internationella exempel.",
         "A summary of what research says about {theme_en}, with Swedish and international "
         "examples.",
         "Fritt tillgänglig.",
         "Alla som arbetar med frågan",
         ANY),
        ("Examensarbeten i samverkan", "Degree projects with partners",
         "Studenter gör sina examensarbeten tillsammans med en organisation utanför lärosätet.",
         "Students do their degree projects together with an organisation outside the "
         "university.",
         "Anmäl ett uppslag senast en termin i förväg.",
         "Organisationer med en fråga att undersöka",
         ("university",)),
    ],
    "network": [
        ("Nätverksträffar för sociala företag i {county_sv}",
         "Network meetings for social enterprises in {county_en}",
         "Träffar fyra gånger per år med erfarenhetsutbyte, studiebesök och gästföreläsare.",
         "Meetings four times a year with peer learning, study visits and guest speakers.",
         "Öppet för alla verksamma i länet. Ingen avgift.",
         "Sociala företag och idéburna organisationer",
         ANY),
        ("Årlig konferens om social innovation", "Annual conference on social innovation",
         "En dag om {theme_sv} där offentlig sektor, näringsliv, akademi och civilsamhälle möts.",
         "A day on {theme_en} where the public sector, business, academia and civil society "
         "meet.",
         "Anmälan krävs. Deltagaravgift för företag.",
         "Alla sektorer",
         ANY),
        ("Mötesplats för idéburna organisationer", "Meeting place for idea-driven organisations",
         "Ett öppet forum där föreningar och kommunen möts för att hitta samarbeten.",
         "An open forum where associations and the municipality meet to find ways to work "
         "together.",
         "Öppet för alla. Kaffe bjuds.",
         "Föreningar och ideella organisationer",
         ("municipality", "association", "network", "region")),
    ],
    "premises": [
        ("Kontorsplatser i coworking", "Desks in a coworking space",
         "Flexibla arbetsplatser och mötesrum för sociala entreprenörer.",
         "Flexible desks and meeting rooms for social entrepreneurs.",
         "Rabatterad hyra första året.",
         "Sociala entreprenörer och små föreningar",
         ("incubator", "company", "association", "municipality")),
        ("Lokaler för föreningar", "Premises for associations",
         "Samlingslokaler som föreningar kan boka för möten och aktiviteter.",
         "Halls that associations can book for meetings and activities.",
         "Kostnadsfritt för registrerade föreningar.",
         "Föreningar",
         ("municipality", "association", "company")),
        ("Verkstad och lager att hyra", "Workshop and storage to rent",
         "Verkstadslokal med verktyg och lager för verksamheter inom återbruk och hantverk.",
         "A workshop with tools and storage for reuse and craft businesses.",
         "Hyra per månad; kortare perioder efter överenskommelse.",
         "Sociala företag inom återbruk och hantverk",
         ("social_enterprise", "company", "municipality", "incubator")),
    ],
    "education": [
        ("Kurs: Starta och driva socialt företag",
         "Course: Starting and running a social enterprise",
         "En kurs om affärsmodeller, organisationsformer, finansiering och effektmätning.",
         "A course on business models, legal forms, funding and impact measurement.",
         "Sex kvällar. Kostnadsfri.",
         "Blivande sociala entreprenörer",
         ("incubator", "cooperative", "network", "municipality", "region", "university", "agency")),
        ("Utbildning i social upphandling", "Training in social procurement",
         "Hur man ställer sociala krav och reserverar upphandlingar, med exempel från kommuner.",
         "How to set social requirements and reserve contracts, with examples from "
         "municipalities.",
         "En heldag. Avgift för deltagare från företag.",
         "Upphandlare, beställare och leverantörer",
         ("agency", "region", "network", "university", "municipality", "research")),
        ("Utbildning i effektmätning", "Training in impact measurement",
         "Grunderna i förändringsteori, indikatorer och social avkastning på investering (SROI).",
         "The basics of theory of change, indicators and social return on investment (SROI).",
         "Två halvdagar.",
         "Alla som behöver visa resultat",
         ANY),
        ("Arbetsträning med handledning", "Supervised work training",
         "Arbetsträning inom {service_sv} med handledare, för den som behöver komma tillbaka "
         "till arbetslivet.",
         "Work training in {service_en} with a supervisor, for people finding their way back "
         "to work.",
         "Via Arbetsförmedlingen, kommunen eller egen anmälan.",
         "Personer som står långt från arbetsmarknaden",
         ("social_enterprise", "cooperative", "municipality")),
        ("Studiecirklar om {theme_sv}", "Study circles on {theme_en}",
         "Små grupper som träffas regelbundet och lär sig tillsammans om {theme_sv}.",
         "Small groups that meet regularly and learn together about {theme_en}.",
         "Fri anmälan. Ingen avgift.",
         "Alla som är nyfikna",
         ("association", "network")),
    ],
    "tools": [
        ("Verktyg för att mäta social effekt", "Tool for measuring social impact",
         "Ett digitalt verktyg med färdiga indikatorer och mallar för rapportering.",
         "A digital tool with ready-made indicators and reporting templates.",
         "Fritt att använda.",
         "Sociala företag och idéburna organisationer",
         ANY),
        ("Mall för idéburet offentligt partnerskap", "Template for idea-driven public partnerships",
         "En avtalsmall och en vägledning för att ingå IOP.",
         "A contract template and guidance for entering an idea-driven public partnership.",
         "Fritt att använda.",
         "Kommuner, regioner och idéburna organisationer",
         ("agency", "network", "municipality", "region")),
        ("Vägledning: sociala krav i upphandling", "Guide: social requirements in procurement",
         "Vägledning med exempel på krav, villkor och uppföljning.",
         "Guidance with examples of requirements, contract terms and follow-up.",
         "Fritt tillgänglig.",
         "Upphandlare och beställare",
         ("agency", "network", "research", "region")),
    ],
    "partnership": [
        ("Idéburet offentligt partnerskap (IOP)", "Idea-driven public partnership (IOP)",
         "Kommunen ingår partnerskap med idéburna organisationer inom {theme_sv}.",
         "The municipality enters partnerships with idea-driven organisations in {theme_en}.",
         "Organisationen ska vara idéburen och bidra med egna resurser.",
         "Idéburna organisationer",
         ("municipality", "region")),
        ("Reserverad upphandling för sociala företag",
         "Reserved contracts for social enterprises",
         "Vissa upphandlingar reserveras för arbetsintegrerande sociala företag.",
         "Some contracts are reserved for work-integration social enterprises.",
         "Enligt lagen om offentlig upphandling, 4 kap. 18 §.",
         "Arbetsintegrerande sociala företag",
         ("municipality", "region")),
        ("Köp våra tjänster: {service_sv}", "Buy our services: {service_en}",
         "Vi tar uppdrag inom {service_sv} för kommuner, företag och privatpersoner.",
         "We take on work in {service_en} for municipalities, companies and private people.",
         "Offert inom en vecka.",
         "Kommuner, företag och privatpersoner",
         ("social_enterprise", "cooperative", "company")),
        ("Företagspartnerskap för samhällsnytta", "Corporate partnerships for social value",
         "Vi söker långsiktiga partner bland sociala företag och föreningar.",
         "We look for long-term partners among social enterprises and associations.",
         "Avtal på minst ett år.",
         "Sociala företag och föreningar",
         ("company",)),
    ],
}

OFFERING_STAGES = {  # offering kind -> stage sets to choose from ([] = every stage)
    "funding": [["pilot", "growth"], ["idea", "startup"], ["startup", "pilot"], []],
    "advice": [["idea", "startup", "pilot"], [], ["startup", "pilot", "growth"]],
    "incubation": [["idea", "startup"], ["startup", "pilot"], ["growth"]],
    "research": [[], ["pilot", "growth", "established"]],
    "network": [[]],
    "premises": [[], ["startup", "pilot"]],
    "education": [["idea", "startup"], []],
    "tools": [[]],
    "partnership": [["pilot", "growth", "established"], ["growth", "established"], []],
}

OFFERING_SECTORS = {  # offering kind -> target sector sets ([] = every sector)
    "funding": [[SOC, CIV], [SOC, CIV, PUB], [SOC], []],
    "advice": [[SOC], [SOC, CIV], []],
    "incubation": [[SOC, PRI], [SOC]],
    "research": [[PUB, CIV], [PUB], []],
    "network": [[], [SOC, CIV]],
    "premises": [[SOC, CIV], []],
    "education": [[], [SOC], [PUB]],
    "tools": [[], [PUB, CIV]],
    "partnership": [[SOC, CIV], [SOC], [PUB, PRI]],
}


# --- Relations and contacts -------------------------------------------------------------

RELATION_SOURCES = {  # relation kind -> source texts ({year}, {n})
    "funds": ["Beslut om stöd {year}, dnr {n}-{year}", "Årsredovisning {year}",
              "Projektdatabasen, beviljade projekt {year}"],
    "partner": ["Samverkansavtal {year}", "Partnerförteckning på webbplatsen, {year}"],
    "iop": ["Avtal om idéburet offentligt partnerskap, {year}",
            "Kommunstyrelsens beslut om IOP, {year}"],
    "member_of": ["Medlemsförteckning {year}", "Nätverkets årsberättelse {year}"],
    "owns": ["Årsredovisning {year}", "Bolagsordning, senast ändrad {year}"],
    "collaborates": ["Gemensam projektrapport {year}", "Uppgift från kontaktperson, {year}",
                     "Nyhetsartikel {year}"],
}

FIRST_NAMES = ("Anna", "Erik", "Leyla", "Johan", "Sara", "Amir", "Karin", "Noor", "Per",
               "Hawa", "Elin", "Mikael", "Fatima", "Lars", "Ida", "Ahmed", "Maja", "Nils")
SURNAMES = ("Lantto", "Nordin", "Demir", "Ek", "Nyström", "Haddad", "Olofsson", "Berg",
            "Sundqvist", "Ali", "Lindgren", "Jonsson", "Mäkinen", "Karlsson")
CONTACT_ROLES = ("Verksamhetsledare", "Projektledare", "Ordförande", "Samordnare",
                 "Affärsutvecklare", "Kommunikatör")
