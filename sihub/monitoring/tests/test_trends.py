"""Trends: rising terms and date buckets (pure), and item counts per SDG or theme (database)."""

from __future__ import annotations

from datetime import date, datetime
from itertools import count
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from sihub.core.models import Theme
from sihub.monitoring import trends
from sihub.monitoring.models import Item, ItemStatus, Source
from sihub.monitoring.trend_selectors import TrendFilters, item_counts, rising_terms_for
from sihub.monitoring.trends import rising_terms
from sihub.sdg.models import Goal

_serial = count(1)

# --- Rising terms (no database) ----------------------------------------------------------

FILLER_SV = ["Regeringen presenterar budget för skolan", "Ny rapport om bostäder i staden",
             "Kommunen bygger fler cykelvägar", "Forskare studerar vården på landsbygden",
             "Föreningar samlar in pengar till barnen"]


def test_it_ranks_a_term_new_in_half_the_documents_first() -> None:
    # The new word sits in different company each time, so no phrase stands in for it.
    current = [f"Mikrolån: {t.lower()}" for t in FILLER_SV] + FILLER_SV
    previous = FILLER_SV * 2
    terms = rising_terms(current, previous, language="sv")
    assert terms[0].term == "mikrolån"
    assert (terms[0].current, terms[0].previous) == (5, 0)
    assert terms[0].score > 0
    # Everything else is as common as before: nothing else rises.
    assert all(t.term.startswith("mikrolån") for t in terms)


def test_it_merges_inflections_and_shows_the_most_frequent_form() -> None:
    current = ["Kommunerna satsar", "Kommunerna växer", "Kommuner samarbetar",
               "Kommunerna bygger"]
    terms = rising_terms(current, [], language="sv")
    top = next(t for t in terms if t.term.startswith("kommun"))
    assert top.term == "kommunerna" and top.current == 4


def test_it_never_lists_stopwords() -> None:
    current = ["Det är och att som en av för med till den", "the and of to is that for are",
               "och det är att", "the of and to", "och att det"] * 3
    terms = rising_terms(current, [], language="sv", min_count=1)
    assert terms == []
    terms = rising_terms(current, [], language="en", min_count=1)
    assert terms == []


def test_it_needs_at_least_three_documents_this_period() -> None:
    current = ["Solceller på taket", "Solceller i skolan", "Något helt annat", "Annat igen"]
    assert not any(t.term.startswith("solcell") for t in rising_terms(current, [], language="sv"))
    current.append("Solceller på förskolan")
    assert any(t.term == "solceller" for t in rising_terms(current, [], language="sv"))
    assert any(t.term == "solceller"
               for t in rising_terms(current[:2], [], language="sv", min_count=2))


def test_it_reads_english_with_english_stems_and_phrases() -> None:
    current = ["Social enterprises grow in Sweden", "Social enterprises win contracts",
               "New social enterprise fund", "The weather was fine", "Football results"]
    previous = ["The weather was fine", "Football results", "Markets rose"]
    terms = rising_terms(current, previous, language="en")
    texts = [t.term for t in terms]
    assert "social enterprises" in texts  # the pair, in its most frequent form
    assert "social" not in texts  # only ever inside the phrase: not listed apart
    assert "the" not in texts and "was" not in texts
    phrase = terms[texts.index("social enterprises")]
    assert (phrase.current, phrase.previous) == (3, 0)


def test_it_does_not_list_falling_or_steady_terms() -> None:
    current = ["Bostäder byggs"] * 3 + ["Annat"] * 7
    previous = ["Bostäder byggs"] * 8 + ["Annat"] * 2
    assert rising_terms(current, previous, language="sv") == []


def test_it_detects_each_documents_language_when_none_is_given() -> None:
    current = ["Kommunerna och regionerna satsar på innovation",
               "Kommunerna och staten satsar",
               "Kommunerna och skolan satsar"]
    terms = rising_terms(current, [], language="")
    assert any(t.term == "kommunerna" for t in terms)


def test_it_respects_the_limit() -> None:
    current = [" ".join(f"ord{chr(97 + i)}x" for i in range(30))] * 3
    assert len(rising_terms(current, [], language="sv", limit=5)) == 5


# --- Buckets (no database) ---------------------------------------------------------------


def test_it_buckets_days_into_iso_weeks_and_months() -> None:
    assert trends.bucket_start(date(2025, 3, 13), trends.WEEK) == date(2025, 3, 10)
    assert trends.bucket_start(date(2025, 3, 13), trends.MONTH) == date(2025, 3, 1)
    assert trends.bucket_label(date(2024, 12, 30), trends.WEEK) == "2025-W01"
    assert trends.bucket_label(date(2025, 3, 1), trends.MONTH) == "2025-03"
    assert trends.buckets_between(date(2025, 11, 20), date(2026, 2, 3), trends.MONTH) == [
        date(2025, 11, 1), date(2025, 12, 1), date(2026, 1, 1), date(2026, 2, 1)]
    weeks = trends.buckets_between(date(2025, 3, 5), date(2025, 3, 20), trends.WEEK)
    assert weeks == [date(2025, 3, 3), date(2025, 3, 10), date(2025, 3, 17)]
    assert trends.period_start(date(2025, 3, 20), 4) == date(2025, 2, 24)


def test_it_draws_one_named_line_per_series() -> None:
    chart = trends.line_chart([("SDG 3", "#4C9F38", [0, 5, 10]), ("SDG 11", "#FD9D24", [1, 1, 10])],
                              ["W1", "W2", "W3"])
    assert [line.name for line in chart.lines] == ["SDG 3", "SDG 11"]
    first = chart.lines[0].points
    assert first[0].y > first[1].y > first[2].y  # higher counts are higher up
    # Both end at 10: their names are pushed apart.
    assert abs(chart.lines[0].label_y - chart.lines[1].label_y) >= 14
    assert chart.ticks[-1].value >= 10


# --- Counts per bucket (database) --------------------------------------------------------

TODAY = date(2025, 3, 20)  # a Thursday; with 4 weeks the period starts Monday 24 February


def _at(day: date, hour: int = 12) -> datetime:
    return timezone.make_aware(datetime(day.year, day.month, day.day, hour))


def make_item(*, published: datetime | None, sdgs: list[int] = (), themes: list[Theme] = (),
              source: Source | None = None, title: str = "Nyhet", summary: str = "",
              **fields: Any) -> Item:
    n = next(_serial)
    if source is None:
        source = Source.objects.create(name=f"Källa {n}", url=f"https://feed{n}.example.se/rss")
    item = Item.objects.create(source=source, guid=f"g{n}", title=title, summary=summary,
                               content_hash=f"{n:064d}", published_at=published, **fields)
    item.sdgs.set(Goal.objects.filter(number__in=sdgs))
    item.themes.set(themes)
    return item


def row_of(series, number: int) -> list[int]:
    goal = Goal.objects.get(number=number)
    return series.counts[goal.pk]


@pytest.mark.django_db
def test_it_counts_items_per_sdg_per_week(analyst) -> None:
    make_item(published=_at(date(2025, 3, 17)), sdgs=[3, 11])  # this week, two goals
    make_item(published=_at(date(2025, 3, 18)), sdgs=[3])
    make_item(published=_at(date(2025, 2, 24), hour=0), sdgs=[3])  # first hour of the period
    make_item(published=_at(date(2025, 2, 23), hour=23), sdgs=[3])  # just before: excluded
    make_item(published=_at(date(2025, 3, 21)), sdgs=[3])  # tomorrow: excluded
    make_item(published=None, fetched_at=_at(date(2025, 3, 4)), sdgs=[11])  # no date: fetched
    make_item(published=_at(date(2025, 3, 5)))  # untagged: only in the totals
    series = item_counts(user=analyst, filters=TrendFilters(weeks=4), today=TODAY)
    assert series.labels == ["2025-W09", "2025-W10", "2025-W11", "2025-W12"]
    assert row_of(series, 3) == [1, 0, 0, 2]
    assert row_of(series, 11) == [0, 1, 0, 1]
    assert series.totals == [1, 2, 0, 2]  # the item with two goals is one item
    assert [d.short for d in series.dimensions] == ["Mål 3", "Mål 11"]  # Swedish is active in tests
    assert ("2025-W12", str(Goal.objects.get(number=3)), 2) in series.csv_rows()
    assert len(series.csv_rows()) == 8  # zeros included


@pytest.mark.django_db
def test_it_counts_per_month_and_per_theme(analyst) -> None:
    welfare = Theme.objects.create(slug="valfard", name_sv="Välfärd", name_en="Welfare")
    housing = Theme.objects.create(slug="boende", name_sv="Boende", name_en="Housing")
    make_item(published=_at(date(2025, 2, 25)), themes=[welfare, housing])
    make_item(published=_at(date(2025, 3, 2)), themes=[welfare])
    make_item(published=_at(date(2025, 3, 19)), themes=[welfare])
    series = item_counts(user=analyst, today=TODAY,
                         filters=TrendFilters(weeks=4, granularity=trends.MONTH,
                                              dimension="theme"))
    assert series.labels == ["2025-02", "2025-03"]
    assert series.counts[welfare.pk] == [1, 2]
    assert series.counts[housing.pk] == [1, 0]
    assert [d.name for d in series.dimensions] == ["Boende", "Välfärd"]


@pytest.mark.django_db
def test_it_filters_by_language_source_and_status(analyst) -> None:
    source = Source.objects.create(name="Vinnova", url="https://vinnova.example.se/rss")
    day = _at(date(2025, 3, 18))
    make_item(published=day, sdgs=[3], language="sv", source=source, status=ItemStatus.KEPT)
    make_item(published=day, sdgs=[3], language="en", source=source)
    make_item(published=day, sdgs=[3], language="sv")

    def week12(**filters: Any) -> int:
        series = item_counts(user=analyst, today=TODAY, filters=TrendFilters(weeks=4, **filters))
        return series.totals[-1]

    assert week12() == 3
    assert week12(language="sv") == 2
    assert week12(language="other") == 0
    assert week12(source=source) == 2
    assert week12(kept_only=True) == 1


@pytest.mark.django_db
def test_it_counts_in_a_fixed_number_of_queries(analyst) -> None:
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            item_counts(user=analyst, filters=TrendFilters(weeks=4), today=TODAY)
            rising_terms_for(user=analyst, filters=TrendFilters(weeks=4), today=TODAY)
        return len(captured)

    make_item(published=_at(date(2025, 3, 18)), sdgs=[3])
    queries()  # the first call also loads the analyst's permissions
    few = queries()
    for i in range(15):
        make_item(published=_at(date(2025, 3, 3 + i)), sdgs=[1 + i % 17, 5])
    assert queries() == few == 5  # counts, totals, goal names; texts of two periods


@pytest.mark.django_db
def test_it_finds_terms_rising_against_the_previous_period(analyst) -> None:
    for i in range(4):  # this period
        make_item(published=_at(date(2025, 3, 10 + i)), title=f"Mikrolån växer nummer {i}",
                  language="sv")
    for i in range(4):  # the four weeks before
        make_item(published=_at(date(2025, 2, 3 + i)), title=f"Bostäder byggs nummer {i}",
                  language="sv")
    rising = rising_terms_for(user=analyst, filters=TrendFilters(weeks=4), today=TODAY)
    # The same number of days just before (the current week is only partly over).
    assert (rising.previous.start, rising.previous.end) == (date(2025, 1, 30), date(2025, 2, 23))
    assert (rising.current_documents, rising.previous_documents) == (4, 4)
    terms = {t.term: (t.current, t.previous) for t in rising.terms}
    assert terms.get("mikrolån växer") == (4, 0)
    assert not any(term.startswith("bostäder") for term in terms)


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["member", "outsider"])
def test_it_refuses_counts_to_people_without_access(persona, request) -> None:
    from django.core.exceptions import PermissionDenied

    user = request.getfixturevalue(persona)
    with pytest.raises(PermissionDenied):
        item_counts(user=user, filters=TrendFilters())
    with pytest.raises(PermissionDenied):
        rising_terms_for(user=user, filters=TrendFilters())
