"""Seed the financial proxy library from data/proxies_sek.csv.

Idempotent (update_or_create by key): running it again, or after the CSV has
been corrected and the migration re-applied, leaves one row per key with the
file's values. Rows added in the admin are left alone; reversing removes
nothing, since value maps may point at the proxies by then.
"""

import csv
from decimal import Decimal
from pathlib import Path

from django.db import migrations

CSV_PATH = Path(__file__).resolve().parent.parent / "data" / "proxies_sek.csv"
FIELDS = ("name_sv", "name_en", "unit", "source_title", "source_publisher", "source_url", "note")


def load_proxies(apps, schema_editor):
    FinancialProxy = apps.get_model("impact", "FinancialProxy")
    with CSV_PATH.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            defaults = {name: row[name].strip() for name in FIELDS}
            defaults["value_sek"] = Decimal(row["value_sek"].strip())
            defaults["base_year"] = int(row["base_year"])
            FinancialProxy.objects.update_or_create(key=row["key"].strip(), defaults=defaults)


class Migration(migrations.Migration):
    dependencies = [("impact", "0001_initiatives_theory_of_change_sroi")]
    operations = [migrations.RunPython(load_proxies, migrations.RunPython.noop)]
