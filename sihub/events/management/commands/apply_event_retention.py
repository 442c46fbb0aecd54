"""Anonymise participants' personal data of past events now (the scheduler does it daily)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from sihub.events.retention import BATCH_SIZE, apply_event_retention, registrations_due


class Command(BaseCommand):
    help = ("Anonymise the registrations of events that ended more than "
            "SIHUB_EVENTS_RETENTION_DAYS ago (names, addresses, needs; matchmaking rows deleted). "
            "Safe to run again: rows already anonymised are skipped.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--batch-size", type=int, default=BATCH_SIZE,
                            help=f"Registrations per transaction (default {BATCH_SIZE}).")
        parser.add_argument("--dry-run", action="store_true",
                            help="Only count the registrations due; change nothing.")

    def handle(self, *args: Any, **options: Any) -> None:
        days = settings.SIHUB_EVENTS_RETENTION_DAYS
        if options["dry_run"]:
            self.stdout.write(f"{registrations_due().count()} registration(s) due "
                              f"(retention {days} days); nothing changed.")
            return
        count = apply_event_retention(batch_size=max(1, options["batch_size"]),
                                      log=self.stdout.write)
        self.stdout.write(self.style.SUCCESS(
            f"{count} registration(s) anonymised (retention {days} days)."))
