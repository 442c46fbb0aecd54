"""The initiative list, form and overview (views.py), through the views and the permission rule."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from sihub.actors.tests.factories import make_actor
from sihub.conftest import login
from sihub.core.models import County
from sihub.impact import services
from sihub.impact.models import Initiative, InitiativeMembership, InitiativeStatus, MembershipRole
from sihub.impact.tests.conftest import make_initiative
from sihub.sdg.models import Goal

pytestmark = pytest.mark.django_db


def url(name: str, *args: object) -> str:
    return reverse(f"impact:{name}", args=args)


def en(name: str, *args: object) -> str:
    with translation.override("en"):
        return reverse(f"impact:{name}", args=args)


def form_data(**overrides: object) -> dict[str, object]:
    data: dict[str, object] = {"title": "Ny väg till jobb", "purpose": "Fler unga i arbete",
                               "status": InitiativeStatus.RUNNING, "discount_rate": "3,5"}
    data.update(overrides)
    return data


# --- index -----------------------------------------------------------------------------------


def test_it_lists_published_initiatives_to_anonymous_visitors_only(initiative_a, public_b):
    response = Client().get(url("index"))
    assert response.status_code == 200
    html = response.content.decode()
    assert public_b.title in html
    assert initiative_a.title not in html
    assert url("create") not in html  # no "New initiative" for anonymous visitors


def test_it_shows_my_unpublished_initiatives_but_not_other_teams(lead_a, initiative_a,
                                                                 initiative_b, public_b):
    response = login(lead_a).get(url("index"))
    assert response.status_code == 200
    assert [i.pk for i in response.context["mine"]] == [initiative_a.pk]
    html = response.content.decode()
    assert initiative_a.title in html
    assert initiative_b.title not in html
    assert url("create") in html


def test_it_keeps_unpublished_initiatives_out_of_the_public_list_even_for_staff(analyst,
                                                                                  initiative_a,
                                                                                  public_b):
    response = login(analyst).get(url("index"))
    assert [i.pk for i in response.context["results"].object_list] == [public_b.pk]


def test_it_filters_by_status_goal_county_and_title(lead_b):
    goal = Goal.objects.get(number=8)
    county = County.objects.order_by("code").first()
    match = make_initiative(lead_b, "Jobbspår Norr", is_public=True,
                            status=InitiativeStatus.RUNNING)
    match.sdgs.set([goal])
    match.counties.set([county])
    make_initiative(lead_b, "Jobbspår Syd", is_public=True, status=InitiativeStatus.COMPLETED)
    client = Client()

    def titles(**params: object) -> list[str]:
        response = client.get(url("index"), params)
        assert response.status_code == 200
        return [i.title for i in response.context["results"].object_list]

    assert titles() == ["Jobbspår Norr", "Jobbspår Syd"]
    assert titles(status="running") == ["Jobbspår Norr"]
    assert titles(sdg=8) == ["Jobbspår Norr"]
    assert titles(county=county.code) == ["Jobbspår Norr"]
    assert titles(q="syd") == ["Jobbspår Syd"]
    assert titles(sdg="not-a-number") == ["Jobbspår Norr", "Jobbspår Syd"]


def test_it_renders_only_the_results_for_htmx(public_b):
    response = Client().get(url("index"), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "<h1>" not in response.content.decode()
    assert public_b.title in response.content.decode()


def _index_queries(client: Client) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url("index")).status_code == 200
    return len(ctx.captured_queries)


def _published_with_tags(lead, n: int, start: int) -> None:
    goals = list(Goal.objects.order_by("number")[:3])
    counties = list(County.objects.order_by("code")[:2])
    for i in range(start, start + n):
        initiative = make_initiative(lead, f"Initiativ {i:02d}", is_public=True)
        initiative.sdgs.set(goals)
        initiative.counties.set(counties)
        initiative.owners.set([make_actor(f"Ägare {i}")])


def test_it_lists_in_a_number_of_queries_that_does_not_grow_with_the_initiatives(lead_a):
    client = login(lead_a)
    _published_with_tags(lead_a, 2, 0)
    few = _index_queries(client)
    _published_with_tags(lead_a, 8, 10)
    assert _index_queries(client) == few


# --- create ----------------------------------------------------------------------------------


def test_it_sends_anonymous_visitors_to_log_in_before_creating():
    response = Client().get(url("create"))
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_it_refuses_people_who_may_not_create_initiatives(outsider):
    assert login(outsider).get(url("create")).status_code == 403
    assert login(outsider).post(url("create"), form_data()).status_code == 403
    assert not Initiative.objects.exists()


def test_it_creates_an_initiative_and_makes_the_creator_its_lead(lead_a):
    owner = make_actor("Umeå kommun")
    goal = Goal.objects.get(number=8)
    response = login(lead_a).post(url("create"), form_data(
        owners=[owner.pk], sdgs=[goal.pk], funding_amount="1 200 000,50", is_public="on"))
    assert response.status_code == 302, response.context["form"].errors
    initiative = Initiative.objects.get()
    assert response["Location"] == url("detail", initiative.pk)
    assert initiative.title == "Ny väg till jobb"
    assert initiative.funding_amount == Decimal("1200000.50")
    assert initiative.discount_rate == Decimal("0.035")
    assert initiative.is_public
    assert list(initiative.owners.all()) == [owner]
    assert list(initiative.sdgs.all()) == [goal]
    assert InitiativeMembership.objects.get(initiative=initiative).user == lead_a
    assert InitiativeMembership.objects.get(initiative=initiative).role == MembershipRole.LEAD


def test_it_offers_only_published_actors_as_owners(lead_a):
    shown = make_actor("Synlig förening")
    hidden = make_actor("Dold förening", is_published=False)
    form = login(lead_a).get(url("create")).context["form"]
    owners = list(form.fields["owners"].queryset)
    assert shown in owners and hidden not in owners
    response = login(lead_a).post(url("create"), form_data(owners=[hidden.pk]))
    assert response.status_code == 400
    assert not Initiative.objects.exists()


def test_it_shows_an_error_summary_for_an_invalid_initiative(lead_a):
    response = login(lead_a).post(url("create"), form_data(
        title="", starts_on="2025-06-01", ends_on="2025-01-01", discount_rate="150"))
    assert response.status_code == 400
    html = response.content.decode()
    assert 'class="error-summary"' in html
    assert set(response.context["form"].errors) == {"title", "ends_on", "discount_rate"}
    assert not Initiative.objects.exists()


# --- edit ------------------------------------------------------------------------------------


def test_it_lets_the_lead_edit_and_publish(lead_a, initiative_a):
    response = login(lead_a).post(url("edit", initiative_a.pk),
                                  form_data(title="Unga i jobb Umeå 2", is_public="on"))
    assert response.status_code == 302
    initiative_a.refresh_from_db()
    assert initiative_a.title == "Unga i jobb Umeå 2"
    assert initiative_a.is_public


def test_it_does_not_let_a_contributor_publish(contributor_a, initiative_a):
    client = login(contributor_a)
    form = client.get(url("edit", initiative_a.pk)).context["form"]
    assert "is_public" not in form.fields
    response = client.post(url("edit", initiative_a.pk),
                           form_data(title="Nytt namn", is_public="on"))
    assert response.status_code == 302
    initiative_a.refresh_from_db()
    assert initiative_a.title == "Nytt namn"
    assert not initiative_a.is_public
    # And the service refuses it however it is asked.
    with pytest.raises(PermissionDenied):
        services.initiative_update(initiative=initiative_a, user=contributor_a,
                                   fields={"is_public": True})


def test_it_keeps_the_published_state_when_a_contributor_saves(lead_a, contributor_a,
                                                                initiative_a):
    services.initiative_update(initiative=initiative_a, user=lead_a, fields={"is_public": True})
    assert login(contributor_a).post(url("edit", initiative_a.pk),
                                     form_data()).status_code == 302
    initiative_a.refresh_from_db()
    assert initiative_a.is_public


def test_it_refuses_editing_to_viewers(viewer_a, initiative_a):
    assert login(viewer_a).get(url("edit", initiative_a.pk)).status_code == 403
    assert login(viewer_a).post(url("edit", initiative_a.pk), form_data()).status_code == 403


def test_it_hides_another_teams_unpublished_initiative_from_the_edit_form(lead_b, initiative_a):
    client = login(lead_b)
    assert client.get(url("edit", initiative_a.pk)).status_code == 404
    assert client.post(url("edit", initiative_a.pk), form_data(title="Kapad")).status_code == 404
    initiative_a.refresh_from_db()
    assert initiative_a.title == "Unga i jobb Umeå"


def test_it_refuses_anonymous_editing(initiative_a, public_b):
    assert Client().get(url("edit", initiative_a.pk)).status_code == 404
    assert Client().get(url("edit", public_b.pk)).status_code == 403
    assert Client().post(url("edit", public_b.pk), form_data()).status_code == 403


def test_it_lets_an_analyst_edit_any_initiative(analyst, initiative_a):
    client = login(analyst)
    assert client.get(url("edit", initiative_a.pk)).status_code == 200
    assert client.post(url("edit", initiative_a.pk),
                       form_data(title="Granskad")).status_code == 302
    initiative_a.refresh_from_db()
    assert initiative_a.title == "Granskad"


# --- detail ----------------------------------------------------------------------------------


def test_it_shows_the_team_its_dashboard_and_what_is_missing(lead_a, initiative_a):
    response = login(lead_a).get(en("detail", initiative_a.pk))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Hemligt A" in html  # the purpose, for the team
    assert "No theory of change yet" in html
    assert "No stakeholder groups yet" in html
    assert en("edit", initiative_a.pk) in html


def test_it_counts_the_teams_work(lead_a, initiative_a):
    from sihub.impact.tests.conftest import outcome_with_indicator

    outcome_with_indicator(initiative_a, lead_a)
    progress = login(lead_a).get(url("detail", initiative_a.pk)).context["progress"]
    assert (progress.stakeholders, progress.outcomes, progress.indicators,
            progress.value_map_rows) == (1, 1, 1, 0)


def test_it_shows_a_published_initiative_read_only_to_anonymous_visitors(lead_b, public_b):
    owner = make_actor("Malmö stad")
    hidden = make_actor("Dold ägare", is_published=False)
    public_b.owners.set([owner, hidden])
    public_b.sdgs.set([Goal.objects.get(number=4)])
    response = Client().get(en("detail", public_b.pk))
    assert response.status_code == 200
    html = response.content.decode()
    assert f'href="{owner.get_absolute_url()}"' in html
    assert "Dold ägare" in html and f'href="{hidden.get_absolute_url()}"' not in html
    assert 'class="sdg-badge sdg-4"' in html
    assert "No theory of change yet" not in html
    assert en("edit", public_b.pk) not in html
    assert 'method="post"' not in html


def test_it_shows_the_public_summary(public_b):
    response = Client().get(url("detail", public_b.pk))
    assert "Alla får läsa." in response.content.decode()


def test_it_hides_unpublished_initiatives_from_anonymous_visitors_and_other_teams(
        lead_b, initiative_a):
    assert Client().get(url("detail", initiative_a.pk)).status_code == 404
    assert login(lead_b).get(url("detail", initiative_a.pk)).status_code == 404


def test_it_shows_staff_any_initiative(analyst, editor, initiative_a):
    assert login(analyst).get(url("detail", initiative_a.pk)).status_code == 200
    response = login(editor).get(url("detail", initiative_a.pk))
    assert response.status_code == 200
    assert not response.context["can_write"]


def test_it_shows_the_discount_rate_in_per_cent_and_stores_a_fraction(lead_a, initiative_a):
    client = login(lead_a)
    form = client.get(url("edit", initiative_a.pk)).context["form"]
    assert form.initial["discount_rate"] == Decimal("3.5")
    assert 'value="3,5"' in client.get(url("edit", initiative_a.pk)).content.decode()
    assert client.post(url("edit", initiative_a.pk),
                       form_data(discount_rate="0")).status_code == 302
    initiative_a.refresh_from_db()
    assert initiative_a.discount_rate == Decimal(0)
