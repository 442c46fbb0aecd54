"""Keyboard only: skip link, site search, visible focus, language switch."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import Page, expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

MAX_TABS = 80  # more than every Tab stop on the home page, twice over
FOCUS_STOPS_CHECKED = 15

FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const box = el.getBoundingClientRect();
  return {
    tag: el.tagName.toLowerCase(), id: el.id, cls: el.className, text: (el.innerText || '').trim(),
    outlineStyle: style.outlineStyle, outlineWidth: parseFloat(style.outlineWidth) || 0,
    boxShadow: style.boxShadow,
    x: box.x, y: box.y, width: box.width, height: box.height,
    viewportWidth: window.innerWidth, viewportHeight: window.innerHeight,
  };
}"""


def focused(page: Page) -> dict[str, Any] | None:
    return page.evaluate(FOCUSED)


def label(info: dict[str, Any] | None) -> str:
    if info is None:
        return "<nothing>"
    ident = f"#{info['id']}" if info["id"] else (f".{info['cls']}" if info["cls"] else "")
    return f"<{info['tag']}{ident}> {info['text'][:40]!r}"


def tab_until(page: Page, matches: Any, *, what: str) -> dict[str, Any]:
    seen = []
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        info = focused(page)
        if info is not None and matches(info):
            return info
        seen.append(label(info))
    raise AssertionError(f"{what} never got focus in {MAX_TABS} Tabs; focus went: {seen}")


def test_it_searches_with_the_keyboard_alone_from_the_skip_link(
    page: Page, search_index: str
) -> None:
    page.goto(search_index + "/sv/")

    page.keyboard.press("Tab")
    skip = focused(page)
    assert skip is not None and "skip-link" in skip["cls"], f"first Tab stop is {label(skip)}"
    assert skip["width"] > 0 and skip["height"] > 0
    assert 0 <= skip["x"] and skip["x"] + skip["width"] <= skip["viewportWidth"], skip
    assert 0 <= skip["y"] and skip["y"] + skip["height"] <= skip["viewportHeight"], skip

    page.keyboard.press("Enter")
    after_skip = focused(page)
    assert after_skip is not None and after_skip["id"] == "main", (
        f"the skip link left focus on {label(after_skip)}"
    )

    tab_until(page, lambda info: info["id"] == "site-search-q", what="the site search field")
    page.keyboard.type("fattigdom")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert re.search(r"/sv/search/\?q=fattigdom$", page.url), page.url
    status = page.get_by_role("status")
    expect(status).to_have_count(1)
    count = re.match(r"\s*(\d+)", status.inner_text())
    assert count is not None and int(count.group(1)) > 0, status.inner_text()
    assert page.locator("main .result-list li").count() > 0


def test_every_tab_stop_shows_where_the_focus_is(page: Page, site: str) -> None:
    page.goto(site + "/sv/")
    invisible = []
    for _ in range(FOCUS_STOPS_CHECKED):
        page.keyboard.press("Tab")
        info = focused(page)
        assert info is not None, "Tab moved focus off the page"
        outline = info["outlineStyle"] != "none" and info["outlineWidth"] > 0
        shadow = info["boxShadow"] not in ("none", "")
        if not (outline or shadow):
            invisible.append(label(info))
    assert not invisible, f"no visible focus indicator on: {invisible}"


def test_it_switches_language_with_the_keyboard(page: Page, site: str) -> None:
    page.goto(site + "/sv/kunskap/")
    assert page.locator("html").get_attribute("lang") == "sv"

    tab_until(page, lambda info: info["tag"] == "a" and info["text"] == "English",
              what='the "English" link')
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert page.url.endswith("/en/knowledge/"), page.url
    assert page.locator("html").get_attribute("lang") == "en"
