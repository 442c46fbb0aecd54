"""Good examples in public: the faceted index and the detail page, in Swedish and English."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from sihub.cases.models import CaseIndexPage, CasePage, Stage
from sihub.core.models import County, Municipality, Theme
from sihub.sdg.models import Goal

# --- Fixtures shared with test_submission.py ---------------------------------


@pytest.fixture
def case_index(demo_site) -> dict[str, CaseIndexPage]:
    """A published index of good examples under each language's home page."""
    indexes = {}
    for lang, (title, slug) in {"sv": ("Goda exempel", "goda-exempel"),
                                "en": ("Good examples", "good-examples")}.items():
        index = CaseIndexPage(title=title, slug=slug, intro=f"{title}.")
        # Fresh from the database: the fixture's objects may hold a stale url_path.
        home = Page.objects.get(pk=demo_site[lang].pk)
        home.add_child(instance=index)
        index.save_revision().publish()
        indexes[lang] = index
    return indexes


def publish_case(index: CaseIndexPage, title: str, *, sdgs: tuple[int, ...] = (3,),
                 stage: str = Stage.PILOT, county: str = "24",
                 municipality: str | None = "2480", themes: tuple[str, ...] = (),
                 **fields: Any) -> CasePage:
    values = {"summary": f"Summary of {title}.", "challenge": "The challenge.",
              "solution": "The solution.", **fields}
    case = CasePage(title=title, slug=re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-"),
                    stage=stage, **values)
    case.sdgs.set(Goal.objects.filter(number__in=sdgs))
    case.counties.set(County.objects.filter(code=county))
    case.municipalities.set(Municipality.objects.filter(code=municipality) if municipality else [])
    case.themes.set(Theme.objects.filter(slug__in=themes))
    index.add_child(instance=case)
    case.save_revision().publish()
    return case


# --- The index ---------------------------------------------------------------


@pytest.fixture
def examples(case_index) -> dict[str, list[CasePage]]:
    return {
        "sv": [
            publish_case(case_index["sv"], "Läxhjälp i Umeå", sdgs=(4, 10)),
            publish_case(case_index["sv"], "Matkassar", sdgs=(2, 3), stage=Stage.SCALING,
                         county="01", municipality="0184"),
            publish_case(case_index["sv"], "Fixarservice", sdgs=(3,), municipality=None),
        ],
        "en": [publish_case(case_index["en"], "Homework help in Umeå", sdgs=(4, 10))],
    }


def _facet_count(html: str, param: str, value: str) -> int | None:
    """The count shown beside one facet option, or None when the option is absent."""
    match = re.search(
        rf'name="{param}" value="{re.escape(value)}"[^>]*>.*?<span class="count">\((\d+)\)',
        html, re.S)
    return int(match.group(1)) if match else None


def test_it_lists_published_examples_with_facet_counts_in_swedish(client, examples):
    response = client.get("/sv/goda-exempel/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="sv">' in html
    assert re.search(r'class="listing__count" role="status">3 ', html)
    for title in ("Läxhjälp i Umeå", "Matkassar", "Fixarservice"):
        assert title in html
    assert "Homework help" not in html  # the other language's example
    assert _facet_count(html, "stage", "pilot") == 2
    assert _facet_count(html, "stage", "scaling") == 1
    assert _facet_count(html, "stage", "idea") is None  # no examples: not offered
    assert _facet_count(html, "sdg", "3") == 2
    assert _facet_count(html, "sdg", "4") == 1
    assert "3. Hälsa och välbefinnande" in html  # goal titles in Swedish
    assert _facet_count(html, "region", "24") == 2


def test_it_lists_published_examples_with_facet_counts_in_english(client, examples):
    html = client.get("/en/good-examples/").content.decode()
    assert '<html lang="en">' in html
    assert "Homework help in Umeå" in html and "Läxhjälp" not in html
    assert _facet_count(html, "stage", "pilot") == 1
    assert _facet_count(html, "sdg", "10") == 1
    assert "10. Reduced Inequalities" in html
    assert "Submit a good example" in html


def test_it_filters_by_stage_and_goal(client, examples):
    html = client.get("/sv/goda-exempel/?stage=pilot&sdg=3").content.decode()
    assert "Fixarservice" in html
    assert "Matkassar" not in html and "Läxhjälp i Umeå" not in html


def test_each_card_shows_stage_place_and_goal_numbers_as_text(client, examples):
    html = client.get("/en/good-examples/").content.decode()
    card = html[html.index('<ul class="card-grid">'):]
    assert "<dt>Stage</dt><dd>Pilot</dd>" in card
    assert "<dt>Place</dt><dd>Umeå, Västerbotten County</dd>" in card
    assert "<dt>Global goals</dt><dd>4, 10</dd>" in card


def test_htmx_updates_use_the_same_card(client, examples):
    html = client.get("/en/good-examples/?sdg=4", HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in html
    assert "<dt>Global goals</dt><dd>4, 10</dd>" in html


def test_the_index_does_not_query_per_example(client, case_index):
    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert Client().get("/sv/goda-exempel/").status_code == 200
        return len(ctx.captured_queries)

    publish_case(case_index["sv"], "Ett")
    publish_case(case_index["sv"], "Två")
    queries()  # warms the per-process caches (site root paths, locales)
    few = queries()
    for title in ("Tre", "Fyra", "Fem", "Sex"):
        publish_case(case_index["sv"], title, sdgs=(1, 2))
    queries()
    assert queries() == few


# --- The detail page ---------------------------------------------------------


@pytest.fixture
def full_case(case_index, tmp_path, settings) -> CasePage:
    from wagtail.images import get_image_model
    from wagtail.images.tests.utils import get_test_image_file

    settings.MEDIA_ROOT = tmp_path
    Image = get_image_model()
    photo = Image.objects.create(title="Volunteers at the homework club",
                                 file=get_test_image_file("club.png"))
    pattern = Image.objects.create(title="Background pattern",
                                   file=get_test_image_file("pattern.png"))
    case = publish_case(
        case_index["en"], "Homework help in Umeå", sdgs=(4, 10),
        summary="Volunteers help pupils with homework.",
        challenge="Pupils without support at home fall behind.",
        solution="Students from the university run a homework club.",
        target_groups="Pupils in years 4-9",
        actors_involved="Umeå University – volunteers\nUmeå municipality – premises",
        results="Grades rose for 70 % of the pupils.",
        scaling="Now in three more towns.",
        themes=("education",), website="https://example.org/laxhjalp",
        contact_name="Karin Kontakt", contact_email="karin@example.org",
        images=[("image", {"image": photo, "alt_text": "", "decorative": False}),
                ("image", {"image": pattern, "alt_text": "", "decorative": True})],
    )
    return case


def test_the_detail_page_shows_every_field(client, full_case):
    response = client.get(full_case.url)
    html = response.content.decode()
    assert response.status_code == 200
    for text in ("<h1>Homework help in Umeå</h1>", "Volunteers help pupils with homework.",
                 "Pupils without support at home fall behind.",
                 "Students from the university run a homework club.", "Pupils in years 4-9",
                 "Umeå University – volunteers<br>Umeå municipality – premises",
                 "Grades rose for 70 % of the pupils.", "Now in three more towns.",
                 "<dd>Pilot</dd>", "Umeå, Västerbotten County", "Education and learning",
                 "Karin Kontakt"):
        assert text in html, text
    assert '<a href="https://example.org/laxhjalp" rel="nofollow ugc noopener">' in html


def test_it_links_each_goal_to_its_page(client, full_case):
    html = client.get(full_case.url).content.decode()
    assert '<a class="sdg-badge sdg-4" href="/en/agenda2030/4/">4. Quality Education</a>' in html
    assert '<a class="sdg-badge sdg-10" href="/en/agenda2030/10/">' in html


def test_it_shows_the_contact_e_mail_only_as_a_mailto_link(client, full_case):
    html = client.get(full_case.url).content.decode()
    assert '<a href="mailto:karin@example.org">karin@example.org</a>' in html
    assert html.count("karin@example.org") == 2  # the href and the link text, nowhere else


def test_images_take_their_alt_text_from_the_title_or_are_marked_decorative(client, full_case):
    html = client.get(full_case.url).content.decode()
    images = re.findall(r"<img [^>]*>", html)
    assert len(images) == 2
    assert 'alt="Volunteers at the homework club"' in images[0]
    assert 'alt=""' in images[1]


def test_headings_go_in_order_and_the_page_links_to_the_submission_form(client, full_case):
    html = client.get(full_case.url).content.decode()
    main = html[html.index("<main"):html.index("</main>")]
    levels = [int(n) for n in re.findall(r"<h([1-6])", main)]
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False))
    assert '<a href="/en/good-examples/submit/">Submit a good example</a>' in html


def test_public_pages_have_no_inline_scripts_or_styles(client, full_case):
    for url in (full_case.url, "/en/good-examples/"):
        html = client.get(url).content.decode()
        assert "style=" not in html
        # Data blocks (JSON-LD) are not run, so CSP allows them; code must come from a file.
        inline = [tag for tag in re.findall(r"<script[^>]*>", html)
                  if " src=" not in tag and "application/ld+json" not in tag
                  and "application/json" not in tag]
        assert inline == []


def test_the_detail_page_renders_in_swedish(client, case_index):
    case = publish_case(case_index["sv"], "Läxhjälp i Umeå", sdgs=(4,))
    html = client.get(case.url).content.decode()
    assert '<html lang="sv">' in html
    assert ('<a class="sdg-badge sdg-4" href="/sv/agenda2030/4/">4. God utbildning för alla</a>'
            in html)
    assert "Umeå, Västerbottens län" in html
