from __future__ import annotations

from importlib import import_module
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser


class Command(BaseCommand):
    help = (
        "Load bilingual demo content (idempotent). Each sihub app with a demo module "
        "contributes its part, bottom layer first. --scale N adds large synthetic data."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--scale", type=int, default=0,
                            help="Add N × 100 synthetic items per area (for benchmarks).")
        parser.add_argument("--force", action="store_true",
                            help="Allow running with SIHUB_ENV=production.")

    def handle(self, *args: Any, scale: int, force: bool, **options: Any) -> None:
        if scale < 0:
            raise CommandError("--scale must be 0 or more")
        if settings.PRODUCTION and not force:
            raise CommandError("Refusing to load demo data in production (use --force).")
        for app_config in apps.get_app_configs():
            if not app_config.name.startswith("sihub."):
                continue
            try:
                module = import_module(f"{app_config.name}.demo")
            except ModuleNotFoundError as exc:
                if exc.name == f"{app_config.name}.demo":
                    continue
                raise
            module.seed(scale=scale, log=lambda msg: self.stdout.write(msg))
        self.stdout.write(self.style.SUCCESS("Demo data is in place."))
