"""axe-core on the public pages of the later areas: digests, initiatives, coalitions.

The rows are made directly with the ORM (browser tests must not write audit
rows, see conftest.py), as little as each page needs to show all its parts.
"""

from __future__ import annotations

import datetime as dt
import warnings
from decimal import Decimal as D
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page

from sihub.browser_tests.conftest import AccessibilityReport
from sihub.browser_tests.test_accessibility import (
    BLOCKING,
    axe_violations,
    describe,
    open_page,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _digest() -> dict[str, Any]:
    from sihub.monitoring.models import Digest, DigestEntry, DigestStatus

    today = timezone.localdate()
    ids = {}
    for language, title in (("sv", "Omvärldsbevakning vecka 47"), ("en", "Digest, week 47")):
        digest = Digest.objects.create(
            title=title, language=language, intro="Veckans urval.",
            period_start=today - dt.timedelta(days=7), period_end=today,
            status=DigestStatus.PUBLISHED, published_at=timezone.now())
        DigestEntry.objects.create(digest=digest, position=0, title="Sociala företag växer",
                                   link="https://example.org/nyhet", source_name="Exempelkällan",
                                   summary="Fler arbetsintegrerande sociala företag.")
        ids[language] = digest.pk
    return ids


def _initiative() -> dict[str, int]:
    from sihub.impact import models as m

    toc = m.TheoryOfChange.objects.create(title="Förändringsteori")
    initiative = m.Initiative.objects.create(
        title="Vägen till arbete", slug="vagen-till-arbete", purpose="Fler unga i arbete.",
        societal_challenge="Ungdomsarbetslöshet.", is_public=True,
        public_summary_sv="Unga vuxna får stöd till arbete.",
        public_summary_en="Young adults get support into work.",
        inputs_total=D("500000"), theory_of_change=toc)
    youth = m.StakeholderGroup.objects.create(initiative=initiative, name="Unga 18–24", size=40)
    outcome = m.Outcome.objects.create(initiative=initiative, stakeholder=youth,
                                       description="Får ett arbete")
    m.Outcome.objects.create(initiative=initiative, stakeholder=youth, positive=False,
                             intended=False, description="Mindre tid för studier")
    indicator = m.Indicator.objects.create(outcome=outcome, name="Andel i arbete", unit="%",
                                           baseline=D("10"), target=D("40"))
    for month, value in ((1, "12"), (4, "20"), (8, "28")):
        m.Measurement.objects.create(indicator=indicator, date=dt.date(2026, month, 1),
                                     value=D(value))
    m.ValueMapRow.objects.create(
        initiative=initiative, stakeholder=youth, outcome=outcome, indicator=indicator,
        quantity=D("12"), proxy_value=D("95000"), proxy_source="Uppskattning",
        deadweight=D("0.2"), displacement=D("0.05"), attribution=D("0.3"), drop_off=D("0.25"),
        duration_years=3)
    steps = [m.ToCElement.objects.create(toc=toc, kind=kind, text=text, position=0)
             for kind, text in (("input", "Handledare"), ("activity", "Coachning"),
                                ("output", "40 deltagare"), ("outcome_short", "Arbete"),
                                ("impact", "Inkluderande arbetsliv"))]
    for source, target in zip(steps, steps[1:], strict=False):
        m.ToCLink.objects.create(toc=toc, source=source, target=target,
                                 assumption="Arbetsgivare tar emot praktikanter.")
    return {"initiative": initiative.pk, "indicator": indicator.pk}


def _coalition() -> int:
    from sihub.actors.models import Actor
    from sihub.coalitions.models import Coalition, CoalitionMember, Phase, PhaseChange
    from sihub.core.models import Sector

    coalition = Coalition.objects.create(
        title="Inkluderande arbetsliv", slug="inkluderande-arbetsliv", phase=Phase.CO_CREATE,
        challenge="Fler personer långt från arbetsmarknaden ska få arbete.", is_public=True,
        public_summary_sv="Kommun, företag, högskola och föreningar tillsammans.",
        public_summary_en="Municipality, companies, university and associations together.",
        results="Tio praktikplatser.")
    PhaseChange.objects.create(coalition=coalition, from_phase=Phase.FORM,
                               to_phase=Phase.CO_CREATE, decision="Beslut på stormötet.")
    for slug in ("public", "private", "academia"):
        actor = Actor.objects.create(name=f"Organisation {slug}", slug=f"org-{slug}",
                                     sector=Sector.objects.get(slug=slug), kind="association",
                                     is_published=True)
        CoalitionMember.objects.create(coalition=coalition, actor=actor, status="active")
    return coalition.pk


def _pages(digests: dict[str, int], impact: dict[str, int], coalition: int) -> list[str]:
    i, k = impact["initiative"], impact["indicator"]
    return [
        "/sv/coalitions/", "/en/coalitions/", f"/sv/coalitions/{coalition}/",
        f"/en/coalitions/{coalition}/",
        "/sv/digest/", "/en/digest/", f"/sv/digest/{digests['sv']}/",
        f"/en/digest/{digests['en']}/", "/sv/digest/subscribe/", "/en/digest/subscribe/",
        "/sv/initiatives/", "/en/initiatives/", "/sv/initiatives/proxies/",
        f"/sv/initiatives/{i}/", f"/en/initiatives/{i}/",
        f"/sv/initiatives/{i}/stakeholders/", f"/sv/initiatives/{i}/theory-of-change/",
        f"/sv/initiatives/{i}/indicators/", f"/sv/initiatives/{i}/indicators/{k}/",
        f"/sv/initiatives/{i}/value-map/", f"/sv/initiatives/{i}/sroi/",
        f"/en/initiatives/{i}/sroi/", f"/sv/initiatives/{i}/report/",
    ]


def test_the_pages_of_digests_initiatives_and_coalitions_have_no_serious_axe_violations(
    page: Page, site: str
) -> None:
    failures = []
    for path in _pages(_digest(), _initiative(), _coalition()):
        open_page(page, site + path)
        violations = axe_violations(page)
        blocking = [v for v in violations if v["impact"] in BLOCKING]
        if blocking:
            failures.append(f"axe on {path}:\n{describe(blocking)}")
        elif violations:
            warnings.warn(f"axe on {path} (not blocking):\n{describe(violations)}",
                          AccessibilityReport, stacklevel=1)
    assert not failures, "\n".join(failures)
