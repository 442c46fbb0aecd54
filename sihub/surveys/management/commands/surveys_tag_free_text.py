"""Suggest global goals for the free-text answers of a round again (e.g. after a new classifier).

Submission queues this for each response (``tasks.tag_free_text``); this
command does a whole round at once, in batches, with progress.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sihub.core.progress import ProgressBar, stderr_writer
from sihub.surveys import selectors
from sihub.surveys.classify import tag_response
from sihub.surveys.models import SurveyRound

BATCH = 200


class Command(BaseCommand):
    help = "Suggest SDGs for the free-text answers of every counted response of a survey round."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("round", help="The round's short name (slug) or id.")

    def handle(self, *args: Any, **options: Any) -> None:
        from sihub.sdg.classifier import get_classifier

        key = options["round"]
        rounds = SurveyRound.objects.select_related("questionnaire")
        survey_round = (rounds.filter(pk=int(key)).first() if key.isdigit()
                        else rounds.filter(slug=key).first())
        if survey_round is None:
            raise CommandError(f"No survey round {key!r}.")
        classifier = get_classifier()
        responses = selectors.counted_responses(survey_round).select_related(
            "round__questionnaire").order_by("pk")
        bar = ProgressBar(stderr_writer(self.stderr) if options["verbosity"] >= 1 else None,
                          survey_round.slug, total=responses.count())
        tagged = 0
        batch = []
        for response in responses.iterator(chunk_size=BATCH):
            tag_response(response, classifier)
            batch.append(response)
            if len(batch) == BATCH:
                tagged += self._save(batch, bar)
                batch = []
        tagged += self._save(batch, bar)
        bar.finish()
        self.stdout.write(self.style.SUCCESS(
            f"{tagged} response(s) of {survey_round.slug} with suggested goals."))

    @staticmethod
    def _save(batch: list[Any], bar: ProgressBar) -> int:
        if batch:
            type(batch[0]).objects.bulk_update(batch, ["text_sdgs"])
        bar.advance(len(batch))
        return sum(1 for r in batch if r.text_sdgs)
