"""``manage.py send_digest ID``: mail a published digest now (the task, run by hand).

Safe to run again: subscribers already mailed are skipped.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from sihub.monitoring.digests import digest_send
from sihub.monitoring.models import Digest, DigestStatus


class Command(BaseCommand):
    help = "Mail a published digest to its confirmed subscribers who have not had it yet."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("digest_id", type=int, help="The digest's id.")

    def handle(self, *args: Any, **options: Any) -> None:
        digest = Digest.objects.filter(pk=options["digest_id"]).first()
        if digest is None:
            raise CommandError(f"No digest with id {options['digest_id']}.")
        if digest.status != DigestStatus.PUBLISHED:
            raise CommandError("The digest is a draft: publish it first.")
        report = digest_send(digest_id=digest.pk)
        self.stdout.write(f"sent {report.sent}, skipped {report.skipped}, "
                          f"failed {report.failed}" + ("" if report.finished else
                                                       " (run again to retry the failed)"))
