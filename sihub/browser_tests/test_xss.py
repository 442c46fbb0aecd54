"""Stored and reflected XSS: payloads in every user-content field must never run.

The pages are loaded with ``bypass_csp=True``. Our Content Security Policy
(no inline script) would stop most of these payloads on its own, and would
hide an escaping bug behind it; these tests check the escaping and the
rich-text sanitising themselves. Besides watching for dialogs, each test looks
for the payloads' elements and attributes in the DOM, which catches a bug even
where no dialog would open (an ``onerror`` that never fires, an unclicked
``javascript:`` link).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from playwright.sync_api import Dialog, Page
from wagtail.rich_text import RichText

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

MARK = "xss"  # in every payload, so Wagtail's own inline scripts never count
SCRIPT = f'<script>alert("{MARK}-script")</script>'
IMG = f'<img src=x onerror=alert("{MARK}-img")>'
SVG = f'"><svg onload=alert("{MARK}-svg")>'
JS_HREF = f"javascript:alert('{MARK}-href')"
PLAIN = f"A {SCRIPT} B {IMG} C {SVG}"  # for plain-text fields
RICH = (  # raw, as a buggy importer would store it
    f"<p>Intro {IMG}</p>{SCRIPT}<p>{SVG}</p>"
    f'<p><a href="{JS_HREF}">klicka</a> <a href=" JaVaScRiPt:alert(\'{MARK}-href2\')">här</a></p>'
)

INJECTED = """(mark) => {
  const found = [];
  for (const el of document.querySelectorAll('*')) {
    for (const attr of el.attributes) {
      const name = attr.name.toLowerCase(), value = attr.value;
      if (name.startsWith('on') && value.includes(mark)) found.push(`${el.tagName}[${name}]`);
      if (['href', 'src', 'action', 'formaction', 'xlink:href'].includes(name)
          && /^\\s*javascript:/i.test(value)) found.push(`${el.tagName}[${name}=${value}]`);
    }
    if (el.tagName === 'SCRIPT' && !el.src && el.type !== 'application/ld+json'
        && el.textContent.includes(mark)) {
      found.push('inline SCRIPT');
    }
  }
  return found;
}"""


@pytest.fixture
def xss_page(new_page: Callable[..., Page]) -> Iterator[tuple[Page, list[str]]]:
    """A page without CSP, recording (and dismissing) every dialog that opens."""
    page = new_page(bypass_csp=True)
    dialogs: list[str] = []

    def on_dialog(dialog: Dialog) -> None:
        dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", on_dialog)
    yield page, dialogs


def assert_inert(page: Page, dialogs: list[str], url: str) -> None:
    response = page.goto(url)
    assert response is not None and response.ok, f"{url}: HTTP {response and response.status}"
    page.wait_for_timeout(50)  # give onload/onerror handlers their chance
    injected = page.evaluate(INJECTED, MARK)
    assert not dialogs and not injected, (
        f"{url}: payloads ran (dialogs {dialogs}) / made it into the DOM as markup {injected}"
    )
    assert page.locator("img[onerror], svg[onload]").count() == 0, url


def publish_child(parent: Any, **fields: Any) -> Any:
    from sihub.core.models import ContentPage

    page = ContentPage(**fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def test_plain_text_fields_of_a_content_page_are_escaped(
    xss_page: tuple[Page, list[str]], search_index: str, demo_site: dict[str, Any]
) -> None:
    """Title, intro, heading, quote and fact-box heading: shown as text, everywhere they appear."""
    from django.core.management import call_command

    page, dialogs = xss_page
    publish_child(
        demo_site["sv"], title=f"Titel {PLAIN}", slug="xss", show_in_menus=True,
        intro=f"Ingress {PLAIN}",
        body=[
            ("heading", f"Rubrik {PLAIN}"),
            ("quote", {"quote": f"Citat {PLAIN}", "attribution": f"Källa {PLAIN}"}),
            ("fact_box", {"heading": f"Fakta {PLAIN}", "text": RichText("<p>ofarlig</p>")}),
        ],
    )
    call_command("update_index", verbosity=0)

    # The page itself; the home page (menu and card); search results (title).
    for path in ("/sv/xss/", "/sv/", "/sv/kunskap/", "/sv/search/?q=titel"):
        assert_inert(page, dialogs, search_index + path)
    page.goto(search_index + "/sv/xss/")
    assert SCRIPT in page.locator("h1").inner_text()  # escaped, so shown as text
    assert IMG in page.locator("main .lead").inner_text()
    assert SVG in page.locator("main .quote").inner_text()
    page.goto(search_index + "/sv/search/?q=titel")
    assert page.locator("main .result-list a", has_text="Titel A <script>").count() == 1


def test_rich_text_in_a_stream_field_is_sanitised(
    xss_page: tuple[Page, list[str]], site: str, demo_site: dict[str, Any]
) -> None:
    """Paragraph and fact-box rich text, stored raw as a buggy importer would."""
    page, dialogs = xss_page
    publish_child(
        demo_site["sv"], title="Rik text", slug="rik-text",
        body=[
            ("paragraph", RichText(RICH)),
            ("fact_box", {"heading": "Fakta", "text": RichText(RICH)}),
        ],
    )
    assert_inert(page, dialogs, site + "/sv/rik-text/")
    # Sanitised, not dropped: the harmless text is still there.
    assert page.locator("main .stream").get_by_text("klicka").count() == 2


def test_the_content_security_policy_stops_inline_payloads_that_get_through(
    page: Page, site: str, demo_site: dict[str, Any]
) -> None:
    """Defence in depth: with the real CSP, even unsanitised rich text must not run."""
    publish_child(demo_site["sv"], title="Rik text", slug="rik-text",
                  body=[("paragraph", RichText(RICH))])
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(site + "/sv/rik-text/")
    for link in page.locator("main a[href*='avascript' i]").all():
        link.click()
    page.wait_for_timeout(50)
    assert not dialogs, f"the Content-Security-Policy let inline script run: {dialogs}"


def test_the_home_page_intro_is_sanitised(
    xss_page: tuple[Page, list[str]], site: str, demo_site: dict[str, Any]
) -> None:
    page, dialogs = xss_page
    home = demo_site["sv"]
    home.intro = RICH
    home.save_revision().publish()
    assert_inert(page, dialogs, site + "/sv/")
    assert "Intro" in page.locator("main .lead").inner_text()


def test_the_search_query_is_escaped(xss_page: tuple[Page, list[str]], search_index: str) -> None:
    from urllib.parse import quote

    page, dialogs = xss_page
    for payload in (SCRIPT, IMG, SVG, f"{IMG}{SVG}{SCRIPT}", JS_HREF):
        for lang in ("sv", "en"):
            url = f"{search_index}/{lang}/search/?q={quote(payload)}"
            assert_inert(page, dialogs, url)
            assert page.locator("#search-q").input_value() == payload
            assert page.locator("#site-search-q").input_value() == payload


def test_theme_names_are_escaped_in_the_admin(
    xss_page: tuple[Page, list[str]], live_server: Any, editor_with_password: tuple[str, str]
) -> None:
    from sihub.core.models import Theme

    # Directly, not through theme_create: that writes an audit row (see conftest).
    theme = Theme.objects.create(slug="xss", name_sv=f"Tema {PLAIN}", name_en=f"Theme {PLAIN}")
    page, dialogs = xss_page
    email, password = editor_with_password

    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", email)
    page.fill("#id_password", password)
    with page.expect_navigation():
        page.locator("form [type=submit]").first.click()
    assert "/admin/login/" not in page.url, "the editor could not log in"

    for path in ("/admin/themes/", f"/admin/themes/inspect/{theme.pk}/",
                 f"/admin/themes/edit/{theme.pk}/", "/admin/themes/?q=Tema"):
        assert_inert(page, dialogs, live_server.url + path)
    page.goto(live_server.url + "/admin/themes/")
    assert page.get_by_text(f"Tema {PLAIN}", exact=True).count() >= 1
