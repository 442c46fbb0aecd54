"""Swedish texts for the 17 Sustainable Development Goals and their 169 targets.

Used only by ``build_sdgs.py`` (run by hand) to produce ``sdgs.json``.

Short goal titles follow the Swedish titles used by Globala målen /
Regeringen. Goal statements and targets are the sihub team's own Swedish
rendering of the UN texts, kept as close as possible to the established
Swedish Agenda 2030 terminology (e.g. "de minst utvecklade länderna",
"små önationer under utveckling", "kustlösa utvecklingsländer",
"motståndskraft", "egenmakt", "anständiga arbetsvillkor").
"""

GOAL_TITLES_SV = {
    1: "Ingen fattigdom",
    2: "Ingen hunger",
    3: "Hälsa och välbefinnande",
    4: "God utbildning för alla",
    5: "Jämställdhet",
    6: "Rent vatten och sanitet för alla",
    7: "Hållbar energi för alla",
    8: "Anständiga arbetsvillkor och ekonomisk tillväxt",
    9: "Hållbar industri, innovationer och infrastruktur",
    10: "Minskad ojämlikhet",
    11: "Hållbara städer och samhällen",
    12: "Hållbar konsumtion och produktion",
    13: "Bekämpa klimatförändringarna",
    14: "Hav och marina resurser",
    15: "Ekosystem och biologisk mångfald",
    16: "Fredliga och inkluderande samhällen",
    17: "Genomförande och globalt partnerskap",
}

GOAL_TEXTS_SV = {
    1: "Avskaffa all form av fattigdom överallt",
    2: "Avskaffa hunger, uppnå tryggad livsmedelsförsörjning och förbättrad "
       "nutrition samt främja ett hållbart jordbruk",
    3: "Säkerställa hälsosamma liv och främja välbefinnande för alla i alla åldrar",
    4: "Säkerställa en inkluderande och jämlik utbildning av god kvalitet och "
       "främja livslångt lärande för alla",
    5: "Uppnå jämställdhet och alla kvinnors och flickors egenmakt",
    6: "Säkerställa tillgången till och en hållbar förvaltning av vatten och "
       "sanitet för alla",
    7: "Säkerställa tillgång till ekonomiskt överkomlig, tillförlitlig, hållbar "
       "och modern energi för alla",
    8: "Verka för varaktig, inkluderande och hållbar ekonomisk tillväxt, full "
       "och produktiv sysselsättning med anständiga arbetsvillkor för alla",
    9: "Bygga upp en motståndskraftig infrastruktur, verka för en inkluderande "
       "och hållbar industrialisering och främja innovation",
    10: "Minska ojämlikheten inom och mellan länder",
    11: "Göra städer och bosättningar inkluderande, säkra, motståndskraftiga "
        "och hållbara",
    12: "Säkerställa hållbara konsumtions- och produktionsmönster",
    13: "Vidta omedelbara åtgärder för att bekämpa klimatförändringarna och "
        "dess konsekvenser",
    14: "Bevara och nyttja haven och de marina resurserna på ett hållbart sätt "
        "för en hållbar utveckling",
    15: "Skydda, återställa och främja ett hållbart nyttjande av landbaserade "
        "ekosystem, hållbart bruka skogar, bekämpa ökenspridning, hejda och "
        "vända markförstöring samt hejda förlusten av biologisk mångfald",
    16: "Främja fredliga och inkluderande samhällen för hållbar utveckling, "
        "tillhandahålla tillgång till rättvisa för alla samt bygga upp "
        "effektiva och inkluderande institutioner med ansvarsutkrävande på "
        "alla nivåer",
    17: "Stärka genomförandemedlen och återvitalisera det globala "
        "partnerskapet för hållbar utveckling",
}

TARGET_TEXTS_SV = {
    # --- Mål 1: Ingen fattigdom ---------------------------------------------
    "1.1": "Till 2030 utrota den extrema fattigdomen för alla människor "
           "överallt, för närvarande definierad som att leva på mindre än "
           "1,25 US-dollar per dag.",
    "1.2": "Till 2030 minst halvera andelen män, kvinnor och barn i alla "
           "åldrar som lever i fattigdom i alla dess dimensioner enligt "
           "nationella definitioner.",
    "1.3": "Genomföra nationellt anpassade sociala trygghetssystem och "
           "åtgärder för alla, inklusive miniminivåer, och till 2030 uppnå en "
           "betydande täckning för de fattiga och de utsatta.",
    "1.4": "Till 2030 säkerställa att alla män och kvinnor, i synnerhet de "
           "fattiga och de utsatta, har lika rätt till ekonomiska resurser samt "
           "tillgång till grundläggande tjänster, ägande och kontroll över mark "
           "och andra former av egendom, arv, naturresurser, lämplig ny teknik "
           "och finansiella tjänster, inklusive mikrofinansiering.",
    "1.5": "Till 2030 bygga upp motståndskraften hos de fattiga och hos "
           "människor i utsatta situationer samt minska deras exponering och "
           "sårbarhet för klimatrelaterade extrema händelser och andra "
           "ekonomiska, sociala och miljörelaterade chocker och katastrofer.",
    "1.a": "Säkerställa en betydande mobilisering av resurser från en mängd "
           "olika källor, bland annat genom ett förstärkt utvecklingssamarbete, "
           "för att ge utvecklingsländer, i synnerhet de minst utvecklade "
           "länderna, tillräckliga och förutsägbara medel för att genomföra "
           "program och strategier som avskaffar fattigdomen i alla dess "
           "dimensioner.",
    "1.b": "Skapa sunda politiska ramverk på nationell, regional och "
           "internationell nivå, grundade på utvecklingsstrategier som gynnar "
           "de fattiga och tar hänsyn till jämställdhet, för att stödja ökade "
           "investeringar i åtgärder för att utrota fattigdomen.",

    # --- Mål 2: Ingen hunger ------------------------------------------------
    "2.1": "Till 2030 avskaffa hungern och säkerställa att alla människor, i "
           "synnerhet de fattiga och människor i utsatta situationer, inklusive "
           "spädbarn, har tillgång till säker, näringsrik och tillräcklig mat "
           "året runt.",
    "2.2": "Till 2030 avskaffa alla former av undernäring, bland annat genom att "
           "till 2025 uppnå de internationellt överenskomna målen för hämmad "
           "tillväxt och avmagring hos barn under fem års ålder, samt tillgodose "
           "näringsbehoven hos tonårsflickor, gravida och ammande kvinnor och "
           "äldre personer.",
    "2.3": "Till 2030 fördubbla jordbruksproduktiviteten och inkomsterna för "
           "småskaliga livsmedelsproducenter, i synnerhet kvinnor, urfolk, "
           "familjejordbrukare, boskapsskötare och fiskare, bland annat genom "
           "säker och lika tillgång till mark, andra produktiva resurser och "
           "insatsvaror, kunskap, finansiella tjänster, marknader samt "
           "möjligheter till förädling och sysselsättning utanför jordbruket.",
    "2.4": "Till 2030 säkerställa hållbara system för livsmedelsproduktion och "
           "införa motståndskraftiga jordbruksmetoder som ökar produktiviteten "
           "och produktionen, som bidrar till att bevara ekosystemen, som "
           "stärker förmågan till anpassning till klimatförändringar, extrema "
           "väderförhållanden, torka, översvämningar och andra katastrofer, och "
           "som successivt förbättrar mark- och jordkvaliteten.",
    "2.5": "Till 2020 bevara den genetiska mångfalden hos utsäde, odlade växter "
           "samt uppfödda och domesticerade djur och deras vilda släktingar, "
           "bland annat genom väl förvaltade och diversifierade utsädes- och "
           "växtbanker på nationell, regional och internationell nivå, samt "
           "främja tillgång till och en rättvis och jämlik fördelning av de "
           "fördelar som uppstår vid nyttjandet av genetiska resurser och "
           "tillhörande traditionell kunskap, i enlighet med internationella "
           "överenskommelser.",
    "2.a": "Öka investeringarna, bland annat genom ett förstärkt internationellt "
           "samarbete, i landsbygdens infrastruktur, jordbruksforskning och "
           "rådgivningstjänster, teknikutveckling samt genbanker för växter och "
           "husdjur, för att förbättra jordbrukets produktionskapacitet i "
           "utvecklingsländer, i synnerhet i de minst utvecklade länderna.",
    "2.b": "Korrigera och förhindra handelshinder och snedvridningar på "
           "världens jordbruksmarknader, bland annat genom att parallellt "
           "avskaffa alla former av exportsubventioner för jordbruket och alla "
           "exportåtgärder med motsvarande effekt, i enlighet med mandatet för "
           "utvecklingsrundan i Doha.",
    "2.c": "Vidta åtgärder för att säkerställa att marknaderna för "
           "livsmedelsråvaror och deras derivat fungerar väl och underlätta "
           "snabb tillgång till marknadsinformation, bland annat om "
           "livsmedelsreserver, för att bidra till att begränsa extrema "
           "svängningar i livsmedelspriserna.",

    # --- Mål 3: Hälsa och välbefinnande -------------------------------------
    "3.1": "Till 2030 minska den globala mödradödligheten till färre än 70 "
           "dödsfall per 100 000 levande födda.",
    "3.2": "Till 2030 få slut på dödsfall som går att förebygga bland nyfödda "
           "och barn under fem års ålder, där alla länder ska sträva efter att "
           "minska den neonatala dödligheten till högst 12 per 1 000 levande "
           "födda och dödligheten bland barn under fem år till högst 25 per "
           "1 000 levande födda.",
    "3.3": "Till 2030 utrota epidemierna av aids, tuberkulos, malaria och "
           "försummade tropiska sjukdomar samt bekämpa hepatit, vattenburna "
           "sjukdomar och andra smittsamma sjukdomar.",
    "3.4": "Till 2030 genom förebyggande åtgärder och behandling minska den "
           "förtida dödligheten i icke-smittsamma sjukdomar med en tredjedel "
           "samt främja psykisk hälsa och välbefinnande.",
    "3.5": "Stärka förebyggandet och behandlingen av missbruk, inklusive "
           "narkotikamissbruk och skadligt bruk av alkohol.",
    "3.6": "Till 2020 halvera antalet dödsfall och skador i vägtrafikolyckor i "
           "världen.",
    "3.7": "Till 2030 säkerställa allmän tillgång till sexuell och reproduktiv "
           "hälso- och sjukvård, inklusive familjeplanering, information och "
           "utbildning, samt integrera reproduktiv hälsa i nationella "
           "strategier och program.",
    "3.8": "Uppnå hälso- och sjukvård för alla, inklusive skydd mot ekonomiska "
           "risker, tillgång till grundläggande hälso- och sjukvårdstjänster av "
           "god kvalitet samt tillgång till säkra, effektiva, ekonomiskt "
           "överkomliga grundläggande läkemedel och vacciner av god kvalitet för "
           "alla.",
    "3.9": "Till 2030 väsentligt minska antalet dödsfall och sjukdomsfall till "
           "följd av farliga kemikalier samt föroreningar och kontaminering av "
           "luft, vatten och mark.",
    "3.a": "Stärka genomförandet av Världshälsoorganisationens ramkonvention om "
           "tobakskontroll i alla länder, där så är lämpligt.",
    "3.b": "Stödja forskning om och utveckling av vacciner och läkemedel mot "
           "smittsamma och icke-smittsamma sjukdomar som främst drabbar "
           "utvecklingsländer, och ge tillgång till ekonomiskt överkomliga "
           "grundläggande läkemedel och vacciner i enlighet med "
           "Dohadeklarationen om Trips-avtalet och folkhälsa, som bekräftar "
           "utvecklingsländernas rätt att fullt ut utnyttja de bestämmelser om "
           "flexibilitet i avtalet om handelsrelaterade aspekter av immateriella "
           "rättigheter som syftar till att skydda folkhälsan, och i synnerhet "
           "ge tillgång till läkemedel för alla.",
    "3.c": "Väsentligt öka finansieringen av hälso- och sjukvården samt "
           "rekryteringen, utvecklingen, utbildningen och bibehållandet av "
           "hälso- och sjukvårdspersonal i utvecklingsländer, i synnerhet i de "
           "minst utvecklade länderna och i små önationer under utveckling.",
    "3.d": "Stärka kapaciteten i alla länder, i synnerhet i utvecklingsländer, "
           "när det gäller tidig varning, riskminskning och hantering av "
           "nationella och globala hälsorisker.",

    # --- Mål 4: God utbildning för alla -------------------------------------
    "4.1": "Till 2030 säkerställa att alla flickor och pojkar fullföljer en "
           "avgiftsfri och likvärdig grundskole- och gymnasieutbildning av god "
           "kvalitet som leder till relevanta och ändamålsenliga "
           "studieresultat.",
    "4.2": "Till 2030 säkerställa att alla flickor och pojkar har tillgång till "
           "utveckling, omsorg och förskoleundervisning av god kvalitet under "
           "tidig barndom, så att de är redo för grundskoleutbildning.",
    "4.3": "Till 2030 säkerställa lika tillgång för alla kvinnor och män till "
           "ekonomiskt överkomlig teknisk utbildning, yrkesutbildning och "
           "eftergymnasial utbildning av god kvalitet, inklusive "
           "universitetsutbildning.",
    "4.4": "Till 2030 väsentligt öka antalet ungdomar och vuxna som har "
           "relevanta färdigheter, inklusive tekniska färdigheter och "
           "yrkesfärdigheter, för sysselsättning, anständiga arbeten och "
           "entreprenörskap.",
    "4.5": "Till 2030 avskaffa könsskillnaderna inom utbildningen och "
           "säkerställa lika tillgång till utbildning och yrkesutbildning på "
           "alla nivåer för utsatta grupper, inklusive personer med "
           "funktionsnedsättning, urfolk och barn i utsatta situationer.",
    "4.6": "Till 2030 säkerställa att alla ungdomar och en betydande andel av "
           "alla vuxna, både män och kvinnor, uppnår läs- och skrivkunnighet "
           "samt grundläggande räknefärdighet.",
    "4.7": "Till 2030 säkerställa att alla som studerar får de kunskaper och "
           "färdigheter som behövs för att främja hållbar utveckling, bland "
           "annat genom utbildning för hållbar utveckling och hållbara "
           "livsstilar, mänskliga rättigheter, jämställdhet, främjande av en "
           "kultur av fred och icke-våld, globalt medborgarskap och uppskattning "
           "av kulturell mångfald och av kulturens bidrag till hållbar "
           "utveckling.",
    "4.a": "Bygga och rusta upp utbildningsanläggningar som är anpassade till "
           "barn, personer med funktionsnedsättning och jämställdhet, och som "
           "erbjuder säkra, våldsfria, inkluderande och ändamålsenliga "
           "lärmiljöer för alla.",
    "4.b": "Till 2020 väsentligt öka antalet stipendier som globalt finns "
           "tillgängliga för utvecklingsländer, i synnerhet de minst utvecklade "
           "länderna, små önationer under utveckling och afrikanska länder, för "
           "studier inom högre utbildning, inklusive yrkesutbildning och "
           "utbildningsprogram inom informations- och kommunikationsteknik, "
           "teknik, ingenjörsvetenskap och naturvetenskap, i utvecklade länder "
           "och i andra utvecklingsländer.",
    "4.c": "Till 2030 väsentligt öka tillgången på kvalificerade lärare, bland "
           "annat genom internationellt samarbete kring lärarutbildning i "
           "utvecklingsländer, i synnerhet i de minst utvecklade länderna och i "
           "små önationer under utveckling.",

    # --- Mål 5: Jämställdhet ------------------------------------------------
    "5.1": "Avskaffa alla former av diskriminering av alla kvinnor och flickor "
           "överallt.",
    "5.2": "Avskaffa alla former av våld mot alla kvinnor och flickor i det "
           "offentliga och det privata rummet, inklusive människohandel, "
           "sexuellt utnyttjande och andra typer av exploatering.",
    "5.3": "Avskaffa alla skadliga sedvänjor, såsom barnäktenskap, tidiga "
           "äktenskap och tvångsäktenskap samt könsstympning av flickor och "
           "kvinnor.",
    "5.4": "Erkänna och värdesätta obetalt omsorgs- och hushållsarbete genom "
           "tillhandahållande av offentliga tjänster, infrastruktur och politik "
           "för socialt skydd samt genom att främja delat ansvar inom hushållet "
           "och familjen, utifrån vad som är lämpligt i varje land.",
    "5.5": "Säkerställa kvinnors fulla och faktiska deltagande och lika "
           "möjligheter till ledarskap på alla beslutsnivåer i det politiska, "
           "ekonomiska och offentliga livet.",
    "5.6": "Säkerställa allmän tillgång till sexuell och reproduktiv hälsa och "
           "reproduktiva rättigheter i enlighet med vad som överenskommits i "
           "handlingsprogrammet från den internationella konferensen om "
           "befolkning och utveckling och i handlingsplanen från Peking samt i "
           "slutdokumenten från deras respektive översynskonferenser.",
    "5.a": "Genomföra reformer för att ge kvinnor lika rätt till ekonomiska "
           "resurser samt tillgång till ägande och kontroll över mark och andra "
           "former av egendom, finansiella tjänster, arv och naturresurser, i "
           "enlighet med nationell lagstiftning.",
    "5.b": "Öka användningen av möjliggörande teknik, i synnerhet informations- "
           "och kommunikationsteknik, för att stärka kvinnors egenmakt.",
    "5.c": "Anta och stärka sunda strategier och verkställbar lagstiftning för "
           "att främja jämställdhet och alla kvinnors och flickors egenmakt på "
           "alla nivåer.",

    # --- Mål 6: Rent vatten och sanitet för alla ----------------------------
    "6.1": "Till 2030 uppnå allmän och rättvis tillgång till säkert dricksvatten "
           "till ett överkomligt pris för alla.",
    "6.2": "Till 2030 uppnå tillgång till fullgod och rättvis sanitet och "
           "hygien för alla samt få slut på bruket av öppen defekation, med "
           "särskild uppmärksamhet på behoven hos kvinnor och flickor och "
           "människor i utsatta situationer.",
    "6.3": "Till 2030 förbättra vattenkvaliteten genom att minska föroreningar, "
           "stoppa dumpning av avfall och minimera utsläppen av farliga "
           "kemikalier och material, halvera andelen orenat avloppsvatten samt "
           "väsentligt öka återvinningen och den säkra återanvändningen "
           "globalt.",
    "6.4": "Till 2030 väsentligt öka effektiviteten i vattenanvändningen inom "
           "alla sektorer och säkerställa hållbara uttag och tillgång till "
           "sötvatten för att komma till rätta med vattenbristen och väsentligt "
           "minska antalet människor som lider av vattenbrist.",
    "6.5": "Till 2030 genomföra en integrerad förvaltning av vattenresurser på "
           "alla nivåer, bland annat genom gränsöverskridande samarbete där så "
           "är lämpligt.",
    "6.6": "Till 2020 skydda och återställa vattenrelaterade ekosystem, "
           "inklusive berg, skogar, våtmarker, floder, akviferer och sjöar.",
    "6.a": "Till 2030 utöka det internationella samarbetet och stödet för "
           "kapacitetsuppbyggnad i utvecklingsländer när det gäller verksamheter "
           "och program som rör vatten och sanitet, inklusive uppsamling av "
           "vatten, avsaltning, effektiv vattenanvändning, rening av "
           "avloppsvatten samt teknik för återvinning och återanvändning.",
    "6.b": "Stödja och stärka lokalsamhällenas deltagande i arbetet med att "
           "förbättra förvaltningen av vatten och sanitet.",

    # --- Mål 7: Hållbar energi för alla -------------------------------------
    "7.1": "Till 2030 säkerställa allmän tillgång till ekonomiskt överkomliga, "
           "tillförlitliga och moderna energitjänster.",
    "7.2": "Till 2030 väsentligt öka andelen förnybar energi i den globala "
           "energimixen.",
    "7.3": "Till 2030 fördubbla den globala förbättringstakten när det gäller "
           "energieffektivitet.",
    "7.a": "Till 2030 stärka det internationella samarbetet för att underlätta "
           "tillgången till forskning och teknik kring ren energi, inklusive "
           "förnybar energi, energieffektivitet och avancerad och renare teknik "
           "för fossila bränslen, samt främja investeringar i "
           "energiinfrastruktur och teknik för ren energi.",
    "7.b": "Till 2030 bygga ut infrastrukturen och uppgradera tekniken för att "
           "leverera moderna och hållbara energitjänster till alla i "
           "utvecklingsländer, i synnerhet i de minst utvecklade länderna, i små "
           "önationer under utveckling och i kustlösa utvecklingsländer, i "
           "enlighet med deras respektive stödprogram.",

    # --- Mål 8: Anständiga arbetsvillkor och ekonomisk tillväxt -------------
    "8.1": "Upprätthålla en ekonomisk tillväxt per capita i enlighet med "
           "nationella förhållanden och i synnerhet en årlig tillväxt av "
           "bruttonationalprodukten på minst 7 procent i de minst utvecklade "
           "länderna.",
    "8.2": "Uppnå högre ekonomisk produktivitet genom diversifiering, teknisk "
           "uppgradering och innovation, bland annat genom fokus på sektorer med "
           "högt förädlingsvärde och arbetsintensiva sektorer.",
    "8.3": "Främja en utvecklingsinriktad politik som stöder produktiv "
           "verksamhet, skapandet av anständiga arbetstillfällen, "
           "entreprenörskap, kreativitet och innovation, och uppmuntra "
           "formalisering och tillväxt av mikroföretag samt små och medelstora "
           "företag, bland annat genom tillgång till finansiella tjänster.",
    "8.4": "Fram till 2030 successivt förbättra den globala resurseffektiviteten "
           "i konsumtion och produktion och sträva efter att frikoppla ekonomisk "
           "tillväxt från miljöförstöring, i enlighet med det tioåriga "
           "ramverket för program för hållbar konsumtion och produktion, med de "
           "utvecklade länderna i täten.",
    "8.5": "Till 2030 uppnå full och produktiv sysselsättning med anständiga "
           "arbetsvillkor för alla kvinnor och män, inklusive för unga och "
           "personer med funktionsnedsättning, samt lika lön för arbete av lika "
           "värde.",
    "8.6": "Till 2020 väsentligt minska andelen unga som varken arbetar, "
           "studerar eller deltar i någon annan utbildning.",
    "8.7": "Vidta omedelbara och effektiva åtgärder för att avskaffa "
           "tvångsarbete, få slut på modernt slaveri och människohandel samt "
           "säkerställa förbud mot och avskaffande av de värsta formerna av "
           "barnarbete, inklusive rekrytering och användning av barnsoldater, "
           "och till 2025 avskaffa barnarbete i alla dess former.",
    "8.8": "Skydda arbetstagares rättigheter och främja en trygg och säker "
           "arbetsmiljö för alla arbetstagare, inklusive migrerande "
           "arbetstagare, i synnerhet kvinnliga migranter, och personer i "
           "otrygga anställningar.",
    "8.9": "Till 2030 utarbeta och genomföra strategier för att främja hållbar "
           "turism som skapar arbetstillfällen och främjar lokal kultur och "
           "lokala produkter.",
    "8.10": "Stärka de inhemska finansinstitutionernas kapacitet att uppmuntra "
            "och utöka tillgången till bank-, försäkrings- och finansiella "
            "tjänster för alla.",
    "8.a": "Öka stödet inom ramen för initiativet Aid for Trade (handelsrelaterat "
           "bistånd) till utvecklingsländer, i synnerhet de minst utvecklade "
           "länderna, bland annat genom det förstärkta integrerade ramverket för "
           "handelsrelaterat tekniskt bistånd till de minst utvecklade "
           "länderna.",
    "8.b": "Till 2020 utveckla och operationalisera en global strategi för "
           "ungdomars sysselsättning och genomföra Internationella "
           "arbetsorganisationens globala pakt för arbetstillfällen.",

    # --- Mål 9: Hållbar industri, innovationer och infrastruktur ------------
    "9.1": "Bygga upp en hållbar, tillförlitlig och motståndskraftig "
           "infrastruktur av god kvalitet, inklusive regional och "
           "gränsöverskridande infrastruktur, för att stödja ekonomisk "
           "utveckling och människors välbefinnande, med fokus på ekonomiskt "
           "överkomlig och rättvis tillgång för alla.",
    "9.2": "Främja en inkluderande och hållbar industrialisering och till 2030 "
           "väsentligt öka industrins andel av sysselsättningen och "
           "bruttonationalprodukten, i linje med nationella förhållanden, samt "
           "fördubbla dess andel i de minst utvecklade länderna.",
    "9.3": "Öka tillgången för småskaliga industriföretag och andra företag, i "
           "synnerhet i utvecklingsländer, till finansiella tjänster, inklusive "
           "krediter till överkomliga kostnader, samt deras integrering i "
           "värdekedjor och på marknader.",
    "9.4": "Till 2030 uppgradera infrastrukturen och ställa om industrierna så "
           "att de blir hållbara, med effektivare resursanvändning och ökad "
           "användning av ren och miljövänlig teknik och industriprocesser, där "
           "alla länder vidtar åtgärder utifrån sina respektive förutsättningar.",
    "9.5": "Förbättra den vetenskapliga forskningen och uppgradera den tekniska "
           "kapaciteten inom industrisektorerna i alla länder, i synnerhet i "
           "utvecklingsländer, bland annat genom att till 2030 uppmuntra "
           "innovation och väsentligt öka antalet personer som arbetar med "
           "forskning och utveckling per en miljon invånare samt de offentliga "
           "och privata utgifterna för forskning och utveckling.",
    "9.a": "Underlätta utvecklingen av en hållbar och motståndskraftig "
           "infrastruktur i utvecklingsländer genom ökat finansiellt, "
           "teknologiskt och tekniskt stöd till afrikanska länder, de minst "
           "utvecklade länderna, kustlösa utvecklingsländer och små önationer "
           "under utveckling.",
    "9.b": "Stödja inhemsk teknikutveckling, forskning och innovation i "
           "utvecklingsländer, bland annat genom att säkerställa en gynnsam "
           "politisk miljö för bland annat industriell diversifiering och "
           "förädling av råvaror.",
    "9.c": "Väsentligt öka tillgången till informations- och "
           "kommunikationsteknik och sträva efter att till 2020 tillhandahålla "
           "allmän tillgång till internet till ett överkomligt pris i de minst "
           "utvecklade länderna.",

    # --- Mål 10: Minskad ojämlikhet -----------------------------------------
    "10.1": "Till 2030 successivt uppnå och upprätthålla en inkomsttillväxt för "
            "de fattigaste 40 procenten av befolkningen som är högre än det "
            "nationella genomsnittet.",
    "10.2": "Till 2030 möjliggöra och främja alla människors sociala, "
            "ekonomiska och politiska inkludering, oavsett ålder, kön, "
            "funktionsnedsättning, ras, etnicitet, ursprung, religion, "
            "ekonomisk ställning eller annan status.",
    "10.3": "Säkerställa lika möjligheter och minska ojämlikheten i utfall, "
            "bland annat genom att avskaffa diskriminerande lagar, strategier "
            "och metoder samt främja lämplig lagstiftning, politik och åtgärder "
            "i detta avseende.",
    "10.4": "Anta politik, särskilt finans-, löne- och socialskyddspolitik, och "
            "successivt uppnå större jämlikhet.",
    "10.5": "Förbättra regleringen och övervakningen av globala finansmarknader "
            "och finansinstitut och stärka genomförandet av sådana regelverk.",
    "10.6": "Säkerställa en förstärkt representation och röst för "
            "utvecklingsländer i beslutsfattandet i globala internationella "
            "ekonomiska och finansiella institutioner för att skapa mer "
            "effektiva, trovärdiga och legitima institutioner med "
            "ansvarsutkrävande.",
    "10.7": "Underlätta en ordnad, säker, reguljär och ansvarsfull migration och "
            "rörlighet för människor, bland annat genom att genomföra en "
            "planerad och välskött migrationspolitik.",
    "10.a": "Genomföra principen om särskild och differentierad behandling av "
            "utvecklingsländer, i synnerhet de minst utvecklade länderna, i "
            "enlighet med Världshandelsorganisationens avtal.",
    "10.b": "Uppmuntra offentligt utvecklingsbistånd och finansiella flöden, "
            "inklusive utländska direktinvesteringar, till de stater där behoven "
            "är störst, i synnerhet de minst utvecklade länderna, afrikanska "
            "länder, små önationer under utveckling och kustlösa "
            "utvecklingsländer, i enlighet med deras nationella planer och "
            "program.",
    "10.c": "Till 2030 minska transaktionskostnaderna för migranters "
            "penningöverföringar till mindre än 3 procent och avskaffa "
            "överföringskorridorer med kostnader som överstiger 5 procent.",

    # --- Mål 11: Hållbara städer och samhällen ------------------------------
    "11.1": "Till 2030 säkerställa tillgång för alla till fullgoda och säkra "
            "bostäder och grundläggande tjänster till ett överkomligt pris samt "
            "rusta upp slumområden.",
    "11.2": "Till 2030 ge alla tillgång till säkra, ekonomiskt överkomliga, "
            "tillgängliga och hållbara transportsystem och förbättra "
            "trafiksäkerheten, särskilt genom att bygga ut kollektivtrafiken, "
            "med särskild uppmärksamhet på behoven hos människor i utsatta "
            "situationer, kvinnor, barn, personer med funktionsnedsättning och "
            "äldre personer.",
    "11.3": "Till 2030 stärka en inkluderande och hållbar urbanisering och "
            "kapaciteten för en deltagandebaserad, integrerad och hållbar "
            "planering och förvaltning av bosättningar i alla länder.",
    "11.4": "Stärka insatserna för att skydda och trygga världens kultur- och "
            "naturarv.",
    "11.5": "Till 2030 väsentligt minska antalet dödsfall och antalet människor "
            "som drabbas av katastrofer, inklusive vattenrelaterade "
            "katastrofer, och väsentligt minska de direkta ekonomiska förluster "
            "som katastrofer orsakar i förhållande till den globala "
            "bruttonationalprodukten, med fokus på att skydda de fattiga och "
            "människor i utsatta situationer.",
    "11.6": "Till 2030 minska städernas negativa miljöpåverkan per capita, bland "
            "annat genom att ägna särskild uppmärksamhet åt luftkvaliteten samt "
            "åt hanteringen av kommunalt och annat avfall.",
    "11.7": "Till 2030 tillhandahålla allmän tillgång till säkra, inkluderande "
            "och tillgängliga grönområden och offentliga platser, i synnerhet "
            "för kvinnor och barn, äldre personer och personer med "
            "funktionsnedsättning.",
    "11.a": "Stödja positiva ekonomiska, sociala och miljömässiga kopplingar "
            "mellan stadsområden, stadsnära områden och landsbygdsområden genom "
            "att stärka den nationella och regionala utvecklingsplaneringen.",
    "11.b": "Till 2020 väsentligt öka antalet städer och bosättningar som antar "
            "och genomför integrerade strategier och planer för inkludering, "
            "resurseffektivitet, begränsning av och anpassning till "
            "klimatförändringarna samt motståndskraft mot katastrofer, och i "
            "linje med Sendairamverket för katastrofriskreducering 2015–2030 "
            "utveckla och genomföra en helhetsinriktad hantering av "
            "katastrofrisker på alla nivåer.",
    "11.c": "Stödja de minst utvecklade länderna, bland annat genom ekonomiskt "
            "och tekniskt bistånd, i arbetet med att uppföra hållbara och "
            "motståndskraftiga byggnader av lokala material.",

    # --- Mål 12: Hållbar konsumtion och produktion --------------------------
    "12.1": "Genomföra det tioåriga ramverket för program för hållbara "
            "konsumtions- och produktionsmönster, där alla länder vidtar "
            "åtgärder och de utvecklade länderna går i täten, med hänsyn till "
            "utvecklingsländernas utvecklingsnivå och förmåga.",
    "12.2": "Till 2030 uppnå en hållbar förvaltning och ett effektivt nyttjande "
            "av naturresurserna.",
    "12.3": "Till 2030 halvera det globala matsvinnet per capita i detaljhandels- "
            "och konsumentledet och minska livsmedelsförlusterna i produktions- "
            "och leveranskedjorna, inklusive förluster efter skörd.",
    "12.4": "Till 2020 uppnå en miljömässigt hållbar hantering av kemikalier och "
            "allt avfall under hela deras livscykel, i enlighet med "
            "överenskomna internationella ramverk, och väsentligt minska "
            "utsläppen av dem till luft, vatten och mark för att minimera deras "
            "negativa effekter på människors hälsa och på miljön.",
    "12.5": "Till 2030 väsentligt minska mängden avfall genom förebyggande "
            "åtgärder, minskning, materialåtervinning och återanvändning.",
    "12.6": "Uppmuntra företag, särskilt stora och multinationella företag, att "
            "införa hållbara metoder och att integrera hållbarhetsinformation i "
            "sin rapporteringscykel.",
    "12.7": "Främja hållbara metoder för offentlig upphandling i enlighet med "
            "nationell politik och nationella prioriteringar.",
    "12.8": "Till 2030 säkerställa att människor överallt har relevant "
            "information om och medvetenhet om hållbar utveckling och "
            "livsstilar i harmoni med naturen.",
    "12.a": "Stödja utvecklingsländer i att stärka sin vetenskapliga och "
            "tekniska kapacitet för att gå mot mer hållbara konsumtions- och "
            "produktionsmönster.",
    "12.b": "Utveckla och tillämpa verktyg för att följa upp effekterna på "
            "hållbar utveckling av en hållbar turism som skapar arbetstillfällen "
            "och främjar lokal kultur och lokala produkter.",
    "12.c": "Rationalisera ineffektiva subventioner av fossila bränslen som "
            "uppmuntrar till slösaktig konsumtion genom att avlägsna "
            "snedvridningar på marknaden, i enlighet med nationella "
            "förhållanden, bland annat genom att omstrukturera beskattningen och "
            "fasa ut sådana skadliga subventioner, där de förekommer, så att "
            "deras miljöpåverkan återspeglas, med full hänsyn till "
            "utvecklingsländernas särskilda behov och förhållanden och med så "
            "små negativa effekter som möjligt på deras utveckling, på ett sätt "
            "som skyddar de fattiga och de berörda samhällena.",

    # --- Mål 13: Bekämpa klimatförändringarna -------------------------------
    "13.1": "Stärka motståndskraften mot och förmågan till anpassning till "
            "klimatrelaterade faror och naturkatastrofer i alla länder.",
    "13.2": "Integrera åtgärder mot klimatförändringar i politik, strategier och "
            "planering på nationell nivå.",
    "13.3": "Förbättra utbildningen, medvetenheten och den mänskliga och "
            "institutionella kapaciteten när det gäller begränsning av "
            "klimatförändringarna, klimatanpassning, minskning av "
            "klimatförändringarnas effekter samt tidig varning.",
    "13.a": "Fullgöra det åtagande som de utvecklade länder som är parter i "
            "FN:s ramkonvention om klimatförändringar har gjort om att till 2020 "
            "gemensamt mobilisera 100 miljarder US-dollar per år från alla "
            "källor för att tillgodose utvecklingsländernas behov i samband med "
            "meningsfulla begränsningsåtgärder och transparens i genomförandet, "
            "samt så snart som möjligt göra Gröna klimatfonden fullt operativ "
            "genom att tillföra den kapital.",
    "13.b": "Främja mekanismer för att öka kapaciteten för effektiv "
            "klimatrelaterad planering och förvaltning i de minst utvecklade "
            "länderna och i små önationer under utveckling, bland annat med "
            "fokus på kvinnor, unga samt lokala och marginaliserade samhällen.",

    # --- Mål 14: Hav och marina resurser ------------------------------------
    "14.1": "Till 2025 förhindra och väsentligt minska alla slags "
            "havsföroreningar, i synnerhet från landbaserad verksamhet, "
            "inklusive marint skräp och förorening med näringsämnen.",
    "14.2": "Till 2020 förvalta och skydda marina ekosystem och kustekosystem "
            "på ett hållbart sätt för att undvika betydande negativa effekter, "
            "bland annat genom att stärka deras motståndskraft, och vidta "
            "åtgärder för att återställa dem i syfte att uppnå friska och "
            "produktiva hav.",
    "14.3": "Minimera och hantera effekterna av havsförsurningen, bland annat "
            "genom ett förstärkt vetenskapligt samarbete på alla nivåer.",
    "14.4": "Till 2020 effektivt reglera fisket och få slut på överfiske, "
            "olagligt, orapporterat och oreglerat fiske samt destruktiva "
            "fiskemetoder, och genomföra vetenskapligt grundade "
            "förvaltningsplaner för att på kortast möjliga tid återställa "
            "fiskbestånden, åtminstone till nivåer som kan ge maximal hållbar "
            "avkastning utifrån deras biologiska egenskaper.",
    "14.5": "Till 2020 bevara minst 10 procent av kust- och havsområdena, i "
            "enlighet med nationell och internationell rätt och på grundval av "
            "bästa tillgängliga vetenskapliga information.",
    "14.6": "Till 2020 förbjuda vissa former av fiskesubventioner som bidrar "
            "till överkapacitet och överfiske, avskaffa subventioner som bidrar "
            "till olagligt, orapporterat och oreglerat fiske och avstå från att "
            "införa nya sådana subventioner, med insikt om att en lämplig och "
            "effektiv särskild och differentierad behandling av "
            "utvecklingsländer och de minst utvecklade länderna bör utgöra en "
            "integrerad del av Världshandelsorganisationens förhandlingar om "
            "fiskesubventioner.",
    "14.7": "Till 2030 öka de ekonomiska fördelar som små önationer under "
            "utveckling och de minst utvecklade länderna får av ett hållbart "
            "nyttjande av marina resurser, bland annat genom en hållbar "
            "förvaltning av fiske, vattenbruk och turism.",
    "14.a": "Öka den vetenskapliga kunskapen, bygga upp forskningskapacitet och "
            "överföra marin teknik, med beaktande av Mellanstatliga "
            "oceanografiska kommissionens kriterier och riktlinjer för "
            "överföring av marin teknik, för att förbättra havens hälsa och öka "
            "den marina biologiska mångfaldens bidrag till utvecklingen i "
            "utvecklingsländer, i synnerhet i små önationer under utveckling och "
            "i de minst utvecklade länderna.",
    "14.b": "Ge småskaliga, hantverksmässiga fiskare tillgång till marina "
            "resurser och marknader.",
    "14.c": "Förbättra bevarandet och det hållbara nyttjandet av haven och deras "
            "resurser genom att genomföra den internationella rätt som kommer "
            "till uttryck i FN:s havsrättskonvention, som utgör den rättsliga "
            "ramen för bevarande och hållbart nyttjande av haven och deras "
            "resurser, vilket erinras om i punkt 158 i ”Den framtid vi vill "
            "ha”.",

    # --- Mål 15: Ekosystem och biologisk mångfald ---------------------------
    "15.1": "Till 2020 säkerställa bevarande, återställande och hållbart "
            "nyttjande av landbaserade ekosystem och sötvattensekosystem i "
            "inlandet samt deras ekosystemtjänster, i synnerhet skogar, "
            "våtmarker, berg och torra områden, i enlighet med förpliktelserna "
            "enligt internationella avtal.",
    "15.2": "Till 2020 främja ett hållbart brukande av alla typer av skogar, "
            "stoppa avskogningen, återställa skadade skogar och väsentligt öka "
            "nybeskogningen och återbeskogningen globalt.",
    "15.3": "Till 2030 bekämpa ökenspridning, återställa förstörd mark och jord, "
            "inklusive mark som drabbats av ökenspridning, torka och "
            "översvämningar, och sträva efter att uppnå en värld utan "
            "nettoförstöring av mark.",
    "15.4": "Till 2030 säkerställa bevarandet av bergsekosystemen, inklusive "
            "deras biologiska mångfald, för att stärka deras förmåga att ge "
            "nyttigheter som är nödvändiga för hållbar utveckling.",
    "15.5": "Vidta omedelbara och betydande åtgärder för att minska förstörelsen "
            "av naturliga livsmiljöer, hejda förlusten av biologisk mångfald och "
            "till 2020 skydda hotade arter och förhindra att de utrotas.",
    "15.6": "Främja en rättvis och jämlik fördelning av de fördelar som uppstår "
            "vid nyttjandet av genetiska resurser och främja lämplig tillgång "
            "till sådana resurser, i enlighet med internationella "
            "överenskommelser.",
    "15.7": "Vidta omedelbara åtgärder för att få slut på tjuvjakt på och "
            "handel med skyddade växt- och djurarter samt komma till rätta med "
            "både efterfrågan på och utbudet av olagliga produkter från vilda "
            "djur och växter.",
    "15.8": "Till 2020 införa åtgärder för att förhindra introduktion av "
            "invasiva främmande arter och väsentligt minska deras effekter på "
            "land- och vattenekosystem samt kontrollera eller utrota de "
            "prioriterade arterna.",
    "15.9": "Till 2020 integrera värdet av ekosystem och biologisk mångfald i "
            "nationell och lokal planering, utvecklingsprocesser, strategier för "
            "fattigdomsminskning och räkenskaper.",
    "15.a": "Mobilisera och väsentligt öka de ekonomiska resurserna från alla "
            "källor för att bevara och hållbart nyttja biologisk mångfald och "
            "ekosystem.",
    "15.b": "Mobilisera betydande resurser från alla källor och på alla nivåer "
            "för att finansiera ett hållbart skogsbruk och ge utvecklingsländer "
            "tillräckliga incitament att främja ett sådant skogsbruk, bland "
            "annat för bevarande och återbeskogning.",
    "15.c": "Öka det globala stödet till insatser för att bekämpa tjuvjakt på "
            "och handel med skyddade arter, bland annat genom att stärka "
            "lokalsamhällenas förmåga att ta vara på möjligheter till hållbar "
            "försörjning.",

    # --- Mål 16: Fredliga och inkluderande samhällen ------------------------
    "16.1": "Väsentligt minska alla former av våld och dödligheten i samband "
            "med våld överallt.",
    "16.2": "Stoppa övergrepp, exploatering, människohandel och alla former av "
            "våld mot och tortyr av barn.",
    "16.3": "Främja rättsstatens principer på nationell och internationell nivå "
            "och säkerställa lika tillgång till rättvisa för alla.",
    "16.4": "Till 2030 väsentligt minska olagliga finansiella flöden och "
            "vapenflöden, stärka återvinningen och återlämnandet av stulna "
            "tillgångar samt bekämpa alla former av organiserad brottslighet.",
    "16.5": "Väsentligt minska alla former av korruption och mutor.",
    "16.6": "Utveckla effektiva och transparenta institutioner med "
            "ansvarsutkrävande på alla nivåer.",
    "16.7": "Säkerställa ett lyhört, inkluderande, deltagandebaserat och "
            "representativt beslutsfattande på alla nivåer.",
    "16.8": "Bredda och stärka utvecklingsländernas deltagande i institutionerna "
            "för global styrning.",
    "16.9": "Till 2030 ge alla en juridisk identitet, inklusive genom "
            "födelseregistrering.",
    "16.10": "Säkerställa allmänhetens tillgång till information och skydda de "
             "grundläggande friheterna, i enlighet med nationell lagstiftning "
             "och internationella avtal.",
    "16.a": "Stärka relevanta nationella institutioner, bland annat genom "
            "internationellt samarbete, för att bygga upp kapacitet på alla "
            "nivåer, i synnerhet i utvecklingsländer, att förebygga våld och "
            "bekämpa terrorism och brottslighet.",
    "16.b": "Främja och upprätthålla icke-diskriminerande lagar och strategier "
            "för hållbar utveckling.",

    # --- Mål 17: Genomförande och globalt partnerskap -----------------------
    "17.1": "Stärka mobiliseringen av inhemska resurser, bland annat genom "
            "internationellt stöd till utvecklingsländer, för att förbättra den "
            "inhemska kapaciteten att ta ut skatter och andra intäkter.",
    "17.2": "De utvecklade länderna ska fullt ut genomföra sina åtaganden om "
            "offentligt utvecklingsbistånd, inklusive det åtagande som många "
            "utvecklade länder har gjort om att uppnå målet att avsätta 0,7 "
            "procent av bruttonationalinkomsten till offentligt "
            "utvecklingsbistånd (ODA/BNI) till utvecklingsländer och "
            "0,15–0,20 procent av ODA/BNI till de minst utvecklade länderna; "
            "givare av offentligt utvecklingsbistånd uppmuntras att överväga "
            "att sätta upp ett mål om att avsätta minst 0,20 procent av ODA/BNI "
            "till de minst utvecklade länderna.",
    "17.3": "Mobilisera ytterligare finansiella resurser från flera olika "
            "källor till utvecklingsländer.",
    "17.4": "Hjälpa utvecklingsländer att uppnå en långsiktigt hållbar "
            "skuldsättning genom en samordnad politik som syftar till att främja "
            "skuldfinansiering, skuldlättnader och skuldomstrukturering, där så "
            "är lämpligt, samt hantera de högt skuldsatta fattiga ländernas "
            "utlandsskulder för att minska deras skuldbörda.",
    "17.5": "Anta och genomföra system för att främja investeringar i de minst "
            "utvecklade länderna.",
    "17.6": "Stärka det regionala och internationella samarbetet mellan nord "
            "och syd och mellan länder i syd samt det triangulära samarbetet "
            "kring och tillgången till vetenskap, teknik och innovation, och "
            "öka kunskapsutbytet på ömsesidigt överenskomna villkor, bland annat "
            "genom bättre samordning mellan befintliga mekanismer, i synnerhet "
            "på FN-nivå, och genom en global mekanism för teknikfrämjande.",
    "17.7": "Främja utveckling, överföring, spridning och distribution av "
            "miljövänlig teknik till utvecklingsländer på gynnsamma villkor, "
            "inklusive på förmånliga och preferentiella villkor, enligt "
            "ömsesidig överenskommelse.",
    "17.8": "Till 2017 göra teknikbanken och mekanismen för kapacitetsuppbyggnad "
            "inom vetenskap, teknik och innovation för de minst utvecklade "
            "länderna fullt operativa samt öka användningen av möjliggörande "
            "teknik, i synnerhet informations- och kommunikationsteknik.",
    "17.9": "Öka det internationella stödet för att genomföra en effektiv och "
            "målinriktad kapacitetsuppbyggnad i utvecklingsländer till stöd för "
            "nationella planer för att genomföra alla mål för hållbar "
            "utveckling, bland annat genom samarbete mellan nord och syd och "
            "mellan länder i syd samt triangulärt samarbete.",
    "17.10": "Främja ett universellt, regelbaserat, öppet, icke-diskriminerande "
             "och rättvist multilateralt handelssystem inom ramen för "
             "Världshandelsorganisationen, bland annat genom att slutföra "
             "förhandlingarna inom ramen för dess utvecklingsagenda från Doha.",
    "17.11": "Väsentligt öka utvecklingsländernas export, i synnerhet i syfte "
             "att till 2020 fördubbla de minst utvecklade ländernas andel av "
             "den globala exporten.",
    "17.12": "Snarast genomföra ett varaktigt tull- och kvotfritt "
             "marknadstillträde för alla de minst utvecklade länderna, i "
             "överensstämmelse med Världshandelsorganisationens beslut, bland "
             "annat genom att säkerställa att de förmånliga ursprungsregler som "
             "tillämpas på import från de minst utvecklade länderna är "
             "transparenta och enkla och bidrar till att underlätta "
             "marknadstillträdet.",
    "17.13": "Öka den globala makroekonomiska stabiliteten, bland annat genom "
             "samordning av politiken och en samstämmig politik.",
    "17.14": "Öka samstämmigheten i politiken för hållbar utveckling.",
    "17.15": "Respektera varje lands politiska handlingsutrymme och ledarskap "
             "när det gäller att utforma och genomföra politik för att utrota "
             "fattigdomen och för hållbar utveckling.",
    "17.16": "Stärka det globala partnerskapet för hållbar utveckling, "
             "kompletterat av partnerskap mellan flera olika aktörer som "
             "mobiliserar och delar kunskap, expertis, teknik och finansiella "
             "resurser, för att stödja uppnåendet av målen för hållbar "
             "utveckling i alla länder, i synnerhet i utvecklingsländer.",
    "17.17": "Uppmuntra och främja effektiva offentliga partnerskap, "
             "offentlig-privata partnerskap och partnerskap med det civila "
             "samhället, med utgångspunkt i partnerskapens erfarenheter och "
             "strategier för resursanskaffning.",
    "17.18": "Till 2020 öka stödet för kapacitetsuppbyggnad i utvecklingsländer, "
             "inklusive i de minst utvecklade länderna och i små önationer under "
             "utveckling, för att väsentligt öka tillgången på aktuella och "
             "tillförlitliga data av hög kvalitet, uppdelade efter inkomst, kön, "
             "ålder, ras, etnicitet, migrationsstatus, funktionsnedsättning, "
             "geografisk plats och andra egenskaper som är relevanta i "
             "nationella sammanhang.",
    "17.19": "Till 2030 bygga vidare på befintliga initiativ för att utveckla "
             "mått på framsteg i fråga om hållbar utveckling som kompletterar "
             "bruttonationalprodukten, samt stödja uppbyggnaden av statistisk "
             "kapacitet i utvecklingsländer.",
}
