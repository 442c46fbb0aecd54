import pytest
from django.test import Client

from sihub.conftest import login


def test_it_redirects_the_bare_domain_to_a_language(client, demo_site):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] in ("/sv/", "/en/")


def test_it_serves_the_home_page_in_swedish_and_english(client, demo_site):
    sv = client.get("/sv/")
    en = client.get("/en/")
    assert sv.status_code == en.status_code == 200
    assert '<html lang="sv">' in sv.content.decode()
    assert '<html lang="en">' in en.content.decode()
    assert "social innovation för Agenda 2030" in sv.content.decode()
    assert "social innovation for Agenda 2030" in en.content.decode()


def test_it_links_each_page_to_its_translation(client, demo_site):
    html = client.get("/sv/kunskap/").content.decode()
    assert 'href="/en/knowledge/" lang="en"' in html
    html = client.get("/en/knowledge/").content.decode()
    assert 'href="/sv/kunskap/" lang="sv"' in html


def test_it_translates_interface_strings(client, demo_site):
    assert "Hoppa till huvudinnehållet" in client.get("/sv/").content.decode()
    assert "Skip to main content" in client.get("/en/").content.decode()


def test_it_shows_the_four_areas_of_work_in_the_main_navigation(client, demo_site):
    html = client.get("/en/").content.decode()
    for title in ("Knowledge", "Ecosystem", "Analysis &amp; learning", "Meetings &amp; co-creation"):
        assert title in html


def test_it_has_a_skip_link_and_landmarks(client, demo_site):
    html = client.get("/en/").content.decode()
    assert 'class="skip-link" href="#main"' in html
    assert '<main id="main"' in html
    assert 'role="search"' in html


def test_it_sends_a_strict_content_security_policy(client, demo_site):
    csp = client.get("/sv/")["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert "object-src 'none'" in csp


def test_it_hides_drafts_from_the_public(client, demo_site, editor):
    from sihub.core.models import ContentPage

    draft = ContentPage(title="Hemligt utkast", slug="utkast", live=False)
    demo_site["sv"].add_child(instance=draft)
    assert client.get("/sv/utkast/").status_code == 404
    # …but the editor can preview it in the admin.
    assert login(editor).get(f"/admin/pages/{draft.pk}/view_draft/").status_code == 200


def test_it_answers_unknown_pages_with_a_helpful_404(client, demo_site):
    response = client.get("/en/no-such-page/")
    assert response.status_code == 404


def test_it_lists_regions(client, db):
    html = client.get("/sv/regions/").content.decode()
    assert "Västerbottens län" in html and "Umeå" in html


def test_healthz_checks_the_database(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["database"] == "ok"


@pytest.mark.parametrize("path", ["/sv/", "/en/knowledge/"])
def test_it_renders_public_pages_without_n_plus_one(path, demo_site, django_assert_max_num_queries):
    client = Client()
    client.get(path)  # warm caches (site root, locales)
    with django_assert_max_num_queries(25):
        assert client.get(path).status_code == 200


@pytest.mark.parametrize("path", ["/api/v1/sdg/goals/99", "/documents/999/nothing.pdf"])
def test_it_keeps_404s_outside_the_site_as_404s(client, db, path):
    assert client.get(path).status_code == 404
