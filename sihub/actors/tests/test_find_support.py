"""Find support, end to end: the form, the ranked offerings with reasons, and bad input."""

from __future__ import annotations

from datetime import timedelta
from html import unescape
from urllib.parse import urlencode

import pytest
from django.utils import timezone
from django.utils.formats import date_format

from sihub.actors.models import OfferingKind
from sihub.actors.tests.factories import make_actor, make_offering
from sihub.actors.tests.test_directory import assert_page_is_sound
from sihub.conftest import login

URL = "/en/actors/find-support/"
UMEA = "2480"


def search(client, language: str = "en", **params):
    params.setdefault("sector", "social-economy")
    params.setdefault("stage", "pilot")
    params.setdefault("municipality", UMEA)
    params.setdefault("kinds", ["funding"])
    response = client.get(f"/{language}/actors/find-support/?{urlencode(params, doseq=True)}")
    assert response.status_code == 200
    return response


def titles(response) -> list[str]:
    return [card.title.text for card in response.context["results"].object_list]


def reasons(response, title: str) -> list[str]:
    for card in response.context["results"].object_list:
        if card.title.text == title:
            return card.reasons
    raise AssertionError(f"{title} is not among the results")


@pytest.fixture
def offerings(db):
    today = timezone.localdate()
    local = make_actor("Umeå Kooperativ", sector_slug="social-economy", home=UMEA, sdgs=[8])
    regional = make_actor("Region Västerbotten Test", sector_slug="public", home="2480",
                          counties=["24"])
    national = make_actor("Rikets Fond", sector_slug="private", serves_national=True)
    southern = make_actor("Malmö Stiftelse", sector_slug="civil-society", home="1280",
                          counties=["12"])
    hidden = make_actor("Dold Fond", home=UMEA, is_published=False)
    make_offering(local, OfferingKind.FUNDING, title="Lokalt bidrag",
                  title_en="Local grant", municipalities=[UMEA],
                  target_sectors=["social-economy"], stages=["pilot"],
                  closes_on=today + timedelta(days=100))
    make_offering(regional, OfferingKind.FUNDING, title="Länsbidrag", counties=["24"])
    make_offering(national, OfferingKind.FUNDING, title="Riksbidrag", national=True,
                  opens_on=today + timedelta(days=20))
    make_offering(national, OfferingKind.FUNDING, title="Företagsstöd", national=True,
                  target_sectors=["private"])
    make_offering(national, OfferingKind.FUNDING, title="Tillväxtkapital", national=True,
                  stages=["growth", "established"])
    make_offering(national, OfferingKind.FUNDING, title="Stängt bidrag", national=True,
                  closes_on=today - timedelta(days=1))
    make_offering(national, OfferingKind.ADVICE, title="Rådgivning", national=True)
    make_offering(regional, OfferingKind.ADVICE, title="Verksamhetsrådgivning")
    make_offering(southern, OfferingKind.FUNDING, title="Skånebidrag")
    make_offering(hidden, OfferingKind.FUNDING, title="Dolt bidrag", national=True)
    return {"today": today, "local": local}


def test_it_shows_the_empty_form_to_anonymous_visitors(client, db):
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert_page_is_sound(html, "en")
    assert response.context["results"] is None
    assert "error-summary" not in html
    assert '<optgroup label="Västerbotten County">' in html
    assert '<option value="2480">Umeå</option>' in html
    assert html.count('name="kinds"') == len(OfferingKind.choices)
    for field in ("id_sector", "id_stage", "id_municipality"):
        assert f'<label for="{field}"' in html


def test_it_ranks_the_matching_offerings_and_says_why(client, offerings):
    response = search(client)
    assert titles(response) == ["Local grant", "Länsbidrag", "Riksbidrag"]
    until = date_format(offerings["today"] + timedelta(days=100), "DATE_FORMAT")
    assert reasons(response, "Local grant") == [
        "Offers what you asked for: Funding",
        "Offered in Umeå",
        "Meant for your sector: Social economy",
        "For the pilot stage",
        f"Open now, until {until}",
    ]
    assert reasons(response, "Länsbidrag")[1:4] == [
        "Offered in Västerbotten County", "Open to every sector", "For every stage"]
    opens = date_format(offerings["today"] + timedelta(days=20), "DATE_FORMAT")
    assert reasons(response, "Riksbidrag")[1] == "Offered in all of Sweden"
    assert reasons(response, "Riksbidrag")[-1] == f"Opens {opens}"
    html = unescape(response.content.decode())
    assert_page_is_sound(html, "en")
    assert "Offered in Umeå" in html and f"Open now, until {until}" in html
    assert "Dolt bidrag" not in html and "Stängt bidrag" not in html
    assert f'href="/en/actors/{offerings["local"].slug}/"' in html  # the card names its actor


def test_it_falls_back_to_where_the_organisation_works(client, offerings):
    response = search(client, kinds=["advice"], stage="")
    assert titles(response) == ["Rådgivning", "Verksamhetsrådgivning"]
    assert reasons(response, "Verksamhetsrådgivning")[1] == "The organisation works in Umeå"
    assert reasons(response, "Rådgivning")[1] == "Offered in all of Sweden"


def test_it_combines_kinds_and_lets_shared_goals_lift_an_offering(client, offerings):
    response = search(client, kinds=["funding", "advice"], sdgs=["8"])
    assert titles(response)[:2] == ["Local grant", "Länsbidrag"]
    assert "Works towards your global goal 8" in reasons(response, "Local grant")
    assert set(titles(response)) == {"Local grant", "Länsbidrag", "Riksbidrag", "Rådgivning",
                                      "Verksamhetsrådgivning"}


def test_it_finds_targeted_offerings_for_the_right_sector_and_stage(client, offerings):
    response = search(client, sector="private", stage="growth")
    assert titles(response) == ["Länsbidrag", "Företagsstöd", "Tillväxtkapital", "Riksbidrag"]


def test_it_says_when_nothing_matches(client, offerings):
    response = search(client, municipality="0180", kinds=["premises"])
    assert titles(response) == []
    html = response.content.decode()
    assert "0 offerings match" in html and "Nothing matches yet" in html


@pytest.mark.parametrize(("params", "field", "message"), [
    ({"municipality": "9999"}, "municipality", "Choose a municipality from the list."),
    ({"municipality": ""}, "municipality", "Choose the municipality where you are."),
    ({"kinds": []}, "kinds", "Choose at least one kind of support."),
    ({"kinds": ["money"]}, "kinds", "Choose kinds of support from the list."),
    ({"sector": "pirates"}, "sector", "Choose a sector from the list."),
    ({"stage": "teenage"}, "stage", "Choose a stage from the list."),
    ({"sdgs": ["18"]}, "sdgs", "Select a valid choice. 18 is not one of the available choices."),
])
def test_it_explains_bad_input_without_failing(client, db, params, field, message):
    response = search(client, **params)
    form = response.context["form"]
    assert form.errors[field] == [message]
    assert response.context["results"] is None
    html = unescape(response.content.decode())
    assert_page_is_sound(html, "en")
    assert 'class="error-summary" role="alert"' in html
    assert message in html
    assert "<title>Error:" in html


def test_it_links_each_error_to_its_field(client, db):
    html = search(client, municipality="9999", kinds=[]).content.decode()
    assert 'href="#id_municipality"' in html and 'href="#id_kinds_0"' in html
    assert "There are 2 problems with the form" in html


def test_it_works_in_swedish_for_a_logged_in_outsider(outsider, offerings):
    response = search(login(outsider), language="sv")
    assert titles(response) == ["Lokalt bidrag", "Länsbidrag", "Riksbidrag"]
    html = response.content.decode()
    assert_page_is_sound(html, "sv")
    assert any("Umeå" in r for r in reasons(response, "Lokalt bidrag"))


def test_it_pages_the_matches(client, db):
    actor = make_actor("Stor Fond", serves_national=True)
    for n in range(23):
        make_offering(actor, OfferingKind.FUNDING, title=f"Bidrag {n:02d}")
    first = search(client)
    assert len(titles(first)) == 20
    assert "page=2" in first.content.decode()
    second = search(client, page="2")
    assert titles(second) == ["Bidrag 20", "Bidrag 21", "Bidrag 22"]
    assert '<ol class="offering-list" start="21">' in second.content.decode()


def test_it_needs_the_same_few_queries_for_many_offerings(client, db,
                                                          django_assert_max_num_queries):
    def add(count: int) -> None:
        for n in range(count):
            actor = make_actor(sdgs=[n % 17 + 1], counties=["24"], home=UMEA)
            make_offering(actor, OfferingKind.FUNDING, target_sectors=["social-economy"],
                          municipalities=[UMEA])

    add(15)
    search(client)
    with django_assert_max_num_queries(25) as captured:
        search(client)
    add(15)
    with django_assert_max_num_queries(len(captured.captured_queries)):
        response = search(client)
    assert len(titles(response)) == 20


def test_it_shows_the_empty_form_for_a_link_without_a_question(client, db):
    response = client.get(URL + "?utm_source=newsletter&page=2")
    assert response.status_code == 200
    assert not response.context["form"].is_bound
    assert "error-summary" not in response.content.decode()
