from datetime import timedelta

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "sihub.events"
    label = "events"
    verbose_name = _("Events")

    def ready(self) -> None:
        from sihub.actors.graph import (
            EdgeStyle,
            register_content_provider,
            register_edge_kind,
            register_edge_provider,
        )
        from sihub.core import scheduler
        from sihub.events import graph
        from sihub.events.models import EventPage
        from sihub.sdg.suggestions import fields_text, register_taggable

        # Co-organisers are linked in the ecosystem network; profiles list their events.
        register_edge_provider("events", graph.event_actor_edges)
        register_edge_kind(graph.EVENT_EDGE_KIND, _("Organise an event together"),
                           EdgeStyle(line="dashed", colour="#882255", directed=False,
                                     dash="6 3"))
        register_content_provider("events", graph.event_links_for_actor)
        # SDG suggestions from the event's text, refreshed when it is published.
        register_taggable(EventPage, text=fields_text("title", "intro", "body"))

        # Personal data of past events: anonymised SIHUB_EVENTS_RETENTION_DAYS after the end.
        scheduler.register("events.apply_retention", interval=timedelta(days=1),
                           task="sihub.events.tasks.apply_event_retention")
        # Feedback invitations to participants of events that ended (once per event).
        scheduler.register("events.feedback_invitations", interval=timedelta(hours=6),
                           task="sihub.events.feedback_tasks.send_due_feedback_invitations")
