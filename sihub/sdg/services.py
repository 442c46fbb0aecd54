"""Writes in sdg: loading the Agenda 2030 reference data."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.db import transaction

DATA_FILE = Path(__file__).resolve().parent / "data" / "sdgs.json"


def reference_data_load(apps: Any = None) -> dict[str, int]:
    """Upsert the 17 goals and 169 targets from sdg/data/sdgs.json (idempotent)."""
    from django.apps import apps as global_apps

    apps = apps or global_apps
    Goal = apps.get_model("sdg", "Goal")
    Target = apps.get_model("sdg", "Target")
    data = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    with transaction.atomic():
        for g in data["goals"]:
            goal, _created = Goal.objects.update_or_create(
                number=g["number"],
                defaults={k: g[k] for k in ("color", "title_en", "title_sv", "text_en", "text_sv")},
            )
            for order, t in enumerate(g["targets"]):
                Target.objects.update_or_create(
                    code=t["code"],
                    defaults={"goal": goal, "sort_order": order,
                              "text_en": t["text_en"], "text_sv": t["text_sv"]},
                )
    return {"goals": Goal.objects.count(), "targets": Target.objects.count()}
