"""Goal suggestions in a real browser: the editor's panel and a member's form.

The panel's script and htmx run here and nowhere else, so each test also fails
on a console error or a Content-Security-Policy violation. Nothing is saved:
saving records decisions, which writes audit rows (see conftest).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import Page, expect

from sihub.browser_tests.test_accessibility import BLOCKING, describe

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

HEALTH_EN = ("The regional hospital gets new funding for nurses and doctors, shorter waiting "
             "times for patients and better health care for everyone who falls ill.")
HEALTH_SV = ("Regionen ger sjukhuset mer pengar till sjuksköterskor och läkare, kortare "
             "vårdköer för patienterna och bättre hälso- och sjukvård för alla som blir sjuka.")


@pytest.fixture
def watched(page: Page) -> Iterator[tuple[Page, list[str]]]:
    """The page plus every console error (CSP violations among them) and uncaught exception."""
    problems: list[str] = []
    page.on("console", lambda msg: problems.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: problems.append(str(exc)))
    yield page, problems


def logged_in(page: Page, user: Any, base_url: str) -> None:
    """Give the browser a session for ``user`` (no log-in form, no throttling rows)."""
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME,
                               "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                               "url": base_url}])


def person(email: str, role: str, language: str = "sv") -> Any:
    """A user with a role, made directly (user_set_roles writes an audit row)."""
    from django.contrib.auth.models import Group

    from sihub.core.models import User
    from sihub.core.roles import ROLES

    user = User.objects.create_user(email, "not used", first_name=email.split(".")[0].title())
    user.groups.add(Group.objects.get(name=ROLES[role].group_name))
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    return user


def axe_blocking(page: Page, selector: str) -> list[dict[str, Any]]:
    from axe_playwright_python.sync_playwright import Axe

    result = Axe().run(page, context=selector)
    return [v for v in result.response["violations"] if v["impact"] in BLOCKING]


def test_an_editor_asks_for_suggestions_and_accepts_one(
        watched: tuple[Page, list[str]], site: str) -> None:
    """In the Swedish admin; selectors by role and data attribute, names checked by goal."""
    from sihub.actors.tests.factories import make_actor
    from sihub.core.roles import EDITOR
    from sihub.sdg.models import Goal

    page, problems = watched
    health = Goal.objects.get(number=3)
    actor = make_actor("Vårdföreningen", sector_slug="civil-society", home="2480",
                       description_sv="En förening.")
    logged_in(page, person("elsa.editor@example.org", EDITOR), site)
    page.goto(f"{site}/admin/snippets/actors/actor/edit/{actor.pk}/")
    page.fill("#id_description_sv", HEALTH_SV)  # typed, not saved: the panel reads the form
    page.get_by_role("tab", name="Mål, teman och platser").click()

    page.locator("[data-sdg-suggest-button]").click()
    suggestion = page.locator('[data-sdg-suggestion][data-goal="3"]')
    expect(suggestion).to_be_visible()
    status = page.locator("[data-sdg-status]")
    expect(status).to_have_text(re.compile(r"\S"))  # the number of suggestions, announced
    expect(suggestion).to_contain_text(health.title_sv)

    violations = axe_blocking(page, "[data-sdg-suggest]")
    assert not violations, f"axe on the suggestions panel:\n{describe(violations)}"

    box = page.locator(f'input[name="sdgs"][value="{health.pk}"]')
    expect(box).not_to_be_checked()
    accept = suggestion.locator('[data-sdg-action="accept"]')
    expect(accept).to_have_accessible_name(re.compile(re.escape(health.title_sv)))
    accept.focus()
    page.keyboard.press("Enter")  # a real button: the keyboard works
    expect(box).to_be_checked()
    expect(suggestion).to_be_hidden()
    expect(status).to_contain_text(health.title_sv)
    decisions = json.loads(page.locator('input[name="sdg_decisions"]').input_value())
    assert decisions == {"accepted": [3], "rejected": []}
    # Focus went to the next suggestion or back to the button, not to the top of the page.
    assert page.evaluate("document.activeElement.closest('[data-sdg-suggest]') !== null")

    # Wagtail's own avatar comes from gravatar.com, which the CSP blocks: not ours.
    ours = [p for p in problems if "gravatar.com" not in p]
    assert not ours, ours


def test_a_member_gets_suggestions_in_the_example_form(
        watched: tuple[Page, list[str]], site: str, demo_site: dict[str, Any]) -> None:
    from wagtail.models import Page as WagtailPage

    from sihub.cases.models import CaseIndexPage
    from sihub.core.roles import MEMBER

    page, problems = watched
    index = CaseIndexPage(title="Good examples", slug="good-examples", intro="Examples.")
    WagtailPage.objects.get(pk=demo_site["en"].pk).add_child(instance=index)
    index.save_revision().publish()

    logged_in(page, person("maja.member@example.org", MEMBER, "en"), site)
    page.goto(f"{site}/en/good-examples/submit/")
    page.fill("#id_summary", HEALTH_EN)
    page.get_by_role("button", name="Suggest goals from my text").click()
    suggestion = page.locator('[data-sdg-suggestion][data-goal="3"]')
    expect(suggestion).to_be_visible()

    violations = axe_blocking(page, "[data-sdg-suggest]")
    assert not violations, f"axe on the member's suggestions:\n{describe(violations)}"

    suggestion.get_by_role("button", name=re.compile(r"^Accept")).click()
    expect(page.locator('input[name="sdgs"][value="3"]')).to_be_checked()  # values are numbers
    expect(page.locator("[data-sdg-status]")).to_contain_text("Goal 3")
    assert not problems, problems
