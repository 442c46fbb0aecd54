"""``manage.py load_survey_template``: install the built-in social enterprise monitor.

Safe to run any number of times: it publishes version 1 only when the family
``social-enterprise-monitor`` has no questionnaire yet, and otherwise leaves
what is there (perhaps edited into later versions) alone.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from sihub.surveys.template import TEMPLATE_FAMILY, install_template


class Command(BaseCommand):
    help = ("Publish the built-in social enterprise monitor questionnaire (Swedish and "
            "English) as version 1, unless its family already has a questionnaire.")

    def handle(self, *args: Any, **options: Any) -> None:
        questionnaire, created = install_template()
        parsed = questionnaire.schema
        counts = (f"{len(parsed.sections)} sections, {len(parsed.questions)} questions")
        if created:
            self.stdout.write(self.style.SUCCESS(
                f"Created “{questionnaire.title_en}” ({TEMPLATE_FAMILY} v1, published): "
                f"{counts}."))
        else:
            self.stdout.write(
                f"Already there: “{questionnaire.title_en}” ({TEMPLATE_FAMILY} "
                f"v{questionnaire.version}, {questionnaire.status}): {counts}. Nothing changed.")
