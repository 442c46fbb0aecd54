"""Outcomes of an event, linked onward to coalitions and initiatives the reader may see."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import translation

from sihub.coalitions.tests.conftest import make_coalition
from sihub.conftest import login
from sihub.core.models import AuditEntry
from sihub.events import feedback_services
from sihub.events.feedback_services import FeedbackError, outcome_add, outcome_delete
from sihub.events.models import EventOutcome
from sihub.events.tests.conftest import make_event
from sihub.impact.models import Initiative

pytestmark = pytest.mark.django_db


@pytest.fixture
def workshop(calendars):
    return make_event(calendars, "Samskapande verkstad", days=-7)


@pytest.fixture
def links(db):
    return {
        "public_coalition": make_coalition("Mat och gemenskap", public=True),
        "hidden_coalition": make_coalition("Hemlig koalition"),
        "public_initiative": Initiative.objects.create(title="Öppen mötesplats",
                                                       slug="oppen-motesplats", is_public=True),
        "hidden_initiative": Initiative.objects.create(title="Hemligt initiativ",
                                                       slug="hemligt-initiativ"),
    }


def url(event, lang: str = "sv") -> str:
    with translation.override(lang):
        return reverse("events:outcomes", args=[event.pk])


def test_it_lets_organisers_record_an_outcome_with_links(facilitator, workshop, links):
    client = login(facilitator)
    response = client.post(url(workshop), {
        "action": "add", "title": "En koalition om mat bildades", "description": "Tre kommuner",
        "coalition": links["public_coalition"].pk, "initiative": links["public_initiative"].pk})
    assert response.status_code == 302
    outcome = EventOutcome.objects.get()
    assert (outcome.event_id, outcome.coalition_id, outcome.initiative_id, outcome.created_by_id) \
        == (workshop.pk, links["public_coalition"].pk, links["public_initiative"].pk,
            facilitator.pk)
    html = client.get(url(workshop, "en")).content.decode()
    assert "En koalition om mat bildades" in html
    with translation.override("en"):
        assert f'href="{reverse("coalitions:detail", args=[links["public_coalition"].pk])}"' \
            in html
    assert "Öppen mötesplats" in html
    assert AuditEntry.objects.filter(action=feedback_services.OUTCOME_ADDED,
                                     target_id=str(workshop.pk)).exists()


def test_it_lets_organisers_remove_an_outcome(facilitator, workshop):
    outcome = outcome_add(actor=facilitator, event=workshop, title="Idé")
    response = login(facilitator).post(url(workshop), {"action": "delete",
                                                       "outcome": outcome.pk})
    assert response.status_code == 302
    assert not EventOutcome.objects.exists()
    assert AuditEntry.objects.filter(action=feedback_services.OUTCOME_DELETED).exists()


def test_it_refuses_to_remove_another_events_outcome(facilitator, workshop, calendars):
    other = make_event(calendars, "Annan verkstad", days=-3)
    outcome = outcome_add(actor=facilitator, event=other, title="Idé")
    response = login(facilitator).post(url(workshop), {"action": "delete",
                                                       "outcome": outcome.pk})
    assert response.status_code == 404
    assert EventOutcome.objects.count() == 1


def test_it_requires_a_title(facilitator, workshop):
    response = login(facilitator).post(url(workshop, "en"), {"action": "add", "title": ""})
    assert response.status_code == 400
    assert "error-summary" in response.content.decode()
    assert not EventOutcome.objects.exists()


def test_analysts_read_but_do_not_change(analyst, facilitator, workshop):
    outcome_add(actor=facilitator, event=workshop, title="Idé om läxhjälp")
    client = login(analyst)
    response = client.get(url(workshop))
    assert response.status_code == 200
    assert "Idé om läxhjälp" in response.content.decode()
    assert response.context["form"] is None
    assert client.post(url(workshop), {"action": "add", "title": "Nej"}).status_code == 403
    with pytest.raises(PermissionDenied):
        outcome_add(actor=analyst, event=workshop, title="Nej")
    assert EventOutcome.objects.count() == 1


def test_it_hides_the_page_from_others(client, outsider, member, editor, workshop):
    anonymous = client.get(url(workshop))
    assert anonymous.status_code == 302 and "login" in anonymous["Location"]
    for person in (outsider, member, editor):
        assert login(person).get(url(workshop)).status_code == 403
        assert login(person).post(url(workshop), {"action": "add", "title": "x"}).status_code \
            == 403
    assert not EventOutcome.objects.exists()


def test_it_offers_only_coalitions_and_initiatives_the_organiser_may_see(
        facilitator, workshop, links):
    from sihub.events.feedback_selectors import linkable_coalitions, linkable_initiatives

    # Facilitators follow every coalition; initiatives: only public ones and their own.
    assert set(linkable_coalitions(facilitator)) >= {links["public_coalition"],
                                                      links["hidden_coalition"]}
    from sihub.impact.selectors import initiatives_visible_to

    assert set(linkable_initiatives(facilitator)) == set(initiatives_visible_to(facilitator))


def test_it_refuses_a_link_the_organiser_may_not_see(facilitator, member, workshop, links,
                                                     monkeypatch):
    from sihub.events import feedback_services as services

    monkeypatch.setattr(services, "initiatives_visible_to",
                        lambda user: Initiative.objects.filter(is_public=True))
    with pytest.raises(FeedbackError) as exc:
        outcome_add(actor=facilitator, event=workshop, title="x",
                    initiative=links["hidden_initiative"])
    assert exc.value.code == "initiative_hidden"
    monkeypatch.setattr(services, "coalitions_visible_to",
                        lambda user: type(links["public_coalition"]).objects.filter(
                            is_public=True))
    with pytest.raises(FeedbackError):
        outcome_add(actor=facilitator, event=workshop, title="x",
                    coalition=links["hidden_coalition"])
    assert not EventOutcome.objects.exists()


def test_it_shows_readers_only_the_links_they_may_open(facilitator, analyst, workshop, links,
                                                       monkeypatch):
    outcome_add(actor=facilitator, event=workshop, title="Ny koalition",
                coalition=links["hidden_coalition"])
    from sihub.events import feedback_selectors

    monkeypatch.setattr(feedback_selectors, "coalitions_visible_to",
                        lambda user: type(links["public_coalition"]).objects.filter(
                            is_public=True))
    html = login(analyst).get(url(workshop, "en")).content.decode()
    assert "Ny koalition" in html
    assert "Hemlig koalition" not in html
    assert "Also linked to something you do not have access to." in html


def test_outcome_delete_checks_the_right(analyst, facilitator, workshop):
    outcome = outcome_add(actor=facilitator, event=workshop, title="Idé")
    with pytest.raises(PermissionDenied):
        outcome_delete(actor=analyst, outcome=outcome)
    assert EventOutcome.objects.count() == 1
