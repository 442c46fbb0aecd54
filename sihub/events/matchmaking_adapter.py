"""Matchmaking between the database and the pure scheduler, and the rows its pages show.

``match_fit`` and ``matchmaking`` know nothing of Django. This module turns an
event's rows into their plain ``Profile``/``Person``/``Slot``/``Problem``
(person ids are ``MatchParticipant`` ids), writes a ``Schedule`` back as
``MatchMeeting`` rows, and reads what the participant's and the organisers'
pages show — in a fixed number of queries however many people take part
(``tests/test_matchmaking_views.py`` counts them on the grid) — with each
reason code turned into a sentence in the active language.

Tables are numbered from 1 on the page and in the database, as at the venue.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from sihub.core.models import Sector
from sihub.events import match_fit
from sihub.events.models import (
    EventPage,
    MatchBlock,
    MatchMeeting,
    MatchParticipant,
    MatchSlot,
    MeetingAnswer,
    RegistrationStatus,
)

Embed = Callable[[list[str]], np.ndarray]
EXCERPT = 140  # characters of a profile text quoted in a reason


class CachedEmbed:
    """An embedder that remembers each text's vector: reasons reuse the fit matrix's vectors."""

    def __init__(self, base: Embed | None = None) -> None:
        self._base = base
        self._cache: dict[str, np.ndarray] = {}

    def __call__(self, texts: list[str]) -> np.ndarray:
        if self._base is None:
            from sihub.sdg.classifier.multilingual import default_embedder

            self._base = default_embedder()
        new = list(dict.fromkeys(t for t in texts if t not in self._cache))
        if new:
            for text, row in zip(new, np.asarray(self._base(new), dtype=np.float64), strict=True):
                self._cache[text] = row
        return np.array([self._cache[t] for t in texts])


def event_slots(event: EventPage, *, with_counts: bool = False) -> QuerySet[MatchSlot]:
    """The event's slots in time order (``meeting_count`` annotated on request)."""
    slots = MatchSlot.objects.filter(event=event).order_by("start", "pk")
    return slots.annotate(meeting_count=Count("meetings")) if with_counts else slots


# --- Rows → the scheduler's problem --------------------------------------------------------


def run_participants(event: EventPage) -> list[MatchParticipant]:
    """Who takes part in a run: opted in, with a confirmed registration (cancelled are out)."""
    return list(MatchParticipant.objects
                .filter(event=event, registration__status=RegistrationStatus.CONFIRMED)
                .select_related("profile__sector", "registration")
                .prefetch_related("available_slots", "profile__sdgs")
                .order_by("pk"))


def profile_for(participant: MatchParticipant) -> match_fit.Profile:
    """The participant's profile as the fit sees it (from prefetched rows; no query)."""
    profile = participant.profile
    return match_fit.Profile(
        id=participant.pk, sector=profile.sector.slug, offers=profile.offers,
        seeks=profile.seeks, interests=profile.interests,
        sdgs=frozenset(g.number for g in profile.sdgs.all()))


@dataclass
class Built:
    """A problem and what is needed to write its schedule back."""

    problem: Any  # matchmaking.Problem
    participants: list[MatchParticipant]  # aligned with problem.people
    profiles: dict[int, match_fit.Profile]  # by participant id
    embed: Embed


def blocked_pairs(event: EventPage) -> set[frozenset[int]]:
    """Pairs never to propose: blocks asked for, and meetings either side declined."""
    pairs = {frozenset((a, b)) for a, b in
             MatchBlock.objects.filter(event=event).values_list("first_id", "second_id")}
    declined = (MatchMeeting.objects.filter(event=event)
                .filter(Q(first_answer=MeetingAnswer.DECLINED)
                        | Q(second_answer=MeetingAnswer.DECLINED))
                .values_list("first_id", "second_id"))
    pairs |= {frozenset((a, b)) for a, b in declined}
    return pairs


def _both_accepted() -> Q:
    return Q(first_answer=MeetingAnswer.ACCEPTED, second_answer=MeetingAnswer.ACCEPTED)


def _problem(event: EventPage, participants: Sequence[MatchParticipant], fit: np.ndarray, *,
             max_meetings: int | None, min_fit: float) -> Any:
    """The ``matchmaking.Problem`` of ``participants`` (aligned with ``fit``)."""
    from sihub.events import matchmaking as mm

    ids = {p.pk for p in participants}
    slots = list(event_slots(event))
    fixed_rows = [m for m in MatchMeeting.objects.filter(event=event).filter(_both_accepted())
                  if m.first_id in ids and m.second_id in ids]
    # An accepted meeting holds its slot even if the person later unticked it.
    held: dict[int, set[int]] = defaultdict(set)
    for m in fixed_rows:
        held[m.first_id].add(m.slot_id)
        held[m.second_id].add(m.slot_id)
    people = [mm.Person(id=p.pk, sector=p.profile.sector.slug,
                        available=frozenset({s.pk for s in p.available_slots.all()}
                                            | held[p.pk]))
              for p in participants]
    index = {p.pk: i for i, p in enumerate(participants)}
    fixed = [mm.Meeting(slot=m.slot_id, table=m.table, a=min(m.first_id, m.second_id),
                        b=max(m.first_id, m.second_id),
                        score=float(fit[index[m.first_id], index[m.second_id]]))
             for m in fixed_rows]
    blocked = frozenset(pair for pair in blocked_pairs(event) if pair <= ids and len(pair) == 2)
    return mm.Problem(
        people=people, slots=[mm.Slot(id=s.pk, tables=s.tables) for s in slots], fit=fit,
        blocked=blocked, fixed=fixed, max_meetings=max_meetings, min_fit=min_fit)


def build_problem(event: EventPage, *, max_meetings: int | None = None, min_fit: float = 0.0,
                  embed: Embed | None = None) -> Built:
    """The event's scheduling problem: people, slots, fit, blocks and the accepted meetings."""
    participants = run_participants(event)
    profiles = [profile_for(p) for p in participants]
    cached = CachedEmbed(embed)
    fit = match_fit.fit_matrix(profiles, embed=cached) if profiles else np.zeros((0, 0))
    problem = _problem(event, participants, fit, max_meetings=max_meetings, min_fit=min_fit)
    return Built(problem=problem, participants=participants,
                 profiles={p.id: p for p in profiles}, embed=cached)


# --- A schedule → rows ---------------------------------------------------------------------


@dataclass(frozen=True)
class Written:
    proposed: int
    kept: int
    removed: int
    declined_blocked: int
    without_meeting: int
    meetings: list[Any]  # matchmaking.Meeting: the kept and the new, as written


def reason_rows(a: match_fit.Profile, b: match_fit.Profile, embed: Embed) -> list[dict[str, str]]:
    """``fit_reasons`` as the JSON the meeting row stores."""
    return [{"kind": code, "detail": detail}
            for code, detail in match_fit.fit_reasons(a, b, embed=embed)]


def write_schedule(event: EventPage, built: Built, result: Any) -> Written:
    """Keep both-accepted meetings, block declined pairs, replace the rest (caller's transaction).

    The accepted meetings are read again here: one accepted while the
    scheduler ran is kept too, and a new proposal that would clash with it
    (same table, or a person already busy in that slot) is left out.
    """
    from sihub.events import matchmaking as mm

    ids = {p.pk for p in built.participants}
    rows = list(MatchMeeting.objects.filter(event=event).select_for_update())
    declined = [m for m in rows if MeetingAnswer.DECLINED in (m.first_answer, m.second_answer)]
    blocks_before = MatchBlock.objects.filter(event=event).count()
    for m in declined:
        first, second = sorted((m.first_id, m.second_id))
        MatchBlock.objects.get_or_create(first_id=first, second_id=second,
                                         defaults={"event": event})
    declined_blocked = MatchBlock.objects.filter(event=event).count() - blocks_before
    kept = [m for m in rows if m.first_answer == MeetingAnswer.ACCEPTED
            and m.second_answer == MeetingAnswer.ACCEPTED
            and m.first_id in ids and m.second_id in ids]
    kept_ids = {m.pk for m in kept}
    removed = [m.pk for m in rows if m.pk not in kept_ids]
    MatchMeeting.objects.filter(pk__in=removed).delete()

    tables_taken = {(m.slot_id, m.table) for m in kept}
    busy = {(m.slot_id, p) for m in kept for p in (m.first_id, m.second_id)}
    pairs = {frozenset((m.first_id, m.second_id)) for m in kept}
    problem = built.problem
    available = {p.id: p.available for p in problem.people}
    caps = mm.person_caps(problem)
    count: dict[int, int] = defaultdict(int)
    for m in kept:
        count[m.first_id] += 1
        count[m.second_id] += 1
    new: list[MatchMeeting] = []
    for m in sorted(result.meetings, key=lambda m: (-m.score, m.slot, m.table)):
        pair = frozenset((m.a, m.b))
        if pair in pairs or pair in problem.blocked or (m.slot, m.table) in tables_taken \
                or (m.slot, m.a) in busy or (m.slot, m.b) in busy:
            continue  # a kept meeting, or a clash with one
        # The hard rules once more (cheap): a meeting the scheduler should not have
        # proposed is left out rather than shown to people.
        if any(m.slot not in available.get(p, ()) or count[p] >= caps.get(p, 0)
               for p in (m.a, m.b)):
            continue
        count[m.a] += 1
        count[m.b] += 1
        a, b = built.profiles[min(m.a, m.b)], built.profiles[max(m.a, m.b)]
        row = MatchMeeting(event=event, slot_id=m.slot, table=m.table, first_id=a.id,
                           second_id=b.id, score=round(float(m.score), 4),
                           reasons=reason_rows(a, b, built.embed))
        # Uniqueness is ensured above (and by the database constraint); no query per row.
        row.full_clean(validate_unique=False, validate_constraints=False)
        new.append(row)
        tables_taken.add((m.slot, m.table))
        busy.update({(m.slot, m.a), (m.slot, m.b)})
        pairs.add(pair)
    MatchMeeting.objects.bulk_create(new)
    met = {p for _, p in busy}
    written = [mm.Meeting(slot=m.slot_id, table=m.table, a=m.first_id, b=m.second_id,
                          score=m.score) for m in [*kept, *new]]
    return Written(proposed=len(new), kept=len(kept), removed=len(removed),
                   declined_blocked=declined_blocked,
                   without_meeting=sum(1 for pk in ids if pk not in met), meetings=written)


# --- Reasons in words ----------------------------------------------------------------------


def _excerpt(text: str) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= EXCERPT else text[:EXCERPT - 1].rstrip() + "…"


def _and_list(items: Sequence[str]) -> str:
    items = [str(i) for i in items]
    if len(items) <= 1:
        return "".join(items)
    return _("%(items)s and %(last)s") % {"items": ", ".join(items[:-1]), "last": items[-1]}


def reason_text(reason: dict[str, Any], *, me: MatchParticipant, partner: MatchParticipant,
                sector_names: dict[str, str]) -> str | None:
    """One stored reason as a sentence to ``me`` about ``partner`` (None for an unknown code)."""
    kind, detail = reason.get("kind", ""), str(reason.get("detail", ""))
    if kind == match_fit.OFFER_NEED:
        if detail == str(me.pk):
            return _("You offer what they are looking for. They look for: “%(seeks)s”") % {
                "seeks": _excerpt(partner.profile.seeks)}
        return _("They offer what you are looking for. They offer: “%(offers)s”") % {
            "offers": _excerpt(partner.profile.offers)}
    if kind == match_fit.INTERESTS:
        return _("Your interests are close (%(percent)s %% similar)") % {"percent": detail}
    if kind == match_fit.SDGS:
        goals = [g.strip() for g in detail.split(",") if g.strip()]
        return ngettext("You both work with global goal %(goals)s",
                        "You both work with global goals %(goals)s", len(goals)) % {
            "goals": _and_list(goals)}
    if kind == match_fit.CROSS_SECTOR:
        slug = partner.profile.sector.slug
        return _("They bring another sector's view: %(sector)s") % {
            "sector": sector_names.get(slug, slug)}
    return None


def sector_names() -> dict[str, str]:
    return {s.slug: s.name for s in Sector.objects.all()}


# --- What the participant's page shows -----------------------------------------------------


def participant_name(participant: MatchParticipant) -> str:
    return participant.registration.name or _("A participant")


def participant_organisation(participant: MatchParticipant) -> str:
    return participant.profile.organisation or participant.registration.organisation


@dataclass
class MyMeeting:
    """One of my meetings as my page shows it."""

    meeting: MatchMeeting
    partner: MatchParticipant
    partner_name: str
    partner_organisation: str
    partner_sector: str
    my_answer: str
    their_answer: str
    reasons: list[str] = field(default_factory=list)

    @property
    def state(self) -> str:
        """accepted (both), declined (either), or proposed."""
        answers = (self.my_answer, self.their_answer)
        if MeetingAnswer.DECLINED in answers:
            return MeetingAnswer.DECLINED
        if answers == (MeetingAnswer.ACCEPTED, MeetingAnswer.ACCEPTED):
            return MeetingAnswer.ACCEPTED
        return MeetingAnswer.PROPOSED

    @property
    def fit_percent(self) -> int:
        return max(0, min(100, round(self.meeting.score * 100)))


_MEETING_RELATED = ("slot", "first__profile__sector", "first__registration",
                    "second__profile__sector", "second__registration")


def my_meetings(participant: MatchParticipant) -> list[MyMeeting]:
    """My meetings in time order, with partner, answers and reasons (three queries)."""
    rows = (MatchMeeting.objects.filter(Q(first=participant) | Q(second=participant))
            .select_related(*_MEETING_RELATED).order_by("slot__start", "table"))
    names = sector_names()
    out = []
    for m in rows:
        mine_first = m.first_id == participant.pk
        me, partner = (m.first, m.second) if mine_first else (m.second, m.first)
        reasons = [t for r in (m.reasons or [])
                   if (t := reason_text(r, me=me, partner=partner, sector_names=names))]
        out.append(MyMeeting(
            meeting=m, partner=partner, partner_name=participant_name(partner),
            partner_organisation=participant_organisation(partner),
            partner_sector=partner.profile.sector.name,
            my_answer=m.first_answer if mine_first else m.second_answer,
            their_answer=m.second_answer if mine_first else m.first_answer,
            reasons=reasons))
    return out


def my_meeting(participant: MatchParticipant | None, meeting_id: int | None
               ) -> MatchMeeting | None:
    """One of the participant's own meetings by id; None for anyone else's."""
    if participant is None or meeting_id is None:
        return None
    return (MatchMeeting.objects.filter(Q(first=participant) | Q(second=participant))
            .filter(pk=meeting_id).first())


def my_partner(participant: MatchParticipant, partner_id: int | None) -> MatchParticipant | None:
    """Someone the participant has (or had, until the next run) a meeting with; else None."""
    meeting = (MatchMeeting.objects
               .filter(Q(first=participant, second_id=partner_id)
                       | Q(second=participant, first_id=partner_id))
               .select_related("first__profile", "second__profile").first())
    if meeting is None:
        return None
    return meeting.second if meeting.first_id == participant.pk else meeting.first


# --- What the organisers' grid shows -------------------------------------------------------


@dataclass
class GridColumn:
    slot: MatchSlot
    cells: list[MatchMeeting | None]  # index = table - 1, up to the grid's height


@dataclass
class GridSummary:
    participants: int
    proposed: int
    accepted: int
    declined: int
    average_fit: float | None
    variety_met: int
    variety_possible: int
    without_meeting: list[MatchParticipant]
    cancelled: int  # opted in, but the registration is no longer confirmed

    @property
    def average_percent(self) -> int | None:
        return None if self.average_fit is None else round(self.average_fit * 100)


@dataclass
class Grid:
    slots: list[MatchSlot]
    table_numbers: list[int]
    rows: list[tuple[int, list[MatchMeeting | None]]]  # (table, a cell per slot)
    meetings: list[MatchMeeting]
    summary: GridSummary


def meeting_state(m: MatchMeeting) -> str:
    answers = (m.first_answer, m.second_answer)
    if MeetingAnswer.DECLINED in answers:
        return MeetingAnswer.DECLINED
    if answers == (MeetingAnswer.ACCEPTED, MeetingAnswer.ACCEPTED):
        return MeetingAnswer.ACCEPTED
    return MeetingAnswer.PROPOSED


def variety(event: EventPage, participants: Sequence[MatchParticipant],
            pairs: Sequence[tuple[int, int]]) -> tuple[int, int]:
    """(met, possible) by the scheduler's own rule (``matchmaking.variety_possible``).

    Read without the fit (no embedding on a page view): as if every pair were
    eligible, which is what a run with the lowest fit at 0 sees.
    """
    from sihub.events import matchmaking as mm

    if not participants:
        return 0, 0
    n = len(participants)
    problem = _problem(event, participants, np.ones((n, n)), max_meetings=None, min_fit=0.0)
    possible = mm.variety_possible(problem)
    met = mm.variety_met(problem, [mm.Meeting(slot=0, table=0, a=a, b=b, score=0.0)
                                   for a, b in pairs])
    return len(met & possible), len(possible)


def grid_for(event: EventPage) -> Grid:
    """The event's whole grid (tables × slots) with its summary, in a fixed number of queries."""
    slots = list(MatchSlot.objects.filter(event=event).order_by("start", "pk"))
    participants = list(MatchParticipant.objects.filter(event=event)
                        .select_related("profile__sector", "registration")
                        .prefetch_related("available_slots").order_by("registration__name", "pk"))
    meetings = list(MatchMeeting.objects.filter(event=event).select_related(*_MEETING_RELATED)
                    .order_by("slot__start", "table"))
    height = max([m.table for m in meetings], default=0)
    by_cell = {(m.slot_id, m.table): m for m in meetings}
    rows = [(t, [by_cell.get((s.pk, t)) for s in slots]) for t in range(1, height + 1)]

    confirmed = [p for p in participants if p.registration.status == RegistrationStatus.CONFIRMED]
    live = [m for m in meetings if meeting_state(m) != MeetingAnswer.DECLINED]
    counts = defaultdict(int)
    for m in meetings:
        counts[meeting_state(m)] += 1
    people = {p.pk: p.profile.sector.slug for p in confirmed}
    pairs = [(m.first_id, m.second_id) for m in live
             if m.first_id in people and m.second_id in people]
    met, possible = variety(event, confirmed, pairs)
    with_meeting = {pk for pair in pairs for pk in pair}
    summary = GridSummary(
        participants=len(confirmed), proposed=counts[MeetingAnswer.PROPOSED],
        accepted=counts[MeetingAnswer.ACCEPTED], declined=counts[MeetingAnswer.DECLINED],
        average_fit=(sum(m.score for m in live) / len(live)) if live else None,
        variety_met=met, variety_possible=possible,
        without_meeting=[p for p in confirmed if p.pk not in with_meeting],
        cancelled=len(participants) - len(confirmed))
    return Grid(slots=slots, table_numbers=list(range(1, height + 1)), rows=rows,
                meetings=meetings, summary=summary)
