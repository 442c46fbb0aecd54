"""Demo content for events: a year of meetings, with the people who came and what they thought.

The calendar ("Kalender" / "Calendar") sits under each home page; the
Facilitators group may add, edit and publish events in it. Three recurring
meeting places (``EventSeries``) and thirteen events of their own make about
forty events from six months ago to six months ahead, every one in Swedish and
English, across all five types, ten counties, online and on site, organised by
demo actors (the actors app seeds first). Conferences and workshops have a
programme; some events are small and full with a waiting list, webinars have
no limit, and each has its registration window.

People are synthetic (example.org). Each event gets registrations in
proportion to its size and to how far its registration window has run, with
consents as the form records them (``consents.py``), some cancellations,
check-in for about 80 % of those who came to past events, and feedback from
about half of them. The co-creation workshop in Umeå records two outcomes,
linked to a demo coalition and a demo initiative. The national conference on
an inclusive working life has a matchmaking round: six slots, forty
participants with accounts and profiles in both languages (the demo member
Maja among them), scheduled by ``matchmaking_services.matchmaking_run`` and
partly answered.

Rows are written directly (``bulk_create``), as the other demo modules do:
the data describes a past that the services, which stamp "now" and send
e-mail, would not write. A random generator seeded by each event's slug makes
every run the same; dates are relative to the day of seeding. Events are
looked up by slug, so running ``seed_demo`` again creates nothing; an event
someone has since edited or removed is left as it is.

``--scale N`` adds N × 100 Swedish synthetic events with registrations, for
benchmarks of the calendar and the organisers' pages.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils import timezone
from wagtail.models import GroupPagePermission, Locale

from sihub.actors.models import Actor
from sihub.core.demo import ACCOUNTS, Log, _publish
from sihub.core.models import HomePage, Municipality, Sector, User
from sihub.core.roles import FACILITATOR, ROLES
from sihub.events import demo_content as content
from sihub.events.consents import CONSENT_KINDS, CONSENT_TEXT_VERSION, consent_text
from sihub.events.models import (
    ConsentKind,
    EventIndexPage,
    EventOutcome,
    EventPage,
    EventSeries,
    EventSession,
    Feedback,
    MatchMeeting,
    MatchParticipant,
    MatchProfile,
    MatchSlot,
    MeetingAnswer,
    ParticipantMessage,
    Registration,
    RegistrationConsent,
    RegistrationStatus,
)
from sihub.events.organiser_selectors import Audience
from sihub.sdg.demo_pages import EcosystemTags, RandomTags, bulk_add_children, ensure_pair
from sihub.sdg.models import Goal

FACILITATOR_EMAIL = next(a[0] for a in ACCOUNTS if FACILITATOR in a[3])
MEMBER_EMAIL = next(a[0] for a in ACCOUNTS if a[1] == "Maja")
FACILITATOR_PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page")

ATTENDANCE = 0.8  # share of confirmed people who came to a past event
CANCELLED = 0.06  # share of sign-ups later cancelled
FEEDBACK = 0.5  # share of those who came who answered the feedback form
MATCH_PARTICIPANTS = 40
SYNTHETIC_PER_SCALE = 100
SYNTHETIC_PREFIX = "syntetiskt-evenemang-"
_ASCII = str.maketrans("åäöéüÅÄÖÉÜ ", "aaoeuAAOEU.")
_RATINGS = (5, 4, 3, 2, 1)
_RATING_WEIGHTS = (40, 36, 15, 6, 3)


# --- The plan: what each event is -------------------------------------------------------------


@dataclass
class Plan:
    """One event to make, in both languages, with absolute times."""

    slug: tuple[str, str]
    title: tuple[str, str]
    type: str
    start: dt.datetime
    end: dt.datetime
    language: str
    organisers: list[str]
    tags: dict[str, list[Any]]
    intro: tuple[str, str]
    body: tuple[str, str]
    venue: str | None = None
    online: bool = False
    capacity: int | None = None
    full: bool = False
    opens: dt.datetime | None = None
    closes: dt.datetime | None = None
    registration: bool = True
    series: str | None = None
    sessions: list[tuple[Any, ...]] = field(default_factory=list)
    matchmaking: bool = False
    outcomes: bool = False


def _weekday(day: dt.date, *, days: int = 1) -> dt.date:
    """The day itself, or the Monday after when the event would touch a weekend."""
    last = day + dt.timedelta(days=days - 1)
    if day.weekday() >= 5 or last.weekday() >= 5:
        return day + dt.timedelta(days=7 - day.weekday())
    return day


def _at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def _plan(record: dict[str, Any], today: dt.date, *, series: str | None = None) -> Plan:
    hours = record["hours"]
    day = _weekday(today + dt.timedelta(days=record["day"]), days=1 + int(hours) // 24)
    start = _at(day, *record["start"])
    opens_before = record.get("opens_before", 45)
    closes_before = record.get("closes_before")
    return Plan(
        slug=record["slug"], title=record["title"], type=record["type"], start=start,
        end=start + dt.timedelta(hours=hours), language=record["language"],
        organisers=record["organisers"],
        tags={"sdgs": record["sdgs"], "targets": record.get("targets", []),
              "themes": record.get("themes", []), "sectors": record.get("sectors", [])},
        intro=record["intro"], body=record["body"], venue=record.get("venue"),
        online=record.get("online", not record.get("venue")),
        capacity=record.get("capacity"), full=record.get("full", False),
        opens=_at(start.date() - dt.timedelta(days=opens_before), 9),
        closes=(start - dt.timedelta(days=closes_before)) if closes_before else None,
        registration=record.get("registration", True), series=series,
        sessions=record.get("sessions", []), matchmaking=record.get("matchmaking", False),
        outcomes=record.get("outcomes", False))


def _series_records(spec: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """One event record per meeting of a series, topics and venues in turn."""
    name_sv, name_en = spec["name"]
    for i, day in enumerate(spec["days"]):
        topic = spec["topics"][i % len(spec["topics"])]
        sdgs = list(spec["sdgs"])
        if len(topic) == 3:  # the Agenda 2030 webinars: one goal each
            goal, topic_sv, topic_en = topic
            sdgs = [goal, *[g for g in sdgs if g != goal]]
            intro = content.goal_topic(goal)
        else:
            topic_sv, topic_en = topic
            intro = (f"{name_sv} träffas om {topic_sv[0].lower()}{topic_sv[1:]}.",
                     f"{name_en} meets on {topic_en[0].lower()}{topic_en[1:]}.")
        description_sv, description_en = spec["description"]
        venues = spec["venues"]
        venue = venues[i % len(venues)] if venues else None
        last_skane = spec["slug"].endswith("skane") and i == len(spec["days"]) - 1
        yield {
            "slug": (f"{spec['slug']}-{i + 1}", f"{spec['slug_en']}-{i + 1}"),
            "title": (f"{name_sv} – {topic_sv}", f"{name_en} – {topic_en}"),
            "type": spec["type"], "day": day, "start": spec["start"], "hours": spec["hours"],
            "venue": venue,
            # Every other northern forum is hybrid, for those far from the venue.
            "online": venue is None or (spec["slug"].endswith("norr") and i % 2 == 1),
            "language": spec["language"], "capacity": spec["capacity"],
            "opens_before": 30 if venue is None else 45,
            "organisers": spec["organisers"], "sdgs": sdgs, "themes": spec["themes"],
            "intro": intro,
            "body": (f"<p>{description_sv}</p>", f"<p>{description_en}</p>"),
            # Its last meeting is signed up for with the host, not on sihub.
            "registration": not last_skane,
        }


def plan_events(today: dt.date, *, per_series: int | None = None) -> list[Plan]:
    """Every demo event, its own and its series' (``per_series`` limits the latter)."""
    plans = [_plan(record, today) for record in content.EVENTS]
    for spec in content.SERIES:
        records = list(_series_records(spec))
        if per_series is not None:
            # Keep the earliest and the latest: a past and an upcoming meeting.
            records = (records[:per_series // 2] + records[-(per_series - per_series // 2):]
                       if per_series else [])
        plans.extend(_plan(record, today, series=spec["slug"]) for record in records)
    return plans


# --- Reference rows, read once ------------------------------------------------------------------


@dataclass
class Context:
    now: dt.datetime
    calendar_sv: EventIndexPage
    calendar_en: EventIndexPage
    tags: EcosystemTags
    series: dict[str, EventSeries]
    actors: dict[str, Actor]
    pool: list[tuple[int, str, int]]  # (actor id, name, sector id) of published actors
    sectors: dict[str, Sector]
    municipalities: dict[str, Municipality]
    facilitator: User | None
    consents: dict[tuple[str, str], str]  # (kind, language) -> the sentence shown

    @classmethod
    def load(cls, calendar_sv: EventIndexPage, calendar_en: EventIndexPage,
             series: dict[str, EventSeries]) -> Context:
        names = {n for r in content.EVENTS for n in r["organisers"]}
        names |= {n for s in content.SERIES for n in s["organisers"]}
        actors: dict[str, Actor] = {}
        for actor in Actor.objects.filter(name__in=names).order_by("pk"):
            actors.setdefault(actor.name, actor)
        return cls(
            now=timezone.now(), calendar_sv=calendar_sv, calendar_en=calendar_en,
            tags=EcosystemTags(),
            series=series, actors=actors,
            pool=list(Actor.objects.filter(is_published=True).order_by("pk")
                      .values_list("pk", "name", "sector_id")[:400]),
            sectors={s.slug: s for s in Sector.objects.all()},
            municipalities={m.code: m for m in Municipality.objects.select_related("county")},
            facilitator=User.objects.filter(email=FACILITATOR_EMAIL).first(),
            consents={(kind, lang): consent_text(kind, lang)
                      for kind in CONSENT_KINDS for lang in ("sv", "en")})


# --- The calendar and the series ----------------------------------------------------------------


def ensure_calendar(home_sv: HomePage, en: Locale) -> tuple[EventIndexPage, EventIndexPage]:
    record = content.CALENDAR
    fields = {lang: {"intro": record["intro"][lang], "show_in_menus": True}
              for lang in ("sv", "en")}
    sv, en_page = ensure_pair(home_sv, en, EventIndexPage, record, fields)
    return sv, en_page


def grant_facilitators(pages: list[EventIndexPage]) -> None:
    """Facilitators may add, edit and publish events in the calendar (not elsewhere)."""
    group = Group.objects.filter(name=ROLES[FACILITATOR].group_name).first()
    if group is None:
        return
    permissions = Permission.objects.filter(content_type__app_label="wagtailcore",
                                            codename__in=FACILITATOR_PAGE_PERMISSIONS)
    for page in pages:
        for permission in permissions:
            GroupPagePermission.objects.get_or_create(group=group, page=page,
                                                      permission=permission)


def ensure_series() -> dict[str, EventSeries]:
    series = {}
    for spec in content.SERIES:
        (name_sv, name_en), (description_sv, description_en) = spec["name"], spec["description"]
        row, _created = EventSeries.objects.get_or_create(slug=spec["slug"], defaults={
            "name_sv": name_sv, "name_en": name_en,
            "description_sv": description_sv, "description_en": description_en})
        series[spec["slug"]] = row
    return series


# --- One event ----------------------------------------------------------------------------------


def _page_fields(plan: Plan, lang: int) -> dict[str, Any]:
    """The fields that differ by language (0 Swedish, 1 English)."""
    access = content.ONLINE_ACCESS[lang]
    if plan.venue:
        access = content.VENUES[plan.venue][5][lang]
    return {"intro": plan.intro[lang], "body": plan.body[lang], "accessibility_info": access}


def _sessions(plan: Plan, lang: int) -> list[EventSession]:
    sessions = []
    for i, (minutes, length, titles, speakers, room, description) in enumerate(plan.sessions):
        start = plan.start + dt.timedelta(minutes=minutes)
        sessions.append(EventSession(
            start=start, end=start + dt.timedelta(minutes=length), title=titles[lang],
            speakers=speakers, room=room, description=description[lang] if description else "",
            sort_order=i))
    return sessions


def create_event(plan: Plan, ctx: Context) -> EventPage:
    """The Swedish page and its English translation, both published; returns the Swedish one.

    The translation is made directly (same ``translation_key``, under the English
    calendar) rather than by ``copy_for_translation``, which would save it three
    more times before the English texts are in.
    """
    common: dict[str, Any] = {
        "event_type": plan.type, "start": plan.start, "end": plan.end,
        "language": plan.language, "series": ctx.series.get(plan.series or ""),
        "capacity": plan.capacity, "waiting_list": True,
        "registration_enabled": plan.registration, "registration_opens": plan.opens,
        "registration_closes": plan.closes, "matchmaking_enabled": plan.matchmaking,
        "online_url": f"https://meet.example.org/sihub/{plan.slug[1]}" if plan.online else "",
    }
    tags = dict(plan.tags)
    if plan.venue:
        venue, street, postal, city, code, _access = content.VENUES[plan.venue]
        municipality = ctx.municipalities[code]
        common.update(venue_name=venue, street_address=street, postal_code=postal, city=city,
                      municipality=municipality)
        tags.update(counties=[municipality.county.code], municipalities=[code])
    organisers = [ctx.actors[n] for n in plan.organisers if n in ctx.actors]
    pages = []
    for lang, parent in ((0, ctx.calendar_sv), (1, ctx.calendar_en)):
        page = EventPage(title=plan.title[lang], slug=plan.slug[lang], **common,
                         **_page_fields(plan, lang))
        if pages:
            page.translation_key = pages[0].translation_key
        ctx.tags.apply(page, tags)
        page.organisers = organisers
        page.sessions = _sessions(plan, lang)
        parent.add_child(instance=page)
        _publish(page)
        pages.append(page)
    return pages[0]


# --- Who signed up ------------------------------------------------------------------------------


def _email(first: str, last: str, suffix: str = "") -> str:
    return f"{first}.{last}{suffix}@example.org".lower().translate(_ASCII)


def _language(plan: Plan, rng: random.Random) -> str:
    share = {"en": 0.7, "sv-en": 0.25}.get(plan.language, 0.04)
    return "en" if rng.random() < share else "sv"


def _demand(plan: Plan, ctx: Context, rng: random.Random) -> int:
    """How many sign up, by the size of the event and how far its window has run."""
    if plan.capacity is None:
        total = rng.randint(35, 130)
    else:
        total = round(plan.capacity * rng.uniform(0.55, 0.9))
        if plan.matchmaking:  # places kept for the matchmaking participants
            total = min(total, plan.capacity - MATCH_PARTICIPANTS - 10)
    closes = plan.closes or plan.start
    if closes > ctx.now and plan.opens:
        share = (ctx.now - plan.opens) / (closes - plan.opens)
        total = round(total * max(0.15, share))
    return max(1, total)


def _statuses(plan: Plan, ctx: Context, rng: random.Random) -> list[str]:
    """Each sign-up's status, in the order they came: a full event fills, then queues."""
    if not plan.registration or (plan.opens and plan.opens > ctx.now):
        return []
    demand = _demand(plan, ctx, rng)
    queue = rng.randint(3, 8) if plan.full else 0
    statuses: list[str] = []
    confirmed = waiting = 0

    def more() -> bool:
        if plan.full:  # until every place is taken and the queue has formed
            return confirmed < (plan.capacity or 0) or waiting < queue
        return len(statuses) < demand

    while more():
        if rng.random() < CANCELLED:
            statuses.append(RegistrationStatus.CANCELLED)
        elif plan.capacity is None or confirmed < plan.capacity:
            statuses.append(RegistrationStatus.CONFIRMED)
            confirmed += 1
        else:
            statuses.append(RegistrationStatus.WAITING)
            waiting += 1
    return statuses


def _signed_up_at(plan: Plan, ctx: Context, rng: random.Random, n: int) -> list[dt.datetime]:
    first = plan.opens or (plan.start - dt.timedelta(days=30))
    last = min(ctx.now, plan.closes or plan.start) - dt.timedelta(minutes=5)
    span = max(60.0, (last - first).total_seconds())
    # Most people sign up near the deadline: a triangular spread leaning late.
    return sorted(first + dt.timedelta(seconds=rng.triangular(0, span, span * 0.8))
                  for _ in range(n))


def _person(rng: random.Random, ctx: Context) -> dict[str, Any]:
    """Organisation (a directory actor most of the time), sector and needs of one registrant."""
    if ctx.pool and rng.random() < 0.85:
        actor_id, name, sector_id = rng.choice(ctx.pool)
    else:
        actor_id, name = None, rng.choice(("", "Privatperson", "Egenföretagare"))
        sector_id = rng.choice(list(ctx.sectors.values())).pk if rng.random() < 0.7 else None
    return {"actor_id": actor_id, "organisation": name, "sector_id": sector_id,
            "dietary_needs": rng.choice(content.DIETS) if rng.random() < 0.2 else "",
            "accessibility_needs": (rng.choice(content.ACCESS_NEEDS) if rng.random() < 0.05
                                    else "")}


def plan_registrations(plan: Plan, event: EventPage, ctx: Context, rng: random.Random,
                       serial: int) -> list[Registration]:
    """The sign-ups, oldest first, with who they are and what became of them."""
    statuses = _statuses(plan, ctx, rng)
    rows = []
    for i, (status, created) in enumerate(zip(statuses, _signed_up_at(plan, ctx, rng,
                                                                     len(statuses)),
                                              strict=True)):
        first, last = rng.choice(content.FIRST_NAMES), rng.choice(content.SURNAMES)
        changed = created
        if status == RegistrationStatus.CANCELLED:
            changed = min(ctx.now, plan.start,
                          created + dt.timedelta(days=rng.uniform(0.2, 20)))
        rows.append(Registration(
            event=event, name=f"{first} {last}", email=_email(first, last, f".{serial}{i:03d}"),
            language=_language(plan, rng), status=status, created_at=created,
            status_changed_at=max(created, changed), **_person(rng, ctx)))
    return rows


def _check_in(rows: list[Registration], plan: Plan, ctx: Context, rng: random.Random) -> None:
    if plan.end > ctx.now:
        return
    for row in rows:
        if row.status == RegistrationStatus.CONFIRMED and rng.random() < ATTENDANCE:
            row.checked_in_at = plan.start - dt.timedelta(minutes=rng.randint(0, 40))


def _consents(rows: list[Registration], ctx: Context, rng: random.Random, *,
              share: bool | None = None) -> list[RegistrationConsent]:
    odds = {ConsentKind.REGISTRATION: 1.0, ConsentKind.PHOTOS: 0.7,
            ConsentKind.SHARE_CONTACT: 0.55}
    consents = []
    for row in rows:
        for kind in CONSENT_KINDS:
            granted = rng.random() < odds[kind]
            if kind == ConsentKind.SHARE_CONTACT and share is not None:
                granted = share
            consents.append(RegistrationConsent(
                registration=row, kind=kind, granted=granted,
                text=ctx.consents[(kind, row.language)], text_version=CONSENT_TEXT_VERSION,
                recorded_at=row.created_at))
    return consents


def _feedback(rows: list[Registration], plan: Plan, ctx: Context,
              rng: random.Random) -> list[Feedback]:
    feedback = []
    networking = plan.type in ("conference", "network_meeting", "workshop")
    for row in rows:
        if row.checked_in_at is None or rng.random() >= FEEDBACK:
            continue
        rating = rng.choices(_RATINGS, weights=_RATING_WEIGHTS)[0]
        texts = {key: content.FEEDBACK[key][row.language] for key in ("useful", "improve")}
        feedback.append(Feedback(
            event_id=row.event_id, registration=row, rating=rating,
            useful=rng.choice(texts["useful"]) if rating >= 3 else "",
            improve=rng.choice(texts["improve"]),
            new_contacts=rng.choice((0, 1, 2, 2, 3, 4, 6) if networking else (0, 0, 1, 2)),
            would_recommend=rating >= 4 or (rating == 3 and rng.random() < 0.5),
            created_at=min(ctx.now, plan.end + dt.timedelta(days=rng.uniform(0.1, 6)))))
    return feedback


def add_registrations(plan: Plan, event: EventPage, ctx: Context, rng: random.Random,
                      serial: int, extra: list[Registration] | None = None) -> list[Registration]:
    """Registrations with their consents, check-ins and feedback, in bulk."""
    rows = plan_registrations(plan, event, ctx, rng, serial)
    _check_in(rows, plan, ctx, rng)
    rows = Registration.objects.bulk_create(rows)
    RegistrationConsent.objects.bulk_create(_consents(rows, ctx, rng))
    Feedback.objects.bulk_create(_feedback(rows, plan, ctx, rng))
    return rows


# --- After the event, and messages ---------------------------------------------------------------


def add_outcomes(event: EventPage, plan: Plan, ctx: Context) -> None:
    from sihub.coalitions.models import Coalition
    from sihub.impact.models import Initiative

    for i, spec in enumerate(content.OUTCOMES):
        EventOutcome(
            event=event, title=spec["title"], description=spec["description"],
            coalition=Coalition.objects.filter(slug=spec.get("coalition", "")).first(),
            initiative=Initiative.objects.filter(slug=spec.get("initiative", "")).first(),
            created_by=ctx.facilitator,
            created_at=min(ctx.now, plan.end + dt.timedelta(days=10 + 7 * i))).save()


def add_message(event: EventPage, plan: Plan, ctx: Context, rows: list[Registration]) -> None:
    """What the organisers wrote: practical information before, thanks after."""
    if plan.end < ctx.now:
        key, audience, sent = "after", Audience.CHECKED_IN, plan.end + dt.timedelta(days=1)
        count = sum(1 for r in rows if r.checked_in_at)
    else:
        key, audience, sent = "before", Audience.CONFIRMED, ctx.now - dt.timedelta(days=2)
        count = sum(1 for r in rows if r.status == RegistrationStatus.CONFIRMED)
    if not count:
        return
    subject, body = content.MESSAGES[key]
    ParticipantMessage.objects.create(
        event=event, subject=subject.format(title=plan.title[0]),
        body=body.format(title=plan.title[0]), audience=audience, recipients=count,
        sent_by=ctx.facilitator, sent_at=min(ctx.now, sent))


# --- The matchmaking round ------------------------------------------------------------------------


def _match_slots(event: EventPage) -> list[MatchSlot]:
    """Three 20-minute rounds on each day, in the programme's matchmaking time."""
    local = timezone.localtime(event.start)
    day1 = local.replace(hour=13, minute=0)
    day2 = (local + dt.timedelta(days=1)).replace(hour=10, minute=35)
    starts = [day1 + dt.timedelta(minutes=25 * i) for i in range(3)]
    starts += [day2 + dt.timedelta(minutes=25 * i) for i in range(3)]
    return MatchSlot.objects.bulk_create(
        [MatchSlot(event=event, start=s, end=s + dt.timedelta(minutes=20), tables=20)
         for s in starts])


def _match_users(ctx: Context, count: int) -> list[User]:
    """The demo member and synthetic participants with accounts that cannot log in."""
    people = [(content.FIRST_NAMES[i % len(content.FIRST_NAMES)],
               content.SURNAMES[(i * 7) % len(content.SURNAMES)]) for i in range(count)]
    emails = {_email(first, last): (first, last) for first, last in people}
    have = set(User.objects.filter(email__in=emails).values_list("email", flat=True))
    User.objects.bulk_create([
        User(email=email, first_name=first, last_name=last, password=make_password(None),
             preferred_language="en" if i % 4 == 3 else "sv")
        for i, (email, (first, last)) in enumerate(emails.items()) if email not in have])
    users = list(User.objects.filter(email__in=emails).order_by("email"))
    member = User.objects.filter(email=MEMBER_EMAIL).first()
    return ([member] + users[:count - 1]) if member else users[:count]


def _profiles(users: list[User], plan: Plan, ctx: Context,
              rng: random.Random) -> dict[int, MatchProfile]:
    """One profile per person (an existing one is theirs and kept), across the sectors."""
    existing = {p.user_id: p for p in MatchProfile.objects.filter(user__in=users)}
    goals = {g.number: g for g in Goal.objects.all()}
    sector_slugs = list(content.PROFILES)
    by_sector: dict[int, list[tuple[int, str, int]]] = {}
    for row in ctx.pool:
        by_sector.setdefault(row[2], []).append(row)
    new, goal_links = [], []
    for i, user in enumerate(users):
        if user.pk in existing:
            continue
        slug = "social-economy" if user.email == MEMBER_EMAIL else sector_slugs[i % 5]
        sector = ctx.sectors[slug]
        _lang, offers, seeks, interests = content.PROFILES[slug][(i // 5) % len(
            content.PROFILES[slug])]
        candidates = by_sector.get(sector.pk) or [(0, "", 0)]
        organisation = ("Kaffekoppen Umeå" if user.email == MEMBER_EMAIL
                        else rng.choice(candidates)[1])
        new.append(MatchProfile(user=user, organisation=organisation, sector=sector,
                                offers=offers, seeks=seeks, interests=interests))
        numbers = set(rng.sample(plan.tags["sdgs"], k=min(2, len(plan.tags["sdgs"]))))
        numbers.add(rng.choice((1, 3, 5, 11, 12, 16, 17)))
        goal_links.append(sorted(numbers))
    MatchProfile.objects.bulk_create(new)
    through = MatchProfile.sdgs.through
    through.objects.bulk_create([through(matchprofile_id=p.pk, goal_id=goals[n].pk)
                                 for p, numbers in zip(new, goal_links, strict=True)
                                 for n in numbers if n in goals])
    existing.update({p.user_id: p for p in new})
    return existing


def add_matchmaking(event: EventPage, plan: Plan, ctx: Context, rng: random.Random,
                    log: Log, count: int = MATCH_PARTICIPANTS) -> None:
    """Slots, participants who signed up with an account and opted in, then the scheduler."""
    slots = _match_slots(event)
    users = _match_users(ctx, count)
    profiles = _profiles(users, plan, ctx, rng)
    taken = set(Registration.objects.filter(
        event=event, status__in=[RegistrationStatus.CONFIRMED, RegistrationStatus.WAITING])
        .values_list("email", flat=True))
    users = [u for u in users if u.email not in taken]
    times = _signed_up_at(plan, ctx, rng, len(users))
    rows = Registration.objects.bulk_create([
        Registration(event=event, user=user, name=user.get_full_name() or user.email,
                     email=user.email, organisation=profiles[user.pk].organisation,
                     sector=profiles[user.pk].sector, language=user.preferred_language,
                     status=RegistrationStatus.CONFIRMED, created_at=at, status_changed_at=at)
        for user, at in zip(users, times, strict=True)])
    RegistrationConsent.objects.bulk_create(_consents(rows, ctx, rng, share=True))
    participants = MatchParticipant.objects.bulk_create([
        MatchParticipant(event=event, registration=row, profile=profiles[row.user_id],
                         joined_at=row.created_at + dt.timedelta(hours=rng.uniform(0.1, 48)))
        for row in rows])
    through = MatchParticipant.available_slots.through
    links = []
    for participant in participants:
        busy = {rng.randrange(len(slots))} if rng.random() < 0.3 else set()
        links += [through(matchparticipant_id=participant.pk, matchslot_id=slot.pk)
                  for i, slot in enumerate(slots) if i not in busy]
    through.objects.bulk_create(links)
    _run_scheduler(event, rng, log)


def _run_scheduler(event: EventPage, rng: random.Random, log: Log) -> None:
    """Propose the meetings, then let some people answer (most accept, a few decline)."""
    try:
        from sihub.events.matchmaking_services import matchmaking_run
    except ImportError:  # the matchmaking service is not installed: participants only
        log("events: no matchmaking service; the round has participants but no meetings")
        return
    report = matchmaking_run(actor=None, event=event)
    meetings = list(MatchMeeting.objects.filter(event=event).order_by("pk"))
    for meeting in meetings:
        roll = rng.random()
        if roll < 0.45:
            meeting.first_answer = meeting.second_answer = MeetingAnswer.ACCEPTED
        elif roll < 0.7:
            meeting.first_answer = MeetingAnswer.ACCEPTED
        elif roll < 0.75:
            meeting.second_answer = MeetingAnswer.DECLINED
    MatchMeeting.objects.bulk_update(meetings, ["first_answer", "second_answer"])
    log(f"events: matchmaking proposed {len(meetings)} meetings for "
        f"{getattr(report, 'participants', '?')} participants")


# --- Synthetic events for benchmarks -----------------------------------------------------------


def synthetic_events(calendar_sv: EventIndexPage, scale: int, log: Log) -> int:
    """``scale`` × 100 Swedish events over two years with registrations, in bulk."""
    from sihub.core.demo_text import synthetic_paragraph

    numbers = _missing(calendar_sv, scale * SYNTHETIC_PER_SCALE)
    if not numbers:
        return 0
    tags = RandomTags()
    types = [t for t, _label in EventPage._meta.get_field("event_type").choices]
    now = timezone.now().replace(minute=0, second=0, microsecond=0)

    def pages() -> Iterator[tuple[EventPage, dict[str, list[int]]]]:
        for n in numbers:
            rng = random.Random(f"synthetic-event-{n}")  # nosec B311 - synthetic demo data
            ids, place = tags.draw(rng)
            kind = rng.choice(types)
            start = now + dt.timedelta(days=rng.randint(-365, 365), hours=rng.randint(-6, 6))
            yield EventPage(
                title=f"{kind.replace('_', ' ').capitalize()} i {place} #{n}",
                slug=f"{SYNTHETIC_PREFIX}{n}", event_type=kind, start=start,
                end=start + dt.timedelta(hours=rng.choice((1, 2, 3, 6))),
                intro=synthetic_paragraph(n, "sv", words=25), city=place,
                capacity=rng.choice((None, 20, 50, 100)),
                registration_opens=start - dt.timedelta(days=45)), ids

    added = bulk_add_children(calendar_sv, pages(), total=len(numbers), log=log,
                              label="synthetic events", batch_size=1000)
    events = list(EventPage.objects.child_of(calendar_sv)
                  .filter(slug__in=[f"{SYNTHETIC_PREFIX}{n}" for n in numbers])
                  .values_list("pk", "start", "capacity"))
    for chunk in range(0, len(events), 200):
        rows = []
        for pk, start, capacity in events[chunk:chunk + 200]:
            rng = random.Random(f"synthetic-registrations-{pk}")  # nosec B311 - demo data
            for i in range(rng.randint(0, min(30, capacity or 30))):
                at = start - dt.timedelta(days=rng.uniform(1, 40))
                came = start < now and rng.random() < ATTENDANCE
                rows.append(Registration(
                    event_id=pk, name=f"Deltagare {i + 1}",
                    email=f"deltagare.{pk}.{i}@example.org", created_at=at,
                    status_changed_at=at, checked_in_at=start if came else None))
        Registration.objects.bulk_create(rows)
    return added


def _missing(calendar_sv: EventIndexPage, wanted: int) -> list[int]:
    have = set(EventPage.objects.child_of(calendar_sv)
               .filter(slug__startswith=SYNTHETIC_PREFIX).values_list("slug", flat=True))
    return [i for i in range(1, wanted + 1) if f"{SYNTHETIC_PREFIX}{i}" not in have]


# --- Entry point --------------------------------------------------------------------------------


def seed(*, scale: int, log: Log, per_series: int | None = None,
         match_participants: int = MATCH_PARTICIPANTS) -> None:
    """The calendar, the series and a year of events; those already there (by slug) are kept.

    ``per_series`` and ``match_participants`` make a smaller demo for tests.
    """
    from sihub.core import pagecache

    started = time.perf_counter()
    sv = Locale.objects.get(language_code="sv")
    en = Locale.objects.get(language_code="en")
    home_sv = HomePage.objects.filter(locale=sv).first()
    if home_sv is None:
        log("events: no home page (core seeds first); no calendar made")
        return
    with transaction.atomic():
        calendar_sv, calendar_en = ensure_calendar(home_sv, en)
        grant_facilitators([calendar_sv, calendar_en])
        series = ensure_series()
    ctx = Context.load(calendar_sv, calendar_en, series)
    plans = plan_events(timezone.localdate(), per_series=per_series)
    have = set(EventPage.objects.child_of(calendar_sv)
               .filter(slug__in=[p.slug[0] for p in plans]).values_list("slug", flat=True))
    added = 0
    for serial, plan in enumerate(plans, start=1):
        if plan.slug[0] in have:
            continue
        rng = random.Random(plan.slug[0])  # nosec B311 - deterministic demo data
        with transaction.atomic():
            event = create_event(plan, ctx)
            rows = add_registrations(plan, event, ctx, rng, serial)
            if plan.type in ("conference", "workshop"):
                add_message(event, plan, ctx, rows)
            if plan.outcomes:
                add_outcomes(event, plan, ctx)
        if plan.matchmaking:
            add_matchmaking(event, plan, ctx, rng, log, count=match_participants)
        added += 1
    log(f"events: {len(plans)} demo events in Swedish and English in {len(series)} series and "
        f"on their own; {added} added in {time.perf_counter() - started:.1f} s")
    if scale > 0:
        started = time.perf_counter()
        count = synthetic_events(calendar_sv, scale, log)
        log(f"events: {count} synthetic events added in {time.perf_counter() - started:.1f} s "
            f"({scale * SYNTHETIC_PER_SCALE} wanted)")
    pagecache.invalidate()  # bulk writes send no signals
