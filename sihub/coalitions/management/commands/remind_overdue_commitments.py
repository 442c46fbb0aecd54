"""Send the overdue-commitment reminders now (the scheduler does it daily)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from sihub.coalitions.work_services import remind_overdue


class Command(BaseCommand):
    help = ("E-mail the contact of each overdue coalition commitment not yet reminded for its "
            "due date (with a copy to the coalition's initiator).")

    def handle(self, *args: Any, **options: Any) -> None:
        sent = remind_overdue()
        self.stdout.write(f"{sent} reminder(s) sent.")
