"""``sdg_retag [--model app_label.Model [--id ID]] [--apply-automatic]``

Classifies every object of every taggable model again (see
sdg/suggestions.py) and stores the suggestions, with a progress bar on
stderr and the counts on stdout. Texts are classified in batches. Running it
twice changes nothing the second time. ``--apply-automatic`` adds the
suggested goals to the objects themselves (source "automatic") instead of
leaving them for editors to accept; models registered with ``auto_apply``
always do that. ``--model … --id …`` is the background task run by hand.
"""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import models

from sihub.core.progress import ProgressBar, stderr_writer
from sihub.sdg.suggestions import do_apply_classifier_result, taggable_text, taggables


class Command(BaseCommand):
    help = "Re-classify all taggable content (or one model) and refresh its SDG suggestions."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--model", metavar="APP_LABEL.MODEL",
                            help="Only this model, e.g. cases.CasePage.")
        parser.add_argument("--id", type=int, dest="object_id", metavar="ID",
                            help="Only this object of --model.")
        parser.add_argument("--apply-automatic", action="store_true",
                            help="Add the suggested goals to the objects (source automatic) "
                                 "instead of leaving them as suggestions.")
        parser.add_argument("--batch-size", type=int, default=64,
                            help="Texts classified together (default 64).")

    def handle(self, *args: Any, **options: Any) -> None:
        from sihub.sdg.classifier import get_classifier

        if options["batch_size"] < 1:
            raise CommandError("--batch-size must be at least 1")
        if options["object_id"] is not None and not options["model"]:
            raise CommandError("--id needs --model")
        chosen = self._models(options["model"])
        classifier = get_classifier()
        verbosity = options["verbosity"]
        totals = {"objects": 0, "pending": 0, "applied": 0}
        for model in chosen:
            queryset = model._default_manager.order_by("pk")
            if options["object_id"] is not None:
                queryset = queryset.filter(pk=options["object_id"])
                if not queryset.exists():
                    raise CommandError(f"No {model._meta.label} with id {options['object_id']}")
            ids = list(queryset.values_list("pk", flat=True))
            bar = ProgressBar(stderr_writer(self.stderr) if verbosity >= 1 else None,
                               model._meta.label, total=len(ids))
            counts = {"objects": 0, "pending": 0, "applied": 0}
            auto = True if options["apply_automatic"] else None  # None: as registered
            for start in range(0, len(ids), options["batch_size"]):
                chunk = ids[start:start + options["batch_size"]]
                objects = list(model._default_manager.filter(pk__in=chunk).order_by("pk"))
                results = classifier.classify([taggable_text(obj) for obj in objects])
                for obj, result in zip(objects, results, strict=True):
                    outcome = do_apply_classifier_result(
                        obj=obj, result=result, version=classifier.version, auto_apply=auto)
                    counts["objects"] += 1
                    counts["pending"] += len(outcome.pending)
                    counts["applied"] += len(outcome.applied)
                bar.advance(len(chunk))
            bar.finish()
            if verbosity >= 1:
                self.stdout.write(f"{model._meta.label}: {counts['objects']} objects, "
                                  f"{counts['pending']} pending suggestions, "
                                  f"{counts['applied']} goals applied automatically")
            for key, value in counts.items():
                totals[key] += value
        self.stdout.write(self.style.SUCCESS(
            f"Re-tagged {totals['objects']} objects of {len(chosen)} models with "
            f"{classifier.version}: {totals['pending']} pending suggestions, "
            f"{totals['applied']} goals applied automatically."))

    def _models(self, label: str | None) -> list[type[models.Model]]:
        registered = taggables()
        if not label:
            return registered
        try:
            model = apps.get_model(label)
        except (LookupError, ValueError):
            raise CommandError(f"Unknown model {label!r}; use app_label.ModelName") from None
        if model not in registered:
            names = ", ".join(m._meta.label for m in registered)
            raise CommandError(f"{model._meta.label} is not taggable; taggable models: {names}")
        return [model]
