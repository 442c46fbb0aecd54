"""manage.py run_matchmaking: clear errors for bad input, figures for a run."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from sihub.events.tests.conftest import make_event

pytestmark = pytest.mark.django_db


def test_it_refuses_an_unknown_event_and_one_without_matchmaking(calendars):
    plain = make_event(calendars, "Utan matchning", english=False)
    with pytest.raises(CommandError, match="No event"):
        call_command("run_matchmaking", "999999")
    with pytest.raises(CommandError, match="not enabled"):
        call_command("run_matchmaking", str(plain.pk))
    with pytest.raises(CommandError, match="between 0 and 1"):
        call_command("run_matchmaking", str(plain.pk), "--min-fit", "2")


def test_it_prints_the_figures_of_a_run(calendars):
    event = make_event(calendars, "Med matchning", english=False, matchmaking_enabled=True)
    out = StringIO()
    call_command("run_matchmaking", str(event.pk), stdout=out)
    figures = json.loads(out.getvalue().splitlines()[-1])
    assert figures["participants"] == 0 and figures["proposed"] == 0
