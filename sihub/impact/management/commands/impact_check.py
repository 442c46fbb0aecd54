"""``manage.py impact_check [SLUG]``: what the impact data holds, as plain text, read-only.

Until the initiative views exist this is how to see whether an initiative's
data is complete enough for an SROI ratio: one line per initiative, or, for
one SLUG, its value map and the ratio (or the reason there is none). The
command line reads everything (whoever runs it has the database anyway).
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import Count

from sihub.impact import selectors, services, sroi
from sihub.impact.models import Initiative, Measurement


def _ratio(initiative: Initiative) -> str:
    try:
        result = services.initiative_sroi(initiative)
    except sroi.SROIError as error:
        return f"no ratio ({error.code})"
    return f"SROI {sroi.display(result.sroi_ratio)}:1"


class Command(BaseCommand):
    help = "Summarise initiatives, or show one initiative's value map and SROI (read-only)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slug", nargs="?", help="One initiative's slug.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["slug"]:
            initiative = Initiative.objects.filter(slug=options["slug"]).first()
            if initiative is None:
                raise CommandError(f"No initiative with slug {options['slug']!r}.")
            self._one(initiative)
            return
        initiatives = Initiative.objects.annotate(
            team=Count("memberships", distinct=True), groups=Count("stakeholders", distinct=True),
            outcome_count=Count("outcomes", distinct=True),
            rows=Count("value_map_rows", distinct=True)).order_by("slug")
        for i in initiatives:
            visibility = "public" if i.is_public else "unpublished"
            self.stdout.write(
                f"{i.slug}\t{i.status}\t{visibility}\tteam {i.team}\tstakeholders {i.groups}\t"
                f"outcomes {i.outcome_count}\tvalue map rows {i.rows}\t{_ratio(i)}")
        self.stdout.write(f"{initiatives.count()} initiatives")

    def _one(self, initiative: Initiative) -> None:
        write = self.stdout.write
        write(f"{initiative.title} ({initiative.slug}), {initiative.get_status_display()}")
        write(f"indicators {selectors.indicators_of(initiative).count()}, measurements "
              f"{Measurement.objects.filter(indicator__outcome__initiative=initiative).count()}")
        try:
            vmap = services.value_map(initiative)
        except sroi.SROIError as error:
            write(f"value map: {error}")
            return
        for row in vmap.outcomes:
            write(f"  {row.label}: {row.quantity} × {row.proxy_value} SEK, "
                  f"dw {row.deadweight} disp {row.displacement} attr {row.attribution} "
                  f"drop {row.drop_off}, {row.duration_years} y"
                  f"{' from year 2' if row.starts_after_activity else ''}")
        write(f"inputs {vmap.inputs_total} SEK, discount rate {vmap.discount_rate}")
        try:
            result = services.initiative_sroi(initiative)
        except sroi.SROIError as error:
            write(f"no ratio: {error}")
            return
        write(f"present value {sroi.display(result.present_value)} SEK, "
              f"NPV {sroi.display(result.net_present_value)} SEK, "
              f"SROI {sroi.display(result.sroi_ratio)}:1, "
              f"payback {sroi.display(result.payback_months)} months")
