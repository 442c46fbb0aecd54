"""core.facets against real pages: OR within a facet, AND across facets, honest counts.

Facets are generic; method pages are simply the handiest real pages with a
plain field (phase) and many-to-many tags (goals, themes).
"""

from __future__ import annotations

import pytest
from django.http import QueryDict

from sihub.core import facets
from sihub.core.facets import Facet
from sihub.core.models import Theme
from sihub.knowledge.models import MethodPage, Phase
from sihub.knowledge.tests.test_pages import indexes, knowledge, method  # noqa: F401 - fixtures
from sihub.sdg.models import Goal

PHASE = Facet("phase", "Phase", "phase", lambda: list(Phase.choices))
SDG = Facet("sdg", "Goal", "sdgs__number",
            lambda: [(g.number, g.title) for g in Goal.objects.all()], cast=int)
THEME = Facet("theme", "Theme", "themes__slug",
              lambda: [(t.slug, t.name) for t in Theme.objects.all()])
FACETS = [PHASE, SDG, THEME]


@pytest.fixture
def pages(indexes):
    index = indexes["method"]["sv"]
    return {
        "a": method(index, "A", phase=Phase.IDEATE, sdgs=[3], themes=["food"]),
        "b": method(index, "B", phase=Phase.TEST, sdgs=[3, 8], themes=["food", "education"]),
        "c": method(index, "C", phase=Phase.IDEATE, sdgs=[8], themes=["education"]),
        "d": method(index, "D", phase=Phase.SCALE),
    }


def base():
    return MethodPage.objects.live()


def found(query: str) -> list[str]:
    return sorted(base().filter(pk__in=facets.apply(base(), FACETS, QueryDict(query)))
                  .values_list("title", flat=True))


def counted(query: str) -> dict[str, dict]:
    return {r.facet.param: {o.value: o.count for o in r.options}
            for r in facets.counts(base(), FACETS, QueryDict(query))}


def test_it_reads_the_chosen_values_from_the_url():
    assert SDG.selected(QueryDict("sdg=3&sdg=8&theme=food")) == [3, 8]
    assert SDG.selected({"sdg": "3"}) == [3]
    assert SDG.selected({"sdg": ["3", "8"]}) == [3, 8]
    assert SDG.selected(QueryDict("")) == []


def test_it_returns_everything_when_nothing_is_chosen(pages):
    assert found("") == ["A", "B", "C", "D"]


def test_it_treats_values_within_a_facet_as_alternatives(pages):
    assert found("sdg=3") == ["A", "B"]
    assert found("sdg=3&sdg=8") == ["A", "B", "C"]
    assert found("phase=ideate&phase=scale") == ["A", "C", "D"]


def test_it_requires_every_facet_to_match(pages):
    assert found("sdg=8&phase=ideate") == ["C"]
    assert found("sdg=3&theme=education") == ["B"]
    assert found("sdg=3&theme=education&phase=ideate") == []


def test_it_does_not_repeat_a_page_that_matches_several_values(pages):
    qs = facets.apply(base(), FACETS, QueryDict("sdg=3&sdg=8&theme=food&theme=education"))
    assert sorted(qs.values_list("title", flat=True)) == ["A", "B", "C"]
    assert qs.count() == 3


def test_it_counts_each_facet_with_the_other_facets_applied(pages):
    counts = counted("sdg=3&phase=ideate")
    # Phase: only the sdg=3 pages (A ideate, B test), whatever phase is chosen.
    assert counts["phase"] == {"ideate": 1, "test": 1}
    # Goals: only the ideate pages (A: 3, C: 8), whatever goal is chosen.
    assert counts["sdg"] == {3: 1, 8: 1}
    # Themes: both facets apply: only A.
    assert counts["theme"] == {"food": 1}


def test_it_counts_pages_not_tag_rows(pages):
    counts = counted("sdg=3&sdg=8")
    assert counts["phase"] == {"ideate": 2, "test": 1}  # B has two goals, counted once
    assert counts["theme"] == {"food": 2, "education": 2}


def test_it_keeps_the_options_in_their_own_order(pages):
    result = facets.counts(base(), FACETS, QueryDict(""))
    assert [o.value for o in result[0].options] == ["ideate", "test", "scale"]  # Phase order
    assert [o.value for o in result[1].options] == [3, 8]
    assert result[1].options[0].label == Goal.objects.get(number=3).title


def test_it_hides_options_nobody_has_unless_chosen(pages):
    result = {r.facet.param: r for r in facets.counts(base(), FACETS, QueryDict("sdg=3&sdg=14"))}
    goals = {o.value: o for o in result["sdg"].options}
    assert 1 not in goals  # nobody has goal 1, and it is not chosen
    assert goals[14].count == 0 and goals[14].selected  # chosen: shown, so it can be unticked
    assert goals[3].selected and not goals[8].selected
    assert result["sdg"].has_selection and not result["phase"].has_selection
    # A phase nobody in the filtered set has is hidden too.
    assert "scale" not in {o.value for o in result["phase"].options}


def test_it_ignores_values_that_cannot_be_read(pages):
    assert SDG.selected(QueryDict("sdg=abc&sdg=&sdg=3.5&sdg=8")) == [8]
    assert found("sdg=abc") == ["A", "B", "C", "D"]
    assert found("sdg=abc&sdg=3") == ["A", "B"]
    assert counted("sdg=abc")["phase"] == {"ideate": 2, "test": 1, "scale": 1}


def test_it_ignores_values_that_are_not_options(pages):
    assert found("sdg=99") == ["A", "B", "C", "D"]
    assert found("theme=no-such-theme&sdg=3") == ["A", "B"]
    assert found("phase=bogus") == ["A", "B", "C", "D"]
