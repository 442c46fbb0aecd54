"""The coalition's own pages: list, public page, form, workspace overview, phases, members.

The permission matrix (coalitions_ui): A is unpublished with member_a's
organisation in it, B is published with member_b's. Staff who view all
(editors, analysts) read the workspace but may not write; facilitators manage.
"""

from __future__ import annotations

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sihub.actors.tests.factories import make_actor
from sihub.coalitions import services
from sihub.coalitions.models import (
    Coalition,
    CoalitionMember,
    MemberRole,
    MemberStatus,
    Phase,
    PhaseChange,
)
from sihub.coalitions.tests.conftest import add_member, make_coalition
from sihub.conftest import login

pytestmark = pytest.mark.django_db

ANONYMOUS = "anonymous"


def client_for(persona: str, request) -> Client:
    if persona == ANONYMOUS:
        return Client()
    return login(request.getfixturevalue(persona))


def url(name: str, coalition: Coalition) -> str:
    return reverse(f"coalitions:{name}", args=[coalition.pk])


def is_login_redirect(response) -> bool:
    return response.status_code == 302 and reverse("core:login") in response["Location"]


# --- The permission matrix -----------------------------------------------------------------

# Reading coalition A (unpublished): who may know it at all.
A_READ = [("facilitator", 200), ("member_a", 200), ("editor", 200), ("analyst", 200),
          ("admin_user", 200), ("member_b", 404), ("outsider", 404), ("member", 404),
          (ANONYMOUS, 404)]


@pytest.mark.parametrize("view", ["detail", "workspace", "phase", "members"])
@pytest.mark.parametrize(("persona", "status"), A_READ)
def test_reading_an_unpublished_coalition(view, persona, status, request, coalition_a,
                                          coalition_b):
    assert client_for(persona, request).get(url(view, coalition_a)).status_code == status


@pytest.mark.parametrize(("persona", "status"), [
    ("facilitator", 200), ("admin_user", 200), ("member_a", 403), ("editor", 403),
    ("analyst", 403), ("member_b", 404), ("outsider", 404), (ANONYMOUS, 404)])
def test_editing_an_unpublished_coalition(persona, status, request, coalition_a, coalition_b):
    assert client_for(persona, request).get(url("edit", coalition_a)).status_code == status


@pytest.mark.parametrize("persona", ["facilitator", "member_b", "member_a", "editor",
                                     "outsider", ANONYMOUS])
def test_everyone_reads_the_public_page_of_a_published_coalition(persona, request, coalition_a,
                                                                 coalition_b):
    assert client_for(persona, request).get(url("detail", coalition_b)).status_code == 200


@pytest.mark.parametrize("view", ["workspace", "phase", "members"])
@pytest.mark.parametrize(("persona", "status"), [
    ("facilitator", 200), ("member_b", 200), ("editor", 200), ("analyst", 200),
    ("member_a", 403), ("outsider", 403), ("member", 403)])
def test_the_workspace_of_a_published_coalition_is_for_members_and_staff(
        view, persona, status, request, coalition_a, coalition_b):
    assert client_for(persona, request).get(url(view, coalition_b)).status_code == status


@pytest.mark.parametrize("view", ["workspace", "phase", "members", "edit"])
def test_anonymous_is_asked_to_log_in_for_a_published_workspace(view, client, coalition_b):
    assert is_login_redirect(client.get(url(view, coalition_b)))


PHASE_POST = {"to_phase": Phase.FORM, "decided_on": "2026-01-15",
              "decision": "Styrgruppen beslutade."}


@pytest.mark.parametrize(("persona", "status"), [
    ("member_a", 403), ("editor", 403), ("analyst", 403), ("member_b", 404),
    ("outsider", 404), (ANONYMOUS, 404)])
def test_writes_to_an_unpublished_coalition_are_refused(persona, status, request, coalition_a,
                                                        coalition_b):
    client = client_for(persona, request)
    actor = make_actor(sector_slug="academia")
    assert client.post(url("phase", coalition_a), PHASE_POST).status_code == status
    assert client.post(url("members", coalition_a), {
        "action": "invite", "invite-actor": actor.pk, "invite-role": MemberRole.PARTNER,
        "invite-contact_name": "X", "invite-contact_email": "x@example.org"}
    ).status_code == status
    member = coalition_a.members.get()
    assert client.post(url("members", coalition_a),
                       {"action": "remove", "member": member.pk}).status_code == status
    assert client.post(url("edit", coalition_a), {"title": "Nytt", "challenge": "x"}
                       ).status_code == status
    coalition_a.refresh_from_db()
    assert coalition_a.phase == Phase.EXPLORE and coalition_a.title != "Nytt"
    assert coalition_a.members.count() == 1
    assert coalition_a.members.get().status == MemberStatus.ACTIVE


@pytest.mark.parametrize("persona", ["member_b", "editor"])
def test_members_and_readers_of_a_published_coalition_cannot_write(persona, request,
                                                                   coalition_b):
    client = client_for(persona, request)
    assert client.post(url("phase", coalition_b), PHASE_POST).status_code == 403
    assert client.post(url("edit", coalition_b), {"title": "x", "challenge": "y"}
                       ).status_code == 403


def test_anonymous_posts_to_a_published_workspace_go_to_login(client, coalition_b):
    assert is_login_redirect(client.post(url("phase", coalition_b), PHASE_POST))
    coalition_b.refresh_from_db()
    assert coalition_b.phase == Phase.ACT


@pytest.mark.parametrize(("persona", "status"), [
    ("facilitator", 200), ("member", 403), ("editor", 403), ("analyst", 403),
    ("outsider", 403)])
def test_only_facilitators_open_the_new_coalition_form(persona, status, request):
    assert client_for(persona, request).get(reverse("coalitions:create")).status_code == status


def test_anonymous_is_asked_to_log_in_to_create(client):
    assert is_login_redirect(client.get(reverse("coalitions:create")))
    assert is_login_redirect(client.post(reverse("coalitions:create"),
                                         {"title": "x", "challenge": "y"}))
    assert not Coalition.objects.exists()


def test_an_unknown_coalition_is_404(facilitator):
    assert login(facilitator).get("/sv/coalitions/999999/").status_code == 404


# --- The list ------------------------------------------------------------------------------


def test_the_list_shows_published_coalitions_only_to_the_public(client, coalition_a,
                                                                coalition_b):
    html = client.get(reverse("coalitions:index")).content.decode()
    assert coalition_b.title in html and coalition_a.title not in html
    assert reverse("coalitions:create") not in html


def test_the_list_shows_a_member_their_coalitions(member_a, coalition_a, coalition_b):
    html = login(member_a).get("/en/coalitions/").content.decode()
    assert "My coalitions" in html and coalition_a.title in html


def test_the_list_offers_facilitators_a_new_coalition_and_the_unpublished(facilitator,
                                                                          coalition_a):
    html = login(facilitator).get("/en/coalitions/").content.decode()
    assert reverse("coalitions:create").replace("/sv/", "/en/") in html
    assert "Not yet published" in html and coalition_a.title in html


def test_the_list_filters_by_phase_and_county(client, coalition_b):
    from sihub.core.models import County

    other = make_coalition("Bostad först", public=True, phase=Phase.FORM)
    other.counties.set([County.objects.get(code="24")])
    index = reverse("coalitions:index")
    html = client.get(index, {"phase": Phase.ACT}).content.decode()
    assert coalition_b.title in html and other.title not in html
    html = client.get(index, {"county": "24"}).content.decode()
    assert other.title in html and coalition_b.title not in html


def test_the_list_needs_no_more_queries_for_more_coalitions(client):
    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("coalitions:index")).status_code == 200
        return len(ctx.captured_queries)

    for i in range(2):
        c = make_coalition(f"Koalition {i}", public=True)
        add_member(c)
    few = queries()
    for i in range(2, 6):
        c = make_coalition(f"Koalition {i}", public=True)
        add_member(c)
    assert queries() == few


# --- The public page -----------------------------------------------------------------------


@pytest.mark.parametrize("persona", [ANONYMOUS, "facilitator", "member_b"])
def test_the_public_page_never_shows_contact_persons(persona, request, coalition_b, member_b):
    coalition_b.members.update(contact_name="Bertil Bengtsson")
    invited = CoalitionMember.objects.create(
        coalition=coalition_b, actor=make_actor("Inbjuden AB", sector_slug="private"),
        status=MemberStatus.INVITED, contact_name="Ingrid Inbjuden",
        contact_email="ingrid@example.org")
    html = client_for(persona, request).get(url("detail", coalition_b)).content.decode()
    member = coalition_b.members.get(status=MemberStatus.ACTIVE)
    assert member.actor.name in html  # the organisation is public
    for secret in (member_b.email, member.contact_name, invited.contact_email,
                   invited.contact_name, invited.actor.name):
        assert secret and secret not in html


def test_the_public_page_shows_the_phase_track_in_words(client, coalition_b):
    html = client.get(url("detail", coalition_b).replace("/sv/", "/en/")).content.decode()
    assert html.count('class="phase-track__step') == 6
    assert 'aria-current="step"' in html
    current = html.split('aria-current="step"', 1)[1].split("</li>", 1)[0]
    assert "Act" in current and "(current phase)" in current
    assert html.count('aria-current="step"') == 1


def test_the_public_page_links_the_workspace_only_for_those_who_may_enter(
        client, member_b, coalition_b):
    workspace = url("workspace", coalition_b)
    assert workspace not in client.get(url("detail", coalition_b)).content.decode()
    assert workspace in login(member_b).get(url("detail", coalition_b)).content.decode()


# --- Create and edit -----------------------------------------------------------------------


def test_a_facilitator_creates_a_coalition(facilitator):
    from sihub.sdg.models import Goal

    goal = Goal.objects.get(number=10)
    response = login(facilitator).post(reverse("coalitions:create"), {
        "title": "Unga till jobb", "challenge": "Unga utan arbete i Umeå.",
        "sdgs": [goal.pk], "needed_offering_kinds": ["funding", "research"],
        "is_public": "on"})
    coalition = Coalition.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("workspace", coalition)
    assert coalition.is_public and coalition.phase == Phase.INITIATE
    assert coalition.needed_offering_kinds == ["funding", "research"]
    assert list(coalition.sdgs.all()) == [goal]
    assert coalition.phase_changes.count() == 1


def test_the_form_shows_its_errors_and_saves_nothing(facilitator):
    response = login(facilitator).post("/en/coalitions/new/", {"title": "",
                                                                "needed_offering_kinds": ["x"]})
    assert response.status_code == 400
    html = response.content.decode()
    assert "error-summary" in html and 'href="#id_title"' in html
    assert not Coalition.objects.exists()


def test_the_form_offers_the_offering_kinds_as_checkboxes(facilitator):
    html = login(facilitator).get(reverse("coalitions:create")).content.decode()
    assert 'type="checkbox" name="needed_offering_kinds" value="funding"' in html


def test_a_facilitator_edits_and_unpublishes(facilitator, coalition_b):
    response = login(facilitator).post(url("edit", coalition_b), {
        "title": "Mat och gemenskap i Umeå", "challenge": "Ensamhet bland äldre.",
        "results": "40 måltider i veckan."})
    assert response.status_code == 302
    coalition_b.refresh_from_db()
    assert coalition_b.title == "Mat och gemenskap i Umeå" and not coalition_b.is_public
    assert coalition_b.results == "40 måltider i veckan."
    assert coalition_b.phase == Phase.ACT  # the form never moves the phase


# --- The workspace overview ----------------------------------------------------------------


def test_the_overview_counts_members_by_sector_and_overdue_commitments(member_a, coalition_a):
    import datetime

    from django.utils import timezone

    from sihub.coalitions.models import Commitment, CommitmentKind, Meeting

    member = coalition_a.members.get()
    add_member(coalition_a, sector="public")
    add_member(coalition_a, sector="academia", status=MemberStatus.INVITED)
    Commitment.objects.create(coalition=coalition_a, member=member, kind=CommitmentKind.TIME,
                              description="Lokal",
                              due_on=timezone.localdate() - datetime.timedelta(days=3))
    Meeting.objects.create(coalition=coalition_a, title="Uppstart",
                           starts_at=timezone.now() + datetime.timedelta(days=7))
    response = login(member_a).get(url("workspace", coalition_a).replace("/sv/", "/en/"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "2 member organisations" in html and "1 invited" in html
    assert "1 upcoming meeting" in html
    assert "1 commitment is past its date" in html
    balance = response.context["balance"]
    assert balance.total == 2 and balance.warnings  # two public members: unbalanced
    assert "Cross-sector balance" in html
    assert 'aria-current="page"' in html  # the tab


# --- Phases --------------------------------------------------------------------------------


def test_a_facilitator_changes_the_phase_and_sees_the_history(facilitator, coalition_a):
    client = login(facilitator)
    response = client.post(url("phase", coalition_a), PHASE_POST)
    assert response.status_code == 302
    coalition_a.refresh_from_db()
    assert coalition_a.phase == Phase.FORM
    html = client.get(url("phase", coalition_a)).content.decode()
    assert "Styrgruppen beslutade." in html and 'datetime="2026-01-15"' in html


def test_the_phase_form_refuses_the_same_phase_and_an_empty_decision(facilitator,
                                                                     coalition_a):
    client = login(facilitator)
    response = client.post(url("phase", coalition_a), {**PHASE_POST, "to_phase": Phase.EXPLORE})
    assert response.status_code == 400
    response = client.post(url("phase", coalition_a), {**PHASE_POST, "decision": "   "})
    assert response.status_code == 400 and "error-summary" in response.content.decode()
    assert not PhaseChange.objects.exists()


def test_members_read_the_history_without_the_form(member_a, coalition_a, facilitator):
    services.phase_change(coalition=coalition_a, user=facilitator, to_phase=Phase.FORM,
                          decision="Beslut på mötet.")
    html = login(member_a).get(url("phase", coalition_a)).content.decode()
    assert "Beslut på mötet." in html and 'name="decision"' not in html


# --- Members -------------------------------------------------------------------------------


def test_the_members_page_shows_contacts_in_the_workspace(member_a, coalition_a):
    html = login(member_a).get(url("members", coalition_a)).content.decode()
    assert member_a.email in html
    assert 'name="action" value="invite"' not in html  # members do not manage


def invite_post(actor, email="ny@example.org", role=MemberRole.PARTNER) -> dict:
    return {"action": "invite", "invite-actor": actor.pk, "invite-role": role,
            "invite-contact_name": "Nina Ny", "invite-contact_email": email}


def test_a_facilitator_invites_an_organisation(facilitator, coalition_a,
                                               django_capture_on_commit_callbacks):
    actor = make_actor("Umeå universitet", sector_slug="academia")
    with django_capture_on_commit_callbacks(execute=True):
        response = login(facilitator).post(url("members", coalition_a), invite_post(actor))
    assert response.status_code == 302
    member = coalition_a.members.get(actor=actor)
    assert member.status == MemberStatus.INVITED and member.contact_email == "ny@example.org"
    assert [m.to for m in mail.outbox] == [["ny@example.org"]]


def test_inviting_an_organisation_already_in_is_a_clear_error(facilitator, coalition_a):
    actor = coalition_a.members.get().actor
    response = login(facilitator).post("/en/coalitions/%d/members/" % coalition_a.pk,
                                       invite_post(actor))
    assert response.status_code == 400
    assert "already in the coalition" in response.content.decode()
    assert coalition_a.members.count() == 1


def test_a_facilitator_changes_a_role_and_removes_a_member(facilitator, coalition_a):
    member = coalition_a.members.get()
    client = login(facilitator)
    response = client.post(url("members", coalition_a), {
        "action": "role", "member": member.pk, f"m{member.pk}-member": member.pk,
        f"m{member.pk}-role": MemberRole.CORE})
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.role == MemberRole.CORE
    client.post(url("members", coalition_a), {"action": "remove", "member": member.pk})
    member.refresh_from_db()
    assert member.status == MemberStatus.LEFT
    html = client.get(url("members", coalition_a).replace("/sv/", "/en/")).content.decode()
    assert "Former and declined" in html


def test_a_member_of_another_coalition_cannot_be_removed_here(facilitator, coalition_a,
                                                              coalition_b):
    other = coalition_b.members.get()
    response = login(facilitator).post(url("members", coalition_a),
                                       {"action": "remove", "member": other.pk})
    assert response.status_code == 404
    other.refresh_from_db()
    assert other.status == MemberStatus.ACTIVE
