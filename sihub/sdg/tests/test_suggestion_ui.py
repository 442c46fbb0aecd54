"""Goal suggestions in the editors' panel and the members' forms; decisions recorded on save.

Personas: Elsa the editor (edits pages and actors), Anders the analyst (reads
actors in the admin, edits nothing), Maja the member (sends examples, may
represent an actor). The classifier is the real one: the texts below are
about one goal each, plainly.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from wagtail.admin.utils import get_user_display_name
from wagtail.models import Page
from wagtail.test.utils.form_data import (
    nested_form_data,
    querydict_from_html,
    rich_text,
    streamfield,
)

from sihub.actors.models import Actor
from sihub.actors.tests.factories import make_actor
from sihub.cases.tests.test_cases import case_index, publish_case  # noqa: F401 - fixture
from sihub.conftest import login
from sihub.core.models import Sector
from sihub.knowledge.models import KnowledgeArticlePage
from sihub.sdg.admin_views import SDGDecisions, parse_sdg_decisions, with_form_text
from sihub.sdg.classifier import get_classifier
from sihub.sdg.models import (
    Goal,
    SDGSuggestion,
    SDGTagProvenance,
    SuggestionStatus,
    TagSource,
)
from sihub.sdg.suggestions import taggable_text

HEALTH_EN = ("The regional hospital gets new funding for nurses and doctors, shorter waiting "
             "times for patients and better health care for everyone who falls ill.")
HEALTH_SV = ("Regionen ger sjukhuset mer pengar till sjuksköterskor och läkare, kortare "
             "vårdköer för patienterna och bättre hälso- och sjukvård för alla som blir sjuka.")
SCHOOL_SV = ("Läxhjälp för barn och unga i skolan: fler elever klarar grundskolan och går "
             "vidare till gymnasiet. Lärare och studenter undervisar eleverna varje vecka.")

SNIPPETS = "/admin/snippets/actors/actor/"


def goal(number: int) -> Goal:
    return Goal.objects.get(number=number)


def admin_suggest_url(obj: Any = None, model_label: str = "actors.actor") -> str:
    if obj is None:
        return f"/admin/sdg/suggest/{model_label}/"
    return f"/admin/sdg/suggest/{model_label}/{obj.pk}/"


@pytest.fixture
def actor(db) -> Actor:
    return make_actor("Vårdföreningen i Umeå", sector_slug="civil-society", home="2480",
                      description_sv="En förening.")


def in_english(user: Any) -> None:
    """The admin in English for ``user``: assertions on our own strings, not on translations."""
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()


def provenance(obj: Any) -> dict[int, SDGTagProvenance]:
    from sihub.sdg.suggestions import provenance_for

    return provenance_for(obj)


# --- The admin endpoint: who may ask -------------------------------------------------------


def test_it_sends_anonymous_visitors_to_the_admin_log_in(client, actor):
    response = client.post(admin_suggest_url(actor), {"name": actor.name})
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_it_refuses_the_panels_request_once_the_session_is_gone(client, actor):
    """The panel's button says X-Requested-With, so Wagtail answers 403, not a log-in page."""
    response = client.post(admin_suggest_url(actor), {"name": actor.name},
                           headers={"X-Requested-With": "XMLHttpRequest"})
    assert response.status_code == 403


def test_it_refuses_an_analyst_who_may_not_edit_the_actor(analyst, actor):
    response = login(analyst).post(admin_suggest_url(actor), {"description_en": HEALTH_EN})
    assert response.status_code == 403


def test_it_refuses_an_analyst_on_a_new_actor_or_page(analyst, db):
    client = login(analyst)
    assert client.post(admin_suggest_url(), {"description_en": HEALTH_EN}).status_code == 403
    assert client.post(admin_suggest_url(model_label="cases.casepage"),
                       {"summary": HEALTH_EN}).status_code == 403


def test_it_refuses_an_analyst_who_may_not_edit_the_page(analyst, case_index):
    case = publish_case(case_index["en"], "Health for all")
    response = login(analyst).post(admin_suggest_url(case, "cases.casepage"),
                                   {"summary": HEALTH_EN})
    assert response.status_code == 403


def test_it_answers_only_posts(editor, actor):
    assert login(editor).get(admin_suggest_url(actor)).status_code == 405


@pytest.mark.parametrize("label", ["actors.relation", "sdg.goal", "nope.nothing", "actors"])
def test_it_knows_only_models_that_carry_goals(editor, label):
    assert login(editor).post(f"/admin/sdg/suggest/{label}/").status_code == 404


def test_it_says_404_for_an_actor_that_does_not_exist(editor, actor):
    url = f"/admin/sdg/suggest/actors.actor/{actor.pk + 1000}/"
    assert login(editor).post(url).status_code == 404


# --- The admin endpoint: what it answers -----------------------------------------------------


def test_it_suggests_goals_from_the_text_in_the_form_and_saves_nothing(editor, actor):
    response = login(editor).post(admin_suggest_url(actor), {
        "name": actor.name, "description_sv": HEALTH_SV, "description_en": HEALTH_EN,
    })
    html = response.content.decode()
    assert response.status_code == 200
    assert 'data-goal="3"' in html and f'data-goal-pk="{goal(3).pk}"' in html
    assert 'data-sdg-action="accept"' in html and 'data-sdg-action="reject"' in html
    assert "button button-small" in html  # Wagtail's buttons in the admin
    assert goal(3).color in html  # the swatch
    # Not written anywhere: the text is the form's, not the saved actor's.
    assert Actor.objects.get(pk=actor.pk).description_sv == "En förening."
    assert not SDGSuggestion.objects.exists() and not SDGTagProvenance.objects.exists()


def test_it_leaves_out_goals_already_ticked_or_rejected_in_the_form(editor, actor):
    client = login(editor)
    data = {"name": actor.name, "description_sv": HEALTH_SV, "description_en": HEALTH_EN}
    assert 'data-goal="3"' in client.post(admin_suggest_url(actor), data).content.decode()
    ticked = client.post(admin_suggest_url(actor), {**data, "sdgs": [str(goal(3).pk)]})
    assert 'data-goal="3"' not in ticked.content.decode()
    rejected = client.post(admin_suggest_url(actor), {
        **data, "sdg_decisions": json.dumps({"accepted": [], "rejected": [3]})})
    assert 'data-goal="3"' not in rejected.content.decode()


def test_it_leaves_out_a_goal_rejected_before_under_the_same_classifier(editor, actor):
    from sihub.sdg.suggestions import do_record_sdg_decisions

    do_record_sdg_decisions(obj=actor, user=editor, accepted=[], rejected=[3])
    html = login(editor).post(admin_suggest_url(actor), {
        "name": actor.name, "description_en": HEALTH_EN}).content.decode()
    assert 'data-goal="3"' not in html


def test_it_suggests_for_a_page_not_yet_created(editor, db):
    response = login(editor).post(admin_suggest_url(model_label="cases.casepage"), {
        "title": "Vård nära dig", "summary": HEALTH_SV, "challenge": "", "solution": ""})
    assert response.status_code == 200
    assert 'data-goal="3"' in response.content.decode()


def test_an_empty_form_gets_no_suggestions_and_says_so(editor, actor):
    in_english(editor)
    html = login(editor).post(admin_suggest_url(model_label="actors.actor"),
                              {"name": "", "description_sv": ""}).content.decode()
    assert "data-sdg-suggestion" not in html
    assert "No goals to suggest from this text." in html


def test_it_answers_in_the_editors_language(editor, actor):
    in_english(editor)
    html = login(editor).post(admin_suggest_url(actor), {"description_en": HEALTH_EN}
                              ).content.decode()
    assert f"Goal 3: {goal(3).title_en}" in html and "Accept" in html


# --- Reading the form's text ----------------------------------------------------------------


def test_it_reads_a_streamfield_body_and_rich_text_as_the_form_posts_them(db):
    page = KnowledgeArticlePage(title="Stored title", intro="Stored intro.")
    data = querydict(
        title="Vård för alla", intro="Om sjukhusen.",
        body=streamfield([
            ("heading", "Kortare köer"),
            ("paragraph", rich_text("<p>Fler <b>sjuksköterskor</b> på vårdcentralen.</p>")),
        ]),
    )
    text = taggable_text(with_form_text(page, data, {}))
    assert "Vård för alla" in text and "Om sjukhusen." in text
    assert "Kortare köer" in text and "Fler sjuksköterskor på vårdcentralen." in text
    assert "<b>" not in text and "Stored" not in text
    assert page.pk is None  # never saved


def test_a_field_the_form_did_not_post_keeps_its_stored_text(db):
    page = KnowledgeArticlePage(title="Stored title", intro="Stored intro.")
    text = taggable_text(with_form_text(page, querydict(title="New title"), {}))
    assert "New title" in text and "Stored intro." in text


def test_a_malformed_streamfield_is_skipped_not_an_error(db):
    page = KnowledgeArticlePage(title="T", intro="I")
    data = querydict(title="Ny", **{"body-count": "x"})
    assert "Ny" in taggable_text(with_form_text(page, data, {}))


def querydict(**values: Any) -> Any:
    from django.http import QueryDict

    data = QueryDict(mutable=True)
    for key, value in nested_form_data(values).items():
        data[key] = value
    return data


# --- Decisions in the form ------------------------------------------------------------------


@pytest.mark.parametrize(("raw", "expected"), [
    ('{"accepted": [3, 8], "rejected": [5]}', SDGDecisions(frozenset({3, 8}), frozenset({5}))),
    ('{"accepted": [3], "rejected": [3, 4]}', SDGDecisions(frozenset({3}), frozenset({4}))),
    ("", SDGDecisions()),
    ("not json", SDGDecisions()),
    ("[3]", SDGDecisions()),
    ("null", SDGDecisions()),
    ('{"accepted": "3"}', SDGDecisions()),
    ('{"accepted": [true, "3", 3.0, 0, 18, -1, null, [3]]}', SDGDecisions()),
    ('{"accepted": [17, 1], "rejected": {"3": 1}}', SDGDecisions(frozenset({1, 17}))),
    ('{"accepted": [' + ",".join(["3"] * 2000) + "]}", SDGDecisions()),  # too long: ignored
])
def test_it_reads_decisions_and_ignores_junk(raw, expected):
    assert parse_sdg_decisions(raw) == expected


def edit_form(client: Client, url: str) -> Any:
    """The edit form as the browser would post it, read from the page."""
    response = client.get(url)
    assert response.status_code == 200
    return querydict_from_html(response.content.decode(), form_index=_edit_form_index(response))


def _edit_form_index(response: Any) -> int:
    from bs4 import BeautifulSoup

    forms = BeautifulSoup(response.content, "html.parser").find_all("form")
    return next(i for i, form in enumerate(forms)
                if form.find("input", attrs={"name": "sdg_decisions"}))


def as_post(data: Any) -> dict[str, list[str]]:
    """Every value of a QueryDict (the test client would post only the last of each key)."""
    return dict(data.lists())


def tick(data: Any, *numbers: int) -> None:
    for number in numbers:
        data.appendlist("sdgs", str(goal(number).pk))


def test_saving_the_actor_records_accepted_suggestions_and_goals_added_by_hand(editor, actor):
    client = login(editor)
    url = f"{SNIPPETS}edit/{actor.pk}/"
    data = edit_form(client, url)
    data["description_en"] = HEALTH_EN
    tick(data, 3, 5)  # 3 accepted from the panel, 5 ticked by hand
    data["sdg_decisions"] = json.dumps({"accepted": [3], "rejected": [8]})
    response = client.post(url, as_post(data))
    assert response.status_code == 302, response.content.decode()[:2000]

    rows = provenance(actor)
    assert set(rows) == {3, 5}
    assert rows[3].source == TagSource.SUGGESTED
    assert rows[3].classifier_version == get_classifier().version and rows[3].score is not None
    assert rows[3].added_by == editor
    assert rows[5].source == TagSource.MANUAL and rows[5].added_by == editor
    assert rows[5].classifier_version == ""
    decided = {s.goal.number: s for s in SDGSuggestion.objects.all()}
    assert decided[3].status == SuggestionStatus.ACCEPTED and decided[3].decided_by == editor
    assert decided[8].status == SuggestionStatus.REJECTED


def test_an_accepted_goal_unticked_before_saving_is_not_recorded(editor, actor):
    client = login(editor)
    url = f"{SNIPPETS}edit/{actor.pk}/"
    data = edit_form(client, url)
    data["sdg_decisions"] = json.dumps({"accepted": [3], "rejected": []})
    assert client.post(url, as_post(data)).status_code == 302
    assert provenance(actor) == {}
    assert not SDGSuggestion.objects.filter(status=SuggestionStatus.ACCEPTED).exists()


@pytest.mark.parametrize("junk", [
    "{", '"accepted"', '{"accepted": [true]}', '{"accepted": ["3"], "rejected": ["x"]}',
    '{"accepted": [99], "rejected": [0]}', "x" * 5000,
])
def test_junk_in_the_decisions_is_ignored_and_the_goal_counts_as_added_by_hand(
        editor, actor, junk):
    client = login(editor)
    url = f"{SNIPPETS}edit/{actor.pk}/"
    data = edit_form(client, url)
    tick(data, 3)
    data["sdg_decisions"] = junk
    assert client.post(url, as_post(data)).status_code == 302
    rows = provenance(actor)
    assert set(rows) == {3} and rows[3].source == TagSource.MANUAL
    assert not SDGSuggestion.objects.exists()


def test_creating_an_actor_records_where_its_goals_came_from(editor, db):
    client = login(editor)
    data = edit_form(client, f"{SNIPPETS}add/")
    data.update({"name": "Hälsoföreningen", "slug": "halsoforeningen", "kind": "association",
                 "description_en": HEALTH_EN,
                 "sector": str(Sector.objects.order_by("sort_order")[0].pk)})
    tick(data, 3, 4)
    data["sdg_decisions"] = json.dumps({"accepted": [3], "rejected": []})
    response = client.post(f"{SNIPPETS}add/", as_post(data))
    assert response.status_code == 302, response.content.decode()[:3000]
    new = Actor.objects.get(slug="halsoforeningen")
    rows = provenance(new)
    assert rows[3].source == TagSource.SUGGESTED and rows[4].source == TagSource.MANUAL


def test_removing_a_goal_in_the_editor_removes_its_provenance(editor, actor):
    client = login(editor)
    url = f"{SNIPPETS}edit/{actor.pk}/"
    data = edit_form(client, url)
    tick(data, 3, 5)
    assert client.post(url, as_post(data)).status_code == 302
    data = edit_form(client, url)
    data.setlist("sdgs", [str(goal(5).pk)])
    assert client.post(url, as_post(data)).status_code == 302
    assert set(provenance(actor)) == {5}


def test_publishing_a_page_records_the_decisions_of_its_editor(editor, case_index):
    case = publish_case(case_index["sv"], "Vård nära dig", sdgs=(), summary=HEALTH_SV)
    client = login(editor)
    url = f"/admin/pages/{case.pk}/edit/"
    data = edit_form(client, url)
    # The StreamField's inputs are made by Wagtail's JavaScript, so add them here.
    data.update(nested_form_data({"images": streamfield([])}))
    tick(data, 3, 10)
    data["sdg_decisions"] = json.dumps({"accepted": [3], "rejected": [1]})
    data["action-publish"] = "action-publish"
    response = client.post(url, as_post(data))
    assert response.status_code == 302, response.content.decode()[:3000]
    case = Page.objects.get(pk=case.pk).specific
    assert {g.number for g in case.sdgs.all()} == {3, 10}
    rows = provenance(case)
    assert rows[3].source == TagSource.SUGGESTED and rows[10].source == TagSource.MANUAL
    assert SDGSuggestion.objects.get(goal__number=1).status == SuggestionStatus.REJECTED


# --- The panel ------------------------------------------------------------------------------


def test_the_panel_shows_where_each_goal_came_from(editor, actor):
    from sihub.sdg.suggestions import do_record_sdg_decisions, do_sync_tag_provenance

    actor.description_en = HEALTH_EN
    actor.sdgs.set([goal(3), goal(5)])
    actor.save()
    do_record_sdg_decisions(obj=actor, user=editor, accepted=[3], rejected=[])
    do_sync_tag_provenance(obj=actor, user=editor)
    in_english(editor)
    html = login(editor).get(f"{SNIPPETS}edit/{actor.pk}/").content.decode()
    version, name = get_classifier().version, get_user_display_name(editor)
    assert f"suggested by classifier {version}, accepted by {name} on " in html
    assert f"added by hand by {name} on " in html
    assert 'name="sdg_decisions"' in html
    assert 'hx-post="/admin/sdg/suggest/actors.actor/%d/"' % actor.pk in html
    assert "sdg/suggestions.js" in html and "vendor/htmx/htmx.min.js" in html


def test_the_panel_lists_stored_suggestions_with_their_reasons(editor, actor):
    SDGSuggestion.objects.create(
        content_type_id=_content_type_id(actor), object_id=actor.pk, goal=goal(8), score=0.82,
        targets=["8.5", "8.6"], evidence=["arbetsträning", "8.5: full sysselsättning"],
        classifier_version="test-1", created_at=timezone.now())
    SDGSuggestion.objects.create(
        content_type_id=_content_type_id(actor), object_id=actor.pk, goal=goal(1), score=0.4,
        targets=[], evidence=[], classifier_version="test-1", status=SuggestionStatus.REJECTED)
    in_english(editor)
    html = login(editor).get(f"{SNIPPETS}edit/{actor.pk}/").content.decode()
    assert 'data-goal="8"' in html and "<li>arbetsträning</li>" in html
    assert "<li>8.5: full sysselsättning</li>" in html
    assert "Strong match (82 %)" in html
    assert re.search(r"Likely targets:</span>\s*8\.5, 8\.6</p>", html)
    assert 'data-goal="1"' not in html  # rejected: not offered again


def test_the_panel_is_in_the_page_editor_too(editor, case_index):
    html = login(editor).get(
        f"/admin/pages/add/cases/casepage/{case_index['sv'].pk}/").content.decode()
    assert 'hx-post="/admin/sdg/suggest/cases.casepage/"' in html
    assert 'name="sdg_decisions"' in html
    case = publish_case(case_index["sv"], "Vård nära dig")
    html = login(editor).get(f"/admin/pages/{case.pk}/edit/").content.decode()
    assert f'hx-post="/admin/sdg/suggest/cases.casepage/{case.pk}/"' in html


def _panels(panel: Any) -> Iterator[Any]:
    yield panel
    for child in getattr(panel, "children", []):
        yield from _panels(child)


def test_every_model_that_carries_goals_has_the_panel_beside_the_goal_boxes(db):
    from sihub.sdg.suggestions import taggables

    models = taggables()
    assert {m._meta.label for m in models} >= {"actors.Actor", "cases.CasePage",
                                                 "knowledge.MethodPage"}
    for model in models:
        viewset = getattr(model, "snippet_viewset", None)
        handler = viewset.get_edit_handler() if viewset else model.get_edit_handler()
        panels = list(_panels(handler))
        names = [getattr(p, "field_name", None) or type(p).__name__ for p in panels]
        assert "SDGSuggestionsPanel" in names, model
        assert names[names.index("SDGSuggestionsPanel") - 1] == "sdgs", model


def _content_type_id(obj: Any) -> int:
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_model(obj).pk


# --- The members' endpoint ------------------------------------------------------------------

MEMBER_URL = "/sv/agenda2030/suggest/"
CASE_FIELDS = "title summary challenge solution target_groups actors_involved results scaling"


def test_members_must_log_in_to_ask(client, db):
    response = client.post(MEMBER_URL, {"sdg_fields": "summary", "summary": HEALTH_SV})
    assert response.status_code == 302 and "login" in response["Location"]


def test_it_refuses_a_post_without_a_csrf_token(member):
    client = Client(enforce_csrf_checks=True)
    client.force_login(member, backend="django.contrib.auth.backends.ModelBackend")
    assert client.post(MEMBER_URL, {"sdg_fields": "summary", "summary": HEALTH_SV}
                       ).status_code == 403


def test_it_answers_a_post_with_the_forms_csrf_token(member, case_index):
    client = Client(enforce_csrf_checks=True)
    client.force_login(member, backend="django.contrib.auth.backends.ModelBackend")
    form = client.get("/sv/goda-exempel/submit/")
    token = form.context["csrf_token"]
    response = client.post(MEMBER_URL, {"csrfmiddlewaretoken": str(token),
                                        "sdg_fields": "summary", "summary": HEALTH_SV})
    assert response.status_code == 200
    assert 'data-goal="3"' in response.content.decode()


def test_it_answers_only_posts_to_members(member):
    assert login(member).get(MEMBER_URL).status_code == 405


def test_it_reads_the_named_fields_and_leaves_out_ticked_goals_by_number(member):
    client = login(member)
    data = {"sdg_fields": CASE_FIELDS, "title": "Läxhjälp", "summary": SCHOOL_SV,
            "sdg_value": "number"}
    html = client.post(MEMBER_URL, data).content.decode()
    assert 'data-goal="4"' in html
    assert "button button-small" not in html  # the site's own buttons
    assert 'data-goal="4"' not in client.post(MEMBER_URL, {**data, "sdgs": ["4"]}
                                              ).content.decode()
    # Only named fields count: the school text under another name is not read.
    unnamed = client.post(MEMBER_URL, {"sdg_fields": "title", "title": "Läxhjälp",
                                       "comment": SCHOOL_SV}).content.decode()
    assert 'data-goal="4"' not in unnamed


def test_it_stores_nothing_for_members(member, actor):
    login(member).post(MEMBER_URL, {"sdg_fields": "description_sv", "description_sv": HEALTH_SV})
    assert not SDGSuggestion.objects.exists() and not SDGTagProvenance.objects.exists()


def test_it_refuses_too_much_text_with_a_message(member):
    response = login(member).post(MEMBER_URL, {"sdg_fields": "summary",
                                               "summary": "vård " * 12_000})
    assert response.status_code == 413
    assert "för lång" in response.content.decode() or "too long" in response.content.decode()


def test_it_asks_for_text_first(member):
    response = login(member).post(MEMBER_URL, {"sdg_fields": "summary", "summary": "  "})
    assert response.status_code == 200 and "data-sdg-suggestion" not in response.content.decode()


def test_it_slows_down_someone_asking_too_often(member):
    from sihub.sdg.views import MEMBER_REQUESTS_PER_MINUTE

    client = login(member)
    data = {"sdg_fields": "summary", "summary": "Vård."}
    statuses = [client.post(MEMBER_URL, data).status_code
                for _ in range(MEMBER_REQUESTS_PER_MINUTE + 1)]
    assert statuses[:-1] == [200] * MEMBER_REQUESTS_PER_MINUTE and statuses[-1] == 429


def test_the_case_form_carries_the_suggest_button(member, case_index):
    html = login(member).get("/sv/goda-exempel/submit/").content.decode()
    assert f'hx-post="{MEMBER_URL}"' in html
    assert '"sdg_value": "number"' in html and CASE_FIELDS in html
    assert "sdg/suggestions.js" in html and "<script>" not in html
    assert 'name="sdg_decisions"' not in html  # members record nothing


def test_the_actor_proposal_form_carries_the_suggest_button(member, actor):
    from sihub.actors.models import Representative

    Representative.objects.create(actor=actor, user=member)
    html = login(member).get(f"/sv/actors/{actor.slug}/propose/").content.decode()
    assert f'hx-post="{MEMBER_URL}"' in html
    assert '"sdg_fields": "description_sv description_en"' in html
    assert '"sdg_value": "pk"' in html

