"""Meeting documents reach only those who may enter the coalition's workspace.

Two doors lead to a document's file: the workspace's download view
(``coalitions:document``) and Wagtail's serve URL (``document.url``), guarded by
the ``before_serve_document`` hook. Both must refuse members of other
coalitions and accounts without a coalition, which the collection's login
restriction alone let through.
"""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from sihub.coalitions import work_services as services
from sihub.coalitions.models import CoalitionMember, MemberStatus
from sihub.coalitions.tests.work_fixtures import PDF, add_partner, make_meeting
from sihub.conftest import login

LOGIN_PATH = reverse("core:login")


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def attach(coalition, steward, title: str = "Protokoll 3 maj", body: bytes = PDF):
    meeting = make_meeting(coalition)
    upload = SimpleUploadedFile("original namn.pdf", body, content_type="application/pdf")
    return services.meeting_document_add(user=steward, meeting=meeting, title=title,
                                         file=upload)


def download_url(coalition, document) -> str:
    return reverse("coalitions:document", args=[coalition.pk, document.pk])


def body_of(response) -> bytes:
    return b"".join(response.streaming_content)


@pytest.fixture
def doc_a(coalition_a, member_a):
    return attach(coalition_a, member_a, body=PDF + b"% coalition A\n")


@pytest.fixture
def doc_b(coalition_b, facilitator):
    return attach(coalition_b, facilitator, title="B:s budget", body=PDF + b"% coalition B\n")


# --- Who may download ------------------------------------------------------------------------


def test_a_member_contact_downloads_its_coalitions_document(coalition_a, member_a, doc_a):
    response = login(member_a).get(download_url(coalition_a, doc_a))
    assert response.status_code == 200
    assert body_of(response) == PDF + b"% coalition A\n"
    assert response["Content-Disposition"].startswith("attachment;")
    assert 'filename="protokoll-3-maj.pdf"' in response["Content-Disposition"]
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    cache = response["Cache-Control"]
    assert "private" in cache and "no-store" in cache


def test_a_member_contact_also_downloads_through_wagtails_url(member_a, doc_a):
    response = login(member_a).get(doc_a.url)
    assert response.status_code == 200
    assert body_of(response) == PDF + b"% coalition A\n"


def test_a_non_steward_member_downloads_too(coalition_a, doc_a):
    partner, _ = add_partner(coalition_a)
    client = login(partner)
    assert client.get(download_url(coalition_a, doc_a)).status_code == 200
    assert client.get(doc_a.url).status_code == 200


@pytest.mark.parametrize("who", ["facilitator", "editor", "analyst", "admin_user"])
def test_staff_who_read_all_coalitions_download(request, who, coalition_a, doc_a):
    client = login(request.getfixturevalue(who))
    response = client.get(download_url(coalition_a, doc_a))
    assert response.status_code == 200
    assert body_of(response) == PDF + b"% coalition A\n"
    assert client.get(doc_a.url).status_code == 200


# --- Who may not -----------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["member_b", "member", "outsider"])
def test_other_accounts_get_404_at_both_doors(request, who, coalition_a, coalition_b, doc_a):
    client = login(request.getfixturevalue(who))
    assert client.get(download_url(coalition_a, doc_a)).status_code == 404
    assert client.get(doc_a.url).status_code == 404


@pytest.mark.parametrize("status", [MemberStatus.INVITED, MemberStatus.LEFT,
                                    MemberStatus.DECLINED])
def test_a_contact_who_is_not_an_active_member_gets_404(status, coalition_a, doc_a):
    partner, member = add_partner(coalition_a)
    CoalitionMember.objects.filter(pk=member.pk).update(status=status)
    client = login(partner)
    assert client.get(download_url(coalition_a, doc_a)).status_code == 404
    assert client.get(doc_a.url).status_code == 404


def test_a_member_of_a_published_coalition_cannot_read_its_papers_elsewhere(
        coalition_a, coalition_b, member_a, doc_b):
    """Coalition B is public: its page is open, its documents are not."""
    client = login(member_a)
    assert client.get(download_url(coalition_b, doc_b)).status_code == 404
    assert client.get(doc_b.url).status_code == 404


def test_anonymous_visitors_are_sent_to_log_in(coalition_a, doc_a):
    client = Client()
    for address in (download_url(coalition_a, doc_a), doc_a.url):
        response = client.get(address)
        assert response.status_code == 302, address
        assert response["Location"].split("?")[0].endswith(LOGIN_PATH), address


def test_another_coalitions_document_is_not_found_through_this_coalition(
        coalition_a, coalition_b, member_a, member_b, facilitator, doc_a, doc_b):
    # member_a may enter A's workspace, but B's document is not one of A's meetings'.
    assert login(member_a).get(download_url(coalition_a, doc_b)).status_code == 404
    # member_b's own document, asked for through a coalition they are not in.
    assert login(member_b).get(download_url(coalition_a, doc_b)).status_code == 404
    # Staff read both coalitions, but the pair still has to match.
    assert login(facilitator).get(download_url(coalition_a, doc_b)).status_code == 404
    assert login(facilitator).get(download_url(coalition_b, doc_b)).status_code == 200


def test_unknown_coalition_or_document_is_not_found(coalition_a, member_a, doc_a):
    client = login(member_a)
    assert client.get(reverse("coalitions:document",
                              args=[coalition_a.pk, doc_a.pk + 999])).status_code == 404
    assert client.get(reverse("coalitions:document",
                              args=[coalition_a.pk + 999, doc_a.pk])).status_code == 404


def test_only_reads_are_allowed(coalition_a, member_a, doc_a):
    client = login(member_a)
    assert client.head(download_url(coalition_a, doc_a)).status_code == 200
    assert client.post(download_url(coalition_a, doc_a)).status_code == 405


def test_a_missing_file_is_not_found_not_an_error(coalition_a, member_a, doc_a):
    doc_a.file.storage.delete(doc_a.file.name)
    assert login(member_a).get(download_url(coalition_a, doc_a)).status_code == 404


# --- The collection and other documents ------------------------------------------------------


def test_an_unattached_document_in_the_collection_is_for_staff_only(member_a, editor):
    from wagtail.documents import get_document_model

    loose = get_document_model().objects.create(
        title="Lös fil", collection=services.documents_collection(),
        file=SimpleUploadedFile("los.pdf", PDF, content_type="application/pdf"))
    assert login(member_a).get(loose.url).status_code == 404
    assert login(editor).get(loose.url).status_code == 200


def test_other_documents_are_served_as_before(member):
    from wagtail.documents import get_document_model
    from wagtail.models import Collection

    public = get_document_model().objects.create(
        title="Årsrapport", collection=Collection.get_first_root_node(),
        file=SimpleUploadedFile("rapport.pdf", PDF, content_type="application/pdf"))
    assert Client().get(public.url).status_code == 200
    assert login(member).get(public.url).status_code == 200


def test_a_document_moved_out_of_the_collection_stays_guarded(member, doc_a):
    """An editor moving the file to an open collection must not open it to everyone."""
    from wagtail.models import Collection

    doc_a.collection = Collection.get_first_root_node()
    doc_a.save()
    assert login(member).get(doc_a.url).status_code == 404
    assert Client().get(doc_a.url).status_code == 302


# --- The meeting page ------------------------------------------------------------------------


def test_the_meeting_page_links_to_the_checked_download(coalition_a, member_a, doc_a):
    meeting = coalition_a.meetings.get()
    page = login(member_a).get(
        reverse("coalitions:meeting", args=[coalition_a.pk, meeting.pk])).content.decode()
    assert f'href="{download_url(coalition_a, doc_a)}"' in page
    assert doc_a.url not in page
