"""Events in the ecosystem graph: organisations that organise an event together are linked,
and each actor's profile lists the events it organises (through ``sihub.actors.graph``)."""

from __future__ import annotations

import itertools
from collections import defaultdict
from datetime import timedelta
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext

from sihub.actors.graph import Edge, LinkedItem
from sihub.core.i18n import current_language, pick_translation
from sihub.events.models import EventPage

EVENT_EDGE_KIND = "event"
# An actor's profile lists its upcoming events and those of the last year.
PROFILE_PAST_DAYS = 365


def _public_events() -> Any:
    return EventPage.objects.live().public()


def event_actor_edges() -> list[Edge]:
    """An edge between every two actors who organise the same public event (once per event)."""
    through = EventPage.organisers.through
    rows = through.objects.filter(eventpage__in=_public_events().values("pk")).values_list(
        "eventpage__translation_key", "eventpage__locale__language_code", "eventpage__title",
        "actor_id")
    actors: dict[Any, set[int]] = defaultdict(set)
    titles: dict[Any, dict[str, str]] = defaultdict(dict)
    for key, language, title, actor_id in rows:
        actors[key].add(actor_id)
        titles[key][language] = title
    language = current_language()
    return [Edge(source=a, target=b, kind=EVENT_EDGE_KIND, origin="events",
                 label=pick_translation(titles[key], language))
            for key in sorted(actors, key=str)
            for a, b in itertools.combinations(sorted(actors[key]), 2)]


def event_links_for_actor(actor_id: int) -> list[LinkedItem]:
    """The public events an actor organises (upcoming and of the last year), soonest first."""
    since = timezone.now() - timedelta(days=PROFILE_PAST_DAYS)
    public = _public_events().filter(end__gte=since)
    keys = public.filter(organisers=actor_id).values("translation_key")
    by_key: dict[Any, dict[str, EventPage]] = defaultdict(dict)
    for page in public.filter(translation_key__in=keys).select_related("locale"):
        by_key[page.translation_key][page.locale.language_code] = page
    language, kind = current_language(), gettext("Events")
    pages = sorted((pick_translation(p, language) for p in by_key.values()),
                   key=lambda page: page.start)
    items = []
    for page in pages:
        url = page.get_url()
        if url:
            title = f"{page.title} ({timezone.localtime(page.start):%Y-%m-%d})"
            items.append(LinkedItem(title=title, url=url, kind=kind))
    return items
