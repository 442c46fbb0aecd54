"""Invitation links: signed, bound to the member row and address, 30 days, used once."""

from __future__ import annotations

import datetime

import pytest
from django.core import signing
from django.urls import reverse

from sihub.actors.tests.factories import make_actor
from sihub.coalitions import invitations, selectors, services
from sihub.coalitions.invitation_tasks import send_invitation_email
from sihub.coalitions.models import CoalitionMember, MemberRole, MemberStatus
from sihub.conftest import _person, login
from sihub.core.models import AuditEntry
from sihub.core.roles import MEMBER

pytestmark = pytest.mark.django_db


@pytest.fixture
def invited(facilitator, coalition_a) -> CoalitionMember:
    return services.member_add(coalition=coalition_a, user=facilitator,
                               actor=make_actor("Coompanion Umeå", sector_slug="social-economy"),
                               role=MemberRole.CORE, contact_name="Kim Kontakt",
                               contact_email="Kim.Kontakt@Example.org")


@pytest.fixture
def kim(db):
    """The invited contact person's own account (same address, other case)."""
    return _person("kim.kontakt@example.org", [MEMBER])


def token_for(member: CoalitionMember) -> str:
    return services.invitation_token(member)


def url_for(token: str) -> str:
    return reverse("coalitions:invitation", kwargs={"token": token})


# --- The token itself ----------------------------------------------------------------------


def test_a_token_round_trips_its_claim():
    moment = datetime.datetime(2026, 1, 2, 3, 4, 5, 678901, tzinfo=datetime.UTC)
    token = invitations.make_token(member_id=7, email="A@B.se", invited_at=moment)
    claim = invitations.read_token(token)
    assert claim.member_id == 7
    # The address is bound, not readable by whoever sees the link.
    assert "a@b.se" not in str(signing.loads(token, salt=invitations.SALT)).lower()
    assert invitations.matches(claim, email="a@B.SE", invited_at=moment)
    assert not invitations.matches(claim, email="c@b.se", invited_at=moment)
    assert not invitations.matches(claim, email="a@b.se",
                                   invited_at=moment + datetime.timedelta(seconds=1))


def test_a_token_expires_after_its_max_age():
    token = invitations.make_token(member_id=7, email="a@b.se", invited_at=None)
    with pytest.raises(invitations.InvitationTokenError) as error:
        invitations.read_token(token, max_age=datetime.timedelta(seconds=-1))
    assert error.value.code == "expired"


def test_a_token_signed_for_another_purpose_is_not_an_invitation():
    other = signing.dumps({"m": 7, "e": "a@b.se", "i": 0.0}, salt="sihub.something-else")
    with pytest.raises(invitations.InvitationTokenError) as error:
        invitations.read_token(other)
    assert error.value.code == "invalid"


# --- Responding ----------------------------------------------------------------------------


def test_accepting_with_the_invited_address_makes_an_active_member(invited, kim, coalition_a):
    member = services.invitation_respond(token=token_for(invited), user=kim, accept=True)
    member.refresh_from_db()
    assert member.status == MemberStatus.ACTIVE
    assert member.contact == kim and member.responded_at is not None
    assert selectors.user_can_enter_workspace(kim, coalition_a)
    assert AuditEntry.objects.filter(action=services.MEMBER_ACCEPTED, actor_id=kim.pk).exists()


def test_accepting_with_another_address_is_refused(invited, outsider):
    with pytest.raises(services.CoalitionError) as error:
        services.invitation_respond(token=token_for(invited), user=outsider, accept=True)
    assert error.value.code == "email_mismatch"
    invited.refresh_from_db()
    assert invited.status == MemberStatus.INVITED and invited.contact is None


def test_accepting_needs_a_login(invited):
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(services.CoalitionError) as error:
        services.invitation_respond(token=token_for(invited), user=AnonymousUser(), accept=True)
    assert error.value.code == "login_required"


def test_anyone_with_the_link_may_decline(invited):
    from django.contrib.auth.models import AnonymousUser

    member = services.invitation_respond(token=token_for(invited), user=AnonymousUser(),
                                         accept=False)
    assert member.status == MemberStatus.DECLINED and member.contact is None


def test_an_expired_link_is_refused(invited, kim, monkeypatch):
    real_now = signing.time.time()
    with monkeypatch.context() as patch:
        # The link was signed 31 days ago.
        patch.setattr(signing.time, "time", lambda: real_now - 31 * 24 * 3600)
        token = token_for(invited)
    with pytest.raises(services.CoalitionError) as error:
        services.invitation_respond(token=token, user=kim, accept=True)
    assert error.value.code == "invitation_expired"
    # The same link a day younger still works: the limit is 30 days.
    with monkeypatch.context() as patch:
        patch.setattr(signing.time, "time", lambda: real_now - 29 * 24 * 3600)
        token = token_for(invited)
    assert services.invitation_respond(token=token, user=kim, accept=True).status == "active"


def test_a_tampered_link_is_refused(invited, kim):
    token = token_for(invited)
    tampered = token[:-3] + ("aaa" if not token.endswith("aaa") else "bbb")
    with pytest.raises(services.CoalitionError) as error:
        services.invitation_respond(token=tampered, user=kim, accept=True)
    assert error.value.code == "invitation_invalid"
    forged = invitations.make_token(member_id=invited.pk, email="kim.kontakt@example.org",
                                    invited_at=invited.invited_at)[:-1] + "x"
    with pytest.raises(services.CoalitionError):
        services.invitation_member(forged)


def test_a_used_link_is_refused(invited, kim):
    token = token_for(invited)
    services.invitation_respond(token=token, user=kim, accept=True)
    with pytest.raises(services.CoalitionError) as error:
        services.invitation_respond(token=token, user=kim, accept=False)
    assert error.value.code == "invitation_used"
    invited.refresh_from_db()
    assert invited.status == MemberStatus.ACTIVE


def test_a_new_invitation_makes_the_old_link_stale(invited, kim, facilitator, coalition_a):
    old = token_for(invited)
    services.member_remove(coalition=coalition_a, member=invited, user=facilitator)
    services.member_add(coalition=coalition_a, user=facilitator, actor=invited.actor,
                        role=MemberRole.PARTNER, contact_name="", contact_email=kim.email)
    with pytest.raises(services.CoalitionError) as error:
        services.invitation_respond(token=old, user=kim, accept=True)
    assert error.value.code == "invitation_used"


def test_the_email_task_sends_nothing_for_an_answered_invitation(invited, kim):
    services.invitation_respond(token=token_for(invited), user=kim, accept=True)
    assert send_invitation_email.call(invited.pk, "sv") is False
    assert send_invitation_email.call(999_999, "sv") is False


def test_the_email_link_works_and_speaks_english_when_asked(invited, kim, mailoutbox):
    mailoutbox.clear()
    assert send_invitation_email.call(invited.pk, "en") is True
    [message] = mailoutbox
    assert message.subject == f"Invitation to the coalition {invited.coalition.title}"
    link = next(line for line in message.body.splitlines() if "/invitation/" in line)
    assert "/en/coalitions/invitation/" in link
    token = link.rstrip("/").rsplit("/", 1)[1]
    assert services.invitation_member(token).pk == invited.pk


# --- The invitation page -------------------------------------------------------------------


def test_the_page_shows_the_coalition_and_a_login_link_to_anonymous(client, invited):
    url = url_for(token_for(invited))
    response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert invited.coalition.title in html
    assert 'value="decline"' in html and 'value="accept"' not in html
    assert "next=%2Fsv%2Fcoalitions%2Finvitation%2F" in html


def test_the_page_lets_the_invited_account_accept(invited, kim):
    client = login(kim)
    url = url_for(token_for(invited))
    assert 'value="accept"' in client.get(url).content.decode()
    response = client.post(url, {"response": "accept"})
    assert response.status_code == 302
    assert response["Location"] == reverse("coalitions:workspace", args=[invited.coalition_id])
    invited.refresh_from_db()
    assert invited.status == MemberStatus.ACTIVE and invited.contact == kim


def test_the_page_sends_anonymous_accept_to_login(client, invited):
    url = url_for(token_for(invited))
    response = client.post(url, {"response": "accept"})
    assert response.status_code == 302 and "next=" in response["Location"]
    invited.refresh_from_db()
    assert invited.status == MemberStatus.INVITED


def test_the_page_refuses_another_account(invited, outsider):
    url = url_for(token_for(invited))
    client = login(outsider)
    assert 'value="accept"' not in client.get(url).content.decode()
    response = client.post(url, {"response": "accept"})
    assert response.status_code == 400
    invited.refresh_from_db()
    assert invited.status == MemberStatus.INVITED


def test_the_page_lets_anonymous_decline(client, invited):
    response = client.post(url_for(token_for(invited)), {"response": "decline"})
    assert response.status_code == 302
    invited.refresh_from_db()
    assert invited.status == MemberStatus.DECLINED


def test_the_page_explains_a_bad_link_in_english(client, invited):
    response = client.get("/en/coalitions/invitation/not-a-token/")
    assert response.status_code == 400
    assert "not valid" in response.content.decode()
    assert invited.coalition.title not in response.content.decode()


def test_the_page_explains_a_used_link(client, invited, kim):
    token = token_for(invited)
    login(kim).post(url_for(token), {"response": "accept"})
    response = client.get(url_for(token).replace("/sv/", "/en/", 1))
    assert response.status_code == 400
    assert "already been answered" in response.content.decode()
