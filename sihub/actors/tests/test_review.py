"""Editors review claims and proposed changes in the admin; actors are snippets with history."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from sihub.actors import services
from sihub.actors.models import Actor, ChangeProposal, Claim, Representative, ReviewStatus
from sihub.actors.tests.factories import make_actor
from sihub.conftest import _person, login
from sihub.core.roles import MEMBER
from sihub.core.models import AuditEntry

INDEX = "/admin/actors/review/"


@pytest.fixture(autouse=True)
def _admin_in_english(settings):
    """The assertions read the English texts; the admin otherwise speaks Swedish."""
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def actor(db) -> Actor:
    return make_actor("Läxhjälpen i Umeå", sector_slug="civil-society", home="2480",
                      website="https://laxhjalpen.example.org", description_sv="Läxhjälp.")


@pytest.fixture
def claimant(db):
    return _person("kalle.kassor@example.org", [MEMBER])


@pytest.fixture
def claim(claimant, actor) -> Claim:
    return services.claim_create(actor=actor, user=claimant,
                                 message="Jag är kassör i föreningen.")


@pytest.fixture
def proposal(member, actor) -> ChangeProposal:
    Representative.objects.create(actor=actor, user=member)
    return services.proposal_create(
        actor=actor, user=member, comment="Vi har flyttat webbplatsen.",
        values={"website": "https://nya.example.org", "description_sv": "Läxhjälp för alla."})


def claim_url(claim: Claim) -> str:
    return f"{INDEX}claims/{claim.pk}/"


def proposal_url(proposal: ChangeProposal) -> str:
    return f"{INDEX}proposals/{proposal.pk}/"


# --- Who gets in ---------------------------------------------------------------------


def test_it_sends_anonymous_visitors_to_the_admin_log_in(client, claim, proposal):
    for url in (INDEX, claim_url(claim), proposal_url(proposal)):
        response = client.get(url)
        assert response.status_code == 302 and "/admin/login/" in response["Location"]


@pytest.mark.parametrize("persona", ["member", "outsider", "analyst", "facilitator"])
def test_it_keeps_everyone_but_editors_out(persona, request, claim, proposal):
    client = login(request.getfixturevalue(persona))
    for url in (INDEX, claim_url(claim), proposal_url(proposal)):
        assert client.get(url).status_code == 302
    client.post(claim_url(claim), {"action": "approve"})
    client.post(proposal_url(proposal), {"action": "approve", "apply": ["website"]})
    assert not Representative.objects.filter(user=claim.user).exists()
    assert Claim.objects.get(pk=claim.pk).status == ReviewStatus.PENDING
    assert ChangeProposal.objects.get(pk=proposal.pk).status == ReviewStatus.PENDING
    assert Actor.objects.get(pk=proposal.actor_id).website == "https://laxhjalpen.example.org"


def test_it_lists_what_waits_for_editors(editor, claim, proposal):
    response = login(editor).get(INDEX)
    assert response.status_code == 200
    html = response.content.decode()
    assert claim_url(claim) in html and proposal_url(proposal) in html
    assert html.count("Läxhjälpen i Umeå") >= 2


def test_the_admin_menu_shows_the_queue_to_editors_only(editor, analyst):
    assert INDEX in login(editor).get("/admin/").content.decode()
    assert INDEX not in login(analyst).get("/admin/").content.decode()


def test_decisions_need_a_csrf_token(editor, claim):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor, backend="django.contrib.auth.backends.ModelBackend")
    assert client.post(claim_url(claim), {"action": "approve"}).status_code == 403
    assert Claim.objects.get(pk=claim.pk).status == ReviewStatus.PENDING


def test_an_unknown_request_is_not_found(editor, db):
    client = login(editor)
    assert client.get(f"{INDEX}claims/999/").status_code == 404
    assert client.get(f"{INDEX}proposals/999/").status_code == 404


# --- Claims --------------------------------------------------------------------------


def test_the_editor_sees_who_claims_and_why(editor, claim, claimant):
    html = login(editor).get(claim_url(claim)).content.decode()
    assert "Jag är kassör i föreningen." in html and claimant.email in html
    assert 'value="approve"' in html and 'value="reject"' in html


def test_approving_a_claim_in_the_admin_makes_a_representative(editor, claim, claimant):
    response = login(editor).post(claim_url(claim), {"action": "approve", "note": ""})
    assert response.status_code == 302 and response["Location"] == INDEX
    assert Representative.objects.filter(actor=claim.actor, user=claimant).exists()
    assert AuditEntry.objects.filter(action=services.CLAIM_APPROVED, actor_id=editor.pk).exists()


def test_rejecting_a_claim_in_the_admin_records_the_note(editor, claim):
    login(editor).post(claim_url(claim), {"action": "reject", "note": "Vi når dig inte."})
    claim.refresh_from_db()
    assert (claim.status, claim.review_note) == (ReviewStatus.REJECTED, "Vi når dig inte.")
    assert not Representative.objects.exists()


def test_a_claim_decided_meanwhile_is_not_decided_twice(editor, admin_user, claim):
    services.claim_reject(claim=claim, editor=admin_user, note="Nej")
    response = login(editor).post(claim_url(claim), {"action": "approve"}, follow=True)
    assert "Someone else decided this claim already." in response.content.decode()
    assert not Representative.objects.exists()


# --- Proposals -----------------------------------------------------------------------


def test_the_comparison_shows_before_now_and_proposed(editor, proposal):
    html = login(editor).get(proposal_url(proposal)).content.decode()
    assert "Vi har flyttat webbplatsen." in html
    for text in ("https://laxhjalpen.example.org", "https://nya.example.org",
                 "Läxhjälp för alla."):
        assert text in html
    assert 'name="apply" value="website"' in html and "Changed meanwhile" not in html


def test_approving_with_the_default_ticks_applies_the_proposal(editor, proposal, member):
    response = login(editor).post(proposal_url(proposal), {
        "action": "approve", "apply": ["website", "description_sv"], "note": "Tack!"})
    assert response.status_code == 302
    actor = Actor.objects.get(pk=proposal.actor_id)
    assert (actor.website, actor.description_sv) == ("https://nya.example.org",
                                                     "Läxhjälp för alla.")
    assert actor.latest_revision.user == member
    proposal.refresh_from_db()
    assert proposal.status == ReviewStatus.APPROVED and proposal.review_note == "Tack!"


def test_a_conflict_is_shown_and_unticked(editor, proposal, admin_user):
    services.actor_update(actor=proposal.actor, user=admin_user,
                          fields={"website": "https://rätt.example.org"})
    html = login(editor).get(proposal_url(proposal)).content.decode()
    assert "Changed meanwhile" in html and "https://rätt.example.org" in html
    boxes = dict(re.findall(r'<input type="checkbox" name="apply" value="(\w+)"[^>]*?( checked)?>',
                            html))
    assert boxes == {"description_sv": " checked", "website": ""}  # the conflict is unticked
    assert 'name="overwrite" value="website"' in html


def test_the_editor_keeps_the_current_value_by_leaving_it_unticked(editor, proposal,
                                                                     admin_user):
    services.actor_update(actor=proposal.actor, user=admin_user,
                          fields={"website": "https://rätt.example.org"})
    login(editor).post(proposal_url(proposal), {
        "action": "approve", "apply": ["description_sv"], "overwrite": ["website"]})
    actor = Actor.objects.get(pk=proposal.actor_id)
    assert (actor.website, actor.description_sv) == ("https://rätt.example.org",
                                                     "Läxhjälp för alla.")
    assert ChangeProposal.objects.get(pk=proposal.pk).applied == ["description_sv"]


def test_the_editor_takes_the_proposed_value_by_ticking_it(editor, proposal, admin_user):
    services.actor_update(actor=proposal.actor, user=admin_user,
                          fields={"website": "https://rätt.example.org"})
    login(editor).post(proposal_url(proposal), {
        "action": "approve", "apply": ["website", "description_sv"], "overwrite": ["website"]})
    assert Actor.objects.get(pk=proposal.actor_id).website == "https://nya.example.org"


def test_a_change_made_after_the_page_was_shown_is_not_overwritten(editor, proposal,
                                                                    admin_user):
    client = login(editor)
    client.get(proposal_url(proposal))  # no conflict yet: both ticked, no overwrite field
    services.actor_update(actor=proposal.actor, user=admin_user,
                          fields={"website": "https://rätt.example.org"})
    response = client.post(proposal_url(proposal), {
        "action": "approve", "apply": ["website", "description_sv"]})
    assert response.status_code == 400
    assert "The profile changed while you were reviewing" in response.content.decode()
    actor = Actor.objects.get(pk=proposal.actor_id)
    assert (actor.website, actor.description_sv) == ("https://rätt.example.org", "Läxhjälp.")
    assert ChangeProposal.objects.get(pk=proposal.pk).status == ReviewStatus.PENDING


def test_approving_nothing_asks_the_editor_to_choose(editor, proposal):
    response = login(editor).post(proposal_url(proposal), {"action": "approve"})
    assert response.status_code == 400
    assert "Choose at least one change" in response.content.decode()


def test_rejecting_a_proposal_keeps_the_profile(editor, proposal):
    login(editor).post(proposal_url(proposal), {"action": "reject", "note": "Stämmer inte."})
    proposal.refresh_from_db()
    assert (proposal.status, proposal.review_note) == (ReviewStatus.REJECTED, "Stämmer inte.")
    assert Actor.objects.get(pk=proposal.actor_id).website == "https://laxhjalpen.example.org"


def test_a_decided_proposal_shows_what_was_applied(editor, proposal):
    services.proposal_approve(proposal=proposal, editor=editor, keys=["website"])
    html = login(editor).get(proposal_url(proposal)).content.decode()
    assert "Not applied" in html and 'name="apply"' not in html


# --- Actors as snippets --------------------------------------------------------------

SNIPPETS = "/admin/snippets/actors/actor/"


def test_editors_edit_actors_and_the_history_keeps_each_version(editor, proposal, member):
    services.proposal_approve(proposal=proposal, editor=editor)
    actor = Actor.objects.get(pk=proposal.actor_id)
    client = login(editor)
    assert client.get(f"{SNIPPETS}edit/{actor.pk}/").status_code == 200
    history = client.get(f"{SNIPPETS}history/{actor.pk}/")
    assert history.status_code == 200
    assert "Proposed change approved" in history.content.decode()


def test_an_admin_edit_saves_a_revision_and_is_audited(editor, actor):
    data = nested_form_data({
        "name": actor.name, "slug": actor.slug, "org_number": "",
        "sector": actor.sector_id, "kind": actor.kind, "description_sv": "Ny text.",
        "description_en": "", "website": actor.website, "home_municipality":
        actor.home_municipality_id, "latitude": "", "longitude": "", "is_published": "on",
        "offerings": inline_formset([]), "contacts": inline_formset([
            {"name": "Kim Kontakt", "role": "", "email": "kim@example.org", "phone": "",
             "consent_at": ""}]),
    })
    before = actor.revisions.count()
    response = login(editor).post(f"{SNIPPETS}edit/{actor.pk}/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    actor = Actor.objects.get(pk=actor.pk)
    assert actor.description_sv == "Ny text." and actor.contacts.get().email == "kim@example.org"
    assert actor.revisions.count() == before + 1
    entry = AuditEntry.objects.get(action=services.ACTOR_UPDATED)
    assert "description_sv" in entry.data["fields"] and entry.actor_id == editor.pk


def test_analysts_read_actors_but_do_not_edit_them(analyst, actor):
    client = login(analyst)
    assert client.get(SNIPPETS).status_code == 200
    assert client.get(f"{SNIPPETS}inspect/{actor.pk}/").status_code == 200
    assert client.get(f"{SNIPPETS}edit/{actor.pk}/").status_code == 302


def test_members_have_no_way_into_the_actor_snippets(member, actor):
    assert login(member).get(SNIPPETS).status_code == 302
    assert login(member).get(f"{SNIPPETS}edit/{actor.pk}/").status_code == 302


def test_the_offering_stages_show_as_ticked_boxes(editor, actor):
    from sihub.actors.tests.factories import make_offering

    make_offering(actor, "advice", title="Coachning", stages=["pilot"])
    client = login(editor)
    assert client.get(f"{SNIPPETS}add/").status_code == 200
    html = client.get(f"{SNIPPETS}edit/{actor.pk}/").content.decode()
    boxes = dict(re.findall(r'name="offerings-0-stages" value="(\w+)"[^>]*?( checked)?>', html))
    assert boxes["pilot"] == " checked" and boxes["idea"] == ""


REPRESENTATIVES = "/admin/snippets/actors/representative/"


def test_editors_remove_a_representative_and_it_is_audited(editor, member, actor):
    representative = Representative.objects.create(actor=actor, user=member)
    client = login(editor)
    assert member.email in client.get(REPRESENTATIVES).content.decode()
    response = client.post(f"{REPRESENTATIVES}delete/{representative.pk}/")
    assert response.status_code == 302
    assert not Representative.objects.exists()
    assert AuditEntry.objects.filter(action=services.REPRESENTATIVE_REMOVED,
                                     actor_id=editor.pk).exists()


def test_analysts_do_not_see_who_represents_whom(analyst, member, actor):
    Representative.objects.create(actor=actor, user=member)
    assert login(analyst).get(REPRESENTATIVES).status_code == 302


def test_a_proposal_that_no_longer_validates_is_explained_not_applied(editor, proposal):
    ChangeProposal.objects.filter(pk=proposal.pk).update(
        data={**proposal.data, "latitude": 63.8}, previous={**proposal.previous, "latitude": None})
    response = login(editor).post(proposal_url(proposal), {
        "action": "approve", "apply": ["website", "description_sv", "latitude"]})
    assert response.status_code == 400
    assert "cannot be applied as they are" in response.content.decode()
    assert Actor.objects.get(pk=proposal.actor_id).website == "https://laxhjalpen.example.org"


def test_the_actor_editor_does_not_autosave_live_text(editor, actor):
    """Actors have no draft state: an autosave would publish half-typed text."""
    response = login(editor).get(f"/admin/snippets/actors/actor/edit/{actor.pk}/")
    assert response.status_code == 200
    assert response.context["autosave_enabled"] is False
