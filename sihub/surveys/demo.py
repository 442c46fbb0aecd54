"""Demo data for surveys: two years of the social enterprise monitor, an actor mapping, a report.

What it makes, once:

- the built-in questionnaire (``template.py``) as version 1, published, and a
  version 2 based on it (published) that adds one question (``q_hiring``) and
  rewords one answer (newly arrived → newly arrived and other foreign-born),
  to show how versions keep their codes and stay comparable;
- "Sociala företag i Sverige 2025" on version 1: closed, anonymous, public link,
  public results, ~280 counted responses (a few more flagged "too_fast" and
  left out);
- "Sociala företag i Sverige 2026" on version 2: open, the same settings, ~330
  counted responses, a few too fast, and ~20 still in progress;
- "Aktörskartläggning 2026": a small round by invitation only that records
  who answered, fifteen invitations to demo organisations (example.org
  addresses), some answered and linked to the organisation;
- a monitor report page for 2026 compared with 2025, in Swedish under the
  "Analys och lärande" area page and in English as its translation.

The answers are synthetic but follow one story per respondent (``Respondent``):
sector, size and region first (regions weighted by population), then what
depends on them: larger organisations measure their impact and make a profit
more often, civil society lives more on grants, donations and membership fees,
work-integration enterprises sell to the public sector, free text matches the
groups served. 2026 is a little more optimistic than 2025 and more
organisations measure. Every answer set goes through ``logic.prune`` and is
checked (``answer_problems``) before it is stored, so no response holds an
answer the form could not give. Free texts come from written pools (about 90
sentences in each language), and the SDG classifier suggests goals for them in
one batch (``text_sdgs``).

A random generator seeded by the round's short name makes every run the same;
dates are relative to the day of seeding. Rounds are looked up by short name,
so running ``seed_demo`` again creates nothing. Responses are written with
``bulk_create``: the services stamp "now", and these describe a past.

``--scale N`` adds a closed benchmark round with N × 1,000 responses.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import random
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone, translation
from wagtail.models import Locale, Page

from sihub.core.demo import Log
from sihub.surveys import logic, schema, tokens
from sihub.surveys.answers import check_value, validate_complete
from sihub.surveys.models import (
    Invitation,
    MonitorReportPage,
    Questionnaire,
    QuestionnaireStatus,
    ResponseStatus,
    RoundStatus,
    SurveyResponse,
    SurveyRound,
)
from sihub.surveys.template import TEMPLATE_FAMILY, install_template, template_fields

SLUG_2025 = "sociala-foretag-2025"
SLUG_2026 = "sociala-foretag-2026"
SLUG_MAPPING = "aktorskartlaggning-2026"
SLUG_SYNTHETIC = "syntetisk-monitor"
REPORT_SLUGS = ("sociala-foretag-i-sverige-2026", "social-enterprises-in-sweden-2026")
ANALYSIS_AREA_SLUG = "analys-och-larande"

COUNTED = {SLUG_2025: 278, SLUG_2026: 326}
TOO_FAST = {SLUG_2025: 5, SLUG_2026: 6}
IN_PROGRESS = {SLUG_2026: 20}
INVITATIONS = 15
INVITATIONS_ANSWERED = 8
INVITATIONS_STARTED = 2
ENGLISH = 0.15  # share of respondents who answer in English
CLASSIFIED = ("q_impact_description", "q_policy_text")
EXCLUSIVE = "none"  # "no support": the template marks it exclusive (answers refuse combining it)


# --- Text pools -------------------------------------------------------------------------------
# (theme, Swedish, English); themes follow the target groups of ``q_target_groups``.

IMPACT_TEXTS: tuple[tuple[str, str, str], ...] = (
    ("long_term_unemployed",
     "Vi erbjuder arbetsträning i vårt café för personer som länge stått utanför "
     "arbetsmarknaden.",
     "We offer work training in our café for people who have long been out of work."),
    ("long_term_unemployed",
     "Förra året gick fjorton av våra deltagare vidare till en anställning eller till studier.",
     "Last year fourteen of our participants moved on to a job or to studies."),
    ("long_term_unemployed",
     "Hos oss får man en riktig arbetsplats med kollegor, rutiner och lön.",
     "With us people get a real workplace with colleagues, routines and a wage."),
    ("long_term_unemployed",
     "Vi driver en second hand-butik där personer i arbetsträning lär sig försäljning, lager och "
     "kundservice.",
     "We run a second-hand shop where people in work training learn sales, stock-keeping and "
     "customer service."),
    ("long_term_unemployed",
     "Många som kommer till oss har inte haft ett arbete på flera år, och det första steget är "
     "att orka komma varje dag.",
     "Many who come to us have not had a job for years, and the first step is managing to come "
     "every day."),
    ("long_term_unemployed",
     "Vi samarbetar med Arbetsförmedlingen och kommunen så att deltagarna får en plan som håller "
     "hela vägen till jobb.",
     "We work with the Public Employment Service and the municipality so that participants get "
     "a plan that lasts all the way to a job."),
    ("newly_arrived",
     "Vi hjälper nyanlända kvinnor att starta egna företag inom mat och hantverk.",
     "We help newly arrived women start their own businesses in food and crafts."),
    ("newly_arrived",
     "Genom språkcaféer och praktik får nyanlända både svenska och ett nätverk.",
     "Through language cafés and work placements newcomers gain both Swedish and a network."),
    ("newly_arrived",
     "Våra medarbetare talar tolv språk, så vi når familjer som myndigheterna har svårt att nå.",
     "Our staff speak twelve languages, so we reach families the authorities find hard to "
     "reach."),
    ("newly_arrived",
     "Vi matchar utrikes födda akademiker med mentorer i näringslivet.",
     "We match foreign-born graduates with mentors in business."),
    ("newly_arrived",
     "Deltagarna får sina yrkeskunskaper från hemlandet validerade och kommer snabbare i arbete.",
     "Participants have the vocational skills from their home country validated and find work "
     "sooner."),
    ("disabilities",
     "Vi skapar meningsfulla arbeten för personer med intellektuell funktionsnedsättning i vårt "
     "tryckeri.",
     "We create meaningful jobs for people with intellectual disabilities in our print shop."),
    ("disabilities",
     "Arbetet är anpassat så att personer med psykisk ohälsa kan arbeta i sin egen takt.",
     "The work is adapted so that people with mental ill-health can work at their own pace."),
    ("disabilities",
     "Vi erbjuder daglig verksamhet med riktiga kunder, vilket stärker deltagarnas självkänsla.",
     "We offer daily activities with real customers, which strengthens participants' "
     "self-esteem."),
    ("disabilities",
     "Tillgänglighet är en självklarhet hos oss, och allt material finns på lättläst svenska.",
     "Accessibility is a given with us, and all material is available in easy-to-read Swedish."),
    ("young",
     "Vi möter unga som varken arbetar eller studerar och hjälper dem tillbaka till skolan eller "
     "till ett jobb.",
     "We meet young people who are neither working nor studying and help them back to school "
     "or into a job."),
    ("young",
     "Genom sommarjobb hos oss får ungdomar i förorten sin första arbetslivserfarenhet.",
     "Through summer jobs with us, young people in the suburbs gain their first work "
     "experience."),
    ("young",
     "Vi driver läxhjälp och fritidsaktiviteter som ger unga en trygg plats efter skolan.",
     "We run homework help and leisure activities that give young people a safe place after "
     "school."),
    ("young",
     "Unga leder själva våra projekt, vilket bygger ledarskap och framtidstro.",
     "Young people lead our projects themselves, which builds leadership and hope for the "
     "future."),
    ("young",
     "Idrotten är vår väg in: genom träningen når vi unga som annars inte söker stöd.",
     "Sport is our way in: through training we reach young people who would otherwise not "
     "seek support."),
    ("older",
     "Vi bryter ensamheten bland äldre med besöksverksamhet och gemensamma måltider.",
     "We break loneliness among older people with visits and shared meals."),
    ("older",
     "Äldre på landsbygden får hjälp med digitala tjänster, från bankärenden till vårdbesök på "
     "nätet.",
     "Older people in rural areas get help with digital services, from banking to online "
     "healthcare visits."),
    ("older",
     "Våra pensionärer är själva volontärer och lär ut hantverk till barn och unga.",
     "Our retirees are volunteers themselves and teach crafts to children and young people."),
    ("children",
     "Vi ger barn i utsatta områden tillgång till musik, teater och annan kultur.",
     "We give children in vulnerable areas access to music, theatre and other culture."),
    ("children",
     "Genom stöd till föräldrar förebygger vi att barn far illa.",
     "By supporting parents we help prevent children from coming to harm."),
    ("children",
     "Varje sommar åker över hundra barn på läger som deras familjer annars inte haft råd med.",
     "Every summer more than a hundred children go to camps their families could otherwise "
     "not afford."),
    ("children",
     "Vi arbetar läsfrämjande med barn som inte har några böcker hemma.",
     "We encourage reading among children who have no books at home."),
    ("economic_vulnerability",
     "Vår matbutik säljer överskottsmat billigt till hushåll med små marginaler.",
     "Our food shop sells surplus food cheaply to households on tight budgets."),
    ("economic_vulnerability",
     "Vi erbjuder budget- och skuldrådgivning som hjälper familjer ur skuldfällan.",
     "We offer budget and debt advice that helps families out of the debt trap."),
    ("economic_vulnerability",
     "Personer i hemlöshet får både tak över huvudet och stöd att ta nästa steg.",
     "People experiencing homelessness get both a roof over their heads and support to take "
     "the next step."),
    ("economic_vulnerability",
     "Vi ger människor i ekonomisk utsatthet möjlighet att delta i samhället på lika villkor.",
     "We give people in economic hardship the chance to take part in society on equal terms."),
    ("environment",
     "Vi reparerar och säljer begagnade möbler och elektronik, vilket minskar avfallet med flera "
     "ton per år.",
     "We repair and sell used furniture and electronics, cutting waste by several tonnes a "
     "year."),
    ("environment",
     "Vår stadsodling ger både närproducerade grönsaker och arbetsträning.",
     "Our urban farm provides both local vegetables and work training."),
    ("environment",
     "Vi hjälper småföretag att minska sin klimatpåverkan genom energirådgivning.",
     "We help small businesses reduce their climate impact through energy advice."),
    ("environment",
     "Genom cykelverkstaden kan fler välja hållbara transporter.",
     "Through our bicycle workshop more people can choose sustainable transport."),
    ("environment",
     "Vi vårdar natur och biologisk mångfald med personal som tidigare var långtidsarbetslös.",
     "We care for nature and biodiversity with staff who were previously long-term "
     "unemployed."),
    ("environment",
     "Textilier som annars skulle slängas blir nya produkter i vår sömnadsverkstad.",
     "Textiles that would otherwise be thrown away become new products in our sewing "
     "workshop."),
    ("other",
     "Vi bygger broar mellan föreningsliv, näringsliv och kommun i vår bygd.",
     "We build bridges between associations, business and the municipality in our area."),
    ("other",
     "Vår verksamhet stärker lokalsamhället och gör att service finns kvar på landsbygden.",
     "Our work strengthens the local community and keeps services in the countryside."),
    ("other",
     "Vi visar att det går att driva ett lönsamt företag där samhällsnyttan kommer först.",
     "We show that a profitable business can put social value first."),
    ("other",
     "Alla överskott går tillbaka till verksamheten och till de människor vi finns till för.",
     "All surpluses go back into the activity and to the people we exist for."),
    ("other",
     "Vi arbetar förebyggande, vilket på sikt sparar pengar för kommunen.",
     "Our work is preventive, which saves the municipality money in the long run."),
    ("other",
     "Tack vare oss har fler fått en mening i vardagen och en gemenskap att tillhöra.",
     "Thanks to us more people have found meaning in everyday life and a community to belong "
     "to."),
    ("other",
     "Vi utbildar andra organisationer i hur man arbetar med social innovation.",
     "We train other organisations in how to work with social innovation."),
    ("other",
     "Hälsan är en röd tråd: deltagarna rör sig mer, äter bättre och mår bättre.",
     "Health runs through everything: participants move more, eat better and feel better."),
    ("other",
     "Vi stärker kvinnors ekonomiska självständighet och bidrar så till jämställdheten.",
     "We strengthen women's economic independence and so contribute to gender equality."),
)

POLICY_TEXTS: tuple[tuple[str, str], ...] = (
    ("Inför reserverade kontrakt i fler kommuner och följ upp att de faktiskt används.",
     "Introduce reserved contracts in more municipalities and check that they are actually "
     "used."),
    ("Dela upp upphandlingarna så att små sociala företag kan lämna anbud.",
     "Split procurements into smaller lots so that small social enterprises can bid."),
    ("Ge långsiktiga verksamhetsbidrag i stället för korta projektmedel.",
     "Give long-term operating grants instead of short project funding."),
    ("Reglerna för lönestöd ändras för ofta; vi behöver stabila villkor för att kunna planera.",
     "The rules on wage subsidies change too often; we need stable terms to be able to plan."),
    ("Inför en egen juridisk form för sociala företag, som flera andra EU-länder har.",
     "Introduce a legal form of its own for social enterprises, as several other EU countries "
     "have."),
    ("Skapa en statlig garanti eller fond för lån till sociala företag.",
     "Set up a state guarantee or fund for loans to social enterprises."),
    ("Låt kommunerna köpa tjänster utifrån effekt och inte bara lägsta pris.",
     "Let municipalities buy services on outcomes and not only on the lowest price."),
    ("Förnya den nationella strategin för sociala företag och ge den en budget.",
     "Renew the national strategy for social enterprises and give it a budget."),
    ("Stödet till de regionala stödstrukturerna måste bli permanent och inte hänga på projekt.",
     "Support to the regional support structures must be permanent, not hang on projects."),
    ("Myndigheterna borde samordna sina krav på rapportering, vi lägger för mycket tid på "
     "administration.",
     "Agencies should coordinate their reporting requirements; we spend too much time on "
     "administration."),
    ("Räkna med den samhällsekonomiska nyttan när verksamheter som vår bedöms.",
     "Count the socio-economic benefit when activities like ours are assessed."),
    ("Ge en myndighet i uppdrag att ta fram gemensamma sätt att mäta social effekt.",
     "Task a national agency with developing common ways to measure social impact."),
    ("Sociala företag borde finnas med i regionernas utvecklingsstrategier.",
     "Social enterprises should be part of the regions' development strategies."),
    ("Gör det enklare att kombinera ideellt arbete och anställning i samma organisation.",
     "Make it easier to combine voluntary work and employment in the same organisation."),
    ("Underlätta idéburet offentligt partnerskap med tydligare vägledning.",
     "Make partnerships between non-profits and the public sector easier with clearer "
     "guidance."),
    ("Ställ sociala krav i upphandlingar av städ, catering och fastighetsskötsel.",
     "Set social requirements when buying cleaning, catering and property maintenance."),
    ("Ge kommunerna skäl att anställa via sociala företag.",
     "Give municipalities reasons to employ through social enterprises."),
    ("Sänk arbetsgivaravgiften för den som anställer någon som länge stått utan arbete.",
     "Lower employer contributions for hiring someone who has long been out of work."),
    ("Politiker borde besöka verksamheterna och se vad vi faktiskt gör.",
     "Politicians should visit us and see what we actually do."),
    ("Skapa ett register över sociala företag så att köpare hittar oss.",
     "Create a register of social enterprises so that buyers can find us."),
    ("Det behövs fler sociala investeringsfonder i kommuner och regioner.",
     "Municipalities and regions need more social investment funds."),
    ("Banker och investerare behöver förstå affärsmodeller där vinsten inte delas ut.",
     "Banks and investors need to understand business models where profits are not paid out."),
    ("Ta med sociala företag i näringslivsfrämjandet på samma villkor som andra företag.",
     "Include social enterprises in business support on the same terms as other companies."),
    ("Förenkla momsreglerna för ideella föreningar som säljer varor och tjänster.",
     "Simplify the VAT rules for non-profit associations that sell goods and services."),
    ("Ge civilsamhället förutsägbara villkor; bidrag som dras in med kort varsel slår hårt.",
     "Give civil society predictable conditions; grants withdrawn at short notice hit hard."),
    ("Se klimatomställningen som en chans att skapa jobb för dem som står längst från "
     "arbetsmarknaden.",
     "See the climate transition as a chance to create jobs for those furthest from the labour "
     "market."),
    ("Öka kunskapen om sociala företag hos kommunernas upphandlare.",
     "Raise awareness of social enterprises among municipal procurement officers."),
    ("Ge utrymme att pröva nya lösningar utan att allt måste vara färdigt från början.",
     "Leave room to try new solutions without everything having to be finished from the "
     "start."),
    ("Samla stödet till sociala företag hos en myndighet så att det finns en väg in.",
     "Gather the support to social enterprises in one agency so there is one way in."),
    ("Erbjud utbildning i affärsutveckling som är anpassad för sociala företag.",
     "Offer business development training adapted to social enterprises."),
)

MEASURE_TEXTS: tuple[tuple[str, str, str], ...] = (
    ("long_term_unemployed",
     "Andel deltagare i arbete eller studier sex månader efter avslut.",
     "Share of participants in work or studies six months after leaving."),
    ("other",
     "Antal deltagare, närvaro och hur de själva skattar sitt mående.",
     "Number of participants, attendance and how they rate their own well-being."),
    ("environment",
     "Minskat avfall i kilo och undvikna koldioxidutsläpp.",
     "Waste reduced in kilos and carbon emissions avoided."),
    ("long_term_unemployed",
     "Deltagarnas mål i individuella planer, uppföljda varje kvartal.",
     "Participants' goals in individual plans, followed up every quarter."),
    ("children",
     "Antal barn som deltar regelbundet och vad föräldrarna tycker.",
     "Number of children taking part regularly and what parents think."),
    ("other",
     "Självskattad livskvalitet före och efter insatsen.",
     "Self-rated quality of life before and after."),
    ("economic_vulnerability",
     "Hur många som går från försörjningsstöd till egen försörjning.",
     "How many move from social assistance to supporting themselves."),
    ("older",
     "Ensamhet, mätt med en enkät två gånger per år.",
     "Loneliness, measured by a survey twice a year."),
    ("disabilities",
     "Kundnöjdhet och antal anställda med stöd som fått fast jobb.",
     "Customer satisfaction and the number of subsidised employees who got a permanent job."),
    ("environment",
     "Antal sålda återbruksprodukter och deras klimatnytta.",
     "Number of reused products sold and their climate benefit."),
    ("young",
     "Skolresultat och närvaro för de unga vi stödjer.",
     "School results and attendance of the young people we support."),
    ("other",
     "Samhällsekonomiska besparingar för kommunen, beräknade med SROI.",
     "Socio-economic savings for the municipality, calculated with SROI."),
    ("newly_arrived",
     "Språkutveckling och hur många som klarar sfi.",
     "Language progress and how many pass Swedish for immigrants."),
    ("other",
     "Antal volontärtimmar och hur många vi når.",
     "Volunteer hours and how many people we reach."),
    ("other",
     "Hälsa och fysisk aktivitet bland deltagarna.",
     "Health and physical activity among participants."),
    ("economic_vulnerability",
     "Hur många som får en bostad och har kvar den efter ett år.",
     "How many get a home and still have it a year later."),
)


# --- Version 2 of the questionnaire -----------------------------------------------------------

V2_HIRING = {"type": "single_choice", "value": {
    "code": "q_hiring",
    "text_sv": "Planerar organisationen att anställa fler de kommande 12 månaderna?",
    "text_en": "Does the organisation plan to hire more people over the next 12 months?",
    "help_sv": "", "help_en": "", "required": True, "show_if": {"question": "", "values": ""},
    "dimension": "",
    "options": [
        {"code": "yes", "label_sv": "Ja", "label_en": "Yes"},
        {"code": "maybe", "label_sv": "Kanske", "label_en": "Maybe"},
        {"code": "no", "label_sv": "Nej", "label_en": "No"},
    ]}}
V2_NEWLY_ARRIVED = ("Nyanlända och andra utrikes födda", "Newly arrived and other foreign-born "
                                                         "people")


def second_version_body() -> list[dict[str, Any]]:
    """Version 1 with ``q_hiring`` added to the outlook and one answer reworded."""
    body = template_fields()["body"]
    for block in body:
        section = block["value"]
        for item in section["questions"]:
            if item["value"]["code"] == "q_target_groups":
                for option in item["value"]["options"]:
                    if option["code"] == "newly_arrived":
                        option["label_sv"], option["label_en"] = V2_NEWLY_ARRIVED
        if section["key"] == "outlook":
            section["questions"].append(V2_HIRING)
    return body


def ensure_versions() -> tuple[Questionnaire, Questionnaire]:
    """Version 1 (the template) and version 2, both published."""
    first, created = install_template()
    if created:  # made now, but the 2025 round ran on it: date it before that round
        published = timezone.now() - dt.timedelta(days=430)
        Questionnaire.objects.filter(pk=first.pk).update(
            created_at=published - dt.timedelta(days=10), published_at=published)
        first.refresh_from_db()
    second = Questionnaire.objects.filter(family=TEMPLATE_FAMILY, version=2).first()
    if second is None:
        fields = {**template_fields(), "version": 2, "body": second_version_body()}
        published = timezone.now() - dt.timedelta(days=60)
        second = Questionnaire.objects.create(
            **fields, status=QuestionnaireStatus.PUBLISHED, based_on=first,
            created_at=published - dt.timedelta(days=14), published_at=published)
    return first, second


# --- Checking an answer set ------------------------------------------------------------------


def answer_problems(parsed: schema.Schema, answers: Mapping[str, Any], *,
                    complete: bool = True) -> list[str]:
    """What makes ``answers`` impossible: answers to hidden or unknown questions, what the
    form would refuse (``answers.check_value``; for a submitted response, ``complete``,
    ``answers.validate_complete``; exclusive answers such as "no support" alone included), and
    what the demo promises beyond the form: options unique and in order."""
    with translation.override("en"):
        shown = {q.code: q for q in logic.visible(parsed, answers)}
        out = [f"{code}: not shown" for code in answers if code not in shown]
        for code, value in answers.items():
            question = shown.get(code)
            if question is None:
                continue
            if problem := check_value(question, value, "en"):
                out.append(f"{code}: {problem}")
            elif question.kind == schema.MULTIPLE and (
                    not value or value != sorted(set(value), key=question.option_codes().index)):
                out.append(f"{code}: not unique or not in option order")
        if complete:
            reported = {line.split(":")[0] for line in out}
            out += [f"{code}: {problem}" for code, problem
                    in validate_complete(parsed, answers, "en").items() if code not in reported]
    return out


# --- One respondent ---------------------------------------------------------------------------

SECTORS = {"social_enterprise": 30, "wise": 22, "cooperative": 11, "civil_society": 28,
           "public_related": 9}
SIZES = ("0", "1-9", "10-49", "50-249", "250plus")
SIZE_WEIGHTS = {
    "social_enterprise": (10, 50, 28, 10, 2), "wise": (3, 35, 42, 17, 3),
    "cooperative": (12, 50, 28, 8, 2), "civil_society": (35, 40, 18, 6, 1),
    "public_related": (2, 20, 38, 30, 10),
}
# Population of the riksområden (thousands, 2024, rounded): weights of the regions.
REGION_WEIGHTS = {"se11": 2450, "se12": 1730, "se21": 890, "se22": 1550, "se23": 2100,
                  "se31": 870, "se32": 370, "se33": 510}
COUNTY_REGION = {"01": "se11", "03": "se12", "04": "se12", "05": "se12", "18": "se12",
                 "19": "se12", "06": "se21", "07": "se21", "08": "se21", "09": "se21",
                 "10": "se22", "12": "se22", "13": "se23", "14": "se23", "17": "se31",
                 "20": "se31", "21": "se31", "22": "se32", "23": "se32", "24": "se33",
                 "25": "se33"}
ACTOR_SECTOR = {"social_enterprise": "social_enterprise", "cooperative": "cooperative",
                "association": "civil_society", "foundation": "civil_society",
                "company": "social_enterprise"}
FOUNDED = ("lt2", "2_5", "6_10", "11_20", "gt20")
FOUNDED_WEIGHTS = {"civil_society": (5, 13, 17, 25, 40), "public_related": (3, 10, 17, 30, 40),
                   "cooperative": (6, 18, 22, 27, 27)}
LEGAL_FORMS = {
    "social_enterprise": {"ab": 42, "ab_svb": 18, "economic_association": 12,
                          "non_profit_association": 6, "sole_trader": 12, "partnership": 5,
                          "other": 5},
    "wise": {"economic_association": 45, "non_profit_association": 25, "ab": 17, "ab_svb": 10,
             "other": 3},
    "cooperative": {"economic_association": 88, "ab": 4, "other": 8},
    "civil_society": {"non_profit_association": 72, "foundation": 20, "economic_association": 4,
                      "other": 4},
    "public_related": {"ab": 45, "foundation": 20, "non_profit_association": 10,
                       "economic_association": 5, "other": 20},
}
SDG_BOOST = {
    "social_enterprise": {8: 8, 10: 5, 12: 4, 11: 4, 3: 4, 4: 3, 13: 3, 5: 2},
    "wise": {8: 12, 10: 8, 1: 4, 4: 4, 3: 3, 5: 2},
    "cooperative": {8: 6, 12: 5, 11: 4, 2: 3, 7: 3, 10: 3, 13: 3},
    "civil_society": {10: 8, 3: 6, 4: 6, 1: 5, 16: 4, 5: 4, 11: 3, 17: 2},
    "public_related": {3: 6, 8: 6, 11: 5, 10: 4, 4: 4, 17: 3},
}
GREEN_GOALS = {6, 7, 12, 13, 14, 15}
TARGET_GROUPS = {
    "wise": {"long_term_unemployed": .75, "newly_arrived": .45, "disabilities": .45,
             "young": .3, "economic_vulnerability": .25},
    "social_enterprise": {"long_term_unemployed": .3, "newly_arrived": .25, "young": .3,
                          "disabilities": .2, "older": .1, "children": .1,
                          "economic_vulnerability": .2, "other": .12},
    "cooperative": {"long_term_unemployed": .2, "disabilities": .25, "older": .1, "other": .3},
    "civil_society": {"young": .4, "children": .35, "economic_vulnerability": .35,
                      "newly_arrived": .3, "older": .25, "disabilities": .2, "other": .1},
    "public_related": {"long_term_unemployed": .45, "disabilities": .35, "young": .35,
                       "newly_arrived": .25, "older": .15},
}
REVENUE = {
    "social_enterprise": {"private_sales": .7, "business_sales": .6, "procurement": .3,
                          "grants": .3, "donations": .05, "other": .05},
    "wise": {"private_sales": .45, "business_sales": .55, "procurement": .6, "grants": .5,
             "donations": .05, "membership": .05},
    "cooperative": {"private_sales": .6, "business_sales": .4, "procurement": .15,
                    "grants": .2, "membership": .5},
    "civil_society": {"private_sales": .25, "procurement": .2, "grants": .85, "donations": .6,
                      "membership": .55, "other": .08},
    "public_related": {"business_sales": .2, "procurement": .8, "grants": .4, "other": .1},
}
MAIN_WEIGHT = {
    "social_enterprise": {"private_sales": 4, "business_sales": 4, "procurement": 2},
    "wise": {"procurement": 4, "business_sales": 3, "grants": 3, "private_sales": 2},
    "cooperative": {"private_sales": 4, "membership": 2, "business_sales": 2},
    "civil_society": {"grants": 6, "donations": 2, "membership": 2, "procurement": 2},
    "public_related": {"procurement": 6, "grants": 2},
}
TURNOVER = ("lt500k", "500k_2m", "2m_10m", "10m_50m", "gt50m")
TURNOVER_WEIGHTS = {"0": (80, 18, 2, 0, 0), "1-9": (20, 45, 32, 3, 0),
                    "10-49": (0, 8, 52, 38, 2), "50-249": (0, 0, 7, 60, 33),
                    "250plus": (0, 0, 0, 15, 85)}
PROFIT = {"0": .22, "1-9": .3, "10-49": .38, "50-249": .45, "250plus": .5}
LOSS = {"0": .32, "1-9": .28, "10-49": .22, "50-249": .18, "250plus": .15}
MEASURES = {"0": .22, "1-9": .36, "10-49": .52, "50-249": .66, "250plus": .74}
REINVEST_NON_PROFIT = {"all": 60, "most": 30, "some": 8, "none": 2}
REINVEST_COMPANY = {"all": 30, "most": 35, "some": 25, "none": 10}
SALES = ("private_sales", "business_sales")


def _pick(rng: random.Random, weights: Mapping[str, float]) -> str:
    items = [(k, w) for k, w in weights.items() if w > 0]
    return rng.choices([k for k, _ in items], weights=[w for _, w in items])[0]


def _sample(rng: random.Random, weights: Mapping[Any, float], k: int) -> list[Any]:
    """``k`` distinct keys drawn by weight (Efraimidis–Spirakis)."""
    keyed = sorted(((rng.random() ** (1 / w), key) for key, w in weights.items() if w > 0),
                   reverse=True)
    return [key for _score, key in keyed[:k]]


def _ordered(question_codes: Sequence[str], chosen: Sequence[str]) -> list[str]:
    return [c for c in question_codes if c in set(chosen)]


def _sentences(rng: random.Random, pool: Sequence[str], n: int) -> str:
    return " ".join(rng.sample(list(pool), k=min(n, len(pool))))


@dataclass
class Respondent:
    """One synthetic organisation answering one round (2025 or 2026)."""

    rng: random.Random
    year: int
    lang: str
    sector: str = ""
    size: str = ""
    region: str = ""
    answers: dict[str, Any] = field(default_factory=dict)

    @property
    def later(self) -> bool:
        return self.year >= 2026

    @property
    def big(self) -> bool:
        return self.size in ("50-249", "250plus")

    def text(self, pair: tuple[str, str] | tuple[str, str, str]) -> str:
        sv, en = pair[-2], pair[-1]
        return en if self.lang == "en" else sv

    # Each step adds the answers of one part of the questionnaire.

    def organisation(self) -> None:
        rng, a = self.rng, self.answers
        self.sector = self.sector or _pick(rng, SECTORS)
        self.size = self.size or rng.choices(SIZES, weights=SIZE_WEIGHTS[self.sector])[0]
        self.region = self.region or _pick(rng, REGION_WEIGHTS)
        founded = FOUNDED_WEIGHTS.get(self.sector, (10, 25, 25, 25, 15))
        a["q_founded"] = rng.choices(FOUNDED, weights=founded)[0]
        a["q_legal_form"] = _pick(rng, LEGAL_FORMS[self.sector])
        a["q_sector"], a["q_size"], a["q_region"] = self.sector, self.size, self.region
        if rng.random() < 0.85:
            a["q_volunteers"] = self._volunteers()

    def _volunteers(self) -> int:
        rng = self.rng
        if self.sector == "civil_society":
            return int(rng.lognormvariate(math.log(25 if self.big else 12), 0.9))
        if rng.random() < (0.5 if self.sector == "cooperative" else 0.6):
            return 0
        return max(1, int(rng.lognormvariate(math.log(4), 0.8)))

    def mission(self) -> None:
        rng, a = self.rng, self.answers
        weights = {n: 1.0 + SDG_BOOST[self.sector].get(n, 0) for n in range(1, 18)}
        goals = _sample(rng, weights, rng.choices((1, 2, 3), weights=(15, 30, 55))[0])
        a["q_sdgs"] = [str(n) for n in sorted(goals)]
        chances = dict(TARGET_GROUPS[self.sector])
        if GREEN_GOALS & set(goals):
            chances["environment"] = 0.85
        if 1 in goals:
            chances["economic_vulnerability"] = max(0.6, chances.get("economic_vulnerability", 0))
        if 4 in goals:
            chances["young"] = max(0.5, chances.get("young", 0))
        groups = [g for g, p in chances.items() if rng.random() < p]
        if not groups:
            groups = [_pick(rng, chances)]
        a["q_target_groups"] = groups  # put in option order by ``finish``
        measure = MEASURES[self.size] + (0.07 if self.later else 0.0)
        measure += 0.05 if self.sector in ("public_related", "wise") else 0.0
        planned = 0.2 if self.later else 0.22
        roll = rng.random()
        a["q_measures_impact"] = ("yes" if roll < measure else
                                  "planned" if roll < measure + planned else "no")
        if a["q_measures_impact"] == "yes":
            a["q_measure_methods"] = self._methods()
            if rng.random() < 0.55:
                themes = set(groups) | {"other"}
                a["q_measure_text"] = self.text(rng.choice(
                    [t for t in MEASURE_TEXTS if t[0] in themes]))
        if rng.random() < (0.75 if a["q_measures_impact"] == "yes" else 0.6):
            a["q_impact_description"] = self._impact_text(groups)

    def _methods(self) -> list[str]:
        rng = self.rng
        bonus = 0.05 if self.later else 0.0
        chances = {"indicators": 0.7, "theory_of_change": 0.22 + (0.12 if self.big else 0) + bonus,
                   "sroi": 0.06 + (0.12 if self.big else 0) + bonus / 2,
                   "external_evaluation": 0.15 + (0.2 if self.big or self.sector ==
                                                  "public_related" else 0),
                   "beneficiary_surveys": 0.55, "other": 0.07}
        chosen = [m for m, p in chances.items() if rng.random() < p]
        return chosen or [_pick(rng, chances)]

    def _impact_text(self, groups: list[str]) -> str:
        rng = self.rng
        themes = set(groups) | {"other"}
        pool = [self.text(t) for t in IMPACT_TEXTS if t[0] in themes]
        return _sentences(rng, pool, rng.choices((1, 2, 3), weights=(50, 38, 12))[0])

    def finances(self) -> None:
        rng, a = self.rng, self.answers
        sources = [s for s, p in REVENUE[self.sector].items() if rng.random() < p]
        if not sources:
            sources = [_pick(rng, REVENUE[self.sector])]
        a["q_revenue_model"] = sources
        main_weights = {s: MAIN_WEIGHT[self.sector].get(s, 1) for s in sources}
        main = a["q_main_funding"] = _pick(rng, main_weights)
        a["q_turnover"] = rng.choices(TURNOVER, weights=TURNOVER_WEIGHTS[self.size])[0]
        profit = PROFIT[self.size] + (0.08 if main in SALES else 0.0)
        profit += {"civil_society": -0.1, "public_related": -0.05}.get(self.sector, 0.0)
        profit += 0.03 if self.later else 0.0
        loss = LOSS[self.size] - (0.03 if self.later else 0.0)
        roll = rng.random()
        a["q_profitability"] = ("profit" if roll < profit else
                                "loss" if roll < profit + loss else "break_even")
        if a["q_profitability"] == "profit":
            company = a["q_legal_form"] in ("ab", "sole_trader", "partnership")
            a["q_reinvest"] = _pick(rng, REINVEST_COMPANY if company else REINVEST_NON_PROFIT)
        a["q_public_share"] = self._public_share(sources, main)

    def _public_share(self, sources: list[str], main: str) -> int:
        rng = self.rng
        if main == "procurement":
            share = rng.uniform(55, 95)
        elif main == "grants":
            share = rng.uniform(30, 85) + (10 if self.sector == "public_related" else 0)
        elif "procurement" in sources or "grants" in sources:
            share = rng.uniform(8, 45)
        else:
            share = rng.choice((0, 0, 0, 2, 5))
        share = min(100.0, share)
        return int(round(share / 5) * 5) if rng.random() < 0.7 else int(round(share))

    def challenges(self) -> None:
        rng, a = self.rng, self.answers
        small = self.size in ("0", "1-9")
        measures = a["q_measures_impact"]
        odds = {  # (major, some)
            "finance": (0.45 if small else 0.3 if not self.big else 0.15, 0.42),
            "procurement": (0.35, 0.4) if "procurement" in a["q_revenue_model"] else (0.15, 0.3),
            "awareness": (0.25, 0.5),
            "skills": (0.25 if small else 0.12, 0.45),
            "measuring": {"yes": (0.1, 0.5), "planned": (0.35, 0.5)}.get(measures, (0.25, 0.35)),
            "rules": (0.35 if self.sector == "wise" else 0.2, 0.45),
        }
        if a["q_profitability"] == "loss":
            odds["finance"] = (odds["finance"][0] + 0.15, odds["finance"][1])
        grid = {}
        for row, (major, some) in odds.items():
            roll = rng.random()
            grid[row] = "major" if roll < major else "some" if roll < major + some else "none"
        a["q_challenges"] = grid
        a["q_support"] = self._support(grid)

    def _support(self, grid: dict[str, str]) -> list[str]:
        rng = self.rng
        major = {row for row, level in grid.items() if level == "major"}
        if not major and rng.random() < 0.45:
            return [EXCLUSIVE]
        weights = {"finance_advice": 5 if "finance" in major else 1.5,
                   "business_development": 3 if "skills" in major else 2,
                   "impact_measurement": 4 if grid["measuring"] != "none" else 1,
                   "procurement_support": 4 if "procurement" in major else 0.7,
                   "networks": 2.5, "legal_advice": 2 if "rules" in major else 0.6,
                   "skills_training": 3 if "skills" in major else 1}
        return _sample(rng, weights, rng.choices((1, 2, 3), weights=(25, 40, 35))[0])

    def policy(self) -> None:
        rng, a = self.rng, self.answers
        if rng.random() < 0.85:
            major = a["q_challenges"]
            weights = {
                "social_procurement": 4 if "procurement" in a["q_revenue_model"] else 2,
                "patient_capital": 3 + (2 if major["finance"] == "major" else 0),
                "legal_form": 2.5 if a["q_legal_form"] in ("ab", "ab_svb") else 1.2,
                "national_strategy": 2, "regional_support": 2,
                "labour_market": 5 if self.sector == "wise" else 1, "other": 0.3}
            a["q_policy"] = _sample(rng, weights, rng.choices((1, 2, 3), weights=(20, 35, 45))[0])
        if rng.random() < 0.3:
            a["q_policy_text"] = _sentences(rng, [self.text(t) for t in POLICY_TEXTS],
                                            rng.choices((1, 2), weights=(75, 25))[0])

    def outlook(self, with_hiring: bool) -> None:
        rng, a = self.rng, self.answers
        mean = 3.4 if self.later else 3.1
        mean += {"profit": 0.3, "loss": -0.4}.get(a["q_profitability"], 0.0)
        mean += 0.15 if self.big else 0.0
        a["q_outlook"] = max(1, min(5, round(rng.gauss(mean, 0.9))))
        if with_hiring:
            yes = 0.12 + 0.12 * (a["q_outlook"] - 3) + (0.1 if self.big else 0.0)
            yes = max(0.03, yes)
            roll = rng.random()
            a["q_hiring"] = "yes" if roll < yes else "maybe" if roll < yes + 0.35 else "no"

    def straight_line(self) -> None:
        """What someone clicking through too fast leaves: the same column, no texts."""
        a = self.answers
        a["q_challenges"] = {row: "some" for row in a["q_challenges"]}
        a["q_outlook"] = 3
        for code in ("q_impact_description", "q_policy_text", "q_measure_text", "q_policy",
                     "q_volunteers"):
            a.pop(code, None)


def answers_for(rng: random.Random, parsed: schema.Schema, *, year: int, lang: str,
                sector: str = "", region: str = "", too_fast: bool = False) -> dict[str, Any]:
    """One complete, valid answer set to ``parsed`` (raises if it could not be given)."""
    person = Respondent(rng, year, lang, sector=sector, region=region)
    person.organisation()
    person.mission()
    person.finances()
    person.challenges()
    person.policy()
    person.outlook(with_hiring=parsed.question("q_hiring") is not None)
    if too_fast:
        person.straight_line()
    answers = _in_option_order(parsed, person.answers)
    answers = logic.prune(parsed, answers)
    found = answer_problems(parsed, answers)
    if found:
        raise ValueError(f"demo answers that the form could not give: {found}")
    return answers


def _in_option_order(parsed: schema.Schema, answers: dict[str, Any]) -> dict[str, Any]:
    out = {}
    for code, value in answers.items():
        question = parsed.question(code)
        if question is not None and question.kind == schema.MULTIPLE:
            value = _ordered(question.option_codes(), value)
        out[code] = value
    return out


def partial(parsed: schema.Schema, answers: dict[str, Any], sections: int) -> dict[str, Any]:
    """The answers of the first ``sections`` sections: a response saved part of the way."""
    keep = {q.code for s in parsed.sections[:sections] for q in s.questions}
    return logic.prune(parsed, {k: v for k, v in answers.items() if k in keep})


# --- Timing ------------------------------------------------------------------------------------


@dataclass
class RoundPlan:
    slug: str
    title: tuple[str, str]
    version: int
    year: int
    status: str
    opens: dt.datetime
    closes: dt.datetime
    counted: int = 0
    too_fast: int = 0
    in_progress: int = 0
    anonymous: bool = True
    public_link: bool = True
    results_public: bool = True
    invitations: int = 0


def plan_rounds(now: dt.datetime, scale: int = 0) -> list[RoundPlan]:
    """The demo rounds, dated relative to ``now`` (the 2026 round is open now)."""
    day = now.replace(hour=8, minute=0, second=0, microsecond=0)
    plans = [
        RoundPlan(SLUG_2025, ("Sociala företag i Sverige 2025",
                              "Social enterprises in Sweden 2025"), 1, 2025, RoundStatus.CLOSED,
                  day - dt.timedelta(days=410), day - dt.timedelta(days=350),
                  COUNTED[SLUG_2025], TOO_FAST[SLUG_2025]),
        RoundPlan(SLUG_2026, ("Sociala företag i Sverige 2026",
                              "Social enterprises in Sweden 2026"), 2, 2026, RoundStatus.OPEN,
                  day - dt.timedelta(days=45), day + dt.timedelta(days=21),
                  COUNTED[SLUG_2026], TOO_FAST[SLUG_2026], IN_PROGRESS[SLUG_2026]),
        RoundPlan(SLUG_MAPPING, ("Aktörskartläggning 2026", "Actor mapping 2026"), 2, 2026,
                  RoundStatus.OPEN, day - dt.timedelta(days=30), day + dt.timedelta(days=30),
                  anonymous=False, public_link=False, results_public=False,
                  invitations=INVITATIONS),
    ]
    if scale > 0:
        plans.append(RoundPlan(
            SLUG_SYNTHETIC, ("Syntetisk monitor (test)", "Synthetic monitor (benchmark)"), 2,
            2026, RoundStatus.CLOSED, day - dt.timedelta(days=200), day - dt.timedelta(days=140),
            counted=scale * 1000, results_public=False))
    return plans


def _submitted_at(rng: random.Random, plan: RoundPlan, now: dt.datetime) -> dt.datetime:
    """Most answer in the first days and after the reminder three weeks in; none in future."""
    last = min(plan.closes, now) - dt.timedelta(minutes=10)
    span = (last - plan.opens).total_seconds()
    roll = rng.random()
    if roll < 0.4:
        offset = rng.expovariate(1 / (4 * 86400))
    elif roll < 0.65:
        offset = 21 * 86400 + rng.expovariate(1 / (3 * 86400))
    else:
        offset = rng.uniform(0, span)
    at = plan.opens + dt.timedelta(seconds=min(offset, span))
    # Office hours, mostly.
    local = timezone.localtime(at)
    hour = rng.choices(range(7, 23), weights=(2, 6, 9, 10, 9, 6, 8, 9, 9, 8, 5, 3, 3, 4, 3, 2))[0]
    at = local.replace(hour=hour, minute=rng.randrange(60), second=rng.randrange(60))
    return min(max(at, plan.opens + dt.timedelta(minutes=20)), last)


def _duration(rng: random.Random, too_fast: bool) -> dt.timedelta:
    if too_fast:
        return dt.timedelta(seconds=rng.randint(45, 110))
    minutes = min(90.0, max(5.0, rng.lognormvariate(math.log(13), 0.45)))
    if rng.random() < 0.06:  # saved and came back another day
        minutes += rng.uniform(1, 5) * 1440
    return dt.timedelta(minutes=minutes)


def _client_digest(slug: str, n: int, closed: bool) -> str:
    """A stand-in for the keyed digest of address and browser; blank once a round closed."""
    return "" if closed else hashlib.sha256(f"demo-client-{slug}-{n}".encode()).hexdigest()


# --- Building the rows ---------------------------------------------------------------------------


@dataclass
class Built:
    plan: RoundPlan
    questionnaire: Questionnaire
    responses: list[SurveyResponse] = field(default_factory=list)
    invitations: list[Invitation] = field(default_factory=list)
    # For each invitation, its response's index in ``responses`` (or None).
    answered: list[int | None] = field(default_factory=list)


def _response(plan: RoundPlan, q: Questionnaire, answers: dict[str, Any], lang: str,
              started: dt.datetime, submitted: dt.datetime | None, n: int) -> SurveyResponse:
    return SurveyResponse(
        answers=answers, language=lang,
        status=ResponseStatus.SUBMITTED if submitted else ResponseStatus.IN_PROGRESS,
        resume_digest=tokens.new_token()[1],
        client_digest=_client_digest(plan.slug, n, plan.status == RoundStatus.CLOSED),
        consent_text=q.consent_text_en if lang == "en" else q.consent_text_sv,
        consent_given_at=started, started_at=started, updated_at=submitted or started,
        submitted_at=submitted)


def build_public(plan: RoundPlan, q: Questionnaire, now: dt.datetime) -> Built:
    """The responses by the public link: counted, too fast, and still in progress."""
    rng = random.Random(f"surveys-demo-{plan.slug}")  # nosec B311 - deterministic demo data
    parsed = q.schema
    built = Built(plan, q)
    kinds = ["counted"] * plan.counted + ["too_fast"] * plan.too_fast
    rng.shuffle(kinds)
    for n, kind in enumerate(kinds):
        lang = "en" if rng.random() < ENGLISH else "sv"
        fast = kind == "too_fast"
        answers = answers_for(rng, parsed, year=plan.year, lang=lang, too_fast=fast)
        submitted = _submitted_at(rng, plan, now)
        began = max(plan.opens, submitted - _duration(rng, fast))
        row = _response(plan, q, answers, lang, began, submitted, n)
        if fast:
            row.flag, row.excluded = "too_fast", True
        built.responses.append(row)
    for i in range(plan.in_progress):
        lang = "en" if rng.random() < ENGLISH else "sv"
        answers = answers_for(rng, parsed, year=plan.year, lang=lang)
        answers = partial(parsed, answers, rng.randint(1, len(parsed.sections) - 1))
        started = now - dt.timedelta(days=rng.uniform(0.2, 20))
        row = _response(plan, q, answers, lang, started, None, len(kinds) + i)
        row.updated_at = started + dt.timedelta(minutes=rng.uniform(2, 12))
        built.responses.append(row)
    return built


def _invited_actors(count: int) -> list[Any]:
    from sihub.actors.models import Actor

    return list(Actor.objects.filter(is_published=True, kind__in=list(ACTOR_SECTOR))
                .select_related("home_municipality__county").order_by("pk")[:count])


def build_invitations(plan: RoundPlan, q: Questionnaire, now: dt.datetime) -> Built:
    """Invitations to demo organisations; the first answered, a couple started, the rest not."""
    rng = random.Random(f"surveys-demo-{plan.slug}")  # nosec B311 - deterministic demo data
    parsed = q.schema
    built = Built(plan, q)
    actors = _invited_actors(plan.invitations)
    actors += [None] * (plan.invitations - len(actors))
    for i, actor in enumerate(actors):
        lang = "en" if i % 7 == 6 else "sv"
        email = f"{(actor.slug if actor else f'organisation-{i + 1}')[:60]}@example.org"
        sent = plan.opens + dt.timedelta(hours=rng.uniform(1, 30))
        invitation = Invitation(
            email=email, name=actor.name if actor else f"Organisation {i + 1}", actor=actor,
            language=lang, token_digest=tokens.new_token()[1], created_at=sent, sent_at=sent)
        built.invitations.append(invitation)
        if i >= INVITATIONS_ANSWERED + INVITATIONS_STARTED:
            built.answered.append(None)
            continue
        county = getattr(getattr(actor, "home_municipality", None), "county", None)
        answers = answers_for(rng, parsed, year=plan.year, lang=lang,
                              sector=ACTOR_SECTOR.get(getattr(actor, "kind", ""), ""),
                              region=COUNTY_REGION.get(getattr(county, "code", ""), ""))
        started = sent + dt.timedelta(days=rng.uniform(0.5, 12))
        submitted = None
        if i < INVITATIONS_ANSWERED:
            submitted = min(now - dt.timedelta(minutes=30), started + _duration(rng, False))
        else:
            answers = partial(parsed, answers, 2)
        invitation.started_at, invitation.submitted_at = started, submitted
        row = _response(plan, q, answers, lang, started, submitted, i)
        row.actor = actor
        built.answered.append(len(built.responses))
        built.responses.append(row)
    return built


def add_text_sdgs(built: list[Built], log: Log) -> None:
    """Goals the classifier suggests for the free texts, in one batch over unique texts."""
    texts = sorted({r.answers[c] for b in built for r in b.responses for c in CLASSIFIED
                    if isinstance(r.answers.get(c), str)})
    if not texts:
        return
    try:
        from sihub.sdg.classifier import get_classifier

        results = get_classifier().classify(texts)
    except Exception as exc:  # noqa: BLE001 - the demo stands without suggestions
        log(f"surveys: no SDG suggestions for free texts ({exc.__class__.__name__})")
        return
    goals = {text: list(result.sdgs) for text, result in zip(texts, results, strict=True)}
    for b in built:
        for row in b.responses:
            row.text_sdgs = {c: goals[row.answers[c]] for c in CLASSIFIED
                             if isinstance(row.answers.get(c), str)}


def save(b: Built) -> SurveyRound:
    plan = b.plan
    survey_round = SurveyRound.objects.create(
        questionnaire=b.questionnaire, slug=plan.slug, title_sv=plan.title[0],
        title_en=plan.title[1], status=plan.status, opens_at=plan.opens, closes_at=plan.closes,
        anonymous=plan.anonymous, public_link=plan.public_link,
        results_public=plan.results_public, created_at=plan.opens - dt.timedelta(days=12))
    for invitation in b.invitations:
        invitation.round = survey_round
    invitations = Invitation.objects.bulk_create(b.invitations)
    for row in b.responses:
        row.round = survey_round
    for invitation, index in zip(invitations, b.answered, strict=True):
        if index is not None and not plan.anonymous:
            b.responses[index].invitation = invitation
    SurveyResponse.objects.bulk_create(b.responses, batch_size=500)
    return survey_round


# --- The report page -----------------------------------------------------------------------------

REPORT = {
    "title": {"sv": "Sociala företag i Sverige 2026", "en": "Social enterprises in Sweden 2026"},
    "slug": {"sv": REPORT_SLUGS[0], "en": REPORT_SLUGS[1]},
}
REPORT_TEXT = {
    "sv": (
        "Hur mår de sociala företagen, vilken nytta gör de och vad hindrar dem? Monitorn 2026 "
        "jämförs här med 2025. Observera att siffrorna i demoversionen bygger på syntetiska svar.",
        "<h2>Fler mäter sin samhällsnytta</h2>"
        "<p>Andelen organisationer som följer upp sin samhällsnytta har ökat sedan förra året, "
        "men skillnaden mellan stora och små är fortfarande stor. Små organisationer nämner "
        "oftare att de saknar tid och kunskap för att mäta.</p>"
        "<h2>Finansiering är fortfarande den största utmaningen</h2>"
        "<p>Tillgång till kapital är den utmaning som flest beskriver som stor, särskilt bland "
        "organisationer med färre än tio anställda. Civilsamhällets organisationer är mest "
        "beroende av bidrag, medan de arbetsintegrerande sociala företagen oftast säljer till "
        "offentlig sektor.</p>"
        "<h2>Något ljusare framtidstro</h2>"
        "<p>Förväntningarna på de kommande tolv månaderna är något mer positiva än 2025. Frågan "
        "om nyanställningar är ny för i år och kan därför inte jämföras bakåt.</p>"
        "<p>Grupper med få svar visas inte, så att ingen enskild organisation kan pekas ut.</p>",
    ),
    "en": (
        "How are social enterprises doing, what value do they create and what holds them back? "
        "The 2026 monitor is compared here with 2025. Note that the figures in the demo are "
        "based on synthetic answers.",
        "<h2>More organisations measure their impact</h2>"
        "<p>The share of organisations that follow up their social impact has grown since last "
        "year, but the gap between large and small remains wide. Small organisations more often "
        "say they lack the time and knowledge to measure.</p>"
        "<h2>Funding is still the biggest challenge</h2>"
        "<p>Access to capital is the challenge most often called major, especially among "
        "organisations with fewer than ten employees. Civil-society organisations depend most on "
        "grants, while work-integration social enterprises most often sell to the public "
        "sector.</p>"
        "<h2>A slightly brighter outlook</h2>"
        "<p>Expectations for the next twelve months are somewhat more positive than in 2025. The "
        "question on hiring is new this year and cannot be compared backwards.</p>"
        "<p>Groups with few answers are not shown, so that no single organisation can be "
        "identified.</p>",
    ),
}
KEY_QUESTIONS = "q_measures_impact,q_profitability,q_outlook"
CHART_QUESTIONS = ("q_sector,q_size,q_region,q_sdgs,q_target_groups,q_measures_impact,"
                   "q_measure_methods,q_revenue_model,q_main_funding,q_profitability,"
                   "q_challenges,q_support,q_policy,q_outlook,q_hiring")


def _report_parent() -> Page | None:
    from sihub.core.models import ContentPage, HomePage

    area = ContentPage.objects.filter(slug=ANALYSIS_AREA_SLUG,
                                      locale__language_code="sv").first()
    return area or HomePage.objects.filter(locale__language_code="sv").first()


def ensure_report(this_year: SurveyRound, last_year: SurveyRound | None,
                  log: Log) -> MonitorReportPage | None:
    """The 2026 report in Swedish and its English translation, made once."""
    from sihub.sdg.demo_pages import ensure_pair

    parent = _report_parent()
    en = Locale.objects.filter(language_code="en").first()
    if parent is None or en is None:
        log("surveys: no home page (core seeds first); no report page made")
        return None
    common = {"round": this_year, "compare_with": last_year, "key_questions": KEY_QUESTIONS,
              "chart_questions": CHART_QUESTIONS, "breakdown": schema.SECTOR}
    fields = {lang: {**common, "intro": REPORT_TEXT[lang][0], "body": REPORT_TEXT[lang][1]}
              for lang in ("sv", "en")}
    page_sv, _page_en = ensure_pair(parent, en, MonitorReportPage, REPORT, fields)
    return page_sv


# --- Entry point ---------------------------------------------------------------------------------


def seed(*, scale: int, log: Log) -> None:
    """The questionnaire's two versions, the rounds with their responses, the report page."""
    started = time.perf_counter()
    now = timezone.now()
    with transaction.atomic():
        versions = dict(zip((1, 2), ensure_versions(), strict=True))
    have = set(SurveyRound.objects.filter(slug__in=[p.slug for p in plan_rounds(now, scale)])
               .values_list("slug", flat=True))
    todo = [p for p in plan_rounds(now, scale) if p.slug not in have]
    built = [build_invitations(p, versions[p.version], now) if p.invitations
             else build_public(p, versions[p.version], now) for p in todo]
    add_text_sdgs(built, log)
    with transaction.atomic():
        for b in built:
            save(b)
            submitted = sum(1 for r in b.responses if r.submitted_at)
            log(f"surveys: round “{b.plan.title[0]}”: {submitted} submitted "
                f"({sum(1 for r in b.responses if r.excluded)} left out as too fast), "
                f"{len(b.responses) - submitted} in progress, {len(b.invitations)} invitations")
    rounds = {r.slug: r for r in SurveyRound.objects.filter(slug__in=[SLUG_2025, SLUG_2026])}
    if SLUG_2026 in rounds:
        with transaction.atomic():
            ensure_report(rounds[SLUG_2026], rounds.get(SLUG_2025), log)
    from sihub.core import pagecache

    pagecache.invalidate()  # bulk writes send no signals
    log(f"surveys: social enterprise monitor v1 and v2, {len(plan_rounds(now, scale))} rounds "
        f"({len(todo)} added) and the 2026 report in {time.perf_counter() - started:.1f} s")
