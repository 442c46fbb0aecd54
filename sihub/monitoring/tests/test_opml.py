"""OPML import and export: round trip, all-or-nothing refusal of bad files."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from sihub.core.models import Theme
from sihub.monitoring.models import Source
from sihub.monitoring.opml import OpmlError, opml_export, opml_import, parse_opml

pytestmark = pytest.mark.django_db

GOOD = b"""<?xml version="1.0"?>
<opml version="2.0"><head><title>Mine</title></head><body>
  <outline text="Sweden">
    <outline type="rss" text="Vinnova nyheter" xmlUrl="https://vinnova.example.se/rss"
             language="sv-SE"/>
  </outline>
  <outline type="rss" text="Global" title="Global watch" xmlUrl="https://watch.example.org/feed"
           language="en"/>
</body></opml>"""


@pytest.fixture(autouse=True)
def _english() -> None:
    """The messages are asserted in English (the suite's default language is Swedish)."""
    translation.activate("en")


def test_export_then_import_gives_the_same_sources(tmp_path: Path) -> None:
    theme = Theme.objects.order_by("pk").first()
    one = Source.objects.create(name="Nyheter & mer <sv>", url="https://a.example.se/rss",
                                language="sv")
    one.themes.set([theme])
    Source.objects.create(name="Other", url="https://b.example.org/feed", language="other")
    out = StringIO()
    call_command("export_opml", stdout=out)
    document = out.getvalue().encode()
    before = sorted(Source.objects.values_list("name", "url", "language"))
    Source.objects.all().delete()
    path = tmp_path / "feeds.opml"
    path.write_bytes(document)
    result = StringIO()
    call_command("import_opml", str(path), stdout=result)
    assert "Imported 2 feed sources; 0 already followed." in result.getvalue()
    assert sorted(Source.objects.values_list("name", "url", "language")) == before
    assert list(Source.objects.get(url="https://a.example.se/rss").themes.all()) == [theme]


def test_it_reads_nested_outlines_and_skips_feeds_already_followed() -> None:
    Source.objects.create(name="Kept name", url="https://watch.example.org/feed")
    report = opml_import(content=GOOD)
    assert [s.name for s in report.created] == ["Vinnova nyheter"]
    assert report.created[0].language == "sv"
    assert report.existing == 1
    assert Source.objects.get(url="https://watch.example.org/feed").name == "Kept name"


def test_a_file_with_one_bad_row_imports_nothing_and_names_every_problem() -> None:
    bad = GOOD.replace(b"</body>", b"""
      <outline type="rss" text="No url"/>
      <outline type="rss" text="Local file" xmlUrl="file:///etc/passwd"/>
      <outline type="rss" text="Twice" xmlUrl="https://vinnova.example.se/rss"/>
    </body>""")
    with pytest.raises(OpmlError) as caught:
        opml_import(content=bad)
    assert caught.value.errors == [
        "Feed 3 (No url): no xmlUrl",
        "Feed 4 (Local file): file:///etc/passwd is not an http or https URL",
        "Feed 5 (Twice): https://vinnova.example.se/rss is listed twice",
    ]
    assert Source.objects.count() == 0


@pytest.mark.parametrize(("content", "message"), [
    (b"<opml><body><outline", "not well-formed XML"),
    (b"<rss><channel/></rss>", "not OPML"),
    (b'<!DOCTYPE opml [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]>'
     b'<opml><body><outline text="&b;" xmlUrl="https://x.example/"/></body></opml>',
     "XML entities"),
])
def test_it_refuses_files_that_are_not_safe_opml(content: bytes, message: str) -> None:
    with pytest.raises(OpmlError, match=message):
        parse_opml(content)


def test_the_command_reports_problems_and_exits_non_zero(tmp_path: Path) -> None:
    path = tmp_path / "bad.opml"
    path.write_bytes(b'<opml><body><outline type="rss" text="x"/></body></opml>')
    err = StringIO()
    with pytest.raises(CommandError, match="Nothing imported: 1 problems"):
        call_command("import_opml", str(path), stderr=err)
    assert "Feed 1 (x): no xmlUrl" in err.getvalue()
    assert Source.objects.count() == 0


def test_export_escapes_names() -> None:
    Source.objects.create(name='A "quoted" <b>name</b>', url="https://a.example.se/rss")
    document = opml_export(Source.objects.all())
    assert parse_opml(document)[0].name == 'A "quoted" <b>name</b>'
