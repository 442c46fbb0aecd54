from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from sihub.core.demo import ACCOUNTS, DEMO_PASSWORD_FILE


class Command(BaseCommand):
    help = "Print where to log in with the demo admin account."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--url", default="http://127.0.0.1:8000")

    def handle(self, *args: Any, url: str, **options: Any) -> None:
        if not DEMO_PASSWORD_FILE.exists():
            self.stdout.write("No demo accounts: run `manage.py seed_demo` first.")
            return
        password = DEMO_PASSWORD_FILE.read_text().strip()
        line = "=" * 72
        self.stdout.write(
            f"{line}\n sihub is at {url}/  (Svenska: {url}/sv/  English: {url}/en/)\n"
            f" Log in at {url}/admin/ as {ACCOUNTS[0][0]} with password {password}\n"
            f" Other demo roles: {', '.join(a[0] for a in ACCOUNTS[1:])} (same password)\n{line}"
        )
