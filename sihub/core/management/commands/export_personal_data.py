import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sihub.core.models import User
from sihub.core.privacy import personal_data_export
from sihub.core.services import audit_record


class Command(BaseCommand):
    help = "Write everything sihub holds about one person as JSON (GDPR access request)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email")

    def handle(self, *args: Any, email: str, **options: Any) -> None:
        user = User.objects.filter(email__iexact=email.strip()).first()
        if user is None:
            raise CommandError(f"No account with the e-mail address {email}")
        data = personal_data_export(user)
        audit_record(actor=None, action="person.exported", target=user)
        self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
