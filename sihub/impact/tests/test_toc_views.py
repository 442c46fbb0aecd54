"""The theory-of-change page and its printable view: who sees and edits what, and the forms."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from sihub.conftest import login
from sihub.impact import services
from sihub.impact.models import Initiative, TheoryOfChange, ToCElement, ToCLink

pytestmark = pytest.mark.django_db


def toc_url(initiative: Initiative) -> str:
    return reverse("impact:toc", args=[initiative.pk])


def print_url(initiative: Initiative) -> str:
    return reverse("impact:toc_print", args=[initiative.pk])


def build_toc(initiative: Initiative, lead) -> tuple[TheoryOfChange, list[ToCElement]]:
    """Input → activity → short-term outcome, the first link with an assumption."""
    toc = services.toc_create(initiative=initiative, user=lead)
    money = services.toc_element_add(toc=toc, user=lead, kind="input", text="Pengar från ESF")
    coaching = services.toc_element_add(toc=toc, user=lead, kind="activity", text="Coachning")
    confidence = services.toc_element_add(toc=toc, user=lead, kind="outcome_short",
                                          text="Bättre självförtroende")
    services.toc_link_add(toc=toc, user=lead, source=money, target=coaching,
                          assumption="Coacherna går att anställa")
    return toc, [money, coaching, confidence]


def link_post(source: ToCElement, target: ToCElement, assumption: str = "") -> dict[str, object]:
    return {"action": "add_link", "link-source": source.pk, "link-target": target.pk,
            "link-assumption": assumption}


# --- Who sees and changes what -------------------------------------------------------------


def test_it_shows_the_diagram_and_the_forms_to_the_team(initiative_a, lead_a):
    build_toc(initiative_a, lead_a)
    response = login(lead_a).get(toc_url(initiative_a))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<svg" in html and 'aria-labelledby="toc-svg-title toc-svg-desc"' in html
    assert 'href="#toc-element-' in html  # each box is a keyboard-focusable link
    assert 'value="add_element"' in html and 'value="add_link"' in html
    assert 'value="delete_element"' in html and 'value="remove_link"' in html
    # The text alternative: each link as "A → B (assumption …)".
    assert "Pengar från ESF → Coachning" in html
    assert "Coacherna går att anställa" in html


def test_it_draws_numbers_without_swedish_separators(initiative_a, lead_a):
    build_toc(initiative_a, lead_a)
    html = login(lead_a).get(toc_url(initiative_a)).content.decode()
    assert re.search(r'viewBox="0 0 \d+ \d+"', html)
    assert not re.search(r'<rect x="\d+,\d', html)


def test_it_hides_an_unpublished_toc_from_another_team(initiative_a, lead_a, lead_b):
    toc, (money, coaching, _) = build_toc(initiative_a, lead_a)
    client = login(lead_b)
    assert client.get(toc_url(initiative_a)).status_code == 404
    assert client.get(print_url(initiative_a)).status_code == 404
    response = client.post(toc_url(initiative_a), {"action": "add_element",
                                                   "element-kind": "input",
                                                   "element-text": "Intrång"})
    assert response.status_code == 404
    response = client.post(toc_url(initiative_a), {"action": "delete_element",
                                                   "element": money.pk})
    assert response.status_code == 404
    assert toc.elements.count() == 3


def test_it_hides_an_unpublished_toc_from_anonymous(initiative_a, lead_a):
    build_toc(initiative_a, lead_a)
    assert Client().get(toc_url(initiative_a)).status_code == 404
    assert Client().get(print_url(initiative_a)).status_code == 404
    assert Client().post(toc_url(initiative_a), {"action": "create"}).status_code == 404


def test_it_shows_a_published_toc_read_only_to_anonymous(public_b, lead_b):
    toc, _ = build_toc(public_b, lead_b)
    response = Client().get(toc_url(public_b))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'role="img"' in html and "Coachning" in html
    assert "<form method=\"post\"" not in html and 'name="action"' not in html
    assert 'href="#toc-element-' not in html
    assert Client().get(print_url(public_b)).status_code == 200
    response = Client().post(toc_url(public_b), {"action": "add_element",
                                                 "element-kind": "input",
                                                 "element-text": "Intrång"})
    assert response.status_code == 403
    assert toc.elements.count() == 3


def test_it_lets_a_viewer_read_but_not_edit(initiative_a, lead_a, viewer_a):
    toc, (money, _, _) = build_toc(initiative_a, lead_a)
    client = login(viewer_a)
    response = client.get(toc_url(initiative_a))
    assert response.status_code == 200
    assert 'name="action"' not in response.content.decode()
    response = client.post(toc_url(initiative_a), {"action": "delete_element",
                                                   "element": money.pk})
    assert response.status_code == 403
    assert toc.elements.filter(pk=money.pk).exists()


def test_it_lets_an_analyst_read_and_write(initiative_a, lead_a, analyst):
    toc, _ = build_toc(initiative_a, lead_a)
    client = login(analyst)
    response = client.get(toc_url(initiative_a))
    assert response.status_code == 200 and 'value="add_element"' in response.content.decode()
    response = client.post(toc_url(initiative_a), {"action": "add_element",
                                                   "element-kind": "impact",
                                                   "element-text": "Fler i arbete"})
    assert response.status_code == 302
    assert toc.elements.filter(kind="impact", text="Fler i arbete").exists()


# --- Creating and editing ------------------------------------------------------------------


def test_it_offers_to_create_a_missing_toc_to_writers_only(initiative_a, lead_a, viewer_a):
    html = login(viewer_a).get(toc_url(initiative_a)).content.decode()
    assert 'value="create"' not in html
    client = login(lead_a)
    assert 'value="create"' in client.get(toc_url(initiative_a)).content.decode()
    response = client.post(toc_url(initiative_a), {"action": "create"}, follow=True)
    assert response.redirect_chain[-1] == (toc_url(initiative_a), 302)
    initiative_a.refresh_from_db()
    assert initiative_a.theory_of_change is not None
    assert initiative_a.theory_of_change.title == initiative_a.title
    assert len(list(response.context["messages"])) == 1
    # Creating twice keeps the one theory.
    client.post(toc_url(initiative_a), {"action": "create"})
    assert TheoryOfChange.objects.count() == 1


def test_it_shows_no_print_view_without_a_toc(initiative_a, lead_a):
    assert login(lead_a).get(print_url(initiative_a)).status_code == 404


def test_it_adds_an_element_linked_to_an_outcome(initiative_a, lead_a):
    toc, _ = build_toc(initiative_a, lead_a)
    group = services.stakeholder_create(initiative=initiative_a, user=lead_a, name="Unga")
    outcome = services.outcome_create(initiative=initiative_a, user=lead_a, stakeholder=group,
                                      description="Får arbete")
    response = login(lead_a).post(toc_url(initiative_a), {
        "action": "add_element", "element-kind": "outcome_medium",
        "element-text": "  Får arbete  ", "element-outcome": outcome.pk})
    assert response.status_code == 302
    element = toc.elements.get(kind="outcome_medium")
    assert (element.text, element.outcome) == ("Får arbete", outcome)


def test_it_refuses_an_outcome_of_another_initiative(initiative_a, lead_a, initiative_b, lead_b):
    toc, _ = build_toc(initiative_a, lead_a)
    own_group = services.stakeholder_create(initiative=initiative_a, user=lead_a, name="Unga")
    services.outcome_create(initiative=initiative_a, user=lead_a, stakeholder=own_group,
                            description="Får arbete")
    group = services.stakeholder_create(initiative=initiative_b, user=lead_b, name="Barn")
    foreign = services.outcome_create(initiative=initiative_b, user=lead_b, stakeholder=group,
                                      description="Klarar skolan")
    response = login(lead_a).post(toc_url(initiative_a), {
        "action": "add_element", "element-kind": "outcome_short",
        "element-text": "Klarar skolan", "element-outcome": foreign.pk})
    assert response.status_code == 400
    assert 'class="error-summary"' in response.content.decode()
    assert not toc.elements.filter(text="Klarar skolan").exists()


def test_it_links_only_outcome_boxes_to_outcomes(initiative_a, lead_a):
    toc, _ = build_toc(initiative_a, lead_a)
    client = login(lead_a)
    assert 'name="element-outcome"' not in client.get(toc_url(initiative_a)).content.decode()
    group = services.stakeholder_create(initiative=initiative_a, user=lead_a, name="Unga")
    outcome = services.outcome_create(initiative=initiative_a, user=lead_a, stakeholder=group,
                                      description="Får arbete")
    assert 'name="element-outcome"' in client.get(toc_url(initiative_a)).content.decode()
    response = client.post(toc_url(initiative_a), {
        "action": "add_element", "element-kind": "activity", "element-text": "Kurs",
        "element-outcome": outcome.pk})
    assert response.status_code == 400
    assert 'href="#id_element-outcome"' in response.content.decode()
    assert not toc.elements.filter(text="Kurs").exists()


def test_it_rerenders_an_empty_element_with_an_error_summary(initiative_a, lead_a):
    build_toc(initiative_a, lead_a)
    response = login(lead_a).post(toc_url(initiative_a), {
        "action": "add_element", "element-kind": "input", "element-text": "   "})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'class="error-summary"' in html and 'href="#id_element-text"' in html


def test_it_adds_a_link_with_its_assumption(initiative_a, lead_a):
    toc, (_, coaching, confidence) = build_toc(initiative_a, lead_a)
    client = login(lead_a)
    response = client.post(toc_url(initiative_a),
                           link_post(coaching, confidence, "  Deltagarna kommer varje vecka "))
    assert response.status_code == 302
    link = ToCLink.objects.get(source=coaching, target=confidence)
    assert link.assumption == "Deltagarna kommer varje vecka"
    html = client.get(toc_url(initiative_a)).content.decode()
    # Two assumptions, numbered in reading order, in the diagram and the list below it.
    assert ">①<" in html and ">②<" in html
    assert "Coachning → Bättre självförtroende (" in html


def test_it_rejects_a_backward_link_with_a_clear_message(initiative_a, lead_a):
    toc, (money, coaching, confidence) = build_toc(initiative_a, lead_a)
    with translation.override("en"):
        url = toc_url(initiative_a)
    response = login(lead_a).post(url, link_post(confidence, coaching, "Baklänges"))
    assert response.status_code == 400
    html = response.content.decode()
    assert 'class="error-summary"' in html and 'href="#id_link-target"' in html
    assert "cannot go back in the chain" in html
    assert not ToCLink.objects.filter(source=confidence).exists()


def test_it_rejects_a_link_to_itself_and_a_duplicate(initiative_a, lead_a):
    toc, (money, coaching, _) = build_toc(initiative_a, lead_a)
    client = login(lead_a)
    assert client.post(toc_url(initiative_a), link_post(money, money)).status_code == 400
    assert client.post(toc_url(initiative_a), link_post(money, coaching)).status_code == 400
    assert toc.links.count() == 1


def test_it_rejects_an_element_of_another_initiative(initiative_a, lead_a, initiative_b, lead_b):
    toc_a, (money, coaching, _) = build_toc(initiative_a, lead_a)
    _, (foreign, *_) = build_toc(initiative_b, lead_b)
    client = login(lead_a)
    response = client.post(toc_url(initiative_a), {
        "action": "add_link", "link-source": money.pk, "link-target": foreign.pk,
        "link-assumption": ""})
    assert response.status_code == 400
    assert 'class="error-summary"' in response.content.decode()
    assert not ToCLink.objects.filter(target=foreign).exists()
    # The chooser never offers it either.
    html = client.get(toc_url(initiative_a)).content.decode()
    assert f'<option value="{foreign.pk}">' not in html
    response = client.post(toc_url(initiative_a), {"action": "delete_element",
                                                   "element": foreign.pk})
    assert response.status_code == 400
    assert ToCElement.objects.filter(pk=foreign.pk).exists()


def test_it_deletes_an_element_with_its_links_and_removes_a_link(initiative_a, lead_a):
    toc, (money, coaching, confidence) = build_toc(initiative_a, lead_a)
    client = login(lead_a)
    services.toc_link_add(toc=toc, user=lead_a, source=coaching, target=confidence)
    link = toc.links.get(source=coaching)
    response = client.post(toc_url(initiative_a), {"action": "remove_link", "link": link.pk})
    assert response.status_code == 302
    assert not ToCLink.objects.filter(pk=link.pk).exists()
    response = client.post(toc_url(initiative_a), {"action": "delete_element",
                                                   "element": money.pk})
    assert response.status_code == 302
    assert list(toc.elements.values_list("text", flat=True)) == [
        "Coachning", "Bättre självförtroende"]
    assert toc.links.count() == 0


def test_it_answers_an_unknown_action_with_400(initiative_a, lead_a):
    build_toc(initiative_a, lead_a)
    assert login(lead_a).post(toc_url(initiative_a), {"action": "explode"}).status_code == 400


# --- The printable view --------------------------------------------------------------------


def test_it_prints_the_diagram_with_texts_escaped(initiative_a, lead_a):
    toc, (money, _, _) = build_toc(initiative_a, lead_a)
    evil = services.toc_element_add(toc=toc, user=lead_a, kind="impact",
                                    text="<script>alert(1)</script>")
    services.toc_link_add(toc=toc, user=lead_a, source=money, target=evil,
                          assumption="<b>fet</b>")
    response = login(lead_a).get(print_url(initiative_a))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<svg' in html and 'role="img"' in html
    assert "<script>alert" not in html and "<b>fet" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;b&gt;fet&lt;/b&gt;" in html
    for text in ("Pengar från ESF", "Coachning", "Bättre självförtroende"):
        assert text in html
    assert "Coacherna går att anställa" in html  # the assumptions list
    assert 'class="impact-tabs"' not in html and 'class="main-nav"' not in html
    assert "impact/toc-print.css" in html


def test_it_reads_the_diagram_in_a_fixed_number_of_queries(initiative_a, lead_a):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    toc, (money, *_) = build_toc(initiative_a, lead_a)
    client = login(lead_a)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(toc_url(initiative_a)).status_code == 200
        return len(captured)

    before = queries()
    for i in range(6):
        extra = services.toc_element_add(toc=toc, user=lead_a, kind="output", text=f"Utfall {i}")
        services.toc_link_add(toc=toc, user=lead_a, source=money, target=extra,
                              assumption=f"Antagande {i}")
    assert queries() == before
