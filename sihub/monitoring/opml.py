"""OPML import and export of feed sources (the format feed readers exchange lists in).

Import is all or nothing: every outline is checked first, and when any is
wrong the whole file is refused with one message per bad outline; otherwise
the new sources are created in one transaction. Sources whose URL is already
followed are left as they are. XML is read with defusedxml (no entities, no
external references).

Export writes OPML 2.0: one ``<outline type="rss">`` per source with its
name, URL, language and themes (as ``category``: comma-separated theme slugs).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET  # nosec B405 - only to build documents; parsing uses defusedxml
from collections.abc import Iterable
from dataclasses import dataclass, field

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sihub.core.models import Theme
from sihub.monitoring.models import Source, SourceLanguage

MAX_NAME = Source._meta.get_field("name").max_length
MAX_URL = Source._meta.get_field("url").max_length
_validate_url = URLValidator(schemes=["http", "https"])


class OpmlError(ValueError):
    """The file was refused; ``errors`` lists what is wrong, one line each."""

    def __init__(self, errors: list[str]) -> None:
        self.errors = errors
        super().__init__("; ".join(errors))


@dataclass(frozen=True)
class OpmlRow:
    number: int  # the feed's position in the file, from 1
    name: str
    url: str
    language: str
    theme_slugs: tuple[str, ...] = ()


@dataclass
class OpmlImportReport:
    created: list[Source] = field(default_factory=list)
    existing: int = 0


def parse_opml(content: bytes) -> list[OpmlRow]:
    """The feeds an OPML document lists; raises OpmlError with every problem found."""
    try:
        root = fromstring(content)
    except DefusedXmlException:
        raise OpmlError([_("The file declares XML entities, which OPML files may not.")]) from None
    except ET.ParseError as exc:
        raise OpmlError([_("The file is not well-formed XML (%(detail)s).")
                         % {"detail": exc}]) from None
    if root.tag != "opml" or root.find("body") is None:
        raise OpmlError([_("The file is not OPML: no <opml> element with a <body>.")])
    rows: list[OpmlRow] = []
    errors: list[str] = []
    seen: set[str] = set()
    for number, outline in enumerate(_feed_outlines(root.find("body")), 1):
        url = (outline.get("xmlUrl") or "").strip()
        name = " ".join((outline.get("title") or outline.get("text") or "").split()) or url
        where = _("Feed %(number)d (%(name)s)") % {"number": number, "name": name or "?"}
        problem = _row_problem(url, name, seen)
        if problem:
            errors.append(f"{where}: {problem}")
            continue
        seen.add(url)
        language = (outline.get("language") or "").split("-")[0].lower()
        if language not in (SourceLanguage.SV, SourceLanguage.EN):
            language = SourceLanguage.OTHER if language else SourceLanguage.SV
        slugs = tuple(s.strip().strip("/") for s in (outline.get("category") or "").split(",")
                      if s.strip().strip("/"))
        rows.append(OpmlRow(number, name, url, language, slugs))
    if errors:
        raise OpmlError(errors)
    return rows


def _feed_outlines(body: ET.Element) -> Iterable[ET.Element]:
    """Outlines that are feeds (have an xmlUrl or type rss), folders walked through."""
    for outline in body.iter("outline"):
        if outline.get("xmlUrl") is not None or (outline.get("type") or "").lower() == "rss":
            yield outline


def _row_problem(url: str, name: str, seen: set[str]) -> str:
    if not url:
        return _("no xmlUrl")
    if len(url) > MAX_URL:
        return _("the URL is longer than %(max)d characters") % {"max": MAX_URL}
    try:
        _validate_url(url)
    except ValidationError:
        return _("%(url)s is not an http or https URL") % {"url": url}
    if url in seen:
        return _("%(url)s is listed twice") % {"url": url}
    if len(name) > MAX_NAME:
        return _("the name is longer than %(max)d characters") % {"max": MAX_NAME}
    return ""


def opml_import(*, content: bytes, owner: object | None = None) -> OpmlImportReport:
    """Create a source for each feed in the file not yet followed; all or nothing."""
    rows = parse_opml(content)
    report = OpmlImportReport()
    themes = {theme.slug: theme for theme in Theme.objects.all()}
    with transaction.atomic():
        known = set(Source.objects.filter(url__in=[r.url for r in rows])
                    .values_list("url", flat=True))
        for row in rows:
            if row.url in known:
                report.existing += 1
                continue
            source = Source(name=row.name, url=row.url, language=row.language, owner=owner)
            source.full_clean()
            source.save()
            source.themes.set([themes[s] for s in row.theme_slugs if s in themes])
            report.created.append(source)
    return report


def opml_export(sources: Iterable[Source], *, title: str = "") -> bytes:
    """An OPML 2.0 document listing ``sources``."""
    root = ET.Element("opml", version="2.0")
    head = ET.SubElement(root, "head")
    ET.SubElement(head, "title").text = title or _("Feed sources")
    ET.SubElement(head, "dateCreated").text = timezone.now().strftime(
        "%a, %d %b %Y %H:%M:%S GMT")
    body = ET.SubElement(root, "body")
    for source in sources:
        attributes = {"type": "rss", "text": source.name, "title": source.name,
                      "xmlUrl": source.url}
        # "und" (BCP 47: undetermined) for other languages, so a round trip
        # keeps them apart from files that name no language (read as Swedish).
        attributes["language"] = (
            "und" if source.language == SourceLanguage.OTHER else source.language)
        slugs = sorted(theme.slug for theme in source.themes.all())
        if slugs:
            attributes["category"] = ",".join(slugs)
        ET.SubElement(body, "outline", attributes)
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"
