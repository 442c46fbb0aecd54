"""The bilingual demo texts of the knowledge area, as data.

People, organisations' staff, quotes and publications are fictional; places,
programmes such as idéburet offentligt partnerskap (IOP) and the UN's goals
and targets are real. ``knowledge/demo.py`` turns these records into pages.

Each record has ``slug``, ``title`` and text fields as ``{"sv": …, "en": …}``
and ``tags`` as codes: SDG numbers, target codes, theme and sector slugs,
county and municipality codes (see ``sdg/tagging.py``).
"""

from __future__ import annotations

from typing import Any

Block = dict[str, Any]


# --- StreamField blocks in their stored (raw) form ---------------------------


def h(text: str) -> Block:
    return {"type": "heading", "value": text}


def p(html: str) -> Block:
    return {"type": "paragraph", "value": html if html.startswith("<") else f"<p>{html}</p>"}


def quote(text: str, attribution: str) -> Block:
    return {"type": "quote", "value": {"quote": text, "attribution": attribution}}


def facts(heading: str, items: list[str]) -> Block:
    listed = "".join(f"<li>{item}</li>" for item in items)
    return {"type": "fact_box", "value": {"heading": heading, "text": f"<ul>{listed}</ul>"}}


def steps(items: list[str]) -> Block:
    return p("<ol>" + "".join(f"<li>{item}</li>" for item in items) + "</ol>")


# --- Index pages -------------------------------------------------------------

METHOD_INDEX = {
    "slug": {"sv": "metoder-och-verktyg", "en": "methods-and-tools"},
    "title": {"sv": "Metoder och verktyg", "en": "Methods and tools"},
    "intro": {
        "sv": "Beprövade metoder för varje fas i arbetet med social innovation – från att förstå "
              "ett problem tillsammans med dem som berörs till att sprida en lösning som fungerar. "
              "Filtrera på fas och på hur mycket erfarenhet av att leda grupper som behövs.",
        "en": "Tried and tested methods for every phase of social innovation work – from "
              "understanding a problem together with the people it affects to spreading a solution "
              "that works. Filter by phase and by how much facilitation experience you need.",
    },
}

STORY_INDEX = {
    "slug": {"sv": "berattelser-och-nyheter", "en": "stories-and-news"},
    "title": {"sv": "Berättelser och nyheter", "en": "Stories and news"},
    "intro": {
        "sv": "Berättelser om människor och organisationer som förändrar sina samhällen, och "
              "nyheter från ekosystemet för social innovation i hela Sverige.",
        "en": "Stories about people and organisations changing their communities, and news "
              "from the social-innovation ecosystem across Sweden.",
    },
}

PUBLICATION_INDEX = {
    "slug": {"sv": "publikationer", "en": "publications"},
    "title": {"sv": "Publikationer", "en": "Publications"},
    "intro": {
        "sv": "Rapporter, vägledningar, artiklar och uppsatser om social innovation, sociala "
              "företag och samhällsvärde – från kompetenscentret och från andra.",
        "en": "Reports, guides, articles and theses on social innovation, social enterprise "
              "and social value – by the competence centre and by others.",
    },
}


# --- Knowledge articles ------------------------------------------------------

ARTICLES: list[dict[str, Any]] = [
    {
        "slug": {"sv": "vad-ar-social-innovation", "en": "what-is-social-innovation"},
        "title": {"sv": "Vad är social innovation?", "en": "What is social innovation?"},
        "intro": {
            "sv": "Social innovation är nya lösningar som möter samhällsbehov bättre än de som redan "
                  "finns – och som samtidigt stärker människors förmåga att agera tillsammans. Här "
                  "förklarar vi begreppet, vad som skiljer det från annan innovation och hur det ser "
                  "ut i praktiken.",
            "en": "Social innovations are new solutions that meet social needs better than existing "
                  "ones – and that strengthen people's capacity to act together. Here we explain the "
                  "concept, how it differs from other kinds of innovation and what it looks like in "
                  "practice.",
        },
        "body": {
            "sv": [
                h("En definition"),
                p("Det finns många definitioner, men de flesta har samma kärna. En social innovation "
                  "är en ny lösning – en tjänst, en produkt, en arbetsmodell eller ett sätt att "
                  "organisera sig – som möter ett samhällsbehov mer effektivt, rättvist eller hållbart "
                  "än befintliga lösningar. Värdet tillfaller i första hand samhället och de människor "
                  "som berörs, inte enskilda ägare."),
                p("EU-kommissionens rådgivare beskrev 2010 sociala innovationer som innovationer som "
                  "är sociala både i sina mål och i sina medel. Det betyder att <em>hur</em> en "
                  "lösning tas fram är lika viktigt som vad den åstadkommer: de som berörs av ett "
                  "problem är med och formar lösningen, och nya relationer och förmågor växer fram "
                  "på vägen."),
                quote("Social innovation handlar sällan om att göra mer av samma sak. Det handlar om "
                      "att ändra de relationer och strukturer som gör att problemet finns kvar.",
                      "Helena Björk, forskare i socialt entreprenörskap"),
                h("Vad skiljer social innovation från annan innovation?"),
                p("Teknisk och kommersiell innovation mäts ofta i marknadsandelar och lönsamhet. "
                  "Social innovation mäts i förändrade livsvillkor: fler i arbete, bättre hälsa, "
                  "mindre ensamhet, en tryggare stadsdel. Lösningen kan gärna vara ett företag – men "
                  "den kan lika gärna vara ett nytt arbetssätt i en kommun, en förening som fyller "
                  "ett glapp mellan myndigheter eller en digital tjänst som gör det lättare att dela "
                  "resurser."),
                p("Ofta uppstår social innovation i gränslandet mellan sektorer. Offentlig sektor har "
                  "ansvar och långsiktighet, näringslivet har kapital och affärskunnande, akademin har "
                  "kunskap om vad som fungerar och civilsamhället har förtroende och närhet till "
                  "människor. När de arbetar tillsammans kan det uppstå lösningar som ingen av dem "
                  "hade kunnat ta fram ensam."),
                facts("Fem kännetecken på en social innovation", [
                    "Den är <b>ny i sitt sammanhang</b> – inte nödvändigtvis ny i världen.",
                    "Den möter ett <b>verkligt behov</b> som tidigare lösningar inte har klarat.",
                    "Den <b>används</b>: en idé blir en innovation först när den tillämpas.",
                    "Den <b>stärker människors förmåga</b> att själva påverka sin situation.",
                    "Den <b>förändrar relationer</b>, till exempel mellan kommun och invånare.",
                ]),
                h("Exempel från Sverige"),
                p("Arbetsintegrerande sociala företag är ett av de tydligaste svenska exemplen. De "
                  "skapar arbete och arbetsträning för människor som står långt från arbetsmarknaden "
                  "och återinvesterar sina vinster i verksamheten. Andra exempel är idéburna "
                  "offentliga partnerskap, där kommuner och föreningar delar ansvaret för en "
                  "verksamhet, sociala utfallskontrakt, där en finansiär får betalt först när "
                  "överenskomna resultat har nåtts, och lokala mobilitetslösningar som gör det "
                  "möjligt att bo kvar på landsbygden."),
                p("Gemensamt för dem är att de började i liten skala, lärde sig av dem som använde "
                  "lösningen och sedan växte – genom att fler tog efter, genom nya avtal och ibland "
                  "genom ändrade regler. Fler exempel finns bland de goda exemplen på plattformen."),
            ],
            "en": [
                h("A definition"),
                p("There are many definitions, but most share the same core. A social innovation is "
                  "a new solution – a service, a product, a way of working or a way of organising – "
                  "that meets a social need more effectively, fairly or sustainably than existing "
                  "solutions. The value goes first of all to society and to the people concerned, "
                  "not to individual owners."),
                p("In 2010 the European Commission's advisers described social innovations as "
                  "innovations that are social in both their ends and their means. In other words, "
                  "<em>how</em> a solution is developed matters as much as what it achieves: the "
                  "people affected by a problem help shape the solution, and new relationships and "
                  "capabilities grow along the way."),
                quote("Social innovation is rarely about doing more of the same. It is about changing "
                      "the relationships and structures that keep the problem in place.",
                      "Helena Björk, researcher in social entrepreneurship"),
                h("How does social innovation differ from other innovation?"),
                p("Technological and commercial innovation is often measured in market share and "
                  "profit. Social innovation is measured in changed living conditions: more people "
                  "in work, better health, less loneliness, a safer neighbourhood. The solution may "
                  "well be a business – but it can just as well be a new way of working in a "
                  "municipality, an association that fills a gap between public agencies, or a "
                  "digital service that makes it easier to share resources."),
                p("Social innovation often emerges where sectors meet. The public sector brings "
                  "responsibility and a long-term view, business brings capital and commercial "
                  "skills, academia knows what works and civil society has trust and closeness to "
                  "people. When they work together, solutions can emerge that none of them could "
                  "have developed alone."),
                facts("Five marks of a social innovation", [
                    "It is <b>new in its context</b> – not necessarily new to the world.",
                    "It meets a <b>real need</b> that earlier solutions have not met.",
                    "It is <b>used</b>: an idea becomes an innovation only when it is applied.",
                    "It <b>strengthens people's capacity</b> to influence their own situation.",
                    "It <b>changes relationships</b>, for example between a municipality and its residents.",
                ]),
                h("Examples from Sweden"),
                p("Work-integration social enterprises are among the clearest Swedish examples. They "
                  "create jobs and work training for people far from the labour market and reinvest "
                  "their profits in the business. Other examples are idea-based public partnerships "
                  "(IOP), in which municipalities and associations share responsibility for a "
                  "service; social outcomes contracts, in which an investor is repaid only when "
                  "agreed results are achieved; and local mobility solutions that make it possible "
                  "to keep living in the countryside."),
                p("What they have in common is that they started small, learned from the people "
                  "using the solution and then grew – because others followed, through new "
                  "agreements and sometimes through changed rules. You will find more among the "
                  "good examples on the platform."),
            ],
        },
        "tags": {"sdgs": [1, 8, 10, 17], "targets": ["10.2", "17.17"],
                 "themes": ["democracy-participation", "inclusive-working-life"],
                 "sectors": ["public", "private", "academia", "civil-society", "social-economy"]},
    },
    {
        "slug": {"sv": "varfor-behovs-social-innovation", "en": "why-is-social-innovation-needed"},
        "title": {"sv": "Varför behövs social innovation?", "en": "Why is social innovation needed?"},
        "intro": {
            "sv": "Många av vår tids samhällsutmaningar går inte att lösa av en enda aktör eller med "
                  "fler av samma insatser. Social innovation behövs där välfärdens vanliga verktyg "
                  "inte räcker – och där de som berörs har kunskap som ingen annan har.",
            "en": "Many of today's societal challenges cannot be solved by a single actor or by more "
                  "of the same measures. Social innovation is needed where the usual tools of the "
                  "welfare state are not enough – and where the people affected know things nobody "
                  "else knows.",
        },
        "body": {
            "sv": [
                h("Komplexa problem kräver nya svar"),
                p("Utanförskap på arbetsmarknaden, psykisk ohälsa bland unga, ofrivillig ensamhet "
                  "bland äldre, segregation och en rättvis klimatomställning har något gemensamt: de "
                  "har många orsaker, berör många myndigheter och organisationer och förändras när "
                  "man försöker påverka dem. Sådana problem brukar kallas komplexa. De går inte att "
                  "lösa med en ny rutin i en förvaltning, men de kan påverkas när flera aktörer "
                  "prövar, lär och justerar tillsammans."),
                p("Välfärden i Sverige är organiserad i stuprör: skola, socialtjänst, vård och "
                  "arbetsförmedling har var sitt uppdrag och var sin budget. För den som behöver "
                  "stöd från flera håll samtidigt uppstår glapp. Många sociala innovationer föds "
                  "just i de glappen – ofta på initiativ av civilsamhället eller av sociala företag "
                  "som ser behoven på nära håll."),
                facts("Utmaningar där social innovation gör skillnad", [
                    "Vägar till arbete för dem som står längst från arbetsmarknaden.",
                    "Unga som varken arbetar eller studerar.",
                    "Ofrivillig ensamhet och trygghet för äldre.",
                    "Service, mobilitet och mötesplatser på landsbygden.",
                    "En klimatomställning där ingen lämnas utanför.",
                ]),
                h("Resurserna räcker inte till mer av samma"),
                p("Andelen äldre i befolkningen ökar samtidigt som många kommuner, särskilt på "
                  "landsbygden, har färre invånare i arbetsför ålder. Det räcker inte att "
                  "effektivisera dagens arbetssätt. Det behövs nya sätt att organisera stöd, där "
                  "invånare, föreningar och företag bidrar med det de är bäst på, och där "
                  "förebyggande insatser får ta plats innan problemen har blivit stora och dyra."),
                quote("Vi kunde inte anställa oss ur personalbristen. Vi var tvungna att tänka om "
                      "tillsammans med dem vi finns till för.",
                      "Per Lindqvist, socialchef i en norrländsk kommun"),
                h("Kostnaden för att inte göra något"),
                p("Ett barn som inte klarar skolan, en ung vuxen som hamnar i långvarigt utanförskap "
                  "eller en äldre som isoleras medför mänskligt lidande och stora kostnader för "
                  "samhället över tid. Flera svenska kommuner och regioner har därför avsatt medel i "
                  "sociala investeringsfonder för att pröva tidiga insatser och följa upp vad de "
                  "ger. Social innovation ger ett sätt att pröva nytt i liten skala, mäta effekten "
                  "och skala upp det som fungerar."),
                h("Agenda 2030: ingen ska lämnas utanför"),
                p("De globala målen för hållbar utveckling bygger på principen att ingen ska "
                  "lämnas utanför. För att nå den krävs lösningar som når dem som de vanliga "
                  "insatserna inte når. Här har social innovation en särskild roll, eftersom den "
                  "utgår från behoven hos dem som berörs och från samverkan mellan sektorer."),
            ],
            "en": [
                h("Complex problems need new answers"),
                p("Exclusion from the labour market, mental ill-health among young people, "
                  "involuntary loneliness among older people, segregation and a just climate "
                  "transition have something in common: they have many causes, involve many "
                  "agencies and organisations, and change when you try to influence them. Such "
                  "problems are called complex. They cannot be solved by a new routine in one "
                  "department, but they can be shifted when several actors try, learn and adjust "
                  "together."),
                p("Welfare in Sweden is organised in silos: schools, social services, health care "
                  "and the employment service each have their own mandate and budget. People who "
                  "need support from several of them at once fall into the gaps. Many social "
                  "innovations are born in exactly those gaps – often on the initiative of civil "
                  "society or of social enterprises that see the needs up close."),
                facts("Challenges where social innovation makes a difference", [
                    "Pathways to work for those furthest from the labour market.",
                    "Young people who are neither working nor studying.",
                    "Involuntary loneliness and safety for older people.",
                    "Services, mobility and meeting places in rural areas.",
                    "A climate transition that leaves no one behind.",
                ]),
                h("More of the same is not affordable"),
                p("The share of older people in the population is rising, while many "
                  "municipalities, especially rural ones, have fewer residents of working age. "
                  "Making today's ways of working more efficient is not enough. New ways of "
                  "organising support are needed, in which residents, associations and businesses "
                  "contribute what they do best, and in which prevention gets room before problems "
                  "have become large and costly."),
                quote("We could not recruit our way out of the staff shortage. We had to rethink "
                      "things together with the people we are here for.",
                      "Per Lindqvist, head of social services in a northern municipality"),
                h("The cost of doing nothing"),
                p("A child who does not complete school, a young adult stuck in long-term exclusion "
                  "or an older person who becomes isolated means human suffering and large costs "
                  "to society over time. Several Swedish municipalities and regions have therefore "
                  "set aside money in social investment funds to try early interventions and follow "
                  "up what they achieve. Social innovation offers a way to try something new on a "
                  "small scale, measure the effect and scale up what works."),
                h("The 2030 Agenda: leave no one behind"),
                p("The Sustainable Development Goals rest on the principle of leaving no one behind. "
                  "Reaching it takes solutions that reach the people ordinary measures miss. Social "
                  "innovation has a particular role here, because it starts from the needs of those "
                  "affected and from collaboration across sectors."),
            ],
        },
        "tags": {"sdgs": [1, 3, 8, 10, 11], "targets": ["8.6", "10.2", "3.4"],
                 "themes": ["health-welfare", "elderly-care", "children-youth", "rural-development"],
                 "sectors": ["public", "civil-society"]},
    },
    {
        "slug": {"sv": "sa-arbetar-man-med-social-innovation",
                 "en": "how-to-work-with-social-innovation"},
        "title": {"sv": "Så arbetar man med social innovation",
                  "en": "How to work with social innovation"},
        "intro": {
            "sv": "Social innovation är inget som bara händer. Det är ett arbete i faser – att "
                  "förstå, skapa idéer, pröva, genomföra och sprida – där de som berörs är med hela "
                  "vägen. Här är en översikt, med länkar till metoder för varje fas.",
            "en": "Social innovation does not just happen. It is work done in phases – "
                  "understanding, generating ideas, trying things out, implementing and spreading – "
                  "with the people affected involved all the way. Here is an overview, with methods "
                  "for each phase.",
        },
        "body": {
            "sv": [
                h("1. Förstå problemet – tillsammans"),
                p("Börja inte med lösningen. Ta reda på vem som berörs, hur de upplever situationen "
                  "och vilka aktörer som redan finns. Intervjuer, observationer, intressentkartor "
                  "och kartläggningar av användarresor hjälper er att se problemet från flera håll. "
                  "Ofta visar det sig att det verkliga problemet är ett annat än det ni trodde."),
                h("2. Skapa idéer"),
                p("Bjud in brett: de som berörs, personal på golvet, föreningar, företag och "
                  "forskare. Metoder som framtidsverkstad, world café och open space ger många "
                  "röster plats och gör det möjligt att bygga vidare på varandras idéer. Välj sedan "
                  "ut ett fåtal idéer att pröva."),
                h("3. Pröva i liten skala"),
                p("En prototyp är ett billigt sätt att lära sig. Det kan vara en skiss, ett "
                  "rollspel, en enkel broschyr eller en tjänst som körs manuellt under två veckor. "
                  "Poängen är att testa antaganden innan ni har investerat mycket – och att våga "
                  "släppa det som inte fungerar."),
                quote("Vårt första försök var en lapp på anslagstavlan i affären. Den lärde oss mer "
                      "än tre månaders planering.",
                      "Sara Nyström, initiativtagare till en bybuss i Dalsland"),
                h("4. Genomför och följ upp"),
                p("När lösningen ska bli ordinarie verksamhet behövs tydliga roller, avtal och "
                  "finansiering. Ett idéburet offentligt partnerskap, en upphandling med sociala "
                  "krav eller en överenskommelse mellan förvaltningar kan vara rätt form. Bestäm "
                  "tidigt vad ni ska följa upp: en förändringsteori gör det tydligt vilka resultat "
                  "ni förväntar er och hur ni ska veta om de uppnås."),
                h("5. Sprid och skala"),
                p("Att skala kan betyda att växa, men också att andra tar efter, att en metod blir "
                  "standard eller att en regel ändras. Fundera på vad som är kärnan i lösningen och "
                  "vad som kan anpassas lokalt. Dokumentera, dela och visa resultat – det är så "
                  "andra kan lära av er."),
                facts("Checklista inför start", [
                    "Vem äger problemet – och vem äger lösningen när projektet är slut?",
                    "Är de som berörs med från början, och får de ersättning för sin tid?",
                    "Vilka sektorer behövs runt bordet, och vad bidrar var och en med?",
                    "Vad är det minsta ni kan pröva redan nästa månad?",
                    "Hur ska ni veta att det gör skillnad?",
                ]),
            ],
            "en": [
                h("1. Understand the problem – together"),
                p("Do not start with the solution. Find out who is affected, how they experience the "
                  "situation and which actors are already involved. Interviews, observation, "
                  "stakeholder maps and journey maps help you see the problem from several angles. "
                  "Often the real problem turns out to be a different one from the one you "
                  "assumed."),
                h("2. Generate ideas"),
                p("Invite widely: the people affected, front-line staff, associations, businesses "
                  "and researchers. Methods such as the future workshop, world café and open space "
                  "give many voices room and let people build on each other's ideas. Then choose a "
                  "few ideas to try."),
                h("3. Try things out on a small scale"),
                p("A prototype is a cheap way to learn. It can be a sketch, a role play, a simple "
                  "leaflet or a service run by hand for two weeks. The point is to test assumptions "
                  "before you have invested much – and to dare to drop what does not work."),
                quote("Our first attempt was a note on the noticeboard at the village shop. It "
                      "taught us more than three months of planning.",
                      "Sara Nyström, who started a village bus in Dalsland"),
                h("4. Implement and follow up"),
                p("When the solution is to become a regular service, it needs clear roles, "
                  "agreements and funding. An idea-based public partnership, a procurement with "
                  "social criteria or an agreement between departments may be the right form. "
                  "Decide early what you will follow up: a theory of change makes clear which "
                  "results you expect and how you will know whether they are achieved."),
                h("5. Spread and scale"),
                p("Scaling can mean growing, but also that others copy you, that a method becomes "
                  "standard practice or that a rule is changed. Think about what the core of the "
                  "solution is and what can be adapted locally. Document, share and show results – "
                  "that is how others can learn from you."),
                facts("Checklist before you start", [
                    "Who owns the problem – and who owns the solution when the project ends?",
                    "Are the people affected involved from the start, and are they paid for their time?",
                    "Which sectors need to be at the table, and what does each contribute?",
                    "What is the smallest thing you could try next month?",
                    "How will you know that it makes a difference?",
                ]),
            ],
        },
        "tags": {"sdgs": [16, 17], "targets": ["16.7", "17.17"],
                 "themes": ["democracy-participation"],
                 "sectors": ["public", "civil-society", "social-economy"]},
    },
    {
        "slug": {"sv": "social-innovation-och-agenda-2030", "en": "social-innovation-and-the-2030-agenda"},
        "title": {"sv": "Social innovation och Agenda 2030", "en": "Social innovation and the 2030 Agenda"},
        "intro": {
            "sv": "FN:s medlemsländer antog Agenda 2030 år 2015: 17 globala mål och 169 delmål för "
                  "en hållbar utveckling. Här beskriver vi hur social innovation bidrar till målen "
                  "och hur du kopplar ditt eget initiativ till dem.",
            "en": "The UN member states adopted the 2030 Agenda in 2015: 17 global goals and 169 "
                  "targets for sustainable development. Here we describe how social innovation "
                  "contributes to the goals and how to link your own initiative to them.",
        },
        "body": {
            "sv": [
                h("Målen hänger ihop"),
                p("Agenda 2030 är odelbar: de ekonomiska, sociala och miljömässiga dimensionerna "
                  "ska nås samtidigt. Ett arbetsintegrerande socialt företag som renoverar möbler "
                  "bidrar till anständiga arbetsvillkor (mål 8), minskad ojämlikhet (mål 10) och "
                  "hållbar konsumtion (mål 12) på en och samma gång. Att se sådana kopplingar hjälper "
                  "både initiativen och deras finansiärer att beskriva vilket värde som skapas."),
                h("Delmålen gör det konkret"),
                p("Målen är breda, delmålen är precisa. Några delmål som social innovation i Sverige "
                  "ofta bidrar till:"),
                facts("Vanliga delmål för sociala innovationer", [
                    "<b>8.5</b> Full sysselsättning och anständiga arbetsvillkor för alla.",
                    "<b>8.6</b> Minska andelen unga som varken arbetar eller studerar.",
                    "<b>10.2</b> Främja social, ekonomisk och politisk inkludering för alla.",
                    "<b>11.2</b> Säkra, ekonomiskt överkomliga och hållbara transporter för alla.",
                    "<b>12.3</b> Halvera matsvinnet.",
                    "<b>17.17</b> Främja partnerskap inom offentlig sektor, mellan offentlig och privat sektor och med civilsamhället.",
                ]),
                h("Så kopplar du ditt initiativ till målen"),
                p("Börja i förändringen ni vill åstadkomma, inte i målen. Beskriv vilka som berörs "
                  "och vad som blir annorlunda för dem. Leta sedan upp de delmål som beskriver samma "
                  "förändring. Hellre två eller tre delmål som verkligen stämmer än tio som bara "
                  "delvis gör det. På plattformen kan du filtrera goda exempel, metoder och "
                  "berättelser på mål, och verktyget för SDG-klassning föreslår mål utifrån en "
                  "beskrivning."),
                quote("När vi slutade räkna upp alla mål vi berörde och valde tre delmål blev det "
                      "plötsligt lätt att förklara för kommunen vad vi bidrar med.",
                      "Amir Haddad, verksamhetsledare för ett socialt företag i Örebro"),
                h("Partnerskap är ett eget mål"),
                p("Mål 17 handlar om genomförande och partnerskap. Det är en påminnelse om att målen "
                  "inte nås av en sektor ensam. Många sociala innovationer är i grunden nya former "
                  "av samarbete – mellan kommuner och föreningar, mellan företag och sociala "
                  "företag, mellan forskare och praktiker."),
            ],
            "en": [
                h("The goals are connected"),
                p("The 2030 Agenda is indivisible: its economic, social and environmental dimensions "
                  "are to be achieved together. A work-integration social enterprise that refurbishes "
                  "furniture contributes to decent work (Goal 8), reduced inequalities (Goal 10) and "
                  "sustainable consumption (Goal 12) all at once. Seeing such links helps both "
                  "initiatives and their funders describe the value being created."),
                h("The targets make it concrete"),
                p("The goals are broad; the targets are precise. Some targets that social innovation "
                  "in Sweden often contributes to:"),
                facts("Common targets for social innovations", [
                    "<b>8.5</b> Full and productive employment and decent work for all.",
                    "<b>8.6</b> Reduce the proportion of youth not in employment, education or training.",
                    "<b>10.2</b> Empower and promote the social, economic and political inclusion of all.",
                    "<b>11.2</b> Safe, affordable, accessible and sustainable transport for all.",
                    "<b>12.3</b> Halve food waste.",
                    "<b>17.17</b> Encourage effective public, public-private and civil society partnerships.",
                ]),
                h("How to link your initiative to the goals"),
                p("Start from the change you want to bring about, not from the goals. Describe who is "
                  "affected and what will be different for them. Then look for the targets that "
                  "describe the same change. Two or three targets that really fit are better than "
                  "ten that fit only partly. On the platform you can filter good examples, methods "
                  "and stories by goal, and the SDG classification tool suggests goals from a "
                  "description."),
                quote("When we stopped listing every goal we touched and chose three targets, it "
                      "suddenly became easy to explain to the municipality what we contribute.",
                      "Amir Haddad, managing director of a social enterprise in Örebro"),
                h("Partnership is a goal of its own"),
                p("Goal 17 is about means of implementation and partnership. It is a reminder that no "
                  "single sector will reach the goals alone. Many social innovations are at heart "
                  "new forms of collaboration – between municipalities and associations, between "
                  "companies and social enterprises, between researchers and practitioners."),
            ],
        },
        "tags": {"sdgs": [8, 10, 11, 12, 17], "targets": ["8.5", "8.6", "10.2", "11.2", "12.3", "17.17"],
                 "themes": ["democracy-participation", "circular-economy"],
                 "sectors": ["public", "private", "academia", "civil-society", "social-economy"]},
    },
]


# --- Methods and tools ---------------------------------------------------------
# ``related`` names other methods by their Swedish slug.

_CO_CREATION = {"sdgs": [16, 17], "targets": ["16.7", "17.17"], "themes": ["democracy-participation"],
                "sectors": ["public", "civil-society", "social-economy"]}

METHODS: list[dict[str, Any]] = [
    {
        "slug": {"sv": "intressentkartlaggning", "en": "stakeholder-mapping"},
        "title": {"sv": "Intressentkartläggning", "en": "Stakeholder mapping"},
        "intro": {"sv": "En karta över alla som påverkar eller påverkas av en fråga – och hur mycket inflytande de har.",
                  "en": "A map of everyone who affects or is affected by an issue – and how much influence they have."},
        "purpose": {"sv": "Att se vilka aktörer som behöver vara med, vilka som saknas och var det finns makt, intressen och relationer att bygga på. Kartan blir ett gemensamt underlag för vem ni bjuder in och hur.",
                    "en": "To see which actors need to be involved, who is missing and where there is power, interest and relationships to build on. The map becomes a shared basis for deciding whom to invite and how."},
        "phase": "understand", "time": {"sv": "2–3 timmar", "en": "2–3 hours"}, "group": (4, 12),
        "facilitation": "basic",
        "materials": {"sv": "Stort papper eller whiteboard, post-it-lappar i tre färger, pennor. Digitalt: en gemensam tavla i ett samarbetsverktyg.",
                      "en": "Large sheet of paper or whiteboard, sticky notes in three colours, pens. Online: a shared board in a collaboration tool."},
        "steps": {"sv": ["Formulera frågan eller utmaningen i en mening och skriv den i mitten.",
                         "Lista alla aktörer ni kan komma på: personer, grupper, organisationer och myndigheter.",
                         "Placera aktörerna i ett rutnät efter inflytande och intresse.",
                         "Rita relationer mellan aktörerna: samarbete, konflikt, beroende.",
                         "Diskutera vilka som saknas och vilka som berörs men sällan hörs.",
                         "Bestäm vem ni ska involvera, informera eller samråda med – och vem som tar kontakten."],
                  "en": ["Write the issue or challenge in one sentence in the middle.",
                         "List every actor you can think of: people, groups, organisations and agencies.",
                         "Place the actors on a grid by influence and interest.",
                         "Draw relationships between them: collaboration, conflict, dependence.",
                         "Discuss who is missing and who is affected but rarely heard.",
                         "Decide whom to involve, inform or consult – and who makes contact."]},
        "tip": {"sv": "Gör kartan tillsammans med några av dem som berörs. De ser ofta aktörer som tjänstepersoner missar, till exempel grannar, släktingar eller en lokal idrottsförening.",
                "en": "Make the map together with some of the people affected. They often see actors officials miss, such as neighbours, relatives or a local sports club."},
        "related": ["personas", "resekartlaggning", "problemtrad"],
        "tags": _CO_CREATION,
    },
    {
        "slug": {"sv": "personas", "en": "personas"},
        "title": {"sv": "Personas", "en": "Personas"},
        "intro": {"sv": "Påhittade men realistiska personer som sammanfattar vad ni har lärt er om dem ni vill nå.",
                  "en": "Fictional but realistic people who sum up what you have learned about those you want to reach."},
        "purpose": {"sv": "Att hålla kvar användarnas perspektiv genom hela arbetet. En persona gör behov, mål och hinder konkreta och hjälper gruppen att fråga: vad skulle det här betyda för Leila, 19 år?",
                    "en": "To keep the users' perspective throughout the work. A persona makes needs, goals and obstacles concrete and helps the group ask: what would this mean for Leila, 19?"},
        "phase": "understand", "time": {"sv": "3 timmar", "en": "3 hours"}, "group": (3, 8),
        "facilitation": "basic",
        "materials": {"sv": "Anteckningar från intervjuer och observationer, personamall (A3), bilder eller teckningar.",
                      "en": "Notes from interviews and observation, a persona template (A3), pictures or drawings."},
        "steps": {"sv": ["Gå igenom intervjuer och observationer och leta efter mönster i behov och beteenden.",
                         "Gruppera mönstren till två–fyra tydligt olika personer.",
                         "Ge varje persona namn, ålder, livssituation, mål, frustrationer och ett citat.",
                         "Kontrollera mot underlaget: bygger varje påstående på något ni faktiskt har sett eller hört?",
                         "Sätt upp personorna synligt och använd dem när ni värderar idéer."],
                  "en": ["Go through interviews and observation and look for patterns in needs and behaviour.",
                         "Group the patterns into two to four clearly different people.",
                         "Give each persona a name, age, life situation, goals, frustrations and a quote.",
                         "Check against your material: is every statement based on something you actually saw or heard?",
                         "Put the personas up where everyone sees them and use them when you judge ideas."]},
        "tip": {"sv": "Undvik stereotyper. En persona som bygger på antaganden i stället för på samtal med riktiga människor gör mer skada än nytta.",
                "en": "Avoid stereotypes. A persona built on assumptions instead of conversations with real people does more harm than good."},
        "related": ["resekartlaggning", "intressentkartlaggning", "prototyping"],
        "tags": _CO_CREATION,
    },
    {
        "slug": {"sv": "resekartlaggning", "en": "journey-mapping"},
        "title": {"sv": "Resekartläggning", "en": "Journey mapping"},
        "intro": {"sv": "Följ en person steg för steg genom en tjänst eller en livshändelse och se var det skaver.",
                  "en": "Follow a person step by step through a service or a life event and see where it chafes."},
        "purpose": {"sv": "Att synliggöra hur en tjänst upplevs av den som använder den, över gränser mellan förvaltningar och organisationer. Kartan visar glapp, dubbelarbete och de ögonblick som avgör om någon får hjälp eller ger upp.",
                    "en": "To show how a service is experienced by the person using it, across the boundaries between departments and organisations. The map reveals gaps, duplication and the moments that decide whether someone gets help or gives up."},
        "phase": "understand", "time": {"sv": "En halvdag", "en": "Half a day"}, "group": (4, 10),
        "facilitation": "basic",
        "materials": {"sv": "Långt pappersark (2–3 meter), post-it-lappar, citat från intervjuer, gärna en persona.",
                      "en": "A long sheet of paper (2–3 metres), sticky notes, quotes from interviews, ideally a persona."},
        "steps": {"sv": ["Välj vems resa ni kartlägger och var den börjar och slutar.",
                         "Skriv upp stegen i tidsordning längs pappret.",
                         "Lägg till för varje steg: vad personen gör, tänker och känner, och vilka kontakter hon har.",
                         "Rita en känslokurva och markera de kritiska ögonblicken.",
                         "Markera glappen mellan aktörer och vad som händer bakom kulisserna.",
                         "Välj de två–tre ögonblick där en förbättring skulle betyda mest."],
                  "en": ["Choose whose journey you are mapping and where it starts and ends.",
                         "Write the steps in time order along the paper.",
                         "For each step add what the person does, thinks and feels, and whom she is in contact with.",
                         "Draw an emotional curve and mark the critical moments.",
                         "Mark the gaps between actors and what happens behind the scenes.",
                         "Choose the two or three moments where an improvement would matter most."]},
        "tip": {"sv": "Bjud in någon som själv har gjort resan att granska kartan. Ett enda samtal kan ändra hela bilden.",
                "en": "Invite someone who has made the journey to review the map. A single conversation can change the whole picture."},
        "related": ["personas", "tjanstesafari", "samskapande-workshop"],
        "tags": {**_CO_CREATION, "themes": ["democracy-participation", "health-welfare"]},
    },
    {
        "slug": {"sv": "tjanstesafari", "en": "service-safari"},
        "title": {"sv": "Tjänstesafari", "en": "Service safari"},
        "intro": {"sv": "Gå ut och använd tjänsterna själva – som en besökare, inte som en tjänsteperson.",
                  "en": "Go out and use the services yourselves – as a visitor, not as an official."},
        "purpose": {"sv": "Att skaffa förstahandserfarenhet av hur en tjänst fungerar i verkligheten och inspireras av hur andra, även i helt andra branscher, har löst liknande problem.",
                    "en": "To gain first-hand experience of how a service works in reality, and to be inspired by how others, even in quite different industries, have solved similar problems."},
        "phase": "understand", "time": {"sv": "En dag inklusive återsamling", "en": "One day including debrief"}, "group": (2, 12),
        "facilitation": "none",
        "materials": {"sv": "Uppdragskort, anteckningsbok eller mobil för foton och ljud, en enkel mall för iakttagelser.",
                      "en": "Assignment cards, a notebook or phone for photos and audio, a simple observation template."},
        "steps": {"sv": ["Formulera uppdrag, till exempel: boka en tid hos vårdcentralen utan att använda e-legitimation.",
                         "Gå två och två och dokumentera vad ni ser, hör och känner.",
                         "Besök också en verksamhet i en annan bransch som löser ett liknande problem.",
                         "Samlas samma dag och berätta i tur och ordning vad som överraskade er.",
                         "Sortera iakttagelserna i möjligheter och problem."],
                  "en": ["Write assignments, for example: book an appointment at the health centre without using an e-ID.",
                         "Go in pairs and document what you see, hear and feel.",
                         "Also visit a business in another industry that solves a similar problem.",
                         "Meet the same day and take turns telling what surprised you.",
                         "Sort the observations into opportunities and problems."]},
        "tip": {"sv": "Tala om i förväg för personalen i de verksamheter ni besöker vad ni gör, om ni inte gör en anonym observation med tillstånd.",
                "en": "Tell the staff of the services you visit what you are doing beforehand, unless you have permission for an anonymous observation."},
        "related": ["resekartlaggning", "personas"],
        "tags": {**_CO_CREATION, "sdgs": [16], "targets": ["16.6"]},
    },
    {
        "slug": {"sv": "problemtrad", "en": "problem-tree"},
        "title": {"sv": "Problemträd", "en": "Problem tree"},
        "intro": {"sv": "Rötter, stam och krona: orsaker, kärnproblem och konsekvenser på en bild.",
                  "en": "Roots, trunk and crown: causes, core problem and consequences in one picture."},
        "purpose": {"sv": "Att komma åt orsakerna bakom ett samhällsproblem i stället för att behandla symtomen, och att få en gemensam bild av vad ni försöker förändra.",
                    "en": "To get at the causes behind a social problem instead of treating the symptoms, and to build a shared picture of what you are trying to change."},
        "phase": "understand", "time": {"sv": "1,5–2 timmar", "en": "1.5–2 hours"}, "group": (3, 10),
        "facilitation": "basic",
        "materials": {"sv": "Stort papper med ett tecknat träd, post-it-lappar, pennor.",
                      "en": "A large sheet with a drawn tree, sticky notes, pens."},
        "steps": {"sv": ["Enas om kärnproblemet och skriv det på stammen.",
                         "Fråga ”varför?” och skriv orsaker som rötter, i flera led.",
                         "Fråga ”och vad leder det till?” och skriv konsekvenser i kronan.",
                         "Markera vilka orsaker ni har möjlighet att påverka.",
                         "Vänd problemen till mål: då får ni ett utkast till ett målträd."],
                  "en": ["Agree on the core problem and write it on the trunk.",
                         "Ask “why?” and write causes as roots, several levels down.",
                         "Ask “and what does that lead to?” and write consequences in the crown.",
                         "Mark which causes you are able to influence.",
                         "Turn the problems into objectives: you now have a draft objective tree."]},
        "tip": {"sv": "Problemträdet är en bra förberedelse för en workshop om förändringsteori.",
                "en": "The problem tree is good preparation for a theory of change workshop."},
        "related": ["forandringsteori-workshop", "intressentkartlaggning"],
        "tags": _CO_CREATION,
    },
    {
        "slug": {"sv": "world-cafe", "en": "world-cafe"},
        "title": {"sv": "World café", "en": "World café"},
        "intro": {"sv": "Samtal i små grupper kring kaféborde, där deltagarna byter bord och bygger vidare på varandras tankar.",
                  "en": "Small-group conversations at café tables, where participants move between tables and build on each other's ideas."},
        "purpose": {"sv": "Att låta många människor bidra med erfarenheter och idéer kring en gemensam fråga, och att upptäcka mönster som ingen enskild grupp hade sett.",
                    "en": "To let many people contribute experience and ideas on a shared question, and to discover patterns no single group would have seen."},
        "phase": "ideate", "time": {"sv": "1,5–3 timmar", "en": "1.5–3 hours"}, "group": (12, 120),
        "facilitation": "basic",
        "materials": {"sv": "Bord för fyra–fem personer, pappersdukar eller blädderblock på varje bord, pennor, kaffe.",
                      "en": "Tables for four or five people, paper tablecloths or flip-chart paper on each table, pens, coffee."},
        "steps": {"sv": ["Formulera två–tre öppna frågor som verkligen betyder något för deltagarna.",
                         "Låt varje bord samtala om den första frågan i 20 minuter och skriva på duken.",
                         "Alla utom en värd byter bord. Värden sammanfattar och samtalet fortsätter.",
                         "Upprepa med nästa fråga.",
                         "Avsluta med en gemensam skörd: vad har vi hört som återkommer?"],
                  "en": ["Write two or three open questions that genuinely matter to the participants.",
                         "Let each table talk about the first question for 20 minutes, writing on the cloth.",
                         "Everyone except a host moves to a new table. The host sums up and the conversation continues.",
                         "Repeat with the next question.",
                         "Close with a shared harvest: what have we heard that keeps coming back?"]},
        "tip": {"sv": "Frågorna avgör allt. Testa dem på några personer i förväg: väcker de lust att berätta?",
                "en": "The questions decide everything. Try them on a few people beforehand: do they make people want to talk?"},
        "related": ["open-space", "framtidsverkstad", "samskapande-workshop"],
        "tags": _CO_CREATION,
    },
    {
        "slug": {"sv": "open-space", "en": "open-space"},
        "title": {"sv": "Open space", "en": "Open space"},
        "intro": {"sv": "Deltagarna sätter själva dagordningen och driver de samtal de bryr sig mest om.",
                  "en": "The participants set the agenda themselves and lead the conversations they care most about."},
        "purpose": {"sv": "Att mobilisera engagemang och ansvar i en stor grupp kring en komplex fråga, där ingen på förhand vet vilka delfrågor som är viktigast.",
                    "en": "To mobilise energy and ownership in a large group around a complex issue, where nobody knows in advance which sub-questions matter most."},
        "phase": "ideate", "time": {"sv": "En halvdag till två dagar", "en": "Half a day to two days"}, "group": (20, 300),
        "facilitation": "experienced",
        "materials": {"sv": "En stor lokal med stolar i ring, flera mindre samtalsytor, en tom vägg som blir marknadsplats, A4-ark och tuschpennor.",
                      "en": "A large room with chairs in a circle, several smaller breakout spaces, an empty wall for the marketplace, A4 sheets and markers."},
        "steps": {"sv": ["Öppna med temat och de fyra principerna och lagen om två fötter.",
                         "Den som vill tar upp en fråga, skriver den på ett ark och sätter upp den på väggen med tid och plats.",
                         "Deltagarna väljer fritt vilka samtal de går till och får byta när de vill.",
                         "Varje samtal dokumenterar kort vad som sades och vad som ska hända härnäst.",
                         "Avsluta i ringen: prioritera och ta på er ansvar för nästa steg."],
                  "en": ["Open with the theme, the four principles and the law of two feet.",
                         "Anyone who wants to raises a question, writes it on a sheet and puts it on the wall with a time and place.",
                         "Participants freely choose which conversations to join and may move whenever they like.",
                         "Each conversation briefly records what was said and what will happen next.",
                         "Close in the circle: prioritise and take responsibility for next steps."]},
        "tip": {"sv": "Open space fungerar bäst när frågan är angelägen, komplex och när ingen redan har svaret.",
                "en": "Open space works best when the issue is urgent, complex and nobody already has the answer."},
        "related": ["world-cafe", "framtidsverkstad"],
        "tags": _CO_CREATION,
    },
    {
        "slug": {"sv": "framtidsverkstad", "en": "future-workshop"},
        "title": {"sv": "Framtidsverkstad", "en": "Future workshop"},
        "intro": {"sv": "Från kritik till fantasi till förverkligande: en klassisk metod för medborgardialog.",
                  "en": "From critique to fantasy to implementation: a classic method for citizen dialogue."},
        "purpose": {"sv": "Att ge invånare och andra berörda möjlighet att formulera vad som behöver förändras, drömma fritt om alternativ och sedan konkretisera vad som går att genomföra.",
                    "en": "To let residents and others affected say what needs to change, dream freely about alternatives and then work out what can actually be done."},
        "phase": "ideate", "time": {"sv": "En dag", "en": "One day"}, "group": (8, 30),
        "facilitation": "basic",
        "materials": {"sv": "Blädderblock, post-it-lappar, röstprickar, gärna tidningar och material för collage.",
                      "en": "Flip charts, sticky notes, voting dots, ideally magazines and materials for collage."},
        "steps": {"sv": ["Kritikfasen: vad är problemet i dag? Alla kritiska synpunkter skrivs upp utan diskussion.",
                         "Gruppera och rösta fram de viktigaste problemen.",
                         "Fantasifasen: vänd problemen till önskebilder, utan hänsyn till pengar eller regler.",
                         "Förverkligandefasen: vad i önskebilderna går att börja med? Vem gör vad och när?",
                         "Dokumentera och återkoppla till deltagarna vad som händer sedan."],
                  "en": ["The critique phase: what is wrong today? All criticism is written down without discussion.",
                         "Group the points and vote for the most important problems.",
                         "The fantasy phase: turn the problems into visions, regardless of money or rules.",
                         "The implementation phase: what in the visions can be started? Who does what, and when?",
                         "Document and tell participants what happens afterwards."]},
        "tip": {"sv": "Lova inte mer än ni kan hålla. Berätta i början vad som kan påverkas och vem som fattar besluten.",
                "en": "Do not promise more than you can deliver. Say at the start what can be influenced and who makes the decisions."},
        "related": ["world-cafe", "open-space", "samskapande-workshop"],
        "tags": {**_CO_CREATION, "themes": ["democracy-participation", "housing-urban"]},
    },
    {
        "slug": {"sv": "samskapande-workshop", "en": "co-creation-workshop"},
        "title": {"sv": "Samskapande workshop", "en": "Co-creation workshop"},
        "intro": {"sv": "Användare, personal och partner tar fram lösningar tillsammans, som jämlikar.",
                  "en": "Users, staff and partners develop solutions together, as equals."},
        "purpose": {"sv": "Att utveckla idéer som bygger på både levd erfarenhet och yrkeskunskap, och att skapa gemensamt ägarskap för lösningen redan från början.",
                    "en": "To develop ideas built on both lived experience and professional knowledge, and to create shared ownership of the solution from the start."},
        "phase": "ideate", "time": {"sv": "3–4 timmar", "en": "3–4 hours"}, "group": (6, 24),
        "facilitation": "experienced",
        "materials": {"sv": "Personas och resekartor från förarbetet, idékort, skissmaterial, ersättning till deltagare med levd erfarenhet.",
                      "en": "Personas and journey maps from earlier work, idea cards, sketching materials, payment for participants with lived experience."},
        "steps": {"sv": ["Sätt ramarna: vad ska vi ta fram i dag, och vad händer med resultatet?",
                         "Värm upp med en övning där alla får bidra, oavsett roll.",
                         "Presentera insikterna från förarbetet och formulera ”hur skulle vi kunna …?”-frågor.",
                         "Idégenerera i blandade grupper, först var för sig och sedan tillsammans.",
                         "Välj ut och bygg vidare på två–tre idéer till enkla koncept.",
                         "Bestäm nästa steg och vem som följer upp med deltagarna."],
                  "en": ["Set the frame: what are we developing today, and what will happen to the result?",
                         "Warm up with an exercise in which everyone contributes, whatever their role.",
                         "Present the insights from earlier work and write “how might we …?” questions.",
                         "Generate ideas in mixed groups, first individually and then together.",
                         "Choose two or three ideas and develop them into simple concepts.",
                         "Agree next steps and who follows up with the participants."]},
        "tip": {"sv": "Maktobalans är det största hindret. Låt de som berörs tala först, och ersätt dem för deras tid som för vilken expert som helst.",
                "en": "Power imbalance is the biggest obstacle. Let the people affected speak first, and pay them for their time as you would any expert."},
        "related": ["personas", "resekartlaggning", "prototyping", "world-cafe"],
        "tags": {**_CO_CREATION, "sdgs": [10, 16, 17], "targets": ["10.2", "16.7"]},
    },
    {
        "slug": {"sv": "prototyping", "en": "prototyping"},
        "title": {"sv": "Prototyping", "en": "Prototyping"},
        "intro": {"sv": "Gör idén gripbar så snabbt och billigt som möjligt och låt användarna reagera på den.",
                  "en": "Make the idea tangible as quickly and cheaply as possible and let users react to it."},
        "purpose": {"sv": "Att pröva de viktigaste antagandena bakom en idé innan ni lägger tid och pengar på att bygga den fullt ut, och att lära av användarnas reaktioner.",
                    "en": "To test the key assumptions behind an idea before spending time and money building it in full, and to learn from users' reactions."},
        "phase": "prototype", "time": {"sv": "Några timmar till två veckor", "en": "A few hours to two weeks"}, "group": (2, 8),
        "facilitation": "basic",
        "materials": {"sv": "Papper, kartong, lego, rollspel, enkla klickbara skisser – det som räcker för att visa idén.",
                      "en": "Paper, cardboard, Lego, role play, simple clickable sketches – whatever is enough to show the idea."},
        "steps": {"sv": ["Skriv ned det antagande som är mest riskabelt.",
                         "Välj den enklaste prototyp som kan pröva just det antagandet.",
                         "Bygg den på högst en dag.",
                         "Låt fem–åtta personer ur målgruppen använda den medan ni observerar och frågar.",
                         "Bestäm: gå vidare, ändra eller släppa idén."],
                  "en": ["Write down the riskiest assumption.",
                         "Choose the simplest prototype that can test exactly that assumption.",
                         "Build it in a day at most.",
                         "Let five to eight people from the target group use it while you watch and ask.",
                         "Decide: go on, change or drop the idea."]},
        "tip": {"sv": "Ju mer färdig en prototyp ser ut, desto mindre ärlig kritik får ni.",
                "en": "The more finished a prototype looks, the less honest criticism you get."},
        "related": ["designsprint", "testkort", "samskapande-workshop"],
        "tags": {**_CO_CREATION, "sdgs": [9, 17], "targets": ["17.17"]},
    },
    {
        "slug": {"sv": "designsprint", "en": "design-sprint"},
        "title": {"sv": "Designsprint", "en": "Design sprint"},
        "intro": {"sv": "Fem dagar från utmaning till testad prototyp, med ett litet team som arbetar helt fokuserat.",
                  "en": "Five days from challenge to tested prototype, with a small team working with full focus."},
        "purpose": {"sv": "Att snabbt svara på en avgörande fråga om en ny tjänst – är det här värt att satsa på? – genom att förstå, skissa, välja, bygga och testa på en vecka.",
                    "en": "To answer a crucial question about a new service quickly – is this worth investing in? – by understanding, sketching, deciding, building and testing within a week."},
        "phase": "prototype", "time": {"sv": "4–5 dagar", "en": "4–5 days"}, "group": (5, 8),
        "facilitation": "experienced",
        "materials": {"sv": "Ett eget rum hela veckan, whiteboards, post-it-lappar, tidtagare, fem bokade testpersoner på fredagen.",
                      "en": "A dedicated room for the whole week, whiteboards, sticky notes, a timer, five test users booked for Friday."},
        "steps": {"sv": ["Måndag: kartlägg utmaningen och välj ett mål, intervjua experter.",
                         "Tisdag: leta inspiration och skissa lösningar var för sig.",
                         "Onsdag: välj den bästa lösningen och gör en storyboard.",
                         "Torsdag: bygg en realistisk prototyp.",
                         "Fredag: testa med fem användare och sammanfatta lärdomarna."],
                  "en": ["Monday: map the challenge and pick a target, interview experts.",
                         "Tuesday: look for inspiration and sketch solutions individually.",
                         "Wednesday: choose the best solution and make a storyboard.",
                         "Thursday: build a realistic prototype.",
                         "Friday: test with five users and sum up the lessons."]},
        "tip": {"sv": "Se till att den som fattar beslut är med åtminstone måndag och onsdag.",
                "en": "Make sure the decision-maker takes part at least on Monday and Wednesday."},
        "related": ["prototyping", "testkort", "personas"],
        "tags": {**_CO_CREATION, "sdgs": [9, 17], "targets": ["17.17"], "themes": ["digitalisation"]},
    },
    {
        "slug": {"sv": "lean-canvas-for-sociala-foretag", "en": "lean-canvas-for-social-enterprises"},
        "title": {"sv": "Lean canvas för sociala företag", "en": "Lean canvas for social enterprises"},
        "intro": {"sv": "En affärsmodell på en sida, med plats för den sociala nyttan och för dem som betalar.",
                  "en": "A business model on one page, with room for the social value and for whoever pays."},
        "purpose": {"sv": "Att beskriva hur ett socialt företag skapar, levererar och finansierar samhällsnytta – och att synliggöra de antaganden som behöver prövas först. I sociala företag är de som får nyttan ofta inte de som betalar.",
                    "en": "To describe how a social enterprise creates, delivers and funds social value – and to make visible the assumptions that need testing first. In social enterprises those who benefit are often not those who pay."},
        "phase": "prototype", "time": {"sv": "2–3 timmar", "en": "2–3 hours"}, "group": (1, 6),
        "facilitation": "none",
        "materials": {"sv": "Canvasmall (A1 eller digital) med rutor för problem, målgrupper, betalande kunder, lösning, samhällsnytta, kanaler, intäkter, kostnader, nyckeltal och överskottets användning.",
                      "en": "Canvas template (A1 or digital) with boxes for problem, beneficiaries, paying customers, solution, social value, channels, revenue, costs, key metrics and use of surplus."},
        "steps": {"sv": ["Börja med problemet och de människor som har det.",
                         "Skilj mellan målgrupp (som får nyttan) och kunder (som betalar), till exempel en kommun.",
                         "Beskriv lösningen och den samhällsnytta den ger, så konkret som möjligt.",
                         "Fyll i intäkter, kostnader och hur ett eventuellt överskott återinvesteras.",
                         "Välj två–tre nyckeltal för både ekonomi och social effekt.",
                         "Markera de tre mest osäkra antagandena och planera hur de ska testas."],
                  "en": ["Start with the problem and the people who have it.",
                         "Distinguish between beneficiaries (who get the value) and customers (who pay), such as a municipality.",
                         "Describe the solution and the social value it creates, as concretely as possible.",
                         "Fill in revenue, costs and how any surplus is reinvested.",
                         "Choose two or three key metrics for both finances and social impact.",
                         "Mark the three most uncertain assumptions and plan how to test them."]},
        "tip": {"sv": "Uppdatera canvasen efter varje test. Den är ett arbetsverktyg, inte en affärsplan att rama in.",
                "en": "Update the canvas after every test. It is a working tool, not a business plan to frame."},
        "related": ["testkort", "forandringsteori-workshop", "spridningsplan"],
        "tags": {"sdgs": [8, 17], "targets": ["8.3"], "themes": ["inclusive-working-life", "impact-investment"],
                 "sectors": ["social-economy", "private"]},
    },
    {
        "slug": {"sv": "testkort", "en": "test-card"},
        "title": {"sv": "Testkort", "en": "Test card"},
        "intro": {"sv": "Ett enkelt kort som gör varje test till ett experiment: hypotes, test, mått och kriterium.",
                  "en": "A simple card that turns every test into an experiment: hypothesis, test, metric and criterion."},
        "purpose": {"sv": "Att bestämma i förväg vad ett test ska visa, så att resultatet inte tolkas i efterhand efter vad man hoppades på.",
                    "en": "To decide in advance what a test is meant to show, so that the result is not interpreted afterwards according to what people hoped for."},
        "phase": "test", "time": {"sv": "30 minuter per test", "en": "30 minutes per test"}, "group": (1, 6),
        "facilitation": "none",
        "materials": {"sv": "Testkortsmall med fyra fält: Vi tror att … För att pröva det ska vi … Vi mäter … Vi har rätt om …",
                      "en": "Test card template with four fields: We believe that … To verify that, we will … And measure … We are right if …"},
        "steps": {"sv": ["Skriv hypotesen: vi tror att föräldrar i området vill ha läxhjälp på lördagar.",
                         "Beskriv testet: vi erbjuder tre lördagar och sprider inbjudan via skolan.",
                         "Bestäm mått: antal anmälda barn och hur många som kommer tillbaka.",
                         "Sätt kriteriet: vi har rätt om minst 15 barn kommer och hälften återkommer.",
                         "Genomför, jämför med kriteriet och skriv ett lärandekort."],
                  "en": ["Write the hypothesis: we believe parents in the area want homework help on Saturdays.",
                         "Describe the test: we offer three Saturdays and send the invitation through the school.",
                         "Choose the metric: children signed up and how many come back.",
                         "Set the criterion: we are right if at least 15 children come and half return.",
                         "Run it, compare with the criterion and write a learning card."]},
        "tip": {"sv": "Ett test som visar att ni hade fel är inte ett misslyckande – det är pengar ni slipper lägga på fel sak.",
                "en": "A test that shows you were wrong is not a failure – it is money you will not spend on the wrong thing."},
        "related": ["prototyping", "lean-canvas-for-sociala-foretag", "designsprint"],
        "tags": {**_CO_CREATION, "sdgs": [17], "targets": ["17.17"]},
    },
    {
        "slug": {"sv": "outcome-harvesting", "en": "outcome-harvesting"},
        "title": {"sv": "Outcome harvesting (skörda utfall)", "en": "Outcome harvesting"},
        "intro": {"sv": "En utvärderingsmetod som börjar i de förändringar som faktiskt har skett och arbetar sig bakåt.",
                  "en": "An evaluation method that starts from the changes that have actually happened and works backwards."},
        "purpose": {"sv": "Att fånga och verifiera förändringar i beteenden, relationer och praxis hos andra aktörer, även oväntade, och förstå hur initiativet har bidragit – när det är svårt att på förhand säga vad som ska mätas.",
                    "en": "To capture and verify changes in the behaviour, relationships and practice of other actors, including unexpected ones, and understand how the initiative contributed – when it is hard to say in advance what to measure."},
        "phase": "test", "time": {"sv": "Två till sex veckor", "en": "Two to six weeks"}, "group": (2, 15),
        "facilitation": "experienced",
        "materials": {"sv": "Projektdokumentation, mall för utfallsbeskrivningar, kontaktuppgifter till oberoende källor för verifiering.",
                      "en": "Project documentation, a template for outcome statements, contact details of independent sources for verification."},
        "steps": {"sv": ["Formulera vilka frågor utvärderingen ska besvara och för vem.",
                         "Samla utkast till utfall ur dokument och samtal: vem gjorde vad annorlunda, när och var?",
                         "Förfina utfallsbeskrivningarna tillsammans med dem som var med.",
                         "Verifiera ett urval med oberoende källor.",
                         "Analysera mönster och initiativets bidrag, och besvara frågorna.",
                         "Använd resultatet i beslut om vad som ska fortsätta."],
                  "en": ["Decide which questions the evaluation should answer, and for whom.",
                         "Gather draft outcomes from documents and conversations: who did what differently, when and where?",
                         "Refine the outcome statements together with those involved.",
                         "Verify a sample with independent sources.",
                         "Analyse patterns and the initiative's contribution, and answer the questions.",
                         "Use the result in decisions about what to continue."]},
        "tip": {"sv": "Metoden passar särskilt bra för nätverk och koalitioner, där förändringen sker hos partner och inte hos en enskild målgrupp.",
                "en": "The method is particularly well suited to networks and coalitions, where change happens among partners rather than in one target group."},
        "related": ["forandringsteori-workshop", "sroi-analys", "effektkartlaggning"],
        "tags": {"sdgs": [17], "targets": ["17.17"], "themes": ["democracy-participation"],
                 "sectors": ["academia", "civil-society", "public"]},
    },
    {
        "slug": {"sv": "forandringsteori-workshop", "en": "theory-of-change-workshop"},
        "title": {"sv": "Förändringsteori-workshop", "en": "Theory of change workshop"},
        "intro": {"sv": "Från långsiktig förändring bakåt till aktiviteter: hur och varför ska det vi gör leda till det vi vill?",
                  "en": "From long-term change back to activities: how and why will what we do lead to what we want?"},
        "purpose": {"sv": "Att göra antagandena bakom ett initiativ synliga, enas om vilka resultat som ska nås på kort och lång sikt och ta fram indikatorer för uppföljning.",
                    "en": "To make the assumptions behind an initiative visible, agree which short- and long-term results it should achieve and develop indicators for follow-up."},
        "phase": "implement", "time": {"sv": "En dag, gärna uppdelad på två tillfällen", "en": "One day, ideally split into two sessions"}, "group": (5, 15),
        "facilitation": "experienced",
        "materials": {"sv": "Stor vägg eller digital tavla, post-it-lappar i fyra färger (aktiviteter, prestationer, kortsiktiga och långsiktiga resultat), ett problemträd om ni har ett.",
                      "en": "A large wall or digital board, sticky notes in four colours (activities, outputs, short- and long-term outcomes), a problem tree if you have one."},
        "steps": {"sv": ["Formulera den långsiktiga förändringen ni vill bidra till.",
                         "Arbeta bakåt: vilka förutsättningar måste vara uppfyllda för att den ska ske?",
                         "Koppla resultaten i kedjor med pilar och skriv vilka antaganden som bär varje pil.",
                         "Lägg till era aktiviteter och prestationer längst ned.",
                         "Markera vad ni kan påverka själva och vad som kräver andra.",
                         "Välj indikatorer för de viktigaste resultaten och bestäm hur de ska mätas."],
                  "en": ["Describe the long-term change you want to contribute to.",
                         "Work backwards: which preconditions must be met for it to happen?",
                         "Link the outcomes in chains with arrows and write the assumptions behind each arrow.",
                         "Add your activities and outputs at the bottom.",
                         "Mark what you can influence yourselves and what depends on others.",
                         "Choose indicators for the most important outcomes and decide how to measure them."]},
        "tip": {"sv": "Förändringsteorin på plattformens analysdel kan fyllas i direkt efter workshopen och kopplas till indikatorer och SROI.",
                "en": "The platform's analysis area lets you enter the theory of change right after the workshop and link it to indicators and SROI."},
        "related": ["problemtrad", "effektkartlaggning", "outcome-harvesting", "sroi-analys"],
        "tags": {"sdgs": [17], "targets": ["17.17"], "themes": ["impact-investment"],
                 "sectors": ["civil-society", "social-economy", "public"]},
    },
    {
        "slug": {"sv": "effektkartlaggning", "en": "impact-mapping"},
        "title": {"sv": "Effektkartläggning", "en": "Impact mapping"},
        "intro": {"sv": "Ett träd från mål via aktörer och beteendeförändringar till det ni faktiskt ska leverera.",
                  "en": "A tree from goal via actors and behaviour changes to what you will actually deliver."},
        "purpose": {"sv": "Att prioritera bland många möjliga insatser genom att koppla var och en till en beteendeförändring hos en viss aktör och till ett tydligt mål. Det som inte går att koppla kan strykas.",
                    "en": "To prioritise among many possible activities by linking each to a behaviour change in a particular actor and to a clear goal. Whatever cannot be linked can be dropped."},
        "phase": "implement", "time": {"sv": "2–4 timmar", "en": "2–4 hours"}, "group": (3, 10),
        "facilitation": "basic",
        "materials": {"sv": "Whiteboard eller tankekarteverktyg, post-it-lappar.",
                      "en": "Whiteboard or mind-mapping tool, sticky notes."},
        "steps": {"sv": ["Varför? Skriv målet i mitten, mätbart om möjligt.",
                         "Vem? Lista de aktörer vars beteende påverkar målet.",
                         "Hur? Beskriv hur var och en behöver ändra sitt beteende.",
                         "Vad? Lista de insatser som kan åstadkomma varje förändring.",
                         "Välj den väg genom trädet som ger mest effekt för minst insats och börja där."],
                  "en": ["Why? Write the goal in the middle, measurable if possible.",
                         "Who? List the actors whose behaviour affects the goal.",
                         "How? Describe how each of them needs to change their behaviour.",
                         "What? List the activities that could bring about each change.",
                         "Choose the path through the tree with the most impact for the least effort, and start there."]},
        "tip": {"sv": "Kombinera med en förändringsteori: effektkartan hjälper er välja insatser, förändringsteorin att följa upp dem.",
                "en": "Combine with a theory of change: the impact map helps you choose activities, the theory of change helps you follow them up."},
        "related": ["forandringsteori-workshop", "intressentkartlaggning"],
        "tags": {**_CO_CREATION, "sdgs": [17], "targets": ["17.17"]},
    },
    {
        "slug": {"sv": "partnerskapsdialog-iop", "en": "partnership-dialogue-iop"},
        "title": {"sv": "Partnerskapsdialog inför IOP", "en": "Partnership dialogue for an IOP"},
        "intro": {"sv": "En strukturerad dialog mellan kommun och idéburen organisation inför ett idéburet offentligt partnerskap.",
                  "en": "A structured dialogue between a municipality and a non-profit organisation ahead of an idea-based public partnership."},
        "purpose": {"sv": "Att gemensamt formulera ett samhällsproblem, parternas bidrag, roller och uppföljning innan ett IOP ingås, så att partnerskapet vilar på ett gemensamt ägande och inte blir en dold upphandling.",
                    "en": "To jointly describe a social problem and each party's contribution, roles and follow-up before an idea-based public partnership (IOP) is signed, so that the partnership rests on shared ownership and does not become a hidden procurement."},
        "phase": "implement", "time": {"sv": "Tre möten à tre timmar", "en": "Three meetings of three hours each"}, "group": (4, 12),
        "facilitation": "basic",
        "materials": {"sv": "Underlag om behovet, parternas stadgar och uppdrag, en mall för partnerskapsöverenskommelse, juridisk rådgivning vid behov.",
                      "en": "Background on the need, the parties' statutes and mandates, a partnership agreement template, legal advice where needed."},
        "steps": {"sv": ["Möte 1: beskriv samhällsproblemet och varför ingen av parterna kan lösa det ensam.",
                         "Klargör vad var och en bidrar med – pengar, lokaler, kunskap, ideella krafter.",
                         "Möte 2: formulera gemensamma mål, målgrupp, aktiviteter och hur ni följer upp.",
                         "Gå igenom de juridiska förutsättningarna, bland annat statsstöd och upphandlingsregler.",
                         "Möte 3: enas om styrning, ekonomi, avtalstid och hur ni hanterar oenighet.",
                         "Skriv överenskommelsen och planera en gemensam uppföljning efter ett år."],
                  "en": ["Meeting 1: describe the social problem and why neither party can solve it alone.",
                         "Clarify what each contributes – money, premises, knowledge, volunteers.",
                         "Meeting 2: agree shared goals, target group, activities and how you will follow up.",
                         "Go through the legal conditions, including state aid and procurement rules.",
                         "Meeting 3: agree governance, finances, duration and how to handle disagreement.",
                         "Write the agreement and plan a joint review after one year."]},
        "tip": {"sv": "Låt den idéburna organisationen ta initiativet om det är möjligt. Ett IOP ska bygga på organisationens egen idé.",
                "en": "Let the non-profit take the initiative where possible. An IOP should build on the organisation's own idea."},
        "related": ["forandringsteori-workshop", "intressentkartlaggning"],
        "tags": {"sdgs": [16, 17], "targets": ["17.17"], "themes": ["democracy-participation", "social-procurement"],
                 "sectors": ["public", "civil-society"]},
    },
    {
        "slug": {"sv": "spridningsplan", "en": "scaling-plan"},
        "title": {"sv": "Spridningsplan", "en": "Scaling plan"},
        "intro": {"sv": "Ett sätt att bestämma vad som ska spridas, hur och av vem – innan projektpengarna tar slut.",
                  "en": "A way to decide what should spread, how and by whom – before the project money runs out."},
        "purpose": {"sv": "Att välja en realistisk väg till större effekt: växa själva, låta andra ta efter, få in lösningen i ordinarie verksamhet eller påverka regler och system.",
                    "en": "To choose a realistic path to greater impact: growing yourselves, letting others replicate, getting the solution into mainstream services or influencing rules and systems."},
        "phase": "scale", "time": {"sv": "Två halvdagar", "en": "Two half days"}, "group": (3, 10),
        "facilitation": "basic",
        "materials": {"sv": "Resultat från uppföljning, förändringsteorin, en mall med fyra spridningsvägar och en lista över möjliga mottagare.",
                      "en": "Follow-up results, the theory of change, a template with four scaling routes and a list of possible adopters."},
        "steps": {"sv": ["Bedöm om lösningen är redo: finns det belägg för att den fungerar, och för vem?",
                         "Beskriv kärnan – det som måste vara med för att effekten ska uppstå – och vad som kan anpassas.",
                         "Välj spridningsväg: växa, replikera genom andra, integrera i ordinarie verksamhet eller påverka system.",
                         "Identifiera mottagare, finansiering och vilket stöd de behöver, till exempel handbok och utbildning.",
                         "Sätt en tidsplan och bestäm hur ni följer upp kvaliteten när andra tar över."],
                  "en": ["Judge whether the solution is ready: is there evidence that it works, and for whom?",
                         "Describe the core – what must be there for the effect to happen – and what can be adapted.",
                         "Choose a route: grow, replicate through others, mainstream into existing services or change systems.",
                         "Identify adopters, funding and the support they need, such as a handbook and training.",
                         "Set a timetable and decide how you will follow up quality when others take over."]},
        "tip": {"sv": "Att släppa kontrollen är ofta det svåraste. Många lyckade spridningar har skett genom att andra fått göra lösningen till sin egen.",
                "en": "Letting go of control is often the hardest part. Many successful scale-ups happened because others were allowed to make the solution their own."},
        "related": ["forandringsteori-workshop", "sroi-analys", "lean-canvas-for-sociala-foretag"],
        "tags": {"sdgs": [17], "targets": ["17.17"], "themes": ["impact-investment"],
                 "sectors": ["public", "social-economy", "civil-society"]},
    },
    {
        "slug": {"sv": "sroi-analys", "en": "sroi-analysis"},
        "title": {"sv": "SROI-analys", "en": "SROI analysis"},
        "intro": {"sv": "Social avkastning på investering: ett sätt att värdera den sociala nytta ett initiativ skapar i förhållande till vad det kostar.",
                  "en": "Social return on investment: a way to value the social benefit an initiative creates relative to what it costs."},
        "purpose": {"sv": "Att beskriva, mäta och värdera förändringar för de intressenter som berörs, så att beslutsfattare och finansiärer kan jämföra insatser och se vem som får nyttan.",
                    "en": "To describe, measure and value changes for the stakeholders affected, so that decision-makers and funders can compare interventions and see who benefits."},
        "phase": "scale", "time": {"sv": "Fyra till tolv veckor", "en": "Four to twelve weeks"}, "group": (2, 8),
        "facilitation": "experienced",
        "materials": {"sv": "Förändringsteori, uppföljningsdata, finansiella schabloner (till exempel kostnad för försörjningsstöd), kalkylark eller plattformens SROI-verktyg.",
                      "en": "A theory of change, monitoring data, financial proxies (for example the cost of income support), a spreadsheet or the platform's SROI tool."},
        "steps": {"sv": ["Avgränsa analysen och identifiera intressenterna.",
                         "Kartlägg insatser, aktiviteter och utfall för varje intressent.",
                         "Mät utfallen och sätt ett värde på dem med finansiella schabloner.",
                         "Justera för dödvikt, bortträngning, tillskrivning och avtagande effekt.",
                         "Räkna ut kvoten mellan värde och investering och gör en känslighetsanalys.",
                         "Redovisa öppet, med alla antaganden, och använd resultatet för lärande."],
                  "en": ["Set the scope and identify the stakeholders.",
                         "Map inputs, activities and outcomes for each stakeholder.",
                         "Measure the outcomes and value them with financial proxies.",
                         "Adjust for deadweight, displacement, attribution and drop-off.",
                         "Calculate the ratio of value to investment and run a sensitivity analysis.",
                         "Report openly, with all assumptions, and use the result for learning."]},
        "tip": {"sv": "Kvoten är inte poängen. Lärdomarna om vilka utfall som betyder mest för vem är ofta mer värda än siffran.",
                "en": "The ratio is not the point. What you learn about which outcomes matter most to whom is often worth more than the figure."},
        "related": ["forandringsteori-workshop", "outcome-harvesting", "spridningsplan"],
        "tags": {"sdgs": [8, 17], "targets": ["17.17"], "themes": ["impact-investment"],
                 "sectors": ["public", "social-economy", "academia"]},
    },
]


# --- Stories and news ----------------------------------------------------------
# Fictional people and organisations in real places. ``paragraphs`` and
# ``quote`` make the body; ``keywords`` become the page's free tags.

STORIES: list[dict[str, Any]] = [
    {
        "slug": {"sv": "fran-langtidsarbetslos-till-arbetsledare-i-gallivare",
                 "en": "from-long-term-unemployed-to-supervisor-in-gallivare"},
        "title": {"sv": "Från långtidsarbetslös till arbetsledare på Returhallen i Gällivare",
                  "en": "From long-term unemployed to supervisor at Returhallen in Gällivare"},
        "kind": "story", "date": "2024-02-14", "author": "Maria Lantto",
        "intro": {"sv": "När Jonas Pekkari kom till det arbetsintegrerande sociala företaget Returhallen hade han varit utan jobb i sju år. I dag leder han arbetet i verkstaden där möbler och cyklar får ett nytt liv.",
                  "en": "When Jonas Pekkari came to the work-integration social enterprise Returhallen he had been out of work for seven years. Today he runs the workshop where furniture and bicycles get a new life."},
        "paragraphs": {
            "sv": ["Returhallen startades 2017 av en grupp föräldrar och en lokal församling. Affärsidén är enkel: ta emot det som gruvstadens invånare inte längre behöver, reparera det och sälja det vidare. Men den viktigaste produkten är arbetsträning. Varje år går omkring 40 personer igenom verksamheten, och ungefär hälften går vidare till jobb eller studier.",
                   "Kommunen köper arbetsträningsplatser av företaget genom ett avtal som förnyas vart tredje år. Det ger företaget en stabil grund, samtidigt som försäljningen står för mer än hälften av intäkterna. Med stadsflytten i Gällivare har det kommit mycket möbler som annars hade hamnat på tippen."],
            "en": ["Returhallen was started in 2017 by a group of parents and a local parish. The business idea is simple: take in what the mining town's residents no longer need, repair it and sell it on. But the most important product is work training. Around 40 people go through the business each year, and about half move on to jobs or studies.",
                   "The municipality buys work-training places from the enterprise under an agreement renewed every three years. That gives the enterprise a stable base, while sales account for more than half of its income. With Gällivare's town relocation, a lot of furniture has come in that would otherwise have gone to the tip."]},
        "quote": {"sv": ("Här fick jag ett ansvar från första dagen. Det var det som gjorde skillnaden.", "Jonas Pekkari, arbetsledare"),
                  "en": ("I was given responsibility from the very first day. That is what made the difference.", "Jonas Pekkari, supervisor")},
        "keywords": {"sv": ["arbetsintegrering", "återbruk"], "en": ["work integration", "reuse"]},
        "tags": {"sdgs": [8, 10, 12], "targets": ["8.5", "12.5"], "themes": ["inclusive-working-life", "circular-economy"],
                 "sectors": ["social-economy", "public"], "counties": ["25"], "municipalities": ["2523"]},
    },
    {
        "slug": {"sv": "umea-tecknar-iop-om-laxhjalp", "en": "umea-signs-iop-on-homework-help"},
        "title": {"sv": "Umeå tecknar idéburet offentligt partnerskap om läxhjälp",
                  "en": "Umeå signs idea-based public partnership on homework help"},
        "kind": "news", "date": "2024-03-05", "author": "Erik Nordin",
        "intro": {"sv": "Umeå kommun och tre föreningar har ingått ett idéburet offentligt partnerskap om läxhjälp och studiero i fyra stadsdelar. Partnerskapet gäller i tre år.",
                  "en": "Umeå municipality and three associations have entered an idea-based public partnership on homework help and quiet study spaces in four districts. The partnership runs for three years."},
        "paragraphs": {
            "sv": ["Föreningarna står för ideella läxhjälpare, lokaler på kvällstid och kontakten med familjerna. Kommunen bidrar med ekonomiskt stöd, tillgång till skolornas bibliotek och samordning med elevhälsan. Parterna följer gemensamt upp närvaro, elevernas egen bedömning av sitt lärande och andelen som når behörighet till gymnasiet.",
                   "Partnerskapet bygger på en dialog som pågick i nästan ett år. Föreningarna hade länge drivit läxhjälp på egen hand men med korta projektbidrag som skulle sökas om varje år."],
            "en": ["The associations provide volunteer tutors, premises in the evenings and contact with families. The municipality contributes funding, access to school libraries and coordination with the pupil health service. The parties jointly follow up attendance, pupils' own assessment of their learning and the share qualifying for upper secondary school.",
                   "The partnership builds on a dialogue that went on for almost a year. The associations had long run homework help on their own but on short project grants that had to be applied for every year."]},
        "quote": {"sv": ("Nu kan vi planera för barnen i stället för för nästa ansökan.", "Fatima Osman, ordförande i en av föreningarna"),
                  "en": ("Now we can plan for the children instead of for the next application.", "Fatima Osman, chair of one of the associations")},
        "keywords": {"sv": ["IOP", "läxhjälp"], "en": ["IOP", "homework help"]},
        "tags": {"sdgs": [4, 10, 17], "targets": ["4.1", "17.17"], "themes": ["education", "children-youth"],
                 "sectors": ["public", "civil-society"], "counties": ["24"], "municipalities": ["2480"]},
    },
    {
        "slug": {"sv": "bybussen-som-haller-dalsland-levande", "en": "the-village-bus-keeping-dalsland-alive"},
        "title": {"sv": "Bybussen som håller Dalsland levande", "en": "The village bus keeping Dalsland alive"},
        "kind": "story", "date": "2024-04-22", "author": "Sara Nyström",
        "intro": {"sv": "När den sista bussturen till byn drogs in startade grannarna en egen. Tre år senare kör ideella chaufförer en elbuss på beställning mellan byarna runt Bengtsfors.",
                  "en": "When the last bus service to the village was cut, the neighbours started their own. Three years later volunteer drivers run an electric bus on demand between the villages around Bengtsfors."},
        "paragraphs": {
            "sv": ["Bussen bokas via telefon eller app senast kvällen före och kör till vårdcentralen, affären och anslutande busslinjer. Föreningen bakom bussen har 140 medlemmar och ett tjugotal chaufförer. Regionens kollektivtrafik bidrar med ersättning per resa, och kommunen har ställt en laddplats till förfogande.",
                   "För många äldre har bussen betytt att de kan bo kvar. För unga har den gjort det möjligt att ta sig till fritidsaktiviteter utan att vara beroende av föräldrarnas bil. Nu vill tre andra byar i Dalsland pröva samma modell."],
            "en": ["The bus is booked by phone or app by the evening before and runs to the health centre, the shop and connecting bus lines. The association behind it has 140 members and about twenty drivers. The regional public transport authority pays a fee per trip, and the municipality provides a charging point.",
                   "For many older people the bus has meant they can stay in their homes. For young people it has made it possible to get to leisure activities without depending on their parents' car. Three other villages in Dalsland now want to try the same model."]},
        "quote": {"sv": ("Det handlar inte bara om transporter. Bussen är byns nya mötesplats.", "Sara Nyström, initiativtagare"),
                  "en": ("It is not only about transport. The bus is the village's new meeting place.", "Sara Nyström, founder")},
        "keywords": {"sv": ["mobilitet", "landsbygd"], "en": ["mobility", "rural"]},
        "tags": {"sdgs": [11, 10, 13], "targets": ["11.2"], "themes": ["rural-development", "elderly-care"],
                 "sectors": ["civil-society", "public"], "counties": ["14"], "municipalities": ["1460"]},
    },
    {
        "slug": {"sv": "eskilstuna-provar-socialt-utfallskontrakt", "en": "eskilstuna-tries-social-outcomes-contract"},
        "title": {"sv": "Eskilstuna prövar socialt utfallskontrakt för unga utan sysselsättning",
                  "en": "Eskilstuna tries a social outcomes contract for young people without work or studies"},
        "kind": "news", "date": "2024-05-16", "author": "Johan Ek",
        "intro": {"sv": "Eskilstuna kommun har tecknat ett socialt utfallskontrakt med en privat stiftelse och ett socialt företag. Kommunen betalar bara om fler unga kommer i arbete eller studier.",
                  "en": "Eskilstuna municipality has signed a social outcomes contract with a private foundation and a social enterprise. The municipality pays only if more young people get into work or studies."},
        "paragraphs": {
            "sv": ["Stiftelsen finansierar insatsen i förskott: individuellt stöd, mentorer från lokala företag och praktikplatser för 120 unga mellan 18 och 24 år. Om minst 40 procent av deltagarna har arbete eller studerar efter 18 månader betalar kommunen tillbaka investeringen med en begränsad ränta.",
                   "Resultatet mäts mot en jämförelsegrupp och granskas av forskare vid Mälardalens universitet. Modellen är ovanlig i Sverige, och flera kommuner följer försöket."],
            "en": ["The foundation funds the intervention up front: individual support, mentors from local companies and placements for 120 young people aged 18 to 24. If at least 40 per cent of participants are working or studying after 18 months, the municipality repays the investment with a capped return.",
                   "Results are measured against a comparison group and reviewed by researchers at Mälardalen University. The model is unusual in Sweden, and several municipalities are following the trial."]},
        "quote": None,
        "keywords": {"sv": ["sociala investeringar", "unga"], "en": ["social investment", "youth"]},
        "tags": {"sdgs": [8, 4, 17], "targets": ["8.6", "17.17"], "themes": ["impact-investment", "children-youth", "inclusive-working-life"],
                 "sectors": ["public", "private", "social-economy", "academia"], "counties": ["04"], "municipalities": ["0484"]},
    },
    {
        "slug": {"sv": "matsvinnet-blev-en-kooperativ-restaurang-i-malmo", "en": "food-waste-became-a-cooperative-restaurant-in-malmo"},
        "title": {"sv": "Matsvinnet blev en kooperativ restaurang i Malmö", "en": "Food waste became a cooperative restaurant in Malmö"},
        "kind": "story", "date": "2024-06-10", "author": "Lina Persson",
        "intro": {"sv": "Restaurangen Överskottet lagar lunch på råvaror som livsmedelsbutikerna inte kan sälja. Kockarna är medlemmar i kooperativet, och flera av dem har tidigare stått långt från arbetsmarknaden.",
                  "en": "The restaurant Överskottet cooks lunch from produce the supermarkets cannot sell. The chefs are members of the cooperative, and several of them were previously far from the labour market."},
        "paragraphs": {
            "sv": ["Varje morgon hämtar en cykelbud frukt, grönsaker och bröd från sex butiker i närheten. Menyn skrivs först när lådorna har packats upp. Restaurangen serverar runt 150 luncher om dagen och räknar med att ta vara på omkring 30 ton mat per år.",
                   "Kooperativet drivs som ekonomisk förening. Överskottet går till utbildning av medlemmarna, och tre av dem har hittills tagit yrkesbevis som kockar."],
            "en": ["Every morning a cycle courier collects fruit, vegetables and bread from six nearby shops. The menu is written only once the boxes have been unpacked. The restaurant serves around 150 lunches a day and expects to rescue about 30 tonnes of food a year.",
                   "The cooperative is run as an economic association. Its surplus goes to training the members, and three of them have so far obtained chef's certificates."]},
        "quote": {"sv": ("Vi lagar inte rester. Vi lagar mat av råvaror som råkar vara för många.", "Noor Al-Sayed, köksmästare"),
                  "en": ("We do not cook leftovers. We cook with ingredients that happen to be surplus.", "Noor Al-Sayed, head chef")},
        "keywords": {"sv": ["matsvinn", "kooperativ"], "en": ["food waste", "cooperative"]},
        "tags": {"sdgs": [12, 8, 2], "targets": ["12.3", "8.5"], "themes": ["food", "circular-economy", "inclusive-working-life"],
                 "sectors": ["social-economy", "private"], "counties": ["12"], "municipalities": ["1280"]},
    },
    {
        "slug": {"sv": "metodbank-for-samskapande-lanseras", "en": "method-library-for-co-creation-launched"},
        "title": {"sv": "Kompetenscentret lanserar metodbank för samskapande", "en": "Competence centre launches a method library for co-creation"},
        "kind": "news", "date": "2024-08-26", "author": "Anna Wikström",
        "intro": {"sv": "Nu finns ett tjugotal beprövade metoder för social innovation samlade på ett ställe, med beskrivningar på svenska och engelska och mallar att ladda ned.",
                  "en": "Some twenty tried and tested methods for social innovation are now gathered in one place, described in Swedish and English with templates to download."},
        "paragraphs": {
            "sv": ["Metoderna är ordnade efter fas i innovationsarbetet – förstå, skapa idéer, prototypa, testa, genomföra och skala – och efter hur mycket erfarenhet av att leda grupper som behövs. Varje metod har tidsåtgång, gruppstorlek och material.",
                   "Metodbanken har tagits fram tillsammans med praktiker från kommuner, sociala företag och föreningar som har testat beskrivningarna i sina egna verksamheter."],
            "en": ["The methods are organised by phase of the innovation process – understand, ideate, prototype, test, implement and scale – and by how much facilitation experience is needed. Each method lists the time needed, group size and materials.",
                   "The library was developed together with practitioners from municipalities, social enterprises and associations who tested the descriptions in their own work."]},
        "quote": None,
        "keywords": {"sv": ["metoder", "samskapande"], "en": ["methods", "co-creation"]},
        "tags": {"sdgs": [17], "targets": ["17.17"], "themes": ["democracy-participation"],
                 "sectors": ["public", "civil-society", "social-economy"]},
    },
    {
        "slug": {"sv": "seniorer-och-gymnasieelever-i-ostersund", "en": "seniors-and-students-in-ostersund"},
        "title": {"sv": "Seniorer och gymnasieelever bygger digital vardag tillsammans i Östersund",
                  "en": "Older people and upper-secondary students build a digital everyday life together in Östersund"},
        "kind": "story", "date": "2024-09-18", "author": "Karin Olofsson",
        "intro": {"sv": "Varje tisdag möts pensionärer och elever på biblioteket i Östersund. Eleverna hjälper till med e-legitimation, videosamtal och digitala recept – och får lära sig om livet förr i gengäld.",
                  "en": "Every Tuesday pensioners and students meet at the library in Östersund. The students help with e-IDs, video calls and digital prescriptions – and learn about life in the old days in return."},
        "paragraphs": {
            "sv": ["Initiativet kom från en pensionärsförening som märkte att allt fler medlemmar hade svårt att klara vardagen när bank, vård och kollektivtrafik blev digitala. Gymnasieskolan gjorde träffarna till en del av ett valbart kursmoment om samhällsengagemang.",
                   "Efter ett år har drygt 200 seniorer deltagit. En uppföljning visar att många känner sig mindre beroende av sina barn, och att eleverna har fått nya perspektiv på äldre människor."],
            "en": ["The initiative came from a pensioners' association that noticed more and more members struggling with everyday life as banking, health care and public transport went digital. The upper-secondary school made the meetings part of an optional course module on civic engagement.",
                   "After a year just over 200 older people have taken part. A follow-up shows that many feel less dependent on their children, and that the students have gained new perspectives on older people."]},
        "quote": {"sv": ("Jag trodde att jag skulle lära ut. Men jag har lärt mig lika mycket själv.", "Elin, 17 år"),
                  "en": ("I thought I would be the one teaching. But I have learned just as much myself.", "Elin, 17")},
        "keywords": {"sv": ["digital delaktighet", "äldre"], "en": ["digital inclusion", "older people"]},
        "tags": {"sdgs": [4, 10, 3], "targets": ["4.4", "10.2"], "themes": ["elderly-care", "digitalisation", "education"],
                 "sectors": ["civil-society", "public"], "counties": ["23"], "municipalities": ["2380"]},
    },
    {
        "slug": {"sv": "hyresgasterna-ritade-om-garden", "en": "the-tenants-redesigned-the-courtyard"},
        "title": {"sv": "Hyresgästerna ritade om gården – och otryggheten minskade",
                  "en": "The tenants redesigned the courtyard – and people felt safer"},
        "kind": "story", "date": "2024-10-30", "author": "Daniel Sjöberg",
        "intro": {"sv": "I ett bostadsområde i Göteborg fick hyresgästerna själva bestämma hur gården skulle förnyas. Resultatet blev odlingslotter, bättre belysning och en scen som används varje vecka.",
                  "en": "In a housing area in Gothenburg the tenants themselves decided how the courtyard would be renewed. The result was allotments, better lighting and a stage used every week."},
        "paragraphs": {
            "sv": ["Bostadsbolaget anlitade en förening för att leda en serie workshoppar på gården, på fem språk. Över 300 boende deltog, barn inräknade. Trygghetsvandringar på kvällstid visade var belysningen behövde förbättras, och odlingslotterna kom från en grupp kvinnor som saknade en plats att träffas.",
                   "I bostadsbolagets årliga enkät har andelen som känner sig trygga på gården efter mörkrets inbrott ökat från 41 till 67 procent på två år. Arbetssättet används nu i bolagets alla renoveringar."],
            "en": ["The housing company hired an association to lead a series of workshops in the courtyard, in five languages. Over 300 residents took part, children included. Evening safety walks showed where lighting needed improving, and the allotments came from a group of women who lacked a place to meet.",
                   "In the company's annual survey, the share who feel safe in the courtyard after dark has risen from 41 to 67 per cent in two years. The approach is now used in all of the company's renovations."]},
        "quote": {"sv": ("Förut gick man raka vägen in. Nu stannar man och pratar.", "Hodan Ali, boende sedan 2009"),
                  "en": ("You used to walk straight in. Now you stop and talk.", "Hodan Ali, resident since 2009")},
        "keywords": {"sv": ["medborgardialog", "trygghet"], "en": ["citizen dialogue", "safety"]},
        "tags": {"sdgs": [11, 16, 10], "targets": ["11.7", "11.3", "16.7"], "themes": ["housing-urban", "democracy-participation"],
                 "sectors": ["public", "civil-society"], "counties": ["14"], "municipalities": ["1480"]},
    },
    {
        "slug": {"sv": "ny-utlysning-sociala-innovationer-pa-landsbygden", "en": "new-call-social-innovations-in-rural-areas"},
        "title": {"sv": "Ny utlysning: 12 miljoner kronor till sociala innovationer på landsbygden",
                  "en": "New call: SEK 12 million for social innovations in rural areas"},
        "kind": "news", "date": "2024-11-12", "author": "Anna Wikström",
        "intro": {"sv": "Stiftelsen Bygdekraft öppnar en utlysning för initiativ som stärker service, arbete och gemenskap på landsbygden. Ansökan ska göras av minst två aktörer från olika sektorer.",
                  "en": "The Bygdekraft Foundation is opening a call for initiatives that strengthen services, jobs and community in rural areas. Applications must come from at least two actors from different sectors."},
        "paragraphs": {
            "sv": ["Projekten kan få mellan 300 000 och 1,5 miljoner kronor under två år. Stiftelsen prioriterar initiativ där de som bor på orten är med och driver arbetet och där det finns en plan för hur verksamheten ska leva vidare efter projekttiden.",
                   "Sista ansökningsdag är den 15 februari. Kompetenscentret ordnar två digitala informationsträffar om hur man beskriver förändringsteori och samhällsvärde i ansökan."],
            "en": ["Projects can receive between SEK 300,000 and 1.5 million over two years. The foundation prioritises initiatives in which local residents help drive the work and where there is a plan for how the activity will continue after the project period.",
                   "The deadline is 15 February. The competence centre is holding two online information sessions on describing the theory of change and social value in an application."]},
        "quote": None,
        "keywords": {"sv": ["finansiering", "landsbygd"], "en": ["funding", "rural"]},
        "tags": {"sdgs": [11, 8, 17], "targets": ["11.a", "17.17"], "themes": ["rural-development", "impact-investment"],
                 "sectors": ["civil-society", "public", "private"]},
    },
    {
        "slug": {"sv": "kvinnors-foretagande-vaxer-i-rinkeby", "en": "womens-enterprise-grows-in-rinkeby"},
        "title": {"sv": "Kvinnors företagande växer genom nätverk i Rinkeby",
                  "en": "Women's enterprise grows through a network in Rinkeby"},
        "kind": "story", "date": "2025-01-21", "author": "Leyla Demir",
        "intro": {"sv": "Ett nätverk för kvinnor som vill starta företag har på tre år hjälpt 60 deltagare att registrera egna verksamheter – från catering och skrädderi till bokföringsbyråer.",
                  "en": "A network for women who want to start businesses has in three years helped 60 participants register their own companies – from catering and tailoring to bookkeeping firms."},
        "paragraphs": {
            "sv": ["Nätverket träffas i en lokal som delas med en studieförbundsavdelning. Här finns rådgivning om skatter och tillstånd, men också en mikrolånefond där deltagarna själva beslutar om lån till varandra. Hittills har alla lån betalats tillbaka.",
                   "Flera av företagen säljer nu till kommunen och till större företag i regionen, bland annat genom ramavtal för catering till möten och konferenser."],
            "en": ["The network meets in premises shared with an adult education association. There is advice on taxes and permits, but also a microloan fund where the participants themselves decide on loans to each other. So far every loan has been repaid.",
                   "Several of the companies now sell to the city and to larger companies in the region, including through framework agreements for catering at meetings and conferences."]},
        "quote": {"sv": ("Ingen bank ville låna ut 20 000 kronor till mig. Nätverket gjorde det.", "Amina Yusuf, företagare"),
                  "en": ("No bank would lend me 20,000 kronor. The network did.", "Amina Yusuf, entrepreneur")},
        "keywords": {"sv": ["entreprenörskap", "jämställdhet"], "en": ["entrepreneurship", "gender equality"]},
        "tags": {"sdgs": [5, 8, 10], "targets": ["5.5", "8.3", "10.2"], "themes": ["gender-equality", "integration", "inclusive-working-life"],
                 "sectors": ["civil-society", "private"], "counties": ["01"], "municipalities": ["0180"]},
    },
    {
        "slug": {"sv": "cykelkoket-i-lulea", "en": "the-bicycle-kitchen-in-lulea"},
        "title": {"sv": "Cykelköket i Luleå: reparationer som ger jobb och minskar avfall",
                  "en": "The Bicycle Kitchen in Luleå: repairs that create jobs and cut waste"},
        "kind": "story", "date": "2025-02-27", "author": "Maria Lantto",
        "intro": {"sv": "Vinterdäck, kedjebyten och cyklar som räddats från skroten. I Luleå driver ett socialt företag en verkstad där unga som hoppat av skolan får en väg tillbaka.",
                  "en": "Winter tyres, chain replacements and bikes rescued from the scrapyard. In Luleå a social enterprise runs a workshop that gives young school dropouts a way back."},
        "paragraphs": {
            "sv": ["Cykelköket tar emot övergivna cyklar från bostadsbolag och universitet och renoverar dem för försäljning. Samtidigt erbjuder verkstaden självservice, där vem som helst kan låna verktyg och få hjälp att laga sin egen cykel.",
                   "Tillsammans med vuxenutbildningen har företaget tagit fram en kort yrkesutbildning till cykelmekaniker. Av de tolv första deltagarna har nio fått anställning."],
            "en": ["The Bicycle Kitchen takes in abandoned bicycles from housing companies and the university and refurbishes them for sale. The workshop also offers self-service, where anyone can borrow tools and get help repairing their own bike.",
                   "Together with adult education the enterprise has developed a short vocational course for bicycle mechanics. Of the first twelve participants, nine have found jobs."]},
        "quote": {"sv": ("Här räknas det du kan med händerna.", "Liam, 20 år, lärling"),
                  "en": ("Here, what you can do with your hands counts.", "Liam, 20, apprentice")},
        "keywords": {"sv": ["cirkulär ekonomi", "unga"], "en": ["circular economy", "youth"]},
        "tags": {"sdgs": [8, 12, 4], "targets": ["8.6", "12.5"], "themes": ["circular-economy", "children-youth", "inclusive-working-life"],
                 "sectors": ["social-economy", "public"], "counties": ["25"], "municipalities": ["2580"]},
    },
    {
        "slug": {"sv": "vasteras-staller-sociala-krav-i-stadavtal", "en": "vasteras-sets-social-criteria-in-cleaning-contract"},
        "title": {"sv": "Social upphandling: Västerås ställer krav på arbetsträning i städavtal",
                  "en": "Social procurement: Västerås requires work training in cleaning contract"},
        "kind": "news", "date": "2025-03-19", "author": "Johan Ek",
        "intro": {"sv": "I kommunens nya upphandling av lokalvård måste leverantören erbjuda minst tolv praktik- eller arbetsträningsplatser per år för personer som står långt från arbetsmarknaden.",
                  "en": "In the municipality's new procurement of cleaning services the supplier must offer at least twelve work placements or work-training places a year for people far from the labour market."},
        "paragraphs": {
            "sv": ["Kravet har tagits fram i dialog med arbetsintegrerande sociala företag och med leverantörer på marknaden. Kommunens arbetsmarknadsenhet matchar deltagare och följer upp hur det går, och leverantören rapporterar varje kvartal.",
                   "Avtalet är värt omkring 60 miljoner kronor under fyra år. Kommunen vill nu använda liknande krav i upphandlingar av fastighetsskötsel och måltider."],
            "en": ["The requirement was developed in dialogue with work-integration social enterprises and with suppliers in the market. The municipality's labour-market unit matches participants and follows up, and the supplier reports every quarter.",
                   "The contract is worth about SEK 60 million over four years. The municipality now wants to use similar requirements when procuring property maintenance and meals."]},
        "quote": None,
        "keywords": {"sv": ["upphandling"], "en": ["procurement"]},
        "tags": {"sdgs": [8, 12, 10], "targets": ["12.7", "8.5"], "themes": ["social-procurement", "inclusive-working-life"],
                 "sectors": ["public", "private", "social-economy"], "counties": ["19"], "municipalities": ["1980"]},
    },
    {
        "slug": {"sv": "skolan-som-oppnade-koket-for-hela-byn", "en": "the-school-that-opened-its-kitchen-to-the-village"},
        "title": {"sv": "Skolan som öppnade köket för hela byn", "en": "The school that opened its kitchen to the whole village"},
        "kind": "story", "date": "2025-04-08", "author": "Erik Nordin",
        "intro": {"sv": "I Sorsele lagas skollunchen nu av lokala råvaror, och på eftermiddagarna blir skolköket ett café och en mötesplats för byns äldre.",
                  "en": "In Sorsele the school lunch is now cooked from local produce, and in the afternoons the school kitchen becomes a café and meeting place for the village's older residents."},
        "paragraphs": {
            "sv": ["När äldreboendets kök skulle stänga föreslog en grupp föräldrar att skolköket i stället skulle laga mat för båda. Kommunen ändrade sina rutiner för upphandling så att renskötare, odlare och en lokal fiskare kunde leverera direkt.",
                   "Tre eftermiddagar i veckan driver en byaförening ett café i matsalen. Eleverna bakar, äldre berättar och lär ut slöjd. Kommunen sparar pengar på transporter, och fler äldre äter lunch tillsammans med andra."],
            "en": ["When the kitchen at the care home was due to close, a group of parents suggested that the school kitchen cook for both. The municipality changed its procurement routines so that reindeer herders, growers and a local fisherman could deliver directly.",
                   "Three afternoons a week a village association runs a café in the dining hall. The pupils bake; older people tell stories and teach handicrafts. The municipality saves money on transport, and more older people eat lunch in company."]},
        "quote": {"sv": ("Köket blev byns hjärta igen.", "Britt-Marie Andersson, byaföreningen"),
                  "en": ("The kitchen became the heart of the village again.", "Britt-Marie Andersson, village association")},
        "keywords": {"sv": ["lokal mat", "mötesplats"], "en": ["local food", "meeting place"]},
        "tags": {"sdgs": [2, 3, 11, 12], "targets": ["12.7", "2.4"], "themes": ["food", "rural-development", "elderly-care"],
                 "sectors": ["public", "civil-society", "private"], "counties": ["24"], "municipalities": ["2422"]},
    },
    {
        "slug": {"sv": "forskare-samskapande-kraver-tid-och-mandat", "en": "researchers-co-creation-needs-time-and-mandate"},
        "title": {"sv": "Forskare: samskapande kräver tid och tydliga mandat", "en": "Researchers: co-creation needs time and clear mandates"},
        "kind": "news", "date": "2025-05-14", "author": "Anna Wikström",
        "intro": {"sv": "En ny studie från Karlstads universitet har följt tolv samskapande projekt i kommuner. De som lyckades hade avsatt tid för relationer och gett tjänstepersonerna mandat att ändra arbetssätt.",
                  "en": "A new study from Karlstad University followed twelve co-creation projects in municipalities. Those that succeeded had set aside time for relationships and given officials the mandate to change how they work."},
        "paragraphs": {
            "sv": ["Forskarna intervjuade över hundra deltagare: invånare, tjänstepersoner, politiker och representanter för föreningar. I de projekt som stannade av hade deltagarna ofta bjudits in för sent, när ramarna redan var bestämda.",
                   "Studien rekommenderar att kommuner budgeterar för ersättning till deltagare och att ledningen tydligt säger vad som får förändras."],
            "en": ["The researchers interviewed more than a hundred participants: residents, officials, politicians and representatives of associations. In the projects that stalled, participants had often been invited too late, when the frame had already been set.",
                   "The study recommends that municipalities budget for paying participants and that management state clearly what may be changed."]},
        "quote": None,
        "keywords": {"sv": ["forskning", "samskapande"], "en": ["research", "co-creation"]},
        "tags": {"sdgs": [16, 17], "targets": ["16.7", "17.17"], "themes": ["democracy-participation"],
                 "sectors": ["academia", "public"], "counties": ["17"], "municipalities": ["1780"]},
    },
    {
        "slug": {"sv": "trygghetslarm-utvecklat-med-brukarna-pa-gotland", "en": "safety-alarm-developed-with-users-on-gotland"},
        "title": {"sv": "Välfärdsteknik på landsbygden: trygghetslarmet som utvecklades med brukarna",
                  "en": "Welfare technology in the countryside: the safety alarm developed with its users"},
        "kind": "story", "date": "2025-06-17", "author": "Karin Olofsson",
        "intro": {"sv": "På Gotland var de äldre själva med och formade ett nytt trygghetslarm. Resultatet fungerar där mobiltäckningen är svag och kopplar också in grannar.",
                  "en": "On Gotland older people helped shape a new safety alarm themselves. The result works where mobile coverage is weak and also involves neighbours."},
        "paragraphs": {
            "sv": ["Region Gotland, ett lokalt teknikföretag och pensionärsorganisationerna genomförde en designsprint och tre omgångar med prototyper i hemmen. Det viktigaste önskemålet visade sig inte vara tekniskt: många ville att en granne skulle kunna larmas först, innan hemtjänsten.",
                   "Larmet används nu av 400 hushåll. Utryckningar som visat sig obefogade har minskat, och brukarna uppger att de känner sig tryggare."],
            "en": ["Region Gotland, a local tech company and the pensioners' organisations ran a design sprint and three rounds of prototypes in people's homes. The most important wish turned out not to be technical: many wanted a neighbour to be alerted first, before the home-care service.",
                   "The alarm is now used by 400 households. Unnecessary call-outs have fallen, and users say they feel safer."]},
        "quote": {"sv": ("Ingen hade frågat oss förut vad vi ville ha.", "Gunnar Lindström, 84 år"),
                  "en": ("Nobody had ever asked us what we wanted.", "Gunnar Lindström, 84")},
        "keywords": {"sv": ["välfärdsteknik", "äldre"], "en": ["welfare technology", "older people"]},
        "tags": {"sdgs": [3, 9, 10], "targets": ["3.8", "9.c"], "themes": ["elderly-care", "digitalisation", "rural-development"],
                 "sectors": ["public", "private", "civil-society"], "counties": ["09"], "municipalities": ["0980"]},
    },
    {
        "slug": {"sv": "innovationsvecka-for-social-hallbarhet-i-halmstad", "en": "innovation-week-for-social-sustainability-in-halmstad"},
        "title": {"sv": "Halmstad bjuder in till innovationsvecka för social hållbarhet",
                  "en": "Halmstad invites you to an innovation week for social sustainability"},
        "kind": "news", "date": "2025-08-20", "author": "Daniel Sjöberg",
        "intro": {"sv": "Under en vecka i oktober öppnar kommunen, högskolan och ett tjugotal organisationer sina dörrar för workshoppar, studiebesök och en hackathon om ungas psykiska hälsa.",
                  "en": "For a week in October the municipality, the university and some twenty organisations open their doors for workshops, study visits and a hackathon on young people's mental health."},
        "paragraphs": {
            "sv": ["Programmet riktar sig till alla som arbetar med social hållbarhet i regionen: tjänstepersoner, företag, föreningar och studenter. Hackathonet avslutas med att tre idéer får stöd att pröva sina lösningar under våren.",
                   "Anmälan sker via plattformens kalender. Alla aktiviteter är avgiftsfria."],
            "en": ["The programme is aimed at everyone working on social sustainability in the region: officials, companies, associations and students. The hackathon ends with three ideas receiving support to test their solutions in the spring.",
                   "Registration is through the platform's calendar. All activities are free of charge."]},
        "quote": None,
        "keywords": {"sv": ["evenemang", "psykisk hälsa"], "en": ["event", "mental health"]},
        "tags": {"sdgs": [3, 17], "targets": ["3.4", "17.17"], "themes": ["children-youth", "health-welfare"],
                 "sectors": ["public", "academia", "civil-society", "private"], "counties": ["13"], "municipalities": ["1380"]},
    },
    {
        "slug": {"sv": "grannarna-finansierade-solcellerna-i-kalmar", "en": "neighbours-financed-the-solar-panels-in-kalmar"},
        "title": {"sv": "Grannarna finansierade solcellerna i Kalmar", "en": "The neighbours financed the solar panels in Kalmar"},
        "kind": "story", "date": "2025-09-09", "author": "Lina Persson",
        "intro": {"sv": "En energiförening i Kalmar har låtit 250 invånare köpa andelar i solceller på en skola och en sporthall. Hushåll med små inkomster kan betala sin andel med arbete.",
                  "en": "An energy cooperative in Kalmar has let 250 residents buy shares in solar panels on a school and a sports hall. Low-income households can pay for their share with work."},
        "paragraphs": {
            "sv": ["Kommunen hyr ut taken för en symbolisk summa och köper elen till ett fast pris i tio år. Andelsägarna får en liten avkastning, och föreningen avsätter en del av överskottet till energirådgivning i hushåll som har svårt att betala elräkningen.",
                   "Modellen har väckt intresse i flera kommuner i Kalmar län, och föreningen har tagit fram en handbok för andra som vill göra likadant."],
            "en": ["The municipality rents out the roofs for a token sum and buys the electricity at a fixed price for ten years. Shareholders receive a small return, and the cooperative sets aside part of its surplus for energy advice to households that struggle to pay their electricity bills.",
                   "The model has attracted interest in several municipalities in Kalmar County, and the cooperative has written a handbook for others who want to do the same."]},
        "quote": {"sv": ("Omställningen ska inte bara vara för dem som har råd med egna solceller.", "Oskar Berg, föreningens ordförande"),
                  "en": ("The transition should not only be for those who can afford their own solar panels.", "Oskar Berg, chair of the cooperative")},
        "keywords": {"sv": ["energi", "kooperativ"], "en": ["energy", "cooperative"]},
        "tags": {"sdgs": [7, 13, 10], "targets": ["7.2", "7.1"], "themes": ["climate-environment", "democracy-participation"],
                 "sectors": ["social-economy", "public"], "counties": ["08"], "municipalities": ["0880"]},
    },
    {
        "slug": {"sv": "nyanlanda-kvinnor-driver-catering-i-vaxjo", "en": "newly-arrived-women-run-catering-in-vaxjo"},
        "title": {"sv": "Nyanlända kvinnor driver catering i Växjö", "en": "Newly arrived women run a catering business in Växjö"},
        "kind": "story", "date": "2025-10-15", "author": "Leyla Demir",
        "intro": {"sv": "Det som började som en matlagningskurs på ett studieförbund är i dag ett arbetsintegrerande socialt företag med tio anställda och avtal med både kommunen och universitetet.",
                  "en": "What started as a cookery course at an adult education association is today a work-integration social enterprise with ten employees and contracts with both the municipality and the university."},
        "paragraphs": {
            "sv": ["Kvinnorna kommer från Syrien, Eritrea, Afghanistan och Somalia. Många av dem hade aldrig haft en anställning tidigare. I företaget lär de sig svenska i köket, tar livsmedelshygienbevis och får handledning i att driva företag.",
                   "Företaget levererar mat till konferenser, skolavslutningar och företagsevent. Två av kvinnorna har startat egna restauranger."],
            "en": ["The women come from Syria, Eritrea, Afghanistan and Somalia. Many had never had a job before. In the business they learn Swedish in the kitchen, obtain food-hygiene certificates and get coaching in running a business.",
                   "The business delivers food to conferences, school end-of-year celebrations and company events. Two of the women have started restaurants of their own."]},
        "quote": {"sv": ("Första lönen var första gången jag hade egna pengar.", "Hawa, medarbetare"),
                  "en": ("My first pay was the first time I had money of my own.", "Hawa, employee")},
        "keywords": {"sv": ["integration", "jämställdhet"], "en": ["integration", "gender equality"]},
        "tags": {"sdgs": [5, 8, 10], "targets": ["5.5", "8.5", "10.2"], "themes": ["integration", "gender-equality", "food"],
                 "sectors": ["social-economy", "civil-society"], "counties": ["07"], "municipalities": ["0780"]},
    },
    {
        "slug": {"sv": "rapport-sociala-foretag-i-norrland-vaxer", "en": "report-social-enterprises-in-northern-sweden-grow"},
        "title": {"sv": "Rapport: sociala företag i Norrland växer trots lågkonjunkturen",
                  "en": "Report: social enterprises in northern Sweden grow despite the downturn"},
        "kind": "news", "date": "2025-11-26", "author": "Erik Nordin",
        "intro": {"sv": "Kompetenscentrets företagsmonitor visar att sociala företag i de fyra nordligaste länen ökade sin omsättning med i genomsnitt åtta procent under det senaste året.",
                  "en": "The competence centre's enterprise monitor shows that social enterprises in the four northernmost counties increased their turnover by an average of eight per cent over the past year."},
        "paragraphs": {
            "sv": ["Ökningen förklaras främst av fler avtal med kommuner och regioner och av växande försäljning inom återbruk och service. Samtidigt uppger hälften av företagen att de har svårt att hitta finansiering för investeringar.",
                   "Monitorn bygger på svar från 212 företag. Den fullständiga rapporten finns under Publikationer."],
            "en": ["The growth is explained mainly by more contracts with municipalities and regions and by rising sales in reuse and services. At the same time half of the enterprises say they struggle to find finance for investment.",
                   "The monitor is based on responses from 212 enterprises. The full report is available under Publications."]},
        "quote": None,
        "keywords": {"sv": ["sociala företag", "statistik"], "en": ["social enterprise", "statistics"]},
        "tags": {"sdgs": [8, 17], "targets": ["8.3"], "themes": ["inclusive-working-life", "impact-investment"],
                 "sectors": ["social-economy"], "counties": ["22", "23", "24", "25"]},
    },
    {
        "slug": {"sv": "fritidsbanken-i-linkoping", "en": "the-leisure-bank-in-linkoping"},
        "title": {"sv": "Fritidsbanken i Linköping lånar ut utrustning – och gemenskap",
                  "en": "The leisure bank in Linköping lends out equipment – and community"},
        "kind": "story", "date": "2026-01-20", "author": "Karin Olofsson",
        "intro": {"sv": "Skidor, skridskor, tält och fiskespön: allt kan lånas gratis. Fritidsbanken i Linköping har blivit en plats där barn i familjer med små marginaler kan pröva nya aktiviteter.",
                  "en": "Skis, skates, tents and fishing rods: everything can be borrowed for free. The leisure bank in Linköping has become a place where children from families on tight budgets can try new activities."},
        "paragraphs": {
            "sv": ["Utrustningen skänks av privatpersoner och företag. Verksamheten drivs av en förening i samarbete med kommunens fritidsförvaltning och bemannas av personer i arbetsträning och ideella krafter.",
                   "Under förra året gjordes över 11 000 lån. Föreningen samarbetar med idrottsklubbar som erbjuder prova-på-tillfällen för barn som lånat utrustning."],
            "en": ["The equipment is donated by private individuals and companies. The service is run by an association together with the municipality's leisure department and staffed by people in work training and volunteers.",
                   "Last year there were more than 11,000 loans. The association works with sports clubs that offer taster sessions for children who have borrowed equipment."]},
        "quote": {"sv": ("Min son hade aldrig stått på skidor. Nu åker han varje helg.", "En förälder i Skäggetorp"),
                  "en": ("My son had never been on skis. Now he goes every weekend.", "A parent in Skäggetorp")},
        "keywords": {"sv": ["fritid", "delningsekonomi"], "en": ["leisure", "sharing economy"]},
        "tags": {"sdgs": [3, 10, 12], "targets": ["10.2", "12.5"], "themes": ["children-youth", "circular-economy"],
                 "sectors": ["civil-society", "public"], "counties": ["05"], "municipalities": ["0580"]},
    },
    {
        "slug": {"sv": "nytt-natverk-for-sociala-investeringar", "en": "new-network-for-social-investment"},
        "title": {"sv": "Nytt nationellt nätverk för sociala investeringar i regionerna",
                  "en": "New national network for social investment in the regions"},
        "kind": "news", "date": "2026-02-24", "author": "Johan Ek",
        "intro": {"sv": "Elva regioner och ett trettiotal kommuner har bildat ett nätverk för att dela erfarenheter av sociala investeringsfonder och utfallsbaserad finansiering.",
                  "en": "Eleven regions and some thirty municipalities have formed a network to share experience of social investment funds and outcome-based funding."},
        "paragraphs": {
            "sv": ["Nätverket ska ta fram gemensamma principer för hur effekter mäts och redovisas, så att resultat från olika delar av landet kan jämföras. Det ska också undersöka hur privata och idéburna finansiärer kan gå in tillsammans med offentliga medel.",
                   "Kompetenscentret står för samordningen det första året, och nätverkets träffar dokumenteras på plattformen."],
            "en": ["The network will develop shared principles for measuring and reporting impact, so that results from different parts of the country can be compared. It will also explore how private and non-profit funders can invest alongside public money.",
                   "The competence centre coordinates the first year, and the network's meetings are documented on the platform."]},
        "quote": None,
        "keywords": {"sv": ["sociala investeringar", "nätverk"], "en": ["social investment", "network"]},
        "tags": {"sdgs": [17, 10], "targets": ["17.17", "17.3"], "themes": ["impact-investment"],
                 "sectors": ["public", "private", "civil-society"]},
    },
    {
        "slug": {"sv": "unga-sommarentreprenorer-i-borlange", "en": "young-summer-entrepreneurs-in-borlange"},
        "title": {"sv": "Unga sommarentreprenörer i Borlänge", "en": "Young summer entrepreneurs in Borlänge"},
        "kind": "story", "date": "2026-03-18", "author": "Daniel Sjöberg",
        "intro": {"sv": "I stället för feriejobb får 40 ungdomar i Borlänge driva egna företag under sommaren, med handledare från näringslivet och en startsumma från kommunen.",
                  "en": "Instead of summer jobs, 40 young people in Borlänge get to run their own businesses over the summer, with mentors from local business and seed money from the municipality."},
        "paragraphs": {
            "sv": ["Ungdomarna är mellan 15 och 19 år. De går en kort utbildning, bildar företag i form av sommarföretag och får sedan driva sina idéer: fönstertvätt, cykelreparationer, läxhjälp och kaféer. En lokal sparbanksstiftelse står för försäkringar och en del av handledningen.",
                   "Uppföljningen visar att deltagarna i högre grad än andra söker sig till vidare studier eller eget företagande. Flera andra kommuner i Dalarna planerar att ta efter."],
            "en": ["The young people are aged 15 to 19. They take a short course, set up summer businesses and then run their ideas: window cleaning, bicycle repairs, homework help and cafés. A local savings-bank foundation pays for insurance and part of the mentoring.",
                   "Follow-up shows that participants are more likely than others to go on to further studies or to start businesses. Several other municipalities in Dalarna plan to follow suit."]},
        "quote": {"sv": ("Jag lärde mig mer om pengar på en sommar än på tre år i skolan.", "Alva, 17 år, drev ett glasscafé"),
                  "en": ("I learned more about money in one summer than in three years at school.", "Alva, 17, ran an ice-cream café")},
        "keywords": {"sv": ["entreprenörskap", "unga"], "en": ["entrepreneurship", "youth"]},
        "tags": {"sdgs": [8, 4], "targets": ["8.6", "4.4"], "themes": ["children-youth", "education"],
                 "sectors": ["public", "private"], "counties": ["20"], "municipalities": ["2081"]},
    },
    {
        "slug": {"sv": "halsokiosker-for-aldre-i-gavle", "en": "health-kiosks-for-older-people-in-gavle"},
        "title": {"sv": "Hälsokiosker för äldre i Gävle", "en": "Health kiosks for older people in Gävle"},
        "kind": "story", "date": "2026-05-06", "author": "Maria Lantto",
        "intro": {"sv": "I Gävle kan äldre mäta blodtryck, få råd om kost och träffa andra i hälsokiosker på bibliotek och i mataffärer. Kioskerna bemannas av pensionerade sjuksköterskor.",
                  "en": "In Gävle older people can have their blood pressure checked, get dietary advice and meet others at health kiosks in libraries and supermarkets. The kiosks are staffed by retired nurses."},
        "paragraphs": {
            "sv": ["Idén kom från en pensionärsförening som ville nå äldre som sällan söker vård i tid. Region Gävleborg utbildar volontärerna och tar emot remisser när något behöver följas upp, och kommunens träffpunkter sprider information.",
                   "Under det första året gjordes 3 200 besök. Var tionde besökare hänvisades vidare till vårdcentralen, ofta på grund av högt blodtryck som inte var känt sedan tidigare."],
            "en": ["The idea came from a pensioners' association that wanted to reach older people who rarely seek care in time. Region Gävleborg trains the volunteers and receives referrals when something needs follow-up, and the municipality's meeting points spread the word.",
                   "In the first year there were 3,200 visits. One visitor in ten was referred on to the health centre, often because of high blood pressure that had not been known before."]},
        "quote": {"sv": ("Det är lättare att prata om hälsan över en kopp kaffe än på en mottagning.", "Ingrid Hedlund, pensionerad sjuksköterska"),
                  "en": ("It is easier to talk about your health over a cup of coffee than at a clinic.", "Ingrid Hedlund, retired nurse")},
        "keywords": {"sv": ["folkhälsa", "äldre"], "en": ["public health", "older people"]},
        "tags": {"sdgs": [3, 10], "targets": ["3.4", "3.8"], "themes": ["elderly-care", "health-welfare"],
                 "sectors": ["civil-society", "public"], "counties": ["21"], "municipalities": ["2180"]},
    },
    {
        "slug": {"sv": "konferensen-social-innovation-2026-i-orebro", "en": "social-innovation-2026-conference-in-orebro"},
        "title": {"sv": "Sammanfattning från konferensen Social innovation 2026 i Örebro",
                  "en": "Summary of the Social Innovation 2026 conference in Örebro"},
        "kind": "news", "date": "2026-09-29", "author": "Anna Wikström",
        "intro": {"sv": "Drygt 600 deltagare från hela landet samlades i Örebro för två dagar om social innovation, Agenda 2030 och samverkan mellan sektorer. Här är det viktigaste från konferensen.",
                  "en": "Just over 600 participants from all over Sweden gathered in Örebro for two days on social innovation, the 2030 Agenda and cross-sector collaboration. Here are the highlights."},
        "paragraphs": {
            "sv": ["Ett återkommande tema var hur lyckade pilotprojekt blir ordinarie verksamhet. Flera talare pekade på att det behövs mottagare för innovationer inne i kommunerna – personer med mandat och budget att ta över när projekten slutar.",
                   "Under konferensen bildades också två nya koalitioner enligt Koalitionsmodellen: en om ungas psykiska hälsa i Mellansverige och en om rättvis klimatomställning i bruksorter. Presentationer och dokumentation finns under Möten och samskapande."],
            "en": ["A recurring theme was how successful pilots become regular services. Several speakers pointed to the need for receivers of innovation inside municipalities – people with the mandate and budget to take over when projects end.",
                   "Two new coalitions following the Coalition Model were also formed at the conference: one on young people's mental health in central Sweden and one on a just climate transition in industrial towns. Presentations and documentation are available under Meetings and co-creation."]},
        "quote": None,
        "keywords": {"sv": ["konferens", "koalitioner"], "en": ["conference", "coalitions"]},
        "tags": {"sdgs": [17, 3, 13], "targets": ["17.17"], "themes": ["democracy-participation", "climate-environment"],
                 "sectors": ["public", "private", "academia", "civil-society", "social-economy"], "counties": ["18"], "municipalities": ["1880"]},
    },
]


# --- Publications ----------------------------------------------------------------


def isbn13(stem: str) -> str:
    """Append the ISBN-13 check digit to a hyphenated 12-digit stem."""
    digits = stem.replace("-", "")
    if len(digits) != 12 or not digits.isdigit():
        raise ValueError(f"an ISBN-13 stem has 12 digits: {stem}")
    total = sum((1 if i % 2 == 0 else 3) * int(c) for i, c in enumerate(digits))
    return f"{stem}-{(10 - total % 10) % 10}"


CENTRE = "Kompetenscentret för social innovation"

PUBLICATIONS: list[dict[str, Any]] = [
    {
        "slug": {"sv": "social-innovation-i-sverige-2018", "en": "social-innovation-in-sweden-2018"},
        "title": {"sv": "Social innovation i Sverige – en kartläggning", "en": "Social innovation in Sweden – a mapping study"},
        "authors": "Helena Björk, Erik Nordin", "publisher": CENTRE, "year": 2018, "language": "sv",
        "type": "report", "doi": "10.5555/sihub.2018.001", "isbn": isbn13("978-91-89577-01"),
        "intro": {"sv": "Rapporten kartlägger aktörer, finansiering och stödstrukturer för social innovation i Sveriges 21 län och identifierar var ekosystemet är starkt och var det saknas stöd.",
                  "en": "The report maps actors, funding and support structures for social innovation in Sweden's 21 counties and identifies where the ecosystem is strong and where support is lacking."},
        "findings": {"sv": ["Stödet är koncentrerat till storstadsregionerna.", "Få kommuner har en utsedd mottagare för sociala innovationer.", "Kortsiktig projektfinansiering är det största hindret för att växa."],
                     "en": ["Support is concentrated in the metropolitan regions.", "Few municipalities have a designated receiver for social innovations.", "Short-term project funding is the biggest obstacle to growth."]},
        "tags": {"sdgs": [17], "targets": ["17.17"], "themes": ["democracy-participation", "impact-investment"], "sectors": ["public", "civil-society", "social-economy", "academia"]},
    },
    {
        "slug": {"sv": "guide-ideburet-offentligt-partnerskap", "en": "guide-idea-based-public-partnership"},
        "title": {"sv": "Så bygger ni ett idéburet offentligt partnerskap – en vägledning",
                  "en": "Building an idea-based public partnership – a guide"},
        "authors": "Fatima Osman, Per Lindqvist", "publisher": CENTRE, "year": 2019, "language": "sv",
        "type": "guide", "doi": "10.5555/sihub.2019.002", "isbn": isbn13("978-91-89577-02"),
        "intro": {"sv": "Vägledningen beskriver steg för steg hur kommuner, regioner och idéburna organisationer kan ingå ett IOP: från behovsanalys och dialog till överenskommelse, uppföljning och avslut.",
                  "en": "The guide describes step by step how municipalities, regions and non-profit organisations can enter an IOP: from needs analysis and dialogue to agreement, follow-up and closure."},
        "findings": {"sv": ["Ett IOP bygger på den idéburna organisationens egen idé.", "Parterna ska bidra med egna resurser.", "Statsstöds- och upphandlingsregler behöver prövas i varje enskilt fall."],
                     "en": ["An IOP builds on the non-profit organisation's own idea.", "Each party contributes its own resources.", "State-aid and procurement rules must be assessed case by case."]},
        "tags": {"sdgs": [16, 17], "targets": ["17.17"], "themes": ["social-procurement", "democracy-participation"], "sectors": ["public", "civil-society"]},
    },
    {
        "slug": {"sv": "att-mata-socialt-varde-i-svenska-kommuner", "en": "measuring-social-value-in-swedish-municipalities"},
        "title": {"sv": "Att mäta socialt värde i svenska kommuner: en genomgång av SROI-studier",
                  "en": "Measuring social value in Swedish municipalities: a review of SROI studies"},
        "authors": "Amir Haddad, Johanna Berglund", "publisher": "Nordic Journal of Social Innovation", "year": 2020,
        "language": "en", "type": "article", "doi": "10.5555/njsi.2020.0147", "isbn": "",
        "intro": {"sv": "Artikeln går igenom 34 SROI-analyser gjorda i svenska kommuner mellan 2010 och 2019 och visar stora skillnader i metod, antaganden och hur resultaten används.",
                  "en": "The article reviews 34 SROI analyses carried out in Swedish municipalities between 2010 and 2019 and shows large differences in method, assumptions and how the results are used."},
        "findings": {"sv": ["Hälften av studierna saknade känslighetsanalys.", "Justeringar för dödvikt var ofta inte motiverade.", "Resultaten användes oftare för att motivera än för att lära."],
                     "en": ["Half of the studies lacked a sensitivity analysis.", "Adjustments for deadweight were often not justified.", "Results were used more often to justify than to learn."]},
        "tags": {"sdgs": [17], "targets": ["17.17"], "themes": ["impact-investment"], "sectors": ["academia", "public"]},
    },
    {
        "slug": {"sv": "arbetsintegrerande-sociala-foretag-och-vagen-till-arbete", "en": "work-integration-social-enterprises-and-the-road-to-work"},
        "title": {"sv": "Arbetsintegrerande sociala företag och vägen till arbete", "en": "Work-integration social enterprises and the road to work"},
        "authors": "Jonas Pekkari", "publisher": "Umeå universitet", "year": 2021, "language": "sv",
        "type": "thesis", "doi": "10.5555/sihub.2021.004", "isbn": isbn13("978-91-88999-04"),
        "intro": {"sv": "Masteruppsatsen bygger på intervjuer med 28 deltagare i fem arbetsintegrerande sociala företag i Norrland och undersöker vad som gör att vissa går vidare till arbete.",
                  "en": "This master's thesis is based on interviews with 28 participants in five work-integration social enterprises in northern Sweden and explores why some move on to work."},
        "findings": {"sv": ["Tidigt ansvar och riktiga kunder var avgörande.", "Relationen till handledaren betydde mer än programmets längd.", "Övergången till ordinarie arbete behöver stöd även efter anställning."],
                     "en": ["Early responsibility and real customers were decisive.", "The relationship with the supervisor mattered more than programme length.", "The move into regular work needs support even after hiring."]},
        "tags": {"sdgs": [8, 10], "targets": ["8.5", "10.2"], "themes": ["inclusive-working-life"], "sectors": ["social-economy", "academia"], "counties": ["24", "25"]},
    },
    {
        "slug": {"sv": "samskapande-i-valfarden", "en": "co-creation-in-welfare-services"},
        "title": {"sv": "Samskapande i välfärden – erfarenheter från tio kommuner", "en": "Co-creation in welfare services – lessons from ten municipalities"},
        "authors": "Anna Wikström, Daniel Sjöberg, Leyla Demir", "publisher": CENTRE, "year": 2022, "language": "sv",
        "type": "report", "doi": "10.5555/sihub.2022.005", "isbn": isbn13("978-91-89577-05"),
        "intro": {"sv": "Rapporten följer tio kommuner som under två år prövat samskapande med invånare inom socialtjänst, skola och äldreomsorg, och beskriver vad som fungerade och vad som stoppade arbetet.",
                  "en": "The report follows ten municipalities that spent two years trying co-creation with residents in social services, schools and elderly care, and describes what worked and what stopped the work."},
        "findings": {"sv": ["Ledningens stöd var den viktigaste framgångsfaktorn.", "Ersättning till deltagare ökade både bredd och uthållighet.", "Få kommuner hade rutiner för att ta tillvara resultaten."],
                     "en": ["Management support was the most important success factor.", "Paying participants increased both diversity and staying power.", "Few municipalities had routines for using the results."]},
        "tags": {"sdgs": [16, 10], "targets": ["16.7", "10.2"], "themes": ["democracy-participation", "health-welfare"], "sectors": ["public", "civil-society"]},
    },
    {
        "slug": {"sv": "sociala-utfallskontrakt-i-norden", "en": "social-impact-bonds-in-the-nordics"},
        "title": {"sv": "Sociala utfallskontrakt i Norden: lärdomar från de första avtalen", "en": "Social impact bonds in the Nordics: lessons from the first contracts"},
        "authors": "Johan Ek, Mette Rasmussen", "publisher": "Nordic Journal of Social Innovation", "year": 2022,
        "language": "en", "type": "article", "doi": "10.5555/njsi.2022.0311", "isbn": "",
        "intro": {"sv": "Artikeln jämför elva sociala utfallskontrakt i Sverige, Norge, Danmark och Finland med avseende på utformning, mätning av utfall och transaktionskostnader.",
                  "en": "The article compares eleven social impact bonds in Sweden, Norway, Denmark and Finland in terms of design, outcome measurement and transaction costs."},
        "findings": {"sv": ["Transaktionskostnaderna var höga i de första avtalen.", "Tydliga jämförelsegrupper var ovanliga.", "Samarbetet mellan förvaltningar förbättrades ofta, oavsett utfall."],
                     "en": ["Transaction costs were high in the first contracts.", "Clear comparison groups were rare.", "Collaboration between departments often improved, whatever the outcome."]},
        "tags": {"sdgs": [17, 8], "targets": ["17.17", "8.6"], "themes": ["impact-investment"], "sectors": ["public", "private", "academia"]},
    },
    {
        "slug": {"sv": "metodhandbok-forandringsteori", "en": "handbook-theory-of-change"},
        "title": {"sv": "Metodhandbok: förändringsteori för idéburna organisationer", "en": "Handbook: theory of change for non-profit organisations"},
        "authors": "Helena Björk", "publisher": CENTRE, "year": 2023, "language": "sv",
        "type": "guide", "doi": "10.5555/sihub.2023.007", "isbn": isbn13("978-91-89577-07"),
        "intro": {"sv": "Handboken visar hur en förening eller ett socialt företag tar fram en förändringsteori, väljer indikatorer och använder uppföljningen i sitt lärande och i kontakten med finansiärer.",
                  "en": "The handbook shows how an association or social enterprise develops a theory of change, chooses indicators and uses follow-up in its learning and in dealing with funders."},
        "findings": {"sv": ["Innehåller mallar, övningar och tre fallbeskrivningar.", "Kan användas tillsammans med plattformens verktyg för förändringsteori."],
                     "en": ["Includes templates, exercises and three case descriptions.", "Can be used with the platform's theory of change tool."]},
        "tags": {"sdgs": [17], "targets": ["17.17"], "themes": ["impact-investment"], "sectors": ["civil-society", "social-economy"]},
    },
    {
        "slug": {"sv": "landsbygdens-sociala-innovationer", "en": "social-innovations-in-rural-sweden"},
        "title": {"sv": "Landsbygdens sociala innovationer – mobilitet, service och gemenskap", "en": "Social innovations in rural Sweden – mobility, services and community"},
        "authors": "Sara Nyström, Erik Nordin", "publisher": CENTRE, "year": 2023, "language": "sv",
        "type": "report", "doi": "10.5555/sihub.2023.008", "isbn": isbn13("978-91-89577-08"),
        "intro": {"sv": "Rapporten beskriver 40 initiativ på landsbygden – bybussar, servicepunkter, byskolor och lokala energiföreningar – och analyserar vad som gör att de överlever efter projekttiden.",
                  "en": "The report describes 40 rural initiatives – village buses, service points, village schools and local energy cooperatives – and analyses what makes them survive after the project period."},
        "findings": {"sv": ["Lokalt ägande och ideella krafter var centrala.", "Samverkan med regionens kollektivtrafik avgjorde om mobilitetslösningar överlevde.", "Servicepunkter fungerade bäst i kombination med mötesplatser."],
                     "en": ["Local ownership and volunteers were central.", "Cooperation with regional public transport decided whether mobility solutions survived.", "Service points worked best combined with meeting places."]},
        "tags": {"sdgs": [11, 10], "targets": ["11.2", "11.a"], "themes": ["rural-development"], "sectors": ["civil-society", "public"], "counties": ["14", "20", "23", "24"]},
    },
    {
        "slug": {"sv": "samskapande-av-valfardsteknik-med-aldre", "en": "co-creating-welfare-technology-with-older-people"},
        "title": {"sv": "Samskapande av välfärdsteknik med äldre", "en": "Co-creating welfare technology with older people"},
        "authors": "Karin Olofsson", "publisher": "Luleå tekniska universitet", "year": 2024, "language": "en",
        "type": "thesis", "doi": "10.5555/sihub.2024.009", "isbn": isbn13("978-91-88999-09"),
        "intro": {"sv": "Doktorsavhandlingen undersöker hur äldre personer på landsbygden kan delta i utvecklingen av välfärdsteknik och vad det betyder för hur tekniken tas emot.",
                  "en": "This doctoral thesis examines how older people in rural areas can take part in developing welfare technology and what that means for how the technology is received."},
        "findings": {"sv": ["Delaktighet tidigt i processen ökade användningen.", "Sociala funktioner värderades högre än tekniska.", "Personalens roll förändrades från utförare till stöd."],
                     "en": ["Involvement early in the process increased use.", "Social functions were valued more than technical ones.", "Staff roles shifted from providers to supporters."]},
        "tags": {"sdgs": [3, 9, 10], "targets": ["3.8", "9.c"], "themes": ["elderly-care", "digitalisation", "rural-development"], "sectors": ["academia", "public"], "counties": ["25", "09"]},
    },
    {
        "slug": {"sv": "sociala-foretag-i-sverige-2025", "en": "social-enterprises-in-sweden-2025"},
        "title": {"sv": "Sociala företag i Sverige 2025 – resultat från företagsmonitorn", "en": "Social enterprises in Sweden 2025 – results from the enterprise monitor"},
        "authors": "Erik Nordin, Amir Haddad", "publisher": CENTRE, "year": 2025, "language": "sv",
        "type": "report", "doi": "10.5555/sihub.2025.010", "isbn": isbn13("978-91-89577-10"),
        "intro": {"sv": "Den årliga monitorn bygger på en enkät till sociala företag i hela landet och beskriver deras storlek, ekonomi, målgrupper, samarbeten och behov av finansiering.",
                  "en": "The annual monitor is based on a survey of social enterprises across Sweden and describes their size, finances, target groups, partnerships and need for finance."},
        "findings": {"sv": ["Omsättningen ökade mest i norra Sverige.", "Sju av tio företag säljer till offentlig sektor.", "Hälften har svårt att finansiera investeringar."],
                     "en": ["Turnover grew most in northern Sweden.", "Seven in ten enterprises sell to the public sector.", "Half struggle to finance investment."]},
        "tags": {"sdgs": [8, 17], "targets": ["8.3", "8.5"], "themes": ["inclusive-working-life", "impact-investment"], "sectors": ["social-economy"]},
    },
    {
        "slug": {"sv": "guide-social-upphandling", "en": "guide-social-procurement"},
        "title": {"sv": "Social upphandling i praktiken – en vägledning för offentliga inköpare", "en": "A practical guide to social procurement for Swedish public buyers"},
        "authors": "Lina Persson, Per Lindqvist", "publisher": CENTRE, "year": 2025, "language": "en",
        "type": "guide", "doi": "10.5555/sihub.2025.011", "isbn": isbn13("978-91-89577-11"),
        "intro": {"sv": "Vägledningen visar hur offentliga inköpare kan ställa sociala krav, reservera upphandlingar och föra dialog med sociala företag – med exempel från lokalvård, måltider och fastighetsskötsel.",
                  "en": "The guide shows how public buyers can set social requirements, reserve contracts and engage in dialogue with social enterprises – with examples from cleaning, meals and property maintenance."},
        "findings": {"sv": ["Dialog före upphandlingen är avgörande.", "Kraven behöver följas upp under avtalstiden.", "Reserverade upphandlingar används sällan men är möjliga."],
                     "en": ["Dialogue before tendering is decisive.", "Requirements need follow-up during the contract.", "Reserved contracts are rarely used but are possible."]},
        "tags": {"sdgs": [12, 8], "targets": ["12.7", "8.5"], "themes": ["social-procurement", "inclusive-working-life"], "sectors": ["public", "social-economy", "private"]},
    },
    {
        "slug": {"sv": "agenda-2030-och-social-innovation-i-regional-utveckling", "en": "the-2030-agenda-and-social-innovation-in-regional-development"},
        "title": {"sv": "Agenda 2030 och social innovation i regional utveckling", "en": "The 2030 Agenda and social innovation in regional development"},
        "authors": "Johanna Berglund, Sara Nyström", "publisher": "Tidskrift för regional utveckling", "year": 2026,
        "language": "sv", "type": "article", "doi": "10.5555/tru.2026.0042", "isbn": "",
        "intro": {"sv": "Artikeln analyserar hur sju regioner använder de globala målen i sina strategier för social innovation och hur målen påverkar vilka initiativ som får stöd.",
                  "en": "The article analyses how seven regions use the global goals in their strategies for social innovation and how the goals affect which initiatives receive support."},
        "findings": {"sv": ["Målen används oftast som ramverk för uppföljning.", "Delmål nämns sällan, vilket gör prioriteringarna vaga.", "Regioner med egna kompetenscentra har tydligare prioriteringar."],
                     "en": ["The goals are most often used as a follow-up framework.", "Targets are seldom mentioned, which makes priorities vague.", "Regions with their own competence centres have clearer priorities."]},
        "tags": {"sdgs": [17, 11], "targets": ["17.17", "11.a"], "themes": ["rural-development", "democracy-participation"], "sectors": ["public", "academia"]},
    },
]
