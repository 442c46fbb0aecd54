from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sihub.core.tasks import send_role_change_email


class Command(BaseCommand):
    help = "Run the role-change notification task by hand for one user id."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("user_id", type=int)

    def handle(self, *args: Any, user_id: int, **options: Any) -> None:
        if not send_role_change_email.call(user_id):
            raise CommandError(f"No active user with id {user_id}")
        self.stdout.write(f"Sent to user {user_id}")
