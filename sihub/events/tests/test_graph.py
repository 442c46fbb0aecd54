"""Events in the ecosystem graph: co-organisers linked, profiles list events."""

from __future__ import annotations

import pytest
from django.utils import translation

from sihub.actors.graph import ecosystem_graph, linked_content
from sihub.actors.tests.factories import make_actor
from sihub.events.tests.conftest import make_event

pytestmark = pytest.mark.django_db


def test_it_links_two_organisers_of_the_same_event_once(calendars):
    a, b, c = (make_actor(is_published=True) for _ in range(3))
    make_event(calendars, "Gemensam konferens", organisers=[a, b])
    make_event(calendars, "Egen träff", organisers=[c])
    _nodes, edges = ecosystem_graph()
    event_edges = [(e.source, e.target, e.label) for e in edges if e.origin == "events"]
    assert event_edges == [(min(a.pk, b.pk), max(a.pk, b.pk), "Gemensam konferens")]


def test_a_profile_lists_the_events_its_actor_organises_in_the_active_language(calendars):
    actor = make_actor(is_published=True)
    make_event(calendars, "Konferens", organisers=[actor])
    make_event(calendars, "Gammal träff", days=-400, organisers=[actor])
    with translation.override("en"):
        items = linked_content(actor.pk)
    assert [i.title.split(" (")[0] for i in items] == ["Konferens"]
    assert items[0].url.startswith("/en/")
