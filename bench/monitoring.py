"""Feed ingestion: 10,000 items from local feeds, with deduplication and tagging.

    .venv/bin/python bench/monitoring.py [--sources 40] [--items 250] [--json PATH]
                                         [--profile PATH] [--keep]

1. Generates ``--sources`` feed documents of ``--items`` entries each (RSS and
   Atom, Swedish and English, every other source each way), texts of
   realistic length built from sentence pools about the centre's themes, dates
   over the last twelve weeks. About one entry in eight reports a story other
   sources report too, under a near-identical title within three days, so
   stories form across sources.
2. Serves them from a local HTTP server (``monitoring/tests/servers.py``;
   ``SIHUB_FEEDS_ALLOW_PRIVATE_NETWORKS=1``) to a fresh SQLite database in a
   temp dir (``migrate`` first, not measured), with production settings as in
   ``load.py``.
3. Runs ``source_fetch`` for each source — fetch, parse, SDG classification,
   theme and actor tagging, stories — and times it (the classifier is loaded
   before the clock starts, as in a warm worker); then runs it all again,
   which must find every item unchanged (idempotence), and times that too.

Prints items, seconds, items/s, stories formed, duplicates grouped (items
that joined another item's story), items per SDG and per theme, and the
second run's time. Goal: the first run ≤ 60 s on 2 cores.
Exit status: 0; 1 when the goal is missed or the second run was not all
unchanged; 2 when setup failed. ``--profile PATH`` writes cProfile stats of
the first run and prints the 25 most expensive functions.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from xml.sax.saxutils import escape

sys.dont_write_bytecode = True  # no __pycache__ in bench/
REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

GOAL_SECONDS = 60.0
SEED = 7

SV_SUBJECTS = ["Kommunen", "Regionen", "Ett socialt företag", "Föreningen", "Kooperativet",
               "Stiftelsen", "Länsstyrelsen", "Ett bostadsbolag", "Högskolan", "Coompanion"]
SV_ACTIONS = ["startar", "satsar på", "utvärderar", "utökar", "lanserar", "testar", "bygger upp",
              "finansierar", "presenterar", "avslutar"]
SV_OBJECTS = ["arbetsintegrerande verksamhet", "social upphandling", "återbrukscenter",
              "språkcaféer för nyanlända", "digitala verktyg för äldre", "fritidsgårdar",
              "matbank mot matsvinn", "medborgardialoger", "klimatomställning på landsbygden",
              "sociala investeringar", "hemtjänst med nya arbetssätt", "vuxenutbildning"]
SV_PLACES = ["i Malmö", "i Umeå", "i Göteborg", "på Gotland", "i Järva", "i Jämtland",
             "i Örebro", "i Kiruna", "i Växjö", "i Norrköping", "i Luleå", "i Botkyrka"]
SV_SENTENCES = [
    "Satsningen ska ge fler långtidsarbetslösa en väg in på arbetsmarknaden.",
    "Projektet finansieras av Europeiska socialfonden och kommunen gemensamt.",
    "Idéburna organisationer och kommunen har tecknat ett idéburet offentligt partnerskap.",
    "Målet är att minska utsläppen och öka återbruket av möbler och kläder.",
    "Nyanlända kvinnor får stöd att starta egna företag och lära sig svenska.",
    "Vårdcentralen samarbetar med föreningar för att förebygga psykisk ohälsa bland unga.",
    "Äldre som bor ensamma erbjuds digitala träffar och hjälp med tekniken.",
    "Upphandlingen innehåller sysselsättningskrav och sociala hänsyn.",
    "Barn och unga i stadsdelen har varit med och utformat verksamheten.",
    "Skolmaten lagas nu av närproducerade råvaror och matsvinnet har halverats.",
    "Forskare vid universitetet följer arbetet och mäter den sociala effekten.",
    "En social utfallsmodell gör att investerare får tillbaka pengar om målen nås.",
    "Bostadsbolaget anställer hyresgäster för att rusta upp gårdarna i området.",
    "Landsbygdens byalag driver nu både affären och bensinstationen själva.",
    "Jämställdheten i styrelserna har ökat men lönegapet finns kvar.",
    "Civilsamhället spelar en allt viktigare roll i välfärden enligt rapporten.",
    "Deltagarna vittnar om att de fått nya kontakter och ökat självförtroende.",
    "Under hösten utvärderas arbetet och resultaten presenteras i en rapport.",
    "Fler kommuner i länet vill nu pröva samma arbetssätt.",
    "Verksamheten har hittills gett ett fyrtiotal personer anställning.",
    "Biologisk mångfald gynnas när gröna ytor i staden sköts av lokala föreningar.",
    "Demokratin stärks när invånare får inflytande över budgeten i sitt område.",
]
EN_SUBJECTS = ["The council", "A social enterprise", "The foundation", "A cooperative",
               "The region", "The university", "A housing association", "The ministry",
               "A network of charities", "The city"]
EN_ACTIONS = ["launches", "expands", "evaluates", "funds", "pilots", "scales up", "presents",
              "rethinks", "doubles", "completes"]
EN_OBJECTS = ["work integration programme", "social procurement rules", "repair café network",
              "language cafés for refugees", "digital inclusion for older people",
              "youth centres", "food bank against food waste", "participatory budgeting",
              "rural broadband cooperative", "social impact bond", "home care model",
              "adult education offer"]
EN_PLACES = ["in Manchester", "in Lyon", "in Bilbao", "in Tampere", "in Gdansk", "in Porto",
             "in Leipzig", "in Aarhus", "in Ghent", "in Turin", "in Cork", "in Tallinn"]
EN_SENTENCES = [
    "The programme offers long term unemployed people paid work and training.",
    "It is funded jointly by the European Social Fund and the local authority.",
    "Charities and the council signed a public social partnership last spring.",
    "The aim is to cut emissions and keep furniture and clothes in use for longer.",
    "Newly arrived women get support to start businesses and learn the language.",
    "The health centre works with local groups to prevent mental health problems.",
    "Older people living alone are offered online meetings and help with technology.",
    "The tender includes social clauses and employment requirements.",
    "Children and young people in the neighbourhood helped design the service.",
    "School meals are now cooked from local produce and food waste has halved.",
    "Researchers at the university follow the work and measure its social impact.",
    "Investors are repaid only if the agreed social outcomes are reached.",
    "The housing association hires tenants to renovate the courtyards.",
    "Villagers now run both the shop and the petrol station themselves.",
    "Gender equality on boards has improved but the pay gap remains.",
    "Civil society plays a growing role in welfare, the report finds.",
    "Participants say they have made new contacts and gained confidence.",
    "The work will be evaluated in the autumn and the results published.",
    "More municipalities in the region now want to try the same approach.",
    "So far the scheme has given some forty people a job.",
    "Biodiversity benefits when local groups look after green spaces in the city.",
    "Democracy grows stronger when residents decide over part of the budget.",
]
POOLS = {
    "sv": (SV_SUBJECTS, SV_ACTIONS, SV_OBJECTS, SV_PLACES, SV_SENTENCES),
    "en": (EN_SUBJECTS, EN_ACTIONS, EN_OBJECTS, EN_PLACES, EN_SENTENCES),
}


class Entry:
    def __init__(self, guid: str, title: str, link: str, published: datetime,
                 body: list[str]) -> None:
        self.guid, self.title, self.link, self.published, self.body = (
            guid, title, link, published, body)


def make_feeds(sources: int, items: int, now: datetime,
               rng: random.Random) -> list[tuple[str, str, list[Entry]]]:
    """(language, format, entries) per source; ~1 in 8 entries reports a shared story."""
    shared: dict[str, list[tuple[str, datetime]]] = {"sv": [], "en": []}
    for lang in ("sv", "en"):
        subjects, actions, objects, places, _ = POOLS[lang]
        for n in range(items // 4):
            title = (f"{rng.choice(subjects)} {rng.choice(actions)} {rng.choice(objects)} "
                     f"{rng.choice(places)} – nummer {n}" if lang == "sv" else
                     f"{rng.choice(subjects)} {rng.choice(actions)} {rng.choice(objects)} "
                     f"{rng.choice(places)}, part {n}")
            shared[lang].append((title, now - timedelta(minutes=rng.randrange(84 * 24 * 60))))
    feeds = []
    for s in range(sources):
        lang = "sv" if s % 2 == 0 else "en"
        fmt = "rss" if s % 4 < 2 else "atom"
        subjects, actions, objects, places, sentences = POOLS[lang]
        entries = []
        for i in range(items):
            if rng.random() < 0.125:
                title, moment = rng.choice(shared[lang])
                title = title + rng.choice(["", "!", ".", " ", ""])  # near-identical
                moment += timedelta(hours=rng.randrange(-48, 48))
            else:
                title = (f"{rng.choice(subjects)} {rng.choice(actions)} {rng.choice(objects)} "
                         f"{rng.choice(places)} ({s}-{i})")
                moment = now - timedelta(minutes=rng.randrange(84 * 24 * 60))
            paragraphs = [" ".join(rng.sample(sentences, rng.randrange(3, 6)))
                          for _ in range(rng.randrange(2, 5))]
            entries.append(Entry(f"urn:bench:{s}:{i}", title,
                                 f"https://news{s}.example.org/{lang}/{i}?utm_source=rss",
                                 min(moment, now), paragraphs))
        feeds.append((lang, fmt, entries))
    return feeds


def render(lang: str, fmt: str, s: int, entries: list[Entry]) -> tuple[bytes, str]:
    """The feed document and its content type."""
    def html(entry: Entry) -> str:
        return escape("".join(f"<p>{escape(p)}</p>" for p in entry.body))

    if fmt == "rss":
        items = "".join(
            f"<item><guid isPermaLink=\"false\">{e.guid}</guid><title>{escape(e.title)}</title>"
            f"<link>{escape(e.link)}</link><pubDate>{format_datetime(e.published)}</pubDate>"
            f"<description>{html(e)}</description></item>" for e in entries)
        doc = (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
               f"<title>Source {s}</title><link>https://news{s}.example.org/</link>"
               f"<language>{lang}</language>{items}</channel></rss>")
        return doc.encode(), "application/rss+xml"
    items = "".join(
        f"<entry><id>{e.guid}</id><title>{escape(e.title)}</title>"
        f'<link href="{escape(e.link)}"/><updated>{e.published.isoformat()}</updated>'
        f'<content type="html">{html(e)}</content></entry>' for e in entries)
    doc = (f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom" '
           f'xml:lang="{lang}"><title>Source {s}</title><id>urn:bench:{s}</id>'
           f"<updated>{datetime.now(UTC).isoformat()}</updated>{items}</feed>")
    return doc.encode(), "application/atom+xml"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sources", type=int, default=40)
    parser.add_argument("--items", type=int, default=250, help="entries per source")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--profile", type=Path, help="cProfile the first run into PATH")
    parser.add_argument("--keep", action="store_true", help="keep the scratch directory")
    args = parser.parse_args()

    from load import bench_env

    workdir = Path(tempfile.mkdtemp(prefix="sihub-bench-monitoring-"))
    os.environ.clear()
    os.environ.update(bench_env(workdir))
    os.environ["SIHUB_FEEDS_ALLOW_PRIVATE_NETWORKS"] = "1"
    os.environ["DJANGO_SETTINGS_MODULE"] = "sihub.settings"
    os.environ["SIHUB_LOG_LEVEL"] = "WARNING"
    try:
        return run(args, workdir)
    finally:
        if args.keep:
            print(f"Kept {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)


def run(args: argparse.Namespace, workdir: Path) -> int:
    import django

    django.setup()
    from django.core.management import call_command

    try:
        started = time.perf_counter()
        call_command("migrate", verbosity=0, interactive=False)
        print(f"Fresh SQLite database in {workdir} ({time.perf_counter() - started:.1f} s)")
    except Exception as exc:  # noqa: BLE001 - setup failed: say why, exit 2
        print(f"setup failed: {type(exc).__name__}: {exc}")
        return 2

    from django.db.models import Count

    from sihub.core.models import Theme
    from sihub.monitoring.models import Item, Source, Story
    from sihub.monitoring.services import FetchReport, source_fetch
    from sihub.monitoring.tests.servers import LocalServer, respond
    from sihub.sdg.classifier import get_classifier
    from sihub.sdg.models import Goal

    rng = random.Random(SEED)
    now = datetime.now(UTC).replace(microsecond=0)
    feeds = make_feeds(args.sources, args.items, now, rng)
    server = LocalServer()
    sources = []
    total_bytes = 0
    for s, (lang, fmt, entries) in enumerate(feeds):
        body, content_type = render(lang, fmt, s, entries)
        total_bytes += len(body)
        path = f"/feed/{s}.xml"
        server.routes[path] = (lambda h, body=body, ct=content_type:
                               respond(h, 200, body, content_type=ct))
        sources.append(Source.objects.create(name=f"Source {s}", url=server.url(path),
                                             language=lang))
    themes = list(Theme.objects.order_by("pk"))
    for source in sources[::3]:
        source.themes.set(rng.sample(themes, 1))
    expected = args.sources * args.items
    print(f"{args.sources} feeds ({total_bytes / 1e6:.1f} MB), {expected} entries, "
          f"served from {server.url('/')}")
    started = time.perf_counter()
    get_classifier()
    print(f"Classifier loaded in {time.perf_counter() - started:.1f} s (not measured)")

    def fetch_all() -> tuple[FetchReport, float]:
        total = FetchReport()
        began = time.perf_counter()
        for source in sources:
            report = source_fetch(source=source)
            if report.errors:
                print(f"  {source.name}: {report.error}")
            total += report
        return total, time.perf_counter() - began

    try:
        if args.profile:
            import cProfile
            import pstats

            profiler = cProfile.Profile()
            first, seconds = profiler.runcall(fetch_all)
            profiler.dump_stats(str(args.profile))
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)
        else:
            first, seconds = fetch_all()
        second, seconds_again = fetch_all()
    finally:
        server.close()

    items = Item.objects.count()
    stories = Story.objects.count()
    grouped = Story.objects.annotate(n=Count("items")).filter(n__gt=1)
    multi_source = sum(1 for s in grouped.annotate(k=Count("items__source", distinct=True))
                       if s.k > 1)
    per_goal = {g.number: g.n for g in Goal.objects.annotate(n=Count("feed_items"))}
    per_theme = {t.slug: t.n for t in Theme.objects.annotate(n=Count("feed_items"))}
    figures = {
        "items": items,
        "seconds": round(seconds, 2),
        "items_per_second": round(items / seconds, 1) if seconds else None,
        "new": first.new, "errors": first.errors,
        "stories": stories,
        "duplicates_grouped": items - stories,
        "stories_with_duplicates": grouped.count(),
        "stories_across_sources": multi_source,
        "items_per_sdg": per_goal,
        "items_per_theme": per_theme,
        "items_without_theme": Item.objects.filter(themes__isnull=True).count(),
        "second_run_seconds": round(seconds_again, 2),
        "second_run": {"new": second.new, "updated": second.updated,
                       "unchanged": second.unchanged, "errors": second.errors},
        "cpus": os.cpu_count(),
        "goal_seconds": GOAL_SECONDS,
    }
    print(f"\nItems stored        {items} (new {first.new}, failed sources {first.errors})")
    print(f"First run           {seconds:.1f} s, {figures['items_per_second']} items/s "
          f"(goal ≤ {GOAL_SECONDS:.0f} s; {os.cpu_count()} CPUs)")
    print(f"Stories formed      {stories}; duplicates grouped {items - stories} "
          f"({grouped.count()} stories with 2+ items, {multi_source} across sources)")
    print("Items per SDG       " + ", ".join(f"{n}: {c}" for n, c in sorted(per_goal.items())))
    print("Items per theme     " + ", ".join(f"{s}: {c}" for s, c in sorted(per_theme.items())))
    print(f"Without a theme     {figures['items_without_theme']}")
    print(f"Second run          {seconds_again:.1f} s: {second.new} new, {second.updated} "
          f"updated, {second.unchanged} unchanged, {second.errors} failed")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2))
    ok = (seconds <= GOAL_SECONDS and items == expected and second.unchanged == expected
          and not first.errors and not second.errors)
    print("Goal met." if ok else "Goal missed.")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
