from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sihub.core.models import User
from sihub.core.privacy import email_erase, person_erase


class Command(BaseCommand):
    help = "Erase a person and everything registered about them (GDPR erasure request)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email")
        parser.add_argument("--yes", action="store_true", help="Do not ask for confirmation.")

    def handle(self, *args: Any, email: str, yes: bool, **options: Any) -> None:
        user = User.objects.filter(email__iexact=email.strip()).first()
        if not yes and input(f"Erase {email} for good? Type 'yes': ").strip() != "yes":
            raise CommandError("Cancelled")
        if user is None:
            # No account: still erase what is held under the address (e.g. an
            # actor's contact person), so a request from anyone can be met.
            erased = email_erase(actor=None, email=email.strip())
            rows = ", ".join(f"{k}: {v}" for k, v in erased.items() if v)
            self.stdout.write(f"No account with that address; erased by e-mail ({rows or 'nothing held'})")
            return
        report = person_erase(actor=None, user=user)
        rows = ", ".join(f"{k}: {v}" for k, v in report.rows.items() if v)
        self.stdout.write(f"Erased person #{report.user_id} ({rows or 'account only'}; "
                          f"{len(report.files)} files)")
