"""Members claim a profile and propose changes; nothing changes until an editor approves."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from sihub.actors.forms import OfferingFormSet, ProposalForm
from sihub.actors.models import (
    Actor,
    ChangeProposal,
    Claim,
    Contact,
    Offering,
    OfferingKind,
    Representative,
    ReviewStatus,
)
from sihub.actors.moderation import visible_contacts
from sihub.actors.tests.factories import county, make_actor, make_offering
from sihub.conftest import _person, login
from sihub.core.roles import MEMBER


@pytest.fixture
def actor(db) -> Actor:
    actor = make_actor("Läxhjälpen i Umeå", sector_slug="civil-society", home="2480",
                       website="https://laxhjalpen.example.org")
    Contact.objects.create(actor=actor, name="Publika Petra", email="petra@example.org",
                           is_public=True)
    Contact.objects.create(actor=actor, name="Hemliga Hanna", email="hanna@example.org")
    return actor


@pytest.fixture
def rep(member, actor):
    Representative.objects.create(actor=actor, user=member)
    return member


@pytest.fixture
def other_member(db):
    return _person("mats.member@example.org", [MEMBER])


def claim_url(actor: Actor) -> str:
    return f"/en/actors/{actor.slug}/claim/"


def propose_url(actor: Actor) -> str:
    return f"/en/actors/{actor.slug}/propose/"


def form_data(actor: Actor, **changes: Any) -> dict[str, Any]:
    """The proposal form as the member finds it (every field as it is), plus ``changes``."""
    data: dict[str, Any] = {}

    def put(name: str, value: Any) -> None:
        if value is None or value is False:
            return
        if value is True:
            data[name] = "on"
        elif isinstance(value, list):
            data[name] = [str(v) for v in value]
        else:
            data[name] = str(value)

    form = ProposalForm(actor=actor)
    for name in form.fields:
        put(name, form.initial.get(name))
    formset = OfferingFormSet(actor=actor)
    data.update({"offerings-TOTAL_FORMS": str(len(formset.forms)),
                 "offerings-INITIAL_FORMS": str(formset.initial_form_count()),
                 "offerings-MIN_NUM_FORMS": "0", "offerings-MAX_NUM_FORMS": "1000"})
    for number, offering_form in enumerate(formset.forms):
        for name in offering_form.fields:
            put(f"offerings-{number}-{name}", offering_form.initial.get(name))
    data.update(changes)
    return data


# --- Claims --------------------------------------------------------------------------


@pytest.mark.parametrize("url", [claim_url, propose_url])
def test_it_sends_anonymous_visitors_to_the_member_log_in(client, actor, url):
    response = client.get(url(actor))
    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/?next=")
    assert client.post(url(actor), {"message": "x"}).status_code == 302
    assert not Claim.objects.exists() and not ChangeProposal.objects.exists()


@pytest.mark.parametrize("persona", ["outsider", "editor", "analyst"])
def test_it_lets_only_members_claim(persona, request, actor):
    client = login(request.getfixturevalue(persona))
    response = client.get(claim_url(actor))
    assert response.status_code == 403
    assert "not a member account" in response.content.decode()
    assert client.post(claim_url(actor), {"message": "Jag jobbar där"}).status_code == 403
    assert not Claim.objects.exists()


def test_it_shows_members_the_claim_form(member, actor):
    response = login(member).get(claim_url(actor))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="message"' in html and 'for="id_message"' in html
    assert "csrfmiddlewaretoken" in html


def test_a_claim_waits_for_an_editor(member, actor):
    client = login(member)
    response = client.post(claim_url(actor), {"message": "Jag är verksamhetsledare."})
    assert response.status_code == 302 and response["Location"] == claim_url(actor)
    claim = Claim.objects.get()
    assert (claim.user, claim.actor, claim.status) == (member, actor, ReviewStatus.PENDING)
    assert not Representative.objects.exists()
    page = client.get(claim_url(actor)).content.decode()
    assert "An editor will check your request" in page
    assert 'name="message"' not in page  # no second form while one waits


def test_claiming_twice_is_answered_kindly_and_stored_once(member, actor):
    client = login(member)
    client.post(claim_url(actor), {"message": "Första gången"})
    response = client.post(claim_url(actor), {"message": "Andra gången"}, follow=True)
    assert response.status_code == 200
    assert "no need to ask again" in response.content.decode()
    assert Claim.objects.count() == 1


def test_a_claim_needs_a_message(member, actor):
    response = login(member).post(claim_url(actor), {"message": ""})
    assert response.status_code == 200
    assert 'href="#id_message"' in response.content.decode()
    assert not Claim.objects.exists()


def test_it_does_not_reveal_unpublished_or_unknown_actors(member):
    hidden = make_actor("Dold förening", is_published=False)
    client = login(member)
    assert client.get(claim_url(hidden)).status_code == 404
    assert client.get("/sv/actors/finns-inte/claim/").status_code == 404


def test_a_representative_is_told_so_and_led_to_the_proposal_form(rep, actor):
    response = login(rep).get(claim_url(actor))
    assert response.status_code == 200
    assert propose_url(actor) in response.content.decode()


def test_it_refuses_a_claim_without_a_csrf_token(member, actor):
    client = Client(enforce_csrf_checks=True)
    client.force_login(member, backend="django.contrib.auth.backends.ModelBackend")
    assert client.post(claim_url(actor), {"message": "x"}).status_code == 403
    assert not Claim.objects.exists()


def test_the_member_sees_the_editors_answer(member, editor, actor):
    from sihub.actors import services

    claim = services.claim_create(actor=actor, user=member, message="x")
    services.claim_reject(claim=claim, editor=editor, note="Vi behöver ett intyg.")
    page = login(member).get(claim_url(actor)).content.decode()
    assert "Vi behöver ett intyg." in page and 'name="message"' in page


# --- Proposals -----------------------------------------------------------------------


def test_it_shows_the_representative_the_profile_to_change(rep, actor):
    make_offering(actor, OfferingKind.ADVICE, title="Coachning")
    response = login(rep).get(propose_url(actor))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="https://laxhjalpen.example.org"' in html
    assert "Coachning" in html and 'name="offerings-0-title_sv"' in html
    assert 'for="id_description_sv"' in html


def test_representatives_see_every_contact_person(rep, actor):
    html = login(rep).get(propose_url(actor)).content.decode()
    assert "Publika Petra" in html and "Hemliga Hanna" in html


@pytest.mark.parametrize("persona", ["other_member", "outsider", "editor", "facilitator"])
def test_only_this_actors_representatives_may_propose(persona, request, actor):
    client = login(request.getfixturevalue(persona))
    response = client.get(propose_url(actor))
    assert response.status_code == 403
    html = response.content.decode()
    assert "Hemliga Hanna" not in html and "hanna@example.org" not in html
    response = client.post(propose_url(actor), form_data(actor, website="https://kapad.example"))
    assert response.status_code == 403
    assert not ChangeProposal.objects.exists()
    assert Actor.objects.get(pk=actor.pk).website == "https://laxhjalpen.example.org"


def test_a_member_of_one_actor_cannot_propose_for_another(rep, actor):
    other = make_actor("Grannföreningen", website="https://granne.example.org")
    client = login(rep)
    assert client.get(propose_url(other)).status_code == 403
    response = client.post(propose_url(other), form_data(other, website="https://kapad.example"))
    assert response.status_code == 403
    assert not ChangeProposal.objects.filter(actor=other).exists()
    assert Actor.objects.get(pk=other.pk).website == "https://granne.example.org"


def test_a_proposal_is_stored_and_nothing_changes_until_approved(rep, actor):
    client = login(rep)
    data = form_data(actor, website="https://nya.example.org",
                     counties=[str(county("24").pk)], comment="Vi har ny webbplats.")
    response = client.post(propose_url(actor), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    proposal = ChangeProposal.objects.get()
    assert proposal.proposed_by == rep and proposal.comment == "Vi har ny webbplats."
    assert proposal.data == {"website": "https://nya.example.org", "counties": [county("24").pk]}
    actor = Actor.objects.get(pk=actor.pk)
    assert actor.website == "https://laxhjalpen.example.org"
    assert not actor.counties.exists()
    page = client.get(propose_url(actor)).content.decode()
    assert "Waiting for review" in page


def test_offerings_are_proposed_through_the_form(rep, actor):
    coaching = make_offering(actor, OfferingKind.ADVICE, title="Coachning")
    rooms = make_offering(actor, OfferingKind.PREMISES, title="Lokaler")
    data = form_data(actor, **{
        "offerings-0-title_sv": "Coachning för unga",
        "offerings-1-DELETE": "on",
        "offerings-2-kind": OfferingKind.FUNDING, "offerings-2-title_sv": "Startbidrag",
        "offerings-2-opens_on": "2026-02-01", "offerings-2-closes_on": "2026-03-01",
    })
    response = login(rep).post(propose_url(actor), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    ops = ChangeProposal.objects.get().data["offerings"]
    assert [op["id"] for op in ops] == [coaching.pk, rooms.pk, None]
    assert ops[0]["values"]["title_sv"] == "Coachning för unga"
    assert ops[1] == {"id": rooms.pk, "delete": True}
    assert ops[2]["values"]["opens_on"] == "2026-02-01"
    assert Offering.objects.filter(actor=actor).count() == 2  # not yet


def test_it_says_so_when_nothing_was_changed(rep, actor):
    response = login(rep).post(propose_url(actor), form_data(actor))
    assert response.status_code == 200
    assert "You have not changed anything yet." in response.content.decode()
    assert not ChangeProposal.objects.exists()


def test_it_shows_errors_linked_to_their_fields(rep, actor):
    response = login(rep).post(propose_url(actor), form_data(
        actor, latitude="63.8", website="inte en adress", **{
            "offerings-0-title_sv": "Kurs", "offerings-0-opens_on": "2026-05-01",
            "offerings-0-closes_on": "2026-04-01"}))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'href="#id_longitude"' in html and 'href="#id_website"' in html
    assert 'href="#id_offerings-0-closes_on"' in html
    assert "<title>Error:" in html or "<title>Fel:" in html
    assert not ChangeProposal.objects.exists()


def test_an_offering_of_another_actor_cannot_be_smuggled_in(rep, actor):
    foreign = make_offering(make_actor("Annan"), OfferingKind.ADVICE, title="Deras")
    mine = make_offering(actor, OfferingKind.ADVICE, title="Vår")
    data = form_data(actor, **{"offerings-0-id": str(foreign.pk), "offerings-0-DELETE": "on"})
    assert mine.pk  # the form's first offering was ours
    response = login(rep).post(propose_url(actor), data)
    assert response.status_code == 200
    assert "changed outside this form" in response.content.decode()
    assert not ChangeProposal.objects.exists()


def test_representatives_of_an_unpublished_actor_may_still_propose(member):
    hidden = make_actor("Dold förening", is_published=False)
    Representative.objects.create(actor=hidden, user=member)
    assert login(member).get(propose_url(hidden)).status_code == 200


def test_others_get_not_found_for_an_unpublished_actor(member):
    hidden = make_actor("Dold förening", is_published=False)
    assert login(member).get(propose_url(hidden)).status_code == 404


def test_public_visitors_see_only_public_contacts(rep, editor, actor, outsider):
    assert [c.name for c in visible_contacts(None, actor)] == ["Publika Petra"]
    assert [c.name for c in visible_contacts(outsider, actor)] == ["Publika Petra"]
    assert len(visible_contacts(rep, actor)) == 2
    assert len(visible_contacts(editor, actor)) == 2


def test_editors_are_pointed_to_the_admin_instead(editor, other_member, actor):
    admin_link = f"/admin/snippets/actors/actor/edit/{actor.pk}/"
    assert admin_link in login(editor).get(propose_url(actor)).content.decode()
    assert admin_link not in login(other_member).get(propose_url(actor)).content.decode()


def test_text_sent_back_unchanged_by_a_browser_is_no_change(rep, actor):
    Actor.objects.filter(pk=actor.pk).update(description_sv="Rad ett.\nRad två.")
    make_offering(actor, OfferingKind.ADVICE, title="Kurs", conditions="Gratis.\nFörst till kvarn.")
    actor = Actor.objects.get(pk=actor.pk)
    data = form_data(actor, description_sv="Rad ett.\r\nRad två.",
                     **{"offerings-0-conditions": "Gratis.\r\nFörst till kvarn."})
    response = login(rep).post(propose_url(actor), data)
    assert "You have not changed anything yet." in response.content.decode()
