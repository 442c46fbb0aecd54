"""SDG suggestions: the registry, the services, provenance and the background refresh.

The classifier is the real one; the texts are plainly about one goal (health,
goal 3) so the tests state behaviour, not scores.
"""

from __future__ import annotations

import json
from datetime import date

import pytest
from django.core.management import call_command
from django.test import override_settings
from wagtail.models import Page

from sihub.actors.models import Actor
from sihub.actors.tests.factories import make_actor
from sihub.cases.models import CaseIndexPage, CasePage
from sihub.core.models import AuditEntry, ContentPage
from sihub.knowledge.models import (
    KnowledgeArticlePage,
    MethodPage,
    PublicationPage,
    StoryIndexPage,
    StoryPage,
)
from sihub.sdg import suggestions
from sihub.sdg.classifier import get_classifier
from sihub.sdg.models import Goal, SDGSuggestion, SDGTagProvenance, SuggestionStatus, TagSource
from sihub.sdg.suggestions import (
    GOALS_APPLIED,
    SUGGESTIONS_DECIDED,
    NotTaggable,
    UnknownGoal,
    do_record_sdg_decisions,
    do_refresh_suggestions,
    do_sync_tag_provenance,
    fields_text,
    is_taggable,
    provenance_for,
    suggest_for_text,
    suggestions_for,
    taggable_text,
    taggables,
)

HEALTH_EN = (
    "The regional hospital expands primary health care so that every patient is treated in "
    "time. New health centres with more doctors and nurses cut waiting times, and "
    "vaccination and maternal care reduce child mortality and disease."
)
HEALTH_SV = (
    "Regionen bygger ut sjukhusets primärvård så att alla patienter får vård i tid. Nya "
    "vårdcentraler med fler läkare och sjuksköterskor kortar väntetiderna, och vaccinationer "
    "och mödravård minskar barnadödligheten och sjukdomarna."
)
OCEAN_EN = (
    "The coastal project cleans beaches and removes plastic litter from the sea. Fishermen "
    "restore marine habitats, protect fish stocks from overfishing and monitor ocean "
    "acidification along the coast."
)


def goal_numbers(obj) -> set[int]:
    return {g.number for g in type(obj).objects.get(pk=obj.pk).sdgs.all()}


@pytest.fixture
def clinic(db) -> Actor:
    return make_actor("Vårdcentralen Norr", description_sv=HEALTH_SV, description_en=HEALTH_EN)


@pytest.fixture
def case_index(demo_site) -> CaseIndexPage:
    index = CaseIndexPage(title="Goda exempel", slug="goda-exempel")
    Page.objects.get(pk=demo_site["sv"].pk).add_child(instance=index)
    index.save_revision().publish()
    return index


def new_case(index: CaseIndexPage, text: str = HEALTH_EN, *, publish: bool = True) -> CasePage:
    case = CasePage(title="Närvård", slug="narvard", summary=text,
                    challenge="Long waiting times at the hospital.", solution=text)
    index.add_child(instance=case)
    revision = case.save_revision()
    if publish:
        revision.publish()
    return CasePage.objects.get(pk=case.pk)


# --- The registry and the text the classifier reads ------------------------------------


def test_it_registers_every_model_that_carries_goals():
    for model in (KnowledgeArticlePage, MethodPage, StoryPage, PublicationPage, CasePage, Actor):
        assert is_taggable(model), model
        assert model in taggables()
    assert not is_taggable(ContentPage)
    assert not is_taggable(Goal)


def test_an_actors_text_holds_its_name_and_both_descriptions(clinic):
    text = taggable_text(clinic)
    assert text.startswith("Vårdcentralen Norr")
    assert "primärvård" in text and "primary health care" in text


def test_a_pages_text_is_its_title_intro_and_body_without_markup(demo_site):
    stories = StoryIndexPage(title="Nyheter", slug="nyheter")
    Page.objects.get(pk=demo_site["sv"].pk).add_child(instance=stories)
    body = json.dumps([{"type": "heading", "value": "Vården"},
                       {"type": "paragraph", "value": "<p>Fler <b>läkare</b> &amp; sköterskor</p>"}])
    story = StoryPage(title="Ny vårdcentral", slug="ny", intro="Kortare köer.", body=body,
                      date=date(2025, 1, 1))
    stories.add_child(instance=story)
    text = taggable_text(Page.objects.get(pk=story.pk))  # a plain Page row works too
    assert text == "Ny vårdcentral\n\nKortare köer.\n\nVården Fler läkare & sköterskor"


def test_fields_text_skips_empty_fields(clinic):
    clinic.description_en = ""
    assert fields_text("name", "description_en", "website")(clinic) == "Vårdcentralen Norr"


def test_it_refuses_objects_whose_model_is_not_registered(db):
    goal = Goal.objects.get(number=3)
    with pytest.raises(NotTaggable):
        do_refresh_suggestions(obj=goal)
    with pytest.raises(NotTaggable):
        taggable_text(goal)


# --- suggest_for_text -----------------------------------------------------------------


@pytest.mark.parametrize("text", [HEALTH_EN, HEALTH_SV])
def test_it_suggests_the_health_goal_in_either_language(text, db):
    items = suggest_for_text(text)
    assert 3 in [i["goal"] for i in items]
    health = next(i for i in items if i["goal"] == 3)
    assert health["title"] == Goal.objects.get(number=3).title_sv  # the active language
    assert 0 < health["score"] <= 1
    assert all(code.startswith("3.") for code in health["targets"])
    assert isinstance(health["evidence"], list)
    scores = [i["score"] for i in items]
    assert scores == sorted(scores, reverse=True) or len(items) == 1


def test_it_leaves_out_excluded_goals_and_finds_nothing_in_empty_text(db):
    assert 3 not in [i["goal"] for i in suggest_for_text(HEALTH_EN, exclude=[3])]
    assert suggest_for_text("   ") == []


# --- do_refresh_suggestions -------------------------------------------------------------


def test_refresh_stores_pending_suggestions_and_is_idempotent(clinic):
    first = do_refresh_suggestions(obj=clinic)
    assert 3 in [s.goal.number for s in first]
    assert all(s.status == SuggestionStatus.PENDING for s in first)
    assert {s.classifier_version for s in first} == {get_classifier().version}
    stored = list(SDGSuggestion.objects.order_by("pk").values())

    second = do_refresh_suggestions(obj=clinic)
    assert [s.pk for s in second] == [s.pk for s in first]
    assert list(SDGSuggestion.objects.order_by("pk").values()) == stored
    assert [s.goal.number for s in suggestions_for(clinic)] == [s.goal.number for s in first]


def test_refresh_does_not_suggest_goals_already_on_the_object(db):
    actor = make_actor("Vårdcentralen Syd", description_en=HEALTH_EN, sdgs=[3])
    assert 3 not in [s.goal.number for s in do_refresh_suggestions(obj=actor)]
    assert not SDGSuggestion.objects.filter(goal__number=3).exists()


def test_refresh_drops_pending_suggestions_the_text_no_longer_supports(clinic):
    assert 3 in [s.goal.number for s in do_refresh_suggestions(obj=clinic)]
    clinic.description_sv, clinic.description_en = "", OCEAN_EN
    clinic.name = "Kustlaget"
    clinic.save()
    pending = [s.goal.number for s in do_refresh_suggestions(obj=clinic)]
    assert 3 not in pending and 14 in pending
    assert not SDGSuggestion.objects.filter(goal__number=3).exists()


def test_a_rejected_goal_is_not_suggested_again_by_the_same_classifier(clinic, editor):
    do_refresh_suggestions(obj=clinic)
    do_record_sdg_decisions(obj=clinic, user=editor, accepted=[], rejected=[3])
    assert 3 not in [s.goal.number for s in do_refresh_suggestions(obj=clinic)]
    rejected = SDGSuggestion.objects.get(goal__number=3)
    assert rejected.status == SuggestionStatus.REJECTED
    assert rejected.decided_by == editor and rejected.decided_at is not None

    # A new classifier version asks again.
    SDGSuggestion.objects.filter(pk=rejected.pk).update(classifier_version="older-model")
    assert 3 in [s.goal.number for s in do_refresh_suggestions(obj=clinic)]
    again = SDGSuggestion.objects.get(pk=rejected.pk)
    assert again.status == SuggestionStatus.PENDING and again.decided_by is None


def test_auto_apply_models_get_the_goals_with_source_automatic(clinic, monkeypatch):
    monkeypatch.setitem(suggestions._REGISTRY, Actor, suggestions.Taggable(
        Actor, text=fields_text("name", "description_en"), auto_apply=True))
    pending = do_refresh_suggestions(obj=clinic)
    assert 3 in goal_numbers(clinic)
    assert 3 not in [s.goal.number for s in pending]
    row = provenance_for(clinic)[3]
    assert row.source == TagSource.AUTOMATIC
    assert row.classifier_version == get_classifier().version
    assert row.added_by is None and 0 < row.score <= 1
    entry = AuditEntry.objects.get(action=GOALS_APPLIED)
    assert 3 in entry.data["goals"] and entry.actor_id is None

    do_refresh_suggestions(obj=clinic)  # again: nothing new to apply
    assert AuditEntry.objects.filter(action=GOALS_APPLIED).count() == 1


# --- Decisions and provenance ----------------------------------------------------------


def test_accepting_writes_provenance_suggested_with_the_classifier_version(clinic, editor):
    [health] = [s for s in do_refresh_suggestions(obj=clinic) if s.goal.number == 3]
    clinic.sdgs.add(Goal.objects.get(number=3))  # the editor's form ticks the goal …
    clinic.save()
    do_record_sdg_decisions(obj=clinic, user=editor, accepted=[3], rejected=[])  # … on save
    do_sync_tag_provenance(obj=clinic, user=editor)

    health.refresh_from_db()
    assert health.status == SuggestionStatus.ACCEPTED and health.decided_by == editor
    row = provenance_for(clinic)[3]
    assert (row.source, row.classifier_version, row.score, row.added_by) == (
        TagSource.SUGGESTED, get_classifier().version, health.score, editor)
    entry = AuditEntry.objects.get(action=SUGGESTIONS_DECIDED)
    assert entry.actor_id == editor.pk and entry.target_id == str(clinic.pk)
    assert entry.data["accepted"] == [3] and entry.data["rejected"] == []


def test_a_suggestion_computed_live_is_stored_when_decided(clinic, editor):
    assert not SDGSuggestion.objects.exists()
    do_record_sdg_decisions(obj=clinic, user=editor, accepted=[3], rejected=[16])
    accepted = SDGSuggestion.objects.get(goal__number=3)
    assert accepted.status == SuggestionStatus.ACCEPTED and accepted.score > 0
    assert accepted.classifier_version == get_classifier().version
    assert SDGSuggestion.objects.get(goal__number=16).status == SuggestionStatus.REJECTED
    assert provenance_for(clinic)[3].source == TagSource.SUGGESTED


def test_deciding_the_same_way_twice_leaves_one_audit_entry(clinic, editor):
    for _ in range(2):
        do_record_sdg_decisions(obj=clinic, user=editor, accepted=[3], rejected=[])
    assert AuditEntry.objects.filter(action=SUGGESTIONS_DECIDED).count() == 1
    assert SDGTagProvenance.objects.count() == 1


def test_decisions_are_checked(clinic, editor):
    with pytest.raises(UnknownGoal):
        do_record_sdg_decisions(obj=clinic, user=editor, accepted=[18], rejected=[])
    with pytest.raises(ValueError):
        do_record_sdg_decisions(obj=clinic, user=editor, accepted=[3], rejected=[3])
    assert not SDGSuggestion.objects.exists()


def test_sync_marks_hand_added_goals_manual_and_drops_removed_ones(clinic, editor):
    do_record_sdg_decisions(obj=clinic, user=editor, accepted=[3], rejected=[])
    clinic.sdgs.set(Goal.objects.filter(number__in=[1, 3, 10]))
    clinic.save()
    do_sync_tag_provenance(obj=clinic, user=editor)
    rows = provenance_for(clinic)
    assert {n: r.source for n, r in rows.items()} == {
        1: TagSource.MANUAL, 3: TagSource.SUGGESTED, 10: TagSource.MANUAL}
    assert rows[1].added_by == editor and rows[1].classifier_version == ""
    assert rows[1].score is None

    clinic.sdgs.set(Goal.objects.filter(number__in=[3]))
    clinic.save()
    do_sync_tag_provenance(obj=clinic, user=editor)
    assert {n: r.source for n, r in provenance_for(clinic).items()} == {3: TagSource.SUGGESTED}


def test_sync_reads_the_goals_of_an_edited_page_in_memory(case_index, editor):
    case = new_case(case_index)
    case.sdgs.set(Goal.objects.filter(number__in=[3, 8]))  # the form's state, not yet published
    do_sync_tag_provenance(obj=case, user=editor)
    assert set(provenance_for(case)) == {3, 8}


def test_deleting_an_object_forgets_its_suggestions_and_provenance(clinic, editor):
    do_refresh_suggestions(obj=clinic)
    do_record_sdg_decisions(obj=clinic, user=editor, accepted=[3], rejected=[])
    clinic.delete()
    assert not SDGSuggestion.objects.exists()
    assert not SDGTagProvenance.objects.exists()


def test_deleting_a_page_forgets_its_suggestions(case_index, editor):
    case = new_case(case_index)
    do_refresh_suggestions(obj=case)
    assert SDGSuggestion.objects.exists()
    Page.objects.get(pk=case.pk).delete()
    assert not SDGSuggestion.objects.exists()


# --- The background refresh -------------------------------------------------------------


IMMEDIATE_TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@override_settings(TASKS=IMMEDIATE_TASKS)
def test_saving_an_actor_refreshes_its_suggestions_after_commit(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        actor = make_actor("Vårdcentralen Öst", description_en=HEALTH_EN)
    assert not SDGSuggestion.objects.exists()  # nothing before the commit
    for callback in callbacks:
        callback()
    assert 3 in [s.goal.number for s in suggestions_for(actor)]


def test_a_bookkeeping_save_queues_nothing(clinic, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        clinic.save(update_fields=["updated_at"])
    assert callbacks == []


@override_settings(TASKS=IMMEDIATE_TASKS)
def test_a_page_is_refreshed_when_published_not_when_a_draft_is_saved(
        case_index, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        case = new_case(case_index, publish=False)
    assert not SDGSuggestion.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        case.save_revision().publish()
    assert 3 in [s.goal.number for s in suggestions_for(case)]


def test_the_refresh_goes_through_the_database_queue_and_the_worker(
        case_index, monkeypatch, django_capture_on_commit_callbacks):
    # As in core/tests/test_tasks.py: keep the test's transaction open in the worker.
    from django_tasks_db.management.commands import db_worker
    from django_tasks_db.models import DBTaskResult

    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    with override_settings(TASKS=DB_TASKS):  # django_tasks re-reads TASKS on the change
        case = new_case(case_index, publish=False)
        with django_capture_on_commit_callbacks(execute=True):
            case.save_revision().publish()
        queued = DBTaskResult.objects.filter(task_path__endswith="refresh_sdg_suggestions")
        assert queued.count() == 1
        assert queued.get().args_kwargs["args"][1] == case.pk  # ids, not instances
        assert not SDGSuggestion.objects.exists()  # nothing until the worker runs

        call_command("db_worker", "--batch", "--no-startup-delay", "--queue-name", "*")

        assert queued.get().status == "SUCCESSFUL"
        assert 3 in [s.goal.number for s in suggestions_for(case)]


def test_the_task_answers_none_for_an_object_that_is_gone(clinic):
    from django.contrib.contenttypes.models import ContentType

    from sihub.sdg.tasks import refresh_sdg_suggestions

    ct = ContentType.objects.get_for_model(Actor)
    assert refresh_sdg_suggestions.call(ct.pk, clinic.pk) >= 1
    assert refresh_sdg_suggestions.call(ct.pk, 999_999) is None
    goal_type = ContentType.objects.get_for_model(Goal)
    assert refresh_sdg_suggestions.call(goal_type.pk, 3) is None  # not taggable
