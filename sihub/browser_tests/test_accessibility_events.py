"""axe-core on the events pages: calendar, event, sign-up, and the organisers' and participants' pages.

Rows are made with the ORM (browser tests must not write audit rows, see
conftest.py). The organiser pages are opened as a facilitator who logs in
through the admin login form; the participant pages (registration by its
signed link, matchmaking) as a member.
"""

from __future__ import annotations

import datetime as dt
import warnings
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page

from sihub.browser_tests.conftest import AccessibilityReport
from sihub.browser_tests.test_accessibility import BLOCKING, axe_violations, describe, open_page

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "a long browser-test password"  # pragma: allowlist secret


def _person(email: str, role: str | None) -> Any:
    from django.contrib.auth.models import Group

    from sihub.core.models import User
    from sihub.core.roles import ROLES

    user = User.objects.create_user(email, PASSWORD, first_name=email.split(".")[0].title(),
                                    last_name="Test")
    if role:
        user.groups.add(Group.objects.get(name=ROLES[role].group_name))
    return user


def _events(homes: dict[str, Any], participant: Any) -> dict[str, Any]:
    from sihub.core.demo import _publish, _translate
    from sihub.core.models import Sector
    from sihub.events import models as m
    from sihub.events.tokens import registration_token

    calendar = m.EventIndexPage(title="Kalender", slug="kalender")
    homes["sv"].add_child(instance=calendar)
    _publish(calendar)
    calendar_en = _translate(calendar, homes["en"].locale, "Calendar", "calendar")
    start = timezone.now().replace(minute=0, second=0, microsecond=0) + dt.timedelta(days=10)
    event = m.EventPage(
        title="Konferens om inkluderande arbetsliv", slug="konferens", start=start,
        end=start + dt.timedelta(hours=7), event_type=m.EventType.CONFERENCE,
        intro="En dag om vägar till arbete.", venue_name="Folkets hus",
        street_address="Storgatan 1", postal_code="111 22", city="Stockholm",
        accessibility_info="Hörslinga och rullstolsplatser.", capacity=3,
        matchmaking_enabled=True)
    calendar.add_child(instance=event)
    m.EventSession.objects.create(page=event, start=start, end=start + dt.timedelta(hours=1),
                                  title="Välkommen", speakers="Ada Andersson", sort_order=0)
    _publish(event)
    event_en = _translate(event, calendar_en.locale, "Conference on an inclusive working life",
                          "conference")
    past = m.EventPage(title="Verkstad i Malmö", slug="verkstad", start=start - dt.timedelta(days=60),
                       end=start - dt.timedelta(days=60, hours=-3),
                       event_type=m.EventType.WORKSHOP, city="Malmö")
    calendar.add_child(instance=past)
    _publish(past)
    sectors = list(Sector.objects.all())
    registrations = []
    for n, (name, email) in enumerate((("Bo Berg", "bo@example.org"),
                                       ("Cia Ek", "cia@example.org"),
                                       ("Dan Falk", "dan@example.org"))):
        registrations.append(m.Registration.objects.create(
            event=event, name=name, email=email, organisation="Föreningen",
            sector=sectors[n % len(sectors)],
            status=m.RegistrationStatus.CONFIRMED if n < 2 else m.RegistrationStatus.WAITING))
    own = m.Registration.objects.create(event=event, name="Maja Medlem", email=participant.email,
                                        user=participant, sector=sectors[0])
    m.MatchSlot.objects.create(event=event, start=start + dt.timedelta(hours=2),
                               end=start + dt.timedelta(hours=2, minutes=20), tables=5)
    m.Feedback.objects.create(event=past, rating=4, useful="Nya kontakter.")
    return {"event": event.pk, "event_en": event_en.pk, "past": past.pk,
            "token": registration_token(own),
            "month": start.strftime("%Y-%m")}


def _log_in(page: Page, site: str, email: str) -> None:
    page.goto(site + "/sv/accounts/login/")
    page.fill("#id_username", email)
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.locator("main form [type=submit]").first.click()
    assert "/accounts/login/" not in page.url, f"{email} could not log in"


def _check(page: Page, site: str, paths: list[str], failures: list[str]) -> None:
    for path in paths:
        open_page(page, site + path)
        violations = axe_violations(page)
        blocking = [v for v in violations if v["impact"] in BLOCKING]
        if blocking:
            failures.append(f"axe on {path}:\n{describe(blocking)}")
        elif violations:
            warnings.warn(f"axe on {path} (not blocking):\n{describe(violations)}",
                          AccessibilityReport, stacklevel=1)


def test_the_events_pages_have_no_serious_axe_violations(new_page: Any, site: str,
                                                         demo_site: dict[str, Any]) -> None:
    from sihub.core.roles import FACILITATOR, MEMBER

    participant = _person("maja.medlem@example.org", MEMBER)
    _person("fia.facilitator@example.org", FACILITATOR)
    ids = _events(demo_site, participant)
    e = ids["event"]
    failures: list[str] = []

    public = new_page()
    _check(public, site, [
        "/sv/kalender/", "/en/calendar/", f"/sv/kalender/?view=month&month={ids['month']}",
        "/sv/kalender/?when=past", "/sv/kalender/konferens/", "/en/calendar/conference/",
        f"/sv/events/{e}/register/", f"/en/events/{e}/register/",
        f"/sv/events/registration/{ids['token']}/",
        f"/sv/events/registration/{ids['token']}/cancel/",
        "/sv/events/my-data/",
    ], failures)

    member = new_page()
    _log_in(member, site, "maja.medlem@example.org")
    _check(member, site, ["/sv/events/mine/", "/sv/events/matchmaking/profile/"], failures)

    organiser = new_page()
    _log_in(organiser, site, "fia.facilitator@example.org")
    _check(organiser, site, [
        f"/sv/events/{e}/participants/", f"/en/events/{e}/participants/",
        f"/sv/events/{e}/statistics/", f"/sv/events/{e}/messages/",
        f"/sv/events/{e}/matchmaking/grid/", f"/sv/events/{e}/matchmaking/slots/",
        f"/sv/events/{ids['past']}/feedback/", f"/sv/events/{ids['past']}/outcomes/",
    ], failures)
    assert not failures, "\n".join(failures)
