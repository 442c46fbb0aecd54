"""The shared-work pages: permissions, commitments, meetings, decisions, ToC, initiatives."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sihub.coalitions.models import Commitment, CommitmentStatus, Decision, Meeting
from sihub.coalitions.tests.work_fixtures import (
    PDF,
    add_partner,
    make_commitment,
    make_initiative,
    make_meeting,
    member_of,
)
from sihub.conftest import login
from sihub.impact.models import ElementKind

PAGES = ["commitments", "meetings", "decisions", "toc", "initiatives"]


def url(name: str, coalition, *args, lang: str | None = None) -> str:
    path = reverse(f"coalitions:{name}", args=[coalition.pk, *args])
    return path.replace("/sv/", f"/{lang}/", 1) if lang else path


def all_urls(coalition) -> list[str]:
    meeting = make_meeting(coalition)
    return [url(p, coalition) for p in PAGES] + [url("meeting", coalition, meeting.pk)]


# --- The permission matrix ------------------------------------------------------------------


@pytest.mark.parametrize("who", ["facilitator", "member_a", "editor", "analyst", "admin_user"])
def test_it_opens_the_workspace_pages_to_members_and_staff(request, who, coalition_a):
    client = login(request.getfixturevalue(who))
    for address in all_urls(coalition_a):
        assert client.get(address).status_code == 200, address


@pytest.mark.parametrize("who", ["member_b", "outsider", "member", None])
def test_it_hides_an_unpublished_coalition(request, who, coalition_a, coalition_b):
    client = login(request.getfixturevalue(who)) if who else Client()
    for address in all_urls(coalition_a):
        assert client.get(address).status_code == 404, address
        assert client.post(address, {"action": "create"}).status_code == 404, address


@pytest.mark.parametrize("who", ["member_a", "outsider", None])
def test_it_keeps_a_published_coalitions_workspace_private(request, who, coalition_a,
                                                          coalition_b):
    client = login(request.getfixturevalue(who)) if who else Client()
    for address in all_urls(coalition_b):
        assert client.get(address).status_code == 403, address


@pytest.mark.parametrize("who", ["editor", "analyst"])
def test_it_refuses_writes_from_read_only_staff(request, who, coalition_a, member_a):
    client = login(request.getfixturevalue(who))
    make_commitment(member_of(coalition_a, member_a))
    for address in all_urls(coalition_a):
        assert client.post(address, {"action": "create"}).status_code == 403, address
    assert Commitment.objects.count() == 1


def test_it_refuses_steward_writes_from_a_plain_member(coalition_a):
    partner, _ = add_partner(coalition_a)
    client = login(partner)
    for address in all_urls(coalition_a)[1:]:  # not the commitments page: they may commit
        assert client.post(address, {"action": "create"}).status_code == 403, address
    assert client.get(url("meetings", coalition_a)).status_code == 200


def test_it_shows_no_edit_forms_to_readers(coalition_a, editor):
    make_meeting(coalition_a)
    response = login(editor).get(url("meetings", coalition_a))
    assert b'name="action" value="create"' not in response.content


# --- Commitments -----------------------------------------------------------------------------


def test_it_says_overdue_in_words(coalition_a, member_a):
    make_commitment(member_of(coalition_a, member_a), kind="money", amount=25000, unit="SEK",
                    days_overdue=5)
    response = login(member_a).get(url("commitments", coalition_a, lang="en"))
    assert response.status_code == 200
    assert "Overdue by 5 days" in response.content.decode()


def test_it_filters_commitments(coalition_a, member_a):
    partner, partner_member = add_partner(coalition_a)
    make_commitment(member_of(coalition_a, member_a), description="Försenat", days_overdue=2)
    make_commitment(partner_member, description="Datamängden", status=CommitmentStatus.DELIVERED)
    client = login(member_a)
    overdue = client.get(url("commitments", coalition_a), {"overdue": "on"}).content.decode()
    assert "Försenat" in overdue and "Datamängden" not in overdue
    theirs = client.get(url("commitments", coalition_a),
                        {"member": partner_member.pk}).content.decode()
    assert "Datamängden" in theirs and "Försenat" not in theirs
    delivered = client.get(url("commitments", coalition_a),
                           {"status": "delivered"}).content.decode()
    assert "Datamängden" in delivered and "Försenat" not in delivered


def test_it_shows_totals_per_kind(coalition_a, member_a):
    own = member_of(coalition_a, member_a)
    make_commitment(own, kind="money", amount=1000, unit="SEK")
    make_commitment(own, kind="money", amount=2500, unit="SEK")
    make_commitment(own, kind="time", amount=40, unit="hours")
    content = login(member_a).get(url("commitments", coalition_a, lang="en")).content.decode()
    assert "3,500 SEK" in content and "40 hours" in content


def test_it_lists_commitments_in_a_constant_number_of_queries(coalition_a, member_a):
    client = login(member_a)
    make_commitment(member_of(coalition_a, member_a))
    client.get(url("commitments", coalition_a))  # warm caches (sessions, permissions)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url("commitments", coalition_a)).status_code == 200
    for n in range(5):
        _, partner_member = add_partner(coalition_a, email=f"p{n}@example.org")
        make_commitment(partner_member, days_overdue=n)
        make_commitment(partner_member, kind="money", amount=10, unit="SEK")
    with CaptureQueriesContext(connection) as many:
        assert client.get(url("commitments", coalition_a)).status_code == 200
    assert len(many) == len(few)


def test_it_lets_a_member_commit_for_its_own_organisation_only(coalition_a, member_a):
    partner, partner_member = add_partner(coalition_a)
    client = login(partner)
    base = {"action": "create", "commitment-kind": "time", "commitment-description": "Handledning",
            "commitment-amount": "20", "commitment-unit": "timmar",
            "commitment-due_on": "2026-12-01", "commitment-status": "promised"}
    response = client.post(url("commitments", coalition_a),
                           {**base, "commitment-member": member_of(coalition_a, member_a).pk})
    assert response.status_code == 400
    assert not Commitment.objects.exists()
    response = client.post(url("commitments", coalition_a),
                           {**base, "commitment-member": partner_member.pk})
    assert response.status_code == 302
    assert Commitment.objects.get().member == partner_member


def test_it_refuses_a_member_changing_another_organisations_commitment(coalition_a, member_a):
    partner, _ = add_partner(coalition_a)
    theirs = make_commitment(member_of(coalition_a, member_a))
    client = login(partner)
    for action in ({"action": "status", "status": "cancelled"}, {"action": "delete"}):
        response = client.post(url("commitments", coalition_a),
                               {**action, "commitment": theirs.pk})
        assert response.status_code == 403
    assert client.get(url("commitments", coalition_a), {"edit": theirs.pk}).status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == CommitmentStatus.PROMISED


def test_it_lets_a_steward_edit_and_close_a_commitment(coalition_a, member_a):
    _, partner_member = add_partner(coalition_a)
    c = make_commitment(partner_member, kind="data", description="Statistik")
    client = login(member_a)
    form = client.get(url("commitments", coalition_a), {"edit": c.pk})
    assert form.status_code == 200 and b'value="update"' in form.content
    response = client.post(url("commitments", coalition_a), {
        "action": "update", "commitment": c.pk, "commitment-member": partner_member.pk,
        "commitment-kind": "data", "commitment-description": "Statistik per kommun",
        "commitment-status": "in_progress"})
    assert response.status_code == 302
    client.post(url("commitments", coalition_a),
                {"action": "status", "commitment": c.pk, "status": "delivered"})
    c.refresh_from_db()
    assert (c.description, c.status) == ("Statistik per kommun", "delivered")


def test_it_does_not_reach_another_coalitions_commitment(coalition_a, coalition_b, member_b,
                                                        facilitator):
    other = make_commitment(member_of(coalition_b, member_b))
    response = login(facilitator).post(url("commitments", coalition_a),
                                       {"action": "delete", "commitment": other.pk})
    assert response.status_code == 404
    assert Commitment.objects.filter(pk=other.pk).exists()


# --- Meetings and decisions -----------------------------------------------------------------


def test_it_lists_upcoming_meetings_before_past_ones(coalition_a, member_a):
    make_meeting(coalition_a, "Förra månaden", days_from_now=-30)
    make_meeting(coalition_a, "Om en månad", days_from_now=30)
    make_meeting(coalition_a, "Nästa vecka", days_from_now=7)
    make_meeting(coalition_a, "Igår", days_from_now=-1)
    content = login(member_a).get(url("meetings", coalition_a)).content.decode()
    order = [content.index(t) for t in ("Nästa vecka", "Om en månad", "Igår", "Förra månaden")]
    assert order == sorted(order)


def test_it_lets_a_steward_create_and_keep_a_meeting(coalition_a, member_a, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client = login(member_a)
    response = client.post(url("meetings", coalition_a), {
        "action": "create", "meeting-title": "Uppstartsmöte",
        "meeting-starts_at": "2026-12-03T10:00", "meeting-agenda": "1. Välkommen"})
    meeting = Meeting.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("meeting", coalition_a, meeting.pk)
    here = url("meeting", coalition_a, meeting.pk)
    assert client.post(here, {"action": "decision", "decision-text": "Vi kör.",
                              "decision-decided_on": "2026-12-03"}).status_code == 302
    assert Decision.objects.get().meeting == meeting
    upload = SimpleUploadedFile("Anna Svensson protokoll.pdf", PDF,
                                content_type="application/pdf")
    assert client.post(here, {"action": "document", "document-title": "Protokoll",
                              "document-file": upload}).status_code == 302
    doc = meeting.documents.get()
    assert "Anna" not in doc.file.name  # the uploader's file name is not kept
    page = client.get(here).content.decode()
    assert "Vi kör." in page and "Protokoll" in page and "1. Välkommen" in page
    assert client.post(here, {"action": "update", "meeting-title": "Uppstart",
                              "meeting-starts_at": "2026-12-03T10:00",
                              "meeting-notes": "Anteckningar"}).status_code == 302
    meeting.refresh_from_db()
    assert (meeting.title, meeting.notes) == ("Uppstart", "Anteckningar")


def test_it_rejects_a_document_whose_content_lies(coalition_a, member_a, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    meeting = make_meeting(coalition_a)
    fake = SimpleUploadedFile("virus.pdf", b"MZ\x90\x00 not a pdf",
                              content_type="application/pdf")
    response = login(member_a).post(url("meeting", coalition_a, meeting.pk), {
        "action": "document", "document-title": "Fel", "document-file": fake})
    assert response.status_code == 400
    assert not meeting.documents.exists()
    exe = SimpleUploadedFile("tool.exe", b"MZ", content_type="application/octet-stream")
    response = login(member_a).post(url("meeting", coalition_a, meeting.pk), {
        "action": "document", "document-title": "Fel", "document-file": exe})
    assert response.status_code == 400


def test_it_reports_meeting_form_errors(coalition_a, member_a):
    response = login(member_a).post(url("meetings", coalition_a),
                                    {"action": "create", "meeting-title": ""})
    assert response.status_code == 400
    assert b"error-summary" in response.content
    assert not Meeting.objects.exists()


def test_it_does_not_reach_another_coalitions_meeting(coalition_a, coalition_b, facilitator):
    other = make_meeting(coalition_b)
    assert login(facilitator).get(url("meeting", coalition_a, other.pk)).status_code == 404


def test_it_filters_the_decisions_log_by_year(coalition_a, member_a):
    meeting = make_meeting(coalition_a, "Årsmöte")
    Decision.objects.create(coalition=coalition_a, decided_on="2025-05-01", text="Beslut 2025")
    Decision.objects.create(coalition=coalition_a, decided_on="2026-02-01", text="Beslut 2026",
                            meeting=meeting)
    client = login(member_a)
    all_years = client.get(url("decisions", coalition_a)).content.decode()
    assert all_years.index("Beslut 2025") < all_years.index("Beslut 2026")
    assert url("meeting", coalition_a, meeting.pk) in all_years
    only = client.get(url("decisions", coalition_a), {"year": "2026"}).content.decode()
    assert "Beslut 2026" in only and "Beslut 2025" not in only


def test_it_records_and_deletes_decisions_on_the_log(coalition_a, member_a):
    client = login(member_a)
    response = client.post(url("decisions", coalition_a), {
        "action": "create", "decision-text": "Mellan mötena", "decision-decided_on": "2026-01-15"})
    assert response.status_code == 302
    decision = Decision.objects.get()
    assert decision.meeting is None
    client.post(url("decisions", coalition_a), {"action": "delete", "decision": decision.pk})
    assert not Decision.objects.exists()


# --- Theory of change ------------------------------------------------------------------------


def test_it_creates_and_edits_the_shared_theory_of_change(coalition_a, member_a):
    client = login(member_a)
    page = client.get(url("toc", coalition_a))
    assert b'value="create"' in page.content
    assert client.post(url("toc", coalition_a), {"action": "create"}).status_code == 302
    coalition_a.refresh_from_db()
    toc = coalition_a.theory_of_change
    assert toc is not None
    for kind, text in ((ElementKind.ACTIVITY, "Mentorskap"), (ElementKind.OUTCOME_SHORT, "Jobb")):
        assert client.post(url("toc", coalition_a), {
            "action": "add_element", "element-kind": kind,
            "element-text": text}).status_code == 302
    activity, outcome = toc.elements.order_by("position")
    assert client.post(url("toc", coalition_a), {
        "action": "add_link", "link-source": activity.pk, "link-target": outcome.pk,
        "link-assumption": "Arbetsgivare deltar"}).status_code == 302
    backwards = client.post(url("toc", coalition_a), {
        "action": "add_link", "link-source": outcome.pk, "link-target": activity.pk})
    assert backwards.status_code == 400
    content = client.get(url("toc", coalition_a)).content.decode()
    assert "<svg" in content and "Arbetsgivare deltar" in content
    link = toc.links.get()
    assert client.post(url("toc", coalition_a),
                       {"action": "remove_link", "link": link.pk}).status_code == 302
    assert client.post(url("toc", coalition_a),
                       {"action": "delete_element", "element": activity.pk}).status_code == 302
    assert list(toc.elements.all()) == [outcome]


def test_it_shows_the_theory_of_change_to_readers_without_forms(coalition_a, member_a, editor):
    login(member_a).post(url("toc", coalition_a), {"action": "create"})
    page = login(editor).get(url("toc", coalition_a))
    assert page.status_code == 200
    assert b'value="add_element"' not in page.content


# --- Linked initiatives -------------------------------------------------------------------


def test_it_links_initiatives_and_hides_unpublished_ones(coalition_a, member_a, facilitator):
    public = make_initiative("Öppen insats", public=True)
    hidden = make_initiative("Hemlig insats", public=False)
    client = login(member_a)
    page = client.get(url("initiatives", coalition_a)).content.decode()
    assert "Öppen insats" in page and "Hemlig insats" not in page  # not even as a choice
    assert client.post(url("initiatives", coalition_a), {
        "action": "link", "link-initiative": hidden.pk}).status_code == 400
    assert client.post(url("initiatives", coalition_a), {
        "action": "link", "link-initiative": public.pk}).status_code == 302
    login(facilitator).post(url("initiatives", coalition_a),
                            {"action": "link", "link-initiative": hidden.pk})
    assert set(coalition_a.initiatives.all()) == {public, hidden}
    member_view = client.get(url("initiatives", coalition_a)).content.decode()
    assert "Hemlig insats" not in member_view and "Öppen insats" in member_view
    staff_view = login(facilitator).get(url("initiatives", coalition_a)).content.decode()
    assert "Hemlig insats" in staff_view
    assert client.post(url("initiatives", coalition_a), {
        "action": "unlink", "initiative": hidden.pk}).status_code == 404
    assert client.post(url("initiatives", coalition_a), {
        "action": "unlink", "initiative": public.pk}).status_code == 302
    assert list(coalition_a.initiatives.all()) == [hidden]


def test_it_marks_the_current_tab(coalition_a, member_a):
    content = login(member_a).get(url("decisions", coalition_a)).content.decode()
    assert f'href="{url("decisions", coalition_a)}" aria-current="page"' in content


def test_it_reads_amounts_as_the_language_writes_them(coalition_a, member_a):
    own = member_of(coalition_a, member_a)
    response = login(member_a).post(url("commitments", coalition_a), {
        "action": "create", "commitment-member": own.pk, "commitment-kind": "time",
        "commitment-description": "Handledning", "commitment-amount": "20,5",
        "commitment-unit": "timmar", "commitment-status": "promised"})
    assert response.status_code == 302
    assert str(Commitment.objects.get().amount) == "20.50"
