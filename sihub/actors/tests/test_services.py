"""Writes on actors: profiles, relations, claims and proposed changes, all audited."""

from __future__ import annotations

import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from wagtail.models import ModelLogEntry

from sihub.actors import services
from sihub.actors.models import (
    Actor,
    ChangeProposal,
    Claim,
    Offering,
    OfferingKind,
    Representative,
    ReviewStatus,
)
from sihub.actors.moderation import proposal_changes
from sihub.actors.tests.factories import county, make_actor, make_offering, make_relation, sector
from sihub.core.models import AuditEntry
from sihub.sdg.models import Goal


@pytest.fixture
def actor(db) -> Actor:
    return make_actor("Läxhjälpen i Umeå", sector_slug="civil-society", home="2480",
                      website="https://laxhjalpen.example.org", description_sv="Läxhjälp.")


@pytest.fixture
def rep(member, actor) -> object:
    """The member, as an approved representative of ``actor``."""
    Representative.objects.create(actor=actor, user=member)
    return member


def audits(action: str) -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(action=action).order_by("pk"))


# --- Profiles and relations ----------------------------------------------------------


def test_it_creates_an_actor_with_a_first_revision_and_an_audit_entry(editor):
    actor = services.actor_create(
        user=editor, fields={"name": "Coompanion Norr", "slug": "coompanion-norr",
                             "sector": sector("social-economy"), "kind": "cooperative"},
        m2m={"counties": [county("24").pk]})
    assert actor.latest_revision is not None and actor.latest_revision.user == editor
    assert list(actor.counties.values_list("code", flat=True)) == ["24"]
    [entry] = audits(services.ACTOR_CREATED)
    assert entry.actor_id == editor.pk and entry.target_id == str(actor.pk)


def test_it_refuses_an_invalid_organisation_number(editor):
    with pytest.raises(ValidationError):
        services.actor_create(user=editor, fields={
            "name": "Fel AB", "slug": "fel-ab", "sector": sector("private"),
            "kind": "company", "org_number": "556036-0794"})
    assert not Actor.objects.filter(slug="fel-ab").exists()


def test_an_update_saves_a_revision_and_audits_the_changed_fields(editor, actor):
    before = actor.revisions.count()
    services.actor_update(actor=actor, user=editor, fields={"website": "https://ny.example.org"},
                          m2m={"sdgs": []})
    assert actor.revisions.count() == before + 1
    [entry] = audits(services.ACTOR_UPDATED)
    assert entry.data["fields"] == ["website"]


def test_an_update_that_changes_nothing_leaves_no_trace(editor, actor):
    before = actor.revisions.count()
    services.actor_update(actor=actor, user=editor, fields={"website": actor.website})
    assert actor.revisions.count() == before
    assert audits(services.ACTOR_UPDATED) == []


def test_relations_are_audited_when_created_and_deleted(editor, actor):
    other = make_actor("Region Västerbotten", sector_slug="public", kind="region")
    relation = services.relation_create(user=editor, source_actor=other, target_actor=actor,
                                        kind="funds", source="Årsredovisning 2024")
    assert audits(services.RELATION_CREATED)[0].data["kind"] == "funds"
    services.relation_delete(user=editor, relation=relation)
    assert not other.relations_out.exists()
    assert audits(services.RELATION_DELETED)[0].data["target_actor_id"] == actor.pk


def test_a_relation_to_itself_is_refused(editor, actor):
    with pytest.raises(ValidationError):
        services.relation_create(user=editor, source_actor=actor, target_actor=actor,
                                 kind="partner")


# --- Claims --------------------------------------------------------------------------


def test_a_member_claims_an_actor_and_it_waits_for_review(member, actor):
    claim = services.claim_create(actor=actor, user=member, message="Jag är verksamhetsledare.")
    assert claim.status == ReviewStatus.PENDING
    assert not Representative.objects.filter(actor=actor, user=member).exists()
    [entry] = audits(services.CLAIM_CREATED)
    assert entry.data == {"claim_id": claim.pk}


def test_claiming_twice_is_answered_kindly_without_a_second_row(member, actor):
    first = services.claim_create(actor=actor, user=member, message="Första")
    with pytest.raises(services.ClaimAlreadyPending) as caught:
        services.claim_create(actor=actor, user=member, message="Andra")
    assert caught.value.claim == first
    assert Claim.objects.filter(actor=actor, user=member).count() == 1


def test_the_database_refuses_a_second_pending_claim(member, actor):
    Claim.objects.create(actor=actor, user=member)
    with pytest.raises(IntegrityError), transaction.atomic():
        Claim.objects.create(actor=actor, user=member)


def test_only_members_may_claim(outsider, editor, actor):
    for person in (outsider, editor):
        with pytest.raises(PermissionDenied):
            services.claim_create(actor=actor, user=person)
    assert not Claim.objects.exists()


def test_a_representative_cannot_claim_again(rep, actor):
    with pytest.raises(services.AlreadyRepresentative):
        services.claim_create(actor=actor, user=rep)


def test_approving_a_claim_makes_a_representative_and_is_audited(member, editor, actor):
    claim = services.claim_create(actor=actor, user=member, message="Styrelseledamot")
    representative = services.claim_approve(claim=claim, editor=editor)
    assert representative.user == member and representative.approved_by == editor
    claim.refresh_from_db()
    assert (claim.status, claim.decided_by) == (ReviewStatus.APPROVED, editor)
    [entry] = audits(services.CLAIM_APPROVED)
    assert entry.actor_id == editor.pk and entry.data["representative_id"] == representative.pk
    assert ModelLogEntry.objects.filter(action=services.LOG_REPRESENTATIVE_ADDED,
                                        object_id=str(actor.pk), user=editor).exists()


def test_a_claim_is_decided_once(member, editor, actor):
    claim = services.claim_create(actor=actor, user=member)
    services.claim_approve(claim=claim, editor=editor)
    with pytest.raises(services.AlreadyDecided):
        services.claim_reject(claim=claim, editor=editor, note="För sent")
    assert Claim.objects.get(pk=claim.pk).status == ReviewStatus.APPROVED


def test_rejecting_a_claim_records_the_note_and_lets_the_member_ask_again(member, editor,
                                                                          actor):
    claim = services.claim_create(actor=actor, user=member, message="Jag känner dem")
    services.claim_reject(claim=claim, editor=editor, note="Vi hittar dig inte hos dem.")
    claim.refresh_from_db()
    assert claim.status == ReviewStatus.REJECTED
    assert claim.review_note == "Vi hittar dig inte hos dem."
    assert not Representative.objects.exists()
    entry = audits(services.CLAIM_REJECTED)[0]
    assert entry.data["with_note"] is True
    assert "hittar" not in json.dumps(entry.data)  # free text stays out of the audit log
    services.claim_create(actor=actor, user=member, message="Nu är jag anställd")
    assert Claim.objects.filter(status=ReviewStatus.PENDING).count() == 1


def test_members_cannot_decide_claims(member, actor):
    claim = services.claim_create(actor=actor, user=member)
    with pytest.raises(PermissionDenied):
        services.claim_approve(claim=claim, editor=member)
    assert not Representative.objects.exists()


# --- Proposals -----------------------------------------------------------------------


def test_a_proposal_stores_only_what_changed_and_changes_nothing_yet(rep, actor):
    proposal = services.proposal_create(
        actor=actor, user=rep, comment="Ny webbplats",
        values={"website": "https://nya.example.org", "description_sv": "Läxhjälp.",
                "counties": [county("24").pk], "serves_national": False})
    assert proposal.data == {"website": "https://nya.example.org",
                             "counties": [county("24").pk]}
    assert proposal.previous == {"website": "https://laxhjalpen.example.org", "counties": []}
    actor.refresh_from_db()
    assert actor.website == "https://laxhjalpen.example.org"
    assert list(actor.counties.all()) == []
    [entry] = audits(services.PROPOSAL_CREATED)
    assert entry.data["keys"] == ["website", "counties"]


def test_only_representatives_of_this_actor_may_propose(rep, outsider, editor, actor):
    other = make_actor("Annan förening")
    for person, target in ((rep, other), (outsider, actor), (editor, actor)):
        with pytest.raises(services.NotARepresentative):
            services.proposal_create(actor=target, user=person,
                                     values={"website": "https://x.example.org"})
    assert not ChangeProposal.objects.exists()


def test_a_proposal_that_changes_nothing_is_refused(rep, actor):
    with pytest.raises(services.NothingChanged):
        services.proposal_create(actor=actor, user=rep,
                                 values={"website": " https://laxhjalpen.example.org "})


def test_a_proposal_the_model_would_refuse_is_refused_at_once(rep, actor):
    with pytest.raises(ValidationError):
        services.proposal_create(actor=actor, user=rep, values={"latitude": 63.8})
    assert not ChangeProposal.objects.exists()


def test_approving_applies_the_changes_in_a_revision_by_the_proposer(rep, editor, actor):
    proposal = services.proposal_create(
        actor=actor, user=rep, values={"website": "https://nya.example.org",
                                       "sdgs": [Goal.objects.get(number=4).pk],
                                       "latitude": 63.83, "longitude": 20.26})
    services.proposal_approve(proposal=proposal, editor=editor, note="Tack!")
    actor = Actor.objects.get(pk=actor.pk)
    assert actor.website == "https://nya.example.org"
    assert list(actor.sdgs.values_list("number", flat=True)) == [4]
    assert (actor.latitude, actor.longitude) == (63.83, 20.26)
    revision = actor.latest_revision
    assert revision.user == rep
    assert revision.content["website"] == "https://nya.example.org"
    proposal.refresh_from_db()
    assert proposal.status == ReviewStatus.APPROVED and proposal.decided_by == editor
    assert proposal.applied == ["website", "latitude", "longitude", "sdgs"]
    [entry] = audits(services.PROPOSAL_APPROVED)
    assert entry.actor_id == editor.pk and entry.data["revision_id"] == revision.pk
    logs = ModelLogEntry.objects.filter(object_id=str(actor.pk))
    assert logs.filter(action="wagtail.edit", user=rep).exists()
    assert logs.filter(action=services.LOG_PROPOSAL_APPROVED, user=editor).exists()


def test_members_cannot_approve_their_own_proposal(rep, actor):
    proposal = services.proposal_create(actor=actor, user=rep,
                                        values={"website": "https://nya.example.org"})
    with pytest.raises(PermissionDenied):
        services.proposal_approve(proposal=proposal, editor=rep)
    assert Actor.objects.get(pk=actor.pk).website == "https://laxhjalpen.example.org"


def test_rejecting_keeps_the_profile_and_records_the_note(rep, editor, actor):
    proposal = services.proposal_create(actor=actor, user=rep,
                                        values={"website": "https://nya.example.org"})
    services.proposal_reject(proposal=proposal, editor=editor, note="Länken fungerar inte.")
    proposal.refresh_from_db()
    assert proposal.status == ReviewStatus.REJECTED
    assert proposal.review_note == "Länken fungerar inte."
    assert Actor.objects.get(pk=actor.pk).website == "https://laxhjalpen.example.org"
    assert audits(services.PROPOSAL_REJECTED)[0].data["keys"] == ["website"]


def test_a_change_made_meanwhile_is_not_silently_overwritten(rep, editor, actor):
    proposal = services.proposal_create(
        actor=actor, user=rep, values={"website": "https://nya.example.org",
                                       "description_sv": "Läxhjälp för alla."})
    services.actor_update(actor=actor, user=editor, fields={"website": "https://rätt.example.org"})

    [website] = [c for c in proposal_changes(proposal) if c.key == "website"]
    assert website.conflict
    assert (website.previous, website.current, website.proposed) == (
        "https://laxhjalpen.example.org", "https://rätt.example.org", "https://nya.example.org")
    with pytest.raises(services.ProposalConflict) as caught:
        services.proposal_approve(proposal=proposal, editor=editor)
    assert caught.value.keys == ["website"]
    assert Actor.objects.get(pk=actor.pk).description_sv == "Läxhjälp."  # nothing applied
    assert ChangeProposal.objects.get(pk=proposal.pk).status == ReviewStatus.PENDING


def test_the_editor_may_keep_the_current_value_and_apply_the_rest(rep, editor, actor):
    proposal = services.proposal_create(
        actor=actor, user=rep, values={"website": "https://nya.example.org",
                                       "description_sv": "Läxhjälp för alla."})
    services.actor_update(actor=actor, user=editor, fields={"website": "https://rätt.example.org"})
    services.proposal_approve(proposal=proposal, editor=editor, keys=["description_sv"])
    actor = Actor.objects.get(pk=actor.pk)
    assert (actor.website, actor.description_sv) == ("https://rätt.example.org",
                                                     "Läxhjälp för alla.")
    assert audits(services.PROPOSAL_APPROVED)[0].data["kept"] == ["website"]


def test_the_editor_may_choose_the_proposed_value_over_a_change_made_meanwhile(rep, editor,
                                                                               actor):
    proposal = services.proposal_create(actor=actor, user=rep,
                                        values={"website": "https://nya.example.org"})
    services.actor_update(actor=actor, user=editor, fields={"website": "https://rätt.example.org"})
    services.proposal_approve(proposal=proposal, editor=editor, overwrite=["website"])
    assert Actor.objects.get(pk=actor.pk).website == "https://nya.example.org"
    assert audits(services.PROPOSAL_APPROVED)[0].data["overwritten"] == ["website"]


def test_the_same_change_made_meanwhile_is_no_conflict(rep, editor, actor):
    proposal = services.proposal_create(actor=actor, user=rep,
                                        values={"website": "https://nya.example.org"})
    services.actor_update(actor=actor, user=editor, fields={"website": "https://nya.example.org"})
    services.proposal_approve(proposal=proposal, editor=editor)
    assert ChangeProposal.objects.get(pk=proposal.pk).status == ReviewStatus.APPROVED


def test_choosing_nothing_applies_nothing(rep, editor, actor):
    proposal = services.proposal_create(actor=actor, user=rep,
                                        values={"website": "https://nya.example.org"})
    with pytest.raises(services.NothingChosen):
        services.proposal_approve(proposal=proposal, editor=editor, keys=[])
    assert ChangeProposal.objects.get(pk=proposal.pk).status == ReviewStatus.PENDING


def _offering_item(offering: Offering | None = None, **changes: object) -> dict:
    from sihub.actors.moderation import offering_values

    values = offering_values(offering) if offering else {
        "kind": OfferingKind.ADVICE, "title_sv": "", "title_en": "", "description_sv": "",
        "description_en": "", "stages": [], "target_sectors": [], "target_groups": "",
        "counties": [], "national": False, "conditions": "", "url": "", "opens_on": None,
        "closes_on": None}
    return {"id": offering.pk if offering else None, "delete": False, **values, **changes}


def test_offerings_are_changed_added_and_removed_one_by_one(rep, editor, actor):
    coaching = make_offering(actor, OfferingKind.ADVICE, title="Coachning")
    rooms = make_offering(actor, OfferingKind.PREMISES, title="Lokaler")
    proposal = services.proposal_create(actor=actor, user=rep, offerings=[
        _offering_item(coaching, title_sv="Coachning för unga", stages=["pilot", "idea"],
                       opens_on="2026-01-01"),
        {"id": rooms.pk, "delete": True},
        _offering_item(kind=OfferingKind.FUNDING, title_sv="Startbidrag",
                       counties=[county("24").pk]),
    ], values={})
    keys = [c.key for c in proposal_changes(proposal)]
    assert keys == [f"offering:{coaching.pk}", f"offering:{rooms.pk}", "offering:new:2"]
    assert proposal.previous["offerings"][str(rooms.pk)]["title_sv"] == "Lokaler"
    # An offering an editor adds meanwhile is not the proposal's business.
    make_offering(actor, OfferingKind.EDUCATION, title="Kurs")

    services.proposal_approve(proposal=proposal, editor=editor)
    titles = sorted(Offering.objects.filter(actor=actor).values_list("title_sv", flat=True))
    assert titles == ["Coachning för unga", "Kurs", "Startbidrag"]
    coaching.refresh_from_db()
    assert coaching.stages == ["idea", "pilot"] and str(coaching.opens_on) == "2026-01-01"
    funding = Offering.objects.get(title_sv="Startbidrag")
    assert list(funding.counties.values_list("code", flat=True)) == ["24"]
    revision = Actor.objects.get(pk=actor.pk).latest_revision
    assert sorted(o["title_sv"] for o in revision.content["offerings"]) == titles


def test_an_offering_changed_meanwhile_is_a_conflict(rep, editor, actor):
    coaching = make_offering(actor, OfferingKind.ADVICE, title="Coachning")
    proposal = services.proposal_create(actor=actor, user=rep, values={}, offerings=[
        _offering_item(coaching, title_sv="Coachning för unga")])
    Offering.objects.filter(pk=coaching.pk).update(title_sv="Coachning (vår)")
    with pytest.raises(services.ProposalConflict):
        services.proposal_approve(proposal=proposal, editor=editor)
    assert Offering.objects.get(pk=coaching.pk).title_sv == "Coachning (vår)"


def test_a_proposal_may_not_touch_another_actors_offering(rep, actor):
    foreign = make_offering(make_actor("Annan"), OfferingKind.ADVICE, title="Deras")
    with pytest.raises(ValidationError):
        services.proposal_create(actor=actor, user=rep, values={},
                                 offerings=[{"id": foreign.pk, "delete": True}])
    assert Offering.objects.filter(pk=foreign.pk).exists()


def test_audit_entries_hold_no_names_or_addresses(rep, editor, actor):
    claim_user_email = rep.email
    proposal = services.proposal_create(actor=actor, user=rep, comment="Hälsningar Maja",
                                        values={"website": "https://nya.example.org"})
    services.proposal_approve(proposal=proposal, editor=editor)
    text = json.dumps([e.data for e in AuditEntry.objects.all()])
    assert claim_user_email not in text and "Maja" not in text
    assert not AuditEntry.objects.filter(target_label__icontains="maja").exists()


def test_it_does_not_double_count_relations(editor, actor):
    other = make_actor("Partner")
    make_relation(actor, other, "partner")
    with pytest.raises(ValidationError):
        services.relation_create(user=editor, source_actor=actor, target_actor=other,
                                 kind="partner")
