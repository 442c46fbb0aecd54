"""Models' invariants and the services that write them: ToC, value map → SROI, proxies, audit."""

from __future__ import annotations

import importlib
from decimal import Decimal as D

import pytest
from django.apps import apps as global_apps
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction
from django.http import Http404

from sihub.core.models import AuditEntry
from sihub.impact import services, sroi
from sihub.impact.models import (
    FinancialProxy,
    Initiative,
    Measurement,
    Outcome,
    TheoryOfChange,
    ToCLink,
    ValueMapRow,
)
from sihub.impact.tests.conftest import make_initiative, outcome_with_indicator

# --- Theory of change ---------------------------------------------------------------------


@pytest.fixture
def toc_a(initiative_a, lead_a) -> TheoryOfChange:
    return services.toc_create(initiative=initiative_a, user=lead_a)


def test_it_links_elements_of_one_theory_with_an_assumption(toc_a, lead_a):
    money = services.toc_element_add(toc=toc_a, user=lead_a, kind="input", text="ESF-medel")
    coaching = services.toc_element_add(toc=toc_a, user=lead_a, kind="activity", text="Coachning")
    link = services.toc_link_add(toc=toc_a, user=lead_a, source=money, target=coaching,
                                 assumption="Coacher går att rekrytera")
    assert list(toc_a.links.all()) == [link]
    assert (money.position, coaching.position) == (0, 1)
    assert AuditEntry.objects.filter(action=services.TOC_LINK_ADDED,
                                     target_id=str(link.pk)).exists()


def test_it_rejects_a_link_to_an_element_of_another_theory(toc_a, lead_a, initiative_b, lead_b):
    toc_b = services.toc_create(initiative=initiative_b, user=lead_b)
    mine = services.toc_element_add(toc=toc_a, user=lead_a, kind="input", text="Tid")
    theirs = services.toc_element_add(toc=toc_b, user=lead_b, kind="output", text="Rapport")
    with pytest.raises(ValidationError) as refused:
        services.toc_link_add(toc=toc_a, user=lead_a, source=mine, target=theirs)
    assert [e.code for e in refused.value.error_dict[NON_FIELD_ERRORS]] == ["cross_toc"]
    # Nor can the link be filed under the other theory with one of A's elements.
    with pytest.raises(Http404):  # lead A cannot even see theory B
        services.toc_link_add(toc=toc_b, user=lead_a, source=mine, target=theirs)
    assert not ToCLink.objects.exists()


def test_it_rejects_self_links_and_duplicate_links(toc_a, lead_a):
    a = services.toc_element_add(toc=toc_a, user=lead_a, kind="activity", text="Möten")
    b = services.toc_element_add(toc=toc_a, user=lead_a, kind="output", text="Deltagare")
    with pytest.raises(ValidationError):
        services.toc_link_add(toc=toc_a, user=lead_a, source=a, target=a)
    services.toc_link_add(toc=toc_a, user=lead_a, source=a, target=b)
    with pytest.raises(ValidationError):
        services.toc_link_add(toc=toc_a, user=lead_a, source=a, target=b)
    # The database refuses a self-link that skips the services, too.
    with pytest.raises(IntegrityError), transaction.atomic():
        ToCLink.objects.create(toc=toc_a, source=a, target=a)


def test_it_gives_an_initiative_one_theory_only(toc_a, initiative_a, lead_a):
    initiative_a.refresh_from_db()
    assert initiative_a.theory_of_change == toc_a
    with pytest.raises(ValidationError):
        services.toc_create(initiative=initiative_a, user=lead_a)


# --- Stakeholders and outcomes -------------------------------------------------------------


def test_it_rejects_an_outcome_for_another_initiatives_stakeholder(initiative_a, lead_a,
                                                                  initiative_b, lead_b):
    theirs = services.stakeholder_create(initiative=initiative_b, user=lead_b, name="Elever")
    with pytest.raises(ValidationError) as refused:
        services.outcome_create(initiative=initiative_a, user=lead_a, stakeholder=theirs,
                                description="Bättre betyg")
    assert "stakeholder" in refused.value.message_dict
    assert not Outcome.objects.exists()


def test_it_records_negative_and_unintended_outcomes(initiative_a, lead_a):
    group = services.stakeholder_create(initiative=initiative_a, user=lead_a, name="Grannar",
                                        involvement="Intervjuer")
    outcome = services.outcome_create(initiative=initiative_a, user=lead_a, stakeholder=group,
                                      description="Mer buller", intended=False, positive=False,
                                      term="medium")
    outcome.refresh_from_db()
    assert (outcome.intended, outcome.positive, outcome.term) == (False, False, "medium")


def test_it_keeps_indicator_names_unique_within_an_initiative(initiative_a, lead_a,
                                                              initiative_b, lead_b):
    first = outcome_with_indicator(initiative_a, lead_a, indicator="I arbete")
    with pytest.raises(ValidationError):
        services.indicator_create(outcome=first.outcome, user=lead_a, name="i ARBETE")
    # Another initiative may use the same name.
    outcome_with_indicator(initiative_b, lead_b, indicator="I arbete")


def test_it_audits_every_write(initiative_a, lead_a):
    indicator = outcome_with_indicator(initiative_a, lead_a)
    services.indicator_update(indicator=indicator, user=lead_a, fields={"unit": "procent"})
    services.outcome_delete(outcome=indicator.outcome, user=lead_a)
    actions = list(AuditEntry.objects.filter(actor_id=lead_a.pk).order_by("pk")
                   .values_list("action", flat=True))
    assert actions == [services.INITIATIVE_CREATED, services.STAKEHOLDER_SAVED,
                       services.OUTCOME_SAVED, services.INDICATOR_SAVED,
                       services.INDICATOR_SAVED, services.OUTCOME_DELETED]


def test_it_refuses_fields_a_service_does_not_own(initiative_a, lead_a):
    with pytest.raises(ValueError):
        services.initiative_update(initiative=initiative_a, user=lead_a,
                                   fields={"created_at": None})


# --- Constraints ----------------------------------------------------------------------------


def test_it_rejects_fractions_outside_0_to_1_in_the_database(initiative_a, lead_a):
    outcome = outcome_with_indicator(initiative_a, lead_a).outcome
    with pytest.raises(IntegrityError), transaction.atomic():
        ValueMapRow.objects.create(initiative=initiative_a, stakeholder=outcome.stakeholder,
                                   outcome=outcome, quantity=D(1), proxy_value=D(1),
                                   deadweight=D("1.5"))
    with pytest.raises(IntegrityError), transaction.atomic():
        Initiative.objects.filter(pk=initiative_a.pk).update(discount_rate=D("3.5"))


def test_it_rejects_half_a_breakdown_in_the_database(initiative_a, lead_a):
    indicator = outcome_with_indicator(initiative_a, lead_a)
    with pytest.raises(IntegrityError), transaction.atomic():
        Measurement.objects.create(indicator=indicator, date="2025-01-01", value=D(1),
                                   breakdown_dimension="kön")


def test_it_rejects_a_row_without_any_value_per_unit(initiative_a, lead_a):
    outcome = outcome_with_indicator(initiative_a, lead_a).outcome
    with pytest.raises(ValidationError) as refused:
        services.value_map_row_create(initiative=initiative_a, user=lead_a, fields={
            "stakeholder": outcome.stakeholder, "outcome": outcome, "quantity": D(1)})
    assert "proxy_value" in refused.value.message_dict


# --- Value map → SROI -------------------------------------------------------------------------


@pytest.fixture
def valued(initiative_a, lead_a) -> Initiative:
    """A value map of two rows, computed by hand below.

    Row 1 (typed value): 10 × 20 000 × 0.75 × 0.9 × 0.8 = 108 000 in year 1, halving for
    3 years. Row 2 (library proxy, negative outcome, starts after the activity):
    5 × 3 202 = 16 010 taken away in year 2 only. Inputs 100 000, r = 3.5 %.
    """
    services.initiative_update(initiative=initiative_a, user=lead_a,
                               fields={"inputs_total": D(100000)})
    jobs = outcome_with_indicator(initiative_a, lead_a, indicator="I arbete")
    services.value_map_row_create(initiative=initiative_a, user=lead_a, fields={
        "stakeholder": jobs.outcome.stakeholder, "outcome": jobs.outcome, "indicator": jobs,
        "quantity": D(10), "proxy_value": D(20000), "proxy_source": "Egen beräkning",
        "deadweight": D("0.25"), "displacement": D("0.1"), "attribution": D("0.2"),
        "drop_off": D("0.5"), "duration_years": 3})
    neighbours = services.stakeholder_create(initiative=initiative_a, user=lead_a,
                                             name="Grannar")
    harm = services.outcome_create(initiative=initiative_a, user=lead_a, stakeholder=neighbours,
                                   description="Fler dagar i anstalt", positive=False,
                                   intended=False)
    services.value_map_row_create(initiative=initiative_a, user=lead_a, fields={
        "stakeholder": neighbours, "outcome": harm, "quantity": D(5),
        "proxy": FinancialProxy.objects.get(key="kriminalvard-anstalt-dygn"),
        "proxy_value": D(1),  # ignored: the library's value wins
        "starts_after_activity": True, "position": 1})
    return initiative_a


def test_it_converts_rows_to_the_sroi_value_map(valued):
    vmap = services.value_map(valued)
    first, second = vmap.outcomes
    assert (first.stakeholder, first.outcome, first.indicator) == ("Unga 16–24", "Får arbete",
                                                                   "I arbete")
    assert first.proxy_value == D(20000) and first.proxy_source == "Egen beräkning"
    assert second.proxy_value == D(-3202)
    assert second.proxy_source == ("Kriminalvården: Ekonomi och planering (source: "
                                   "Kriminalvårdens årsredovisning 2019) (2019)")
    assert second.starts_after_activity is True
    assert vmap.inputs_total == D(100000) and vmap.discount_rate == D("0.035")


def test_it_computes_the_ratio_a_person_computes_by_hand(valued):
    result = services.initiative_sroi(valued)
    # 108000/1.035 + 54000/1.035² + 27000/1.035³ − 16010/1.035²
    # = 104347.8261 + 50409.5690 + 24352.6276 − 14945.5063 = 164164.3506 (rounded)
    assert abs(result.present_value - D("164164.3506")) < D("0.0001")
    assert abs(result.sroi_ratio - D("1.6416435065")) < D("1e-10")
    assert sroi.display(result.sroi_ratio) == D("1.64")
    assert sroi.display(result.net_sroi_ratio) == D("0.64")
    # Payback: 100 000 / (108 000 / 12) = 11.11 months (the harm starts in year 2).
    assert sroi.display(result.payback_months) == D("11.11")


def test_it_uses_the_initiatives_discount_rate(valued, lead_a):
    services.initiative_update(initiative=valued, user=lead_a, fields={"discount_rate": D(0)})
    result = services.initiative_sroi(valued)
    assert result.present_value == D(108000 + 54000 + 27000 - 16010)


@pytest.mark.parametrize(("inputs", "code"), [(None, "inputs_missing"),
                                              (D(0), "inputs_not_positive")])
def test_it_says_why_there_is_no_ratio(valued, lead_a, inputs, code):
    services.initiative_update(initiative=valued, user=lead_a, fields={"inputs_total": inputs})
    with pytest.raises(sroi.SROIError) as failed:
        services.initiative_sroi(valued)
    assert failed.value.code == code
    assert services.sroi_error_message(failed.value)


def test_it_says_when_the_value_map_is_empty(initiative_b, lead_b):
    services.initiative_update(initiative=initiative_b, user=lead_b,
                               fields={"inputs_total": D(1000)})
    with pytest.raises(sroi.SROIError) as failed:
        services.initiative_sroi(initiative_b)
    assert failed.value.code == "no_outcomes"


def test_it_runs_the_sensitivity_analysis(valued):
    result = services.initiative_sensitivity(valued)
    assert result.sroi_ratio == services.initiative_sroi(valued).sroi_ratio
    assert result.break_evens


# --- The proxy library (data migration) --------------------------------------------------------


def test_it_loaded_the_seed_proxies(db):
    assert FinancialProxy.objects.count() == 8
    prison = FinancialProxy.objects.get(key="kriminalvard-anstalt-dygn")
    assert (prison.value_sek, prison.base_year, prison.source_publisher) == (
        D(3202), 2019, "Kriminalvården")
    assert prison.name_en == "Cost per day in prison"
    assert FinancialProxy.objects.get(key="marginaliserad-ung-livstid").value_sek == D(3796200)


def test_it_reloads_the_proxies_idempotently(db):
    migration = importlib.import_module("sihub.impact.migrations.0002_load_financial_proxies")
    FinancialProxy.objects.filter(key="bbic-utredning").update(value_sek=D(1))
    migration.load_proxies(global_apps, None)
    migration.load_proxies(global_apps, None)
    assert FinancialProxy.objects.count() == 8
    assert FinancialProxy.objects.get(key="bbic-utredning").value_sek == D(30561)


def test_it_keeps_a_proxy_that_a_value_map_uses(valued):
    from django.db.models import ProtectedError

    with pytest.raises(ProtectedError):
        FinancialProxy.objects.get(key="kriminalvard-anstalt-dygn").delete()


def test_it_numbers_slugs_of_initiatives_with_the_same_title(lead_a):
    first = make_initiative(lead_a, "Samma namn")
    second = make_initiative(lead_a, "Samma namn")
    assert (first.slug, second.slug) == ("samma-namn", "samma-namn-2")


def test_it_reads_the_value_map_in_one_query(valued, django_assert_num_queries):
    with django_assert_num_queries(1):
        services.value_map(valued)


def test_it_summarises_initiatives_on_the_command_line(valued, initiative_b):
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("impact_check", stdout=out)
    lines = out.getvalue().splitlines()
    assert any(line.startswith(valued.slug) and "SROI 1.64:1" in line for line in lines)
    assert any(line.startswith(initiative_b.slug) and "inputs_missing" in line for line in lines)
    out = StringIO()
    call_command("impact_check", valued.slug, stdout=out)
    assert "payback 11.11 months" in out.getvalue()
