"""Member suggestions in the workspace: the Django layer around suggest.rank, and who sees it."""

from __future__ import annotations

import numpy as np
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from sihub.actors.models import OfferingKind
from sihub.actors.tests.factories import make_actor, make_offering, make_relation
from sihub.coalitions import suggest
from sihub.coalitions.models import MemberRole, MemberStatus
from sihub.coalitions.suggest_adapter import (
    challenge_for,
    reason_text,
    suggestions_for,
)
from sihub.coalitions.tests.conftest import add_member
from sihub.conftest import login
from sihub.core.models import Municipality


@pytest.fixture(autouse=True)
def no_word_vectors(monkeypatch):
    """Texts say nothing here (all vectors zero): the order comes from the other components.

    The real embedder is tested in test_suggest.py; loading it per test would cost a second.
    """
    monkeypatch.setattr(suggest, "default_embedder",
                        lambda: (lambda texts: np.zeros((len(texts), 4))))


def _url(coalition, lang: str = "sv") -> str:
    return f"/{lang}/coalitions/{coalition.pk}/suggestions/"


@pytest.fixture
def umea(coalition_a):
    """Coalition A in Umeå needing research; a public and a private member; four outsiders.

    The company fits a little better (it is in Umeå itself); the university only
    in the county, but academia is a sector A lacks.
    """
    coalition_a.municipalities.set(Municipality.objects.filter(code="2480"))
    coalition_a.needed_offering_kinds = [OfferingKind.RESEARCH]
    coalition_a.save()
    public = coalition_a.members.get().actor
    private = make_actor("Norrviken Fastigheter AB", sector_slug="private", home="2480")
    make_offering(private, OfferingKind.RESEARCH)
    add_member(coalition_a, actor=private, sector="private")
    company = make_actor("Bolaget i Umeå AB", sector_slug="private", home="2480")
    make_offering(company, OfferingKind.RESEARCH)
    university = make_actor("Skellefteå högskola", sector_slug="academia", home="2482")
    make_offering(university, OfferingKind.RESEARCH)
    make_relation(public, university)
    invited = make_actor("Inbjudna föreningen", sector_slug="civil-society", home="2480")
    make_offering(invited, OfferingKind.RESEARCH)
    add_member(coalition_a, actor=invited, status=MemberStatus.INVITED)
    unpublished = make_actor("Dolda AB", sector_slug="private", home="2480", is_published=False)
    make_offering(unpublished, OfferingKind.RESEARCH)
    nowhere = make_actor("Långt bort", sector_slug="academia", home="1280")
    return {"coalition": coalition_a, "public": public, "private": private, "company": company,
            "university": university, "invited": invited, "unpublished": unpublished,
            "nowhere": nowhere}


# --- The ranking from the database --------------------------------------------------------


def test_it_excludes_members_and_invited_actors_and_prefers_missing_sectors(umea):
    rows = suggestions_for(umea["coalition"])
    names = [r.actor.name for r in rows]
    assert names == ["Skellefteå högskola", "Bolaget i Umeå AB"]
    assert suggest.MISSING_SECTOR in rows[0].codes
    # Without the preference the closer company comes first.
    rows = suggestions_for(umea["coalition"], prefer_missing_sectors=False)
    assert [r.actor.name for r in rows] == ["Bolaget i Umeå AB", "Skellefteå högskola"]
    assert all(suggest.MISSING_SECTOR not in r.codes for r in rows)


def test_it_filters_by_sector(umea):
    rows = suggestions_for(umea["coalition"], sector="private")
    assert [r.actor.name for r in rows] == ["Bolaget i Umeå AB"]


def test_the_challenge_counts_active_members_only(umea):
    challenge, names = challenge_for(umea["coalition"])
    assert challenge.member_ids == {umea["public"].pk, umea["private"].pk}
    assert challenge.member_sectors == {"public": 1, "private": 1}
    assert challenge.municipality_codes == {"2480"}
    assert names[umea["private"].pk] == "Norrviken Fastigheter AB"


def test_it_translates_every_reason_into_english(umea):
    with translation.override("en"):
        rows = suggestions_for(umea["coalition"])
    university = rows[0]
    assert university.reasons == (
        "Offers “research and knowledge”, which the challenge needs",  # 0.15
        "Works in Västerbotten County",  # 0.7 × 0.15: the county, not Umeå itself
        "From academia, which the coalition lacks",  # 0.10
        f"Related to 1 member: {umea['public'].name}",  # 1/3 × 0.10
    )


def test_it_writes_reasons_in_swedish_and_falls_back_to_the_english_message():
    with translation.override("en"):
        assert reason_text(suggest.Reason(suggest.REGION_NATIONAL, {}, "x")) == \
            "Works in all of Sweden"
        assert reason_text(suggest.Reason(suggest.SDG_OVERLAP,
                                          {"goals": (8, 10), "targets": ("8.5",)}, "x")) == \
            "Shares global goals 8 and 10 (target 8.5)"
        assert reason_text(suggest.Reason("something_new", {}, "Because of X")) == "Because of X"
        assert reason_text(suggest.Reason(suggest.SEMANTIC, {"similarity": 0.4213}, "x")) == \
            "Describes work close to the challenge (similarity 0.42)"


def test_its_queries_do_not_grow_with_the_number_of_actors(umea):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            suggestions_for(umea["coalition"])
        return len(queries)

    before = count()
    for i in range(8):
        actor = make_actor(f"Fler {i}", sector_slug="civil-society", home="2480",
                           counties=["24"], sdgs=[8])
        make_offering(actor, OfferingKind.RESEARCH)
        make_offering(actor, OfferingKind.FUNDING)
        make_relation(actor, umea["private"])
    assert count() == before
    assert before <= 15  # 7 for the coalition, 6 for the actors, relations, sectors


# --- The page ------------------------------------------------------------------------------


def test_a_facilitator_sees_suggestions_reasons_in_english_and_invite_links(umea, facilitator):
    response = login(facilitator).get(_url(umea["coalition"], "en"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Offers “research and knowledge”, which the challenge needs" in body
    assert "From academia, which the coalition lacks" in body
    assert "No member from academia yet" in body  # the balance partial at the top
    assert 'role="status"' in body
    assert f"/coalitions/{umea['coalition'].pk}/members/?actor={umea['university'].pk}" in body
    assert "Norrviken Fastigheter AB" not in body.split("suggestions-heading")[1]
    assert "style=" not in body


def test_the_toggle_turns_the_sector_preference_off(umea, facilitator):
    client = login(facilitator)
    body = client.get(_url(umea["coalition"], "en") + "?filtered=1").content.decode()
    assert "From academia, which the coalition lacks" not in body
    assert body.index("Bolaget i Umeå AB") < body.index("Skellefteå högskola")
    body = client.get(_url(umea["coalition"], "en")
                      + "?filtered=1&prefer_missing=1&sector=nonsense").content.decode()
    assert body.index("Skellefteå högskola") < body.index("Bolaget i Umeå AB")


def test_an_initiating_member_may_invite_but_a_partner_may_only_look(umea, member_a, member):
    assert "?actor=" in login(member_a).get(_url(umea["coalition"])).content.decode()
    add_member(umea["coalition"], sector="academia", role=MemberRole.PARTNER, contact=member)
    response = login(member).get(_url(umea["coalition"]))
    assert response.status_code == 200
    assert "?actor=" not in response.content.decode()


@pytest.mark.parametrize("persona", ["editor", "analyst"])
def test_staff_readers_see_the_page_without_invite_links(umea, persona, request):
    response = login(request.getfixturevalue(persona)).get(_url(umea["coalition"]))
    assert response.status_code == 200
    assert "Skellefteå högskola" in response.content.decode()
    assert "?actor=" not in response.content.decode()
    assert login(request.getfixturevalue(persona)).post(_url(umea["coalition"])).status_code == 405


def test_a_member_of_another_coalition_gets_404(umea, member_b, coalition_b):
    assert login(member_b).get(_url(umea["coalition"])).status_code == 404


def test_anonymous_and_outsiders_get_404_on_an_unpublished_coalition(umea, client, outsider):
    assert client.get(_url(umea["coalition"])).status_code == 404
    assert login(outsider).get(_url(umea["coalition"])).status_code == 404


def test_a_published_coalitions_suggestions_are_still_private(coalition_b, client, outsider):
    response = client.get(_url(coalition_b))
    assert response.status_code == 302 and "login" in response["Location"]
    assert login(outsider).get(_url(coalition_b)).status_code == 403


def test_an_unknown_coalition_is_404(facilitator):
    assert login(facilitator).get("/sv/coalitions/999999/suggestions/").status_code == 404
