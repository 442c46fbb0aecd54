from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sihub.core.models import User
from sihub.core.privacy import person_erase


class Command(BaseCommand):
    help = "Erase a person and everything registered about them (GDPR erasure request)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email")
        parser.add_argument("--yes", action="store_true", help="Do not ask for confirmation.")

    def handle(self, *args: Any, email: str, yes: bool, **options: Any) -> None:
        user = User.objects.filter(email__iexact=email.strip()).first()
        if user is None:
            raise CommandError(f"No account with the e-mail address {email}")
        if not yes and input(f"Erase {email} for good? Type 'yes': ").strip() != "yes":
            raise CommandError("Cancelled")
        report = person_erase(actor=None, user=user)
        rows = ", ".join(f"{k}: {v}" for k, v in report.rows.items() if v)
        self.stdout.write(f"Erased person #{report.user_id} ({rows or 'account only'}; "
                          f"{len(report.files)} files)")
