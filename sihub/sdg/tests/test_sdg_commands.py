"""``sdg_classify`` (JSON lines in and out) and ``sdg_retag`` (re-tag everything)."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from wagtail.models import Page

from sihub.actors.tests.factories import make_actor
from sihub.cases.models import CaseIndexPage, CasePage
from sihub.sdg.classifier import get_classifier
from sihub.sdg.models import Goal, SDGSuggestion, SDGTagProvenance, TagSource
from sihub.sdg.suggestions import provenance_for

HEALTH_EN = (
    "The regional hospital expands primary health care so that every patient is treated in "
    "time. New health centres with more doctors and nurses cut waiting times."
)
HEALTH_SV = (
    "Regionen bygger ut sjukhusets primärvård så att alla patienter får vård i tid. Nya "
    "vårdcentraler med fler läkare och sjuksköterskor kortar väntetiderna."
)


def classify(lines: list[str] | str, *args: str) -> tuple[list[dict], CommandError | None]:
    """Run sdg_classify on ``lines``; the JSON objects it wrote and the error it raised."""
    stdin = io.StringIO(lines if isinstance(lines, str) else "".join(f"{x}\n" for x in lines))
    out = io.StringIO()
    error = None
    try:
        call_command("sdg_classify", *args, stdin=stdin, stdout=out)
    except CommandError as exc:
        error = exc
    return [json.loads(line) for line in out.getvalue().splitlines()], error


# --- sdg_classify ---------------------------------------------------------------------


def test_it_writes_one_result_per_line_in_order_with_the_ids():
    texts = [{"id": "en", "text": HEALTH_EN}, {"id": 2, "text": HEALTH_SV},
             {"text": ""}, {"id": "last", "text": HEALTH_EN}]
    results, error = classify([json.dumps(t, ensure_ascii=False) for t in texts])
    assert error is None
    assert [r["id"] for r in results] == ["en", 2, None, "last"]
    assert 3 in results[0]["sdgs"] and 3 in results[1]["sdgs"]
    assert results[2]["sdgs"] == []
    for result in results:
        assert set(result) >= {"id", "sdgs", "scores", "targets", "evidence", "language"}
        assert sorted(result["scores"], key=int) == [str(n) for n in range(1, 18)]
    assert results[1]["language"] == "sv"


def test_batches_do_not_change_the_results_or_their_order():
    lines = [json.dumps({"id": i, "text": HEALTH_SV if i % 2 else HEALTH_EN}) for i in range(7)]
    one_batch, _ = classify(lines)
    for size in ("1", "2", "3", "7"):
        batched, error = classify(lines, "--batch-size", size)
        assert error is None
        assert batched == one_batch


def test_a_bad_line_gets_an_error_in_its_place_and_the_rest_go_on():
    lines = [
        json.dumps({"id": "a", "text": HEALTH_EN}),
        '{"id": "b", "text": ',                       # 2: broken JSON
        json.dumps({"id": "c"}),                       # 3: no text
        json.dumps({"id": 4, "text": 42}),             # 4: text is not a string
        "",                                            # blank: skipped
        json.dumps(["not", "an", "object"]),           # 6
        json.dumps({"id": "g", "text": HEALTH_SV}),
    ]
    results, error = classify(lines, "--batch-size", "2")
    assert [r.get("id") for r in results] == ["a", None, "c", 4, None, "g"]
    assert 3 in results[0]["sdgs"] and 3 in results[-1]["sdgs"]
    errors = {r["line"]: r for r in results if "error" in r}
    assert sorted(errors) == [2, 3, 4, 6]
    assert errors[2]["error"].startswith("invalid JSON")
    assert errors[3]["error"] == 'missing "text"'
    assert errors[4]["error"] == '"text" must be a string, not a number'
    assert errors[6]["error"] == "expected a JSON object, got an array"
    assert all(set(r) == {"id", "line", "error"} for r in errors.values())
    assert error is not None and error.returncode == 1
    assert "4 of 6 lines" in str(error)


def test_empty_input_writes_nothing():
    assert classify("") == ([], None)
    assert classify("\n\n") == ([], None)


def test_a_line_that_is_not_utf8_is_an_error_not_a_crash():
    raw = (json.dumps({"id": 1, "text": HEALTH_EN}).encode() + b"\n"
           + b'{"id": 2, "text": "v\xe5rd"}\n'
           + json.dumps({"id": 3, "text": HEALTH_SV}, ensure_ascii=False).encode() + b"\n")
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command("sdg_classify", stdin=io.TextIOWrapper(io.BytesIO(raw), encoding="utf-8"),
                     stdout=out)
    results = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [r.get("line") for r in results] == [None, 2, None]
    assert "not UTF-8" in results[1]["error"]
    assert 3 in results[2]["sdgs"]


class WatchedInput:
    """Lines handed out one by one, noting how much output existed at each read."""

    def __init__(self, lines: list[str], out: io.StringIO) -> None:
        self.lines, self.out, self.seen = lines, out, []

    def __iter__(self):
        for line in self.lines:
            self.seen.append(self.out.getvalue().count("\n"))
            yield line + "\n"


def test_it_streams_writing_each_batch_before_reading_further():
    out = io.StringIO()
    stdin = WatchedInput([json.dumps({"id": i, "text": HEALTH_EN}) for i in range(5)], out)
    call_command("sdg_classify", "--batch-size", "2", stdin=stdin, stdout=out)
    # Reading line 3 comes after the first batch (lines 1–2) was written, and so on.
    assert stdin.seen == [0, 0, 2, 2, 4]
    assert out.getvalue().count("\n") == 5


def test_the_batch_size_must_be_positive():
    _results, error = classify([json.dumps({"text": "x"})], "--batch-size", "0")
    assert "at least 1" in str(error)


def manage(*args: str, stdin: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run([sys.executable, "manage.py", *args], input=stdin, text=True, encoding="utf-8",
                          capture_output=True, cwd=Path(settings.BASE_DIR), env=env,
                          timeout=120, check=False)


def test_a_failed_line_makes_the_exit_code_1_with_a_count_on_stderr():
    # A real process, for the exit code (a run without failures raises nothing: exit 0).
    good = json.dumps({"id": "x", "text": HEALTH_SV}, ensure_ascii=False) + "\n"
    failed = manage("sdg_classify", "--skip-checks", stdin=good + '{"id": "y"}\n')
    assert failed.returncode == 1
    assert [json.loads(x)["id"] for x in failed.stdout.splitlines()] == ["x", "y"]
    assert 3 in json.loads(failed.stdout.splitlines()[0])["sdgs"]
    assert "1 of 2 lines could not be classified" in failed.stderr


# --- sdg_retag ------------------------------------------------------------------------


@pytest.fixture
def content(demo_site):
    """An actor and a published good example, both plainly about health."""
    actor = make_actor("Vårdcentralen Norr", description_sv=HEALTH_SV, description_en=HEALTH_EN)
    index = CaseIndexPage(title="Goda exempel", slug="goda-exempel")
    Page.objects.get(pk=demo_site["sv"].pk).add_child(instance=index)
    case = CasePage(title="Närvård", slug="narvard", summary=HEALTH_SV,
                    challenge="Långa köer.", solution=HEALTH_SV)
    index.add_child(instance=case)
    case.save_revision().publish()
    return {"actor": actor, "case": CasePage.objects.get(pk=case.pk)}


def retag(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("sdg_retag", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def suggested(obj) -> set[int]:
    from django.contrib.contenttypes.models import ContentType

    return set(SDGSuggestion.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk,
    ).values_list("goal__number", flat=True))


def test_retag_suggests_goals_for_everything_with_progress_and_counts(content):
    out, err = retag()
    assert 3 in suggested(content["actor"]) and 3 in suggested(content["case"])
    assert "actors.Actor: 1 objects" in out and "cases.CasePage: 1 objects" in out
    assert "knowledge.StoryPage: 0 objects" in out
    assert f"Re-tagged 2 objects of 7 models with {get_classifier().version}" in out
    assert "cases.CasePage [" + "#" * 30 + "] 1/1 100%" in err  # the bar, finished


def test_retag_is_idempotent(content):
    retag()
    before = list(SDGSuggestion.objects.order_by("pk").values())
    out, _ = retag()
    assert list(SDGSuggestion.objects.order_by("pk").values()) == before
    assert "0 goals applied automatically" in out


def test_retag_can_be_limited_to_one_model_or_object(content):
    out, _ = retag("--model", "cases.CasePage")
    assert suggested(content["case"]) and not suggested(content["actor"])
    assert "Re-tagged 1 objects of 1 models" in out
    retag("--model", "actors.Actor", "--id", str(content["actor"].pk))
    assert 3 in suggested(content["actor"])


@pytest.mark.parametrize("args, message", [
    (["--model", "sdg.Goal"], "not taggable"),
    (["--model", "nosuch.Model"], "Unknown model"),
    (["--id", "1"], "--id needs --model"),
    (["--model", "actors.Actor", "--id", "999999"], "No actors.Actor with id 999999"),
])
def test_retag_explains_what_it_cannot_do(args, message, db):
    with pytest.raises(CommandError, match=message):
        retag(*args)


def test_retag_can_apply_the_goals_automatically(content):
    out, _ = retag("--apply-automatic", "--model", "cases.CasePage")
    case = CasePage.objects.get(pk=content["case"].pk)
    assert 3 in {g.number for g in case.sdgs.all()}
    row = provenance_for(case)[3]
    assert (row.source, row.classifier_version) == (TagSource.AUTOMATIC, get_classifier().version)
    # The editor opens the latest revision: the goal is there too, so a publish keeps it.
    goal_pk = Goal.objects.get(number=3).pk
    assert goal_pk in case.latest_revision.content["sdgs"]
    assert 3 in {g.number for g in case.get_latest_revision_as_object().sdgs.all()}
    assert not SDGSuggestion.objects.filter(goal__number=3).exists()  # nothing left to suggest
    assert "goals applied automatically" in out and " 0 goals applied" not in out

    retag("--apply-automatic", "--model", "cases.CasePage")  # again: nothing new
    assert SDGTagProvenance.objects.filter(source=TagSource.AUTOMATIC).count() == len(
        provenance_for(case))
