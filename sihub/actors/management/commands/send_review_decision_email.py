from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sihub.actors.tasks import KINDS, send_review_decision_email


class Command(BaseCommand):
    help = "Run the review-decision notification by hand for one claim or proposal."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", choices=sorted(KINDS))
        parser.add_argument("pk", type=int)

    def handle(self, *args: Any, kind: str, pk: int, **options: Any) -> None:
        if not send_review_decision_email.call(kind, pk):
            raise CommandError(f"No decided {kind} {pk} with a member to tell")
        self.stdout.write(f"Sent for {kind} {pk}")
