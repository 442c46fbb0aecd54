"""axe-core on every public page type, in both languages, and reflow at 320 px.

Our pages must have no violation of impact "serious" or "critical". Wagtail's
admin login and django-ninja's API docs are not our templates: their
violations are reported as warnings (see the warnings summary), never failures.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

from sihub.browser_tests.conftest import AccessibilityReport

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

BLOCKING = {"serious", "critical"}
NARROW = {"width": 320, "height": 640}

# (Swedish path, English path, needs the search index). Both languages run in
# one test: every browser test pays for a database flush and the demo site.
OUR_PAGES = {
    "home": ("/sv/", "/en/", False),
    "content-page": ("/sv/kunskap/", "/en/knowledge/", False),
    "sdg-index": ("/sv/agenda2030/", "/en/agenda2030/", False),
    "sdg-goal-7": ("/sv/agenda2030/7/", "/en/agenda2030/7/", False),  # yellow: contrast risk
    "sdg-goal-16": ("/sv/agenda2030/16/", "/en/agenda2030/16/", False),
    "search-results": ("/sv/search/?q=fattigdom", "/en/search/?q=poverty", True),
    "search-no-results": ("/sv/search/?q=zzzz", "/en/search/?q=zzzz", True),
    "regions": ("/sv/regions/", "/en/regions/", False),
    "not-found": ("/sv/finns-inte/", "/en/no-such-page/", False),
}


_axe = Axe()


def axe_violations(page: Page) -> list[dict[str, Any]]:
    return _axe.run(page).response["violations"]


def describe(violations: list[dict[str, Any]]) -> str:
    lines = []
    for v in violations:
        lines.append(f"- {v['id']} ({v['impact']}): {v['help']}  [{v['helpUrl']}]")
        for node in v["nodes"]:
            target = " ".join(str(t) for t in node["target"])
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            lines.append(f"    {target}  — {summary}")
    return "\n".join(lines)


def open_page(page: Page, url: str, *, status: int = 200) -> None:
    response = page.goto(url)
    got = response.status if response is not None else None
    assert got == status, f"{url}: HTTP {got}, expected {status}"


@pytest.mark.parametrize("name", list(OUR_PAGES))
def test_our_pages_have_no_serious_or_critical_axe_violations(
    page: Page, site: str, request: pytest.FixtureRequest, name: str
) -> None:
    *paths, needs_index = OUR_PAGES[name]
    if needs_index:
        request.getfixturevalue("search_index")
    failures = []
    for path in paths:
        open_page(page, site + path, status=404 if name == "not-found" else 200)
        violations = axe_violations(page)
        blocking = [v for v in violations if v["impact"] in BLOCKING]
        if blocking:
            failures.append(f"axe on {path}:\n{describe(blocking)}")
        elif violations:  # moderate/minor: not a gate, but worth seeing
            warnings.warn(f"axe on {path} (not blocking):\n{describe(violations)}",
                          AccessibilityReport, stacklevel=1)
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize(
    "path", ["/admin/login/", "/api/v1/docs"], ids=["wagtail-login", "api-docs"]
)
def test_third_party_pages_are_reported(page: Page, site: str, path: str) -> None:
    """Wagtail's and django-ninja's own templates: reported, not asserted."""
    open_page(page, site + path)
    violations = axe_violations(page)
    if violations:
        warnings.warn(f"axe on {path} (third-party, report only):\n{describe(violations)}",
                      AccessibilityReport, stacklevel=1)


OVERFLOWING_ELEMENTS = """() => {
  const width = document.documentElement.clientWidth;
  return [...document.querySelectorAll('body *')]
    .filter(el => el.getBoundingClientRect().right > width + 1)
    .slice(0, 10)
    .map(el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
         (typeof el.className === 'string' && el.className
            ? '.' + el.className.trim().split(/\\s+/).join('.') : '') +
         ' right=' + Math.round(el.getBoundingClientRect().right));
}"""


@pytest.mark.parametrize(
    "paths",
    [("/sv/", "/en/"), ("/sv/agenda2030/", "/en/agenda2030/"),
     ("/sv/search/?q=fattigdom", "/en/search/?q=poverty")],
    ids=["home", "sdg-index", "search"],
)
def test_it_reflows_without_horizontal_scrolling_at_320_px(
    new_page: Callable[..., Page], search_index: str, paths: tuple[str, str]
) -> None:
    page = new_page(viewport=NARROW)
    for path in paths:
        open_page(page, search_index + path)
        scroll_width, client_width = page.evaluate(
            "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        assert scroll_width <= client_width + 1, (
            f"{path} scrolls sideways at 320 px: scrollWidth {scroll_width} > clientWidth "
            f"{client_width}; widest elements: {page.evaluate(OVERFLOWING_ELEMENTS)}"
        )
