"""Run the 1:1 matchmaking scheduler for one event now (organisers do it from the grid page)."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sihub.events.models import EventPage


class Command(BaseCommand):
    help = ("Propose 1:1 meetings for an event with matchmaking: keeps meetings both sides "
            "accepted, replaces the other proposals; prints the run's figures as JSON.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("event_id", type=int, help="The event's (Swedish) page id.")
        parser.add_argument("--max-meetings", type=int, default=None,
                            help="At most this many meetings per person (default: one a slot).")
        parser.add_argument("--min-fit", type=float, default=0.0,
                            help="Propose no pair whose fit is below this (0–1).")

    def handle(self, *args: Any, event_id: int, max_meetings: int | None, min_fit: float,
               **options: Any) -> None:
        from sihub.events.matchmaking_services import matchmaking_run

        if max_meetings is not None and max_meetings < 1:
            raise CommandError("--max-meetings must be 1 or more")
        if not 0.0 <= min_fit <= 1.0:
            raise CommandError("--min-fit must be between 0 and 1")
        event = EventPage.objects.filter(pk=event_id).first()
        if event is None:
            raise CommandError(f"No event with id {event_id}")
        event = event.canonical
        if not event.matchmaking_enabled:
            raise CommandError(f"Matchmaking is not enabled for event {event.pk} ({event.title})")
        self.stdout.write(f"Scheduling meetings for {event.title} …")
        report = matchmaking_run(actor=None, event=event, max_meetings=max_meetings,
                                 min_fit=min_fit)
        self.stdout.write(json.dumps(report.as_data(), ensure_ascii=False))
