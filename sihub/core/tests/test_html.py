import pytest
from wagtail.rich_text import RichText

from sihub.core.html import sanitize
from sihub.core.models import ContentPage


@pytest.mark.parametrize("payload", [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    '<a href="javascript:alert(1)">x</a>',
    '"><svg onload=alert(1)>',
    '<iframe src="https://evil.example"></iframe>',
    '<p style="background:url(javascript:alert(1))">x</p>',
])
def test_it_removes_everything_that_can_run(payload):
    clean = sanitize(payload)
    for bad in ("<script", "onerror", "javascript:", "<svg", "onload", "<iframe", "style="):
        assert bad not in clean.lower()


def test_it_keeps_ordinary_rich_text():
    html = '<h2>Rubrik</h2><p><b>Fet</b> och <a href="https://example.org">länk</a></p>'
    clean = sanitize(html)
    assert "<h2>Rubrik</h2>" in clean and "<b>Fet</b>" in clean
    assert 'href="https://example.org"' in clean and 'rel="noopener noreferrer"' in clean


def test_rich_text_stored_by_a_buggy_importer_renders_safely(client, demo_site):
    page = ContentPage(title="Import", slug="import")
    page.body = [("paragraph", RichText('<p>Hej<img src=x onerror="alert(1)"><script>x()</script></p>'))]
    demo_site["sv"].add_child(instance=page)
    page.save_revision().publish()
    html = client.get("/sv/import/").content.decode()
    assert "Hej" in html
    assert "onerror" not in html and "<script>x()" not in html
