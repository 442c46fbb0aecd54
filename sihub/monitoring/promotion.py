"""Promoting a feed item to a draft page: a news item, a story or a good example.

An analyst who finds something worth publishing turns the item into an
unpublished draft that an editor finishes: the title, date, lead and text
come from the item, its SDGs, themes and (for good examples) the actors it
names are copied, and the link to the original is kept in ``source_url`` so
the page can credit its source.

The draft goes under the index page (stories and news, or good examples) of
the item's language — the site has one tree per language — unless a parent
is given. Promoting needs both the right to triage items and Wagtail's right
to add a page under that index, so an analyst without page rights cannot
create pages through the inbox. An item is promoted at most once: promoting
it again returns the page made the first time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import nh3
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.coreutils import find_available_slug
from wagtail.models import Page
from wagtail.rich_text import RichText

from sihub.cases.models import CaseIndexPage, CasePage
from sihub.core.services import audit_record
from sihub.knowledge.models import StoryIndexPage, StoryKind, StoryPage
from sihub.monitoring.models import Item, ItemStatus
from sihub.monitoring.services import TRIAGE, item_triage

ITEM_PROMOTED = "monitoring.item_promoted"

NEWS = "news"
STORY = "story"
CASE = "case"
PROMOTE_CHOICES = [(NEWS, _("News")), (STORY, _("Story")), (CASE, _("Good example"))]
PROMOTE_KINDS = tuple(kind for kind, _label in PROMOTE_CHOICES)

# The index page each kind of draft goes under, and the page type it becomes.
_INDEX: dict[str, type[Page]] = {NEWS: StoryIndexPage, STORY: StoryIndexPage,
                                 CASE: CaseIndexPage}
_TITLE_LENGTH = 255  # Page.title
_SLUG_LENGTH = 80  # room for find_available_slug's "-2" within Page.slug's 255
# Required fields of a good example that the item cannot fill: the editor
# writes them before publishing. Wagtail lets drafts leave required fields
# empty (it defers them to publishing), and so do we — everything else is checked.
_CASE_FIELDS_FOR_THE_EDITOR = ("challenge", "solution")

# What the body's paragraph block (core.blocks.BodyBlock) can hold: the rich
# text features h3, h4, bold, italic, link, ol, ul.
_BODY_TAGS = {"p", "br", "h1", "h2", "h3", "h4", "h5", "h6", "b", "strong", "i", "em", "a",
              "ul", "ol", "li"}
_HEADING = re.compile(r"<(/?)h([1-6])>")


class PromotionError(ValueError):
    """The item cannot be promoted: an unknown kind, or no index page to put the draft under."""


@dataclass(frozen=True)
class PromoteOption:
    """A kind of draft a user may make of items in one language (for the inbox's select)."""

    kind: str
    label: Any


def body_html(content_html: str) -> str:
    """The item's HTML reduced to what the body's rich text holds; safe whatever came in.

    Item content is already sanitised at ingestion; this cleans it again (a
    page must not depend on that) down to the paragraph block's features, and
    maps headings to the h3/h4 the editor offers. No Django.
    """
    cleaned = nh3.clean(content_html, tags=_BODY_TAGS, attributes={"a": {"href"}},
                        url_schemes={"http", "https", "mailto"}, link_rel=None,
                        strip_comments=True)
    # After nh3 a heading tag has no attributes, so a plain rename is exact.
    return _HEADING.sub(lambda m: f"<{m[1]}h{3 if m[2] in '123' else 4}>", cleaned).strip()


def item_language(item: Item) -> str:
    """The locale a draft of ``item`` belongs to: its language, or the site's default."""
    codes = {code for code, _name in settings.LANGUAGES}
    return item.language if item.language in codes else settings.LANGUAGE_CODE


def index_page_for(*, kind: str, language: str) -> Page | None:
    """The (first) index page that receives drafts of ``kind`` in ``language``."""
    if kind not in _INDEX:
        raise PromotionError(f"Unknown kind of draft: {kind!r}")
    return (_INDEX[kind].objects.filter(locale__language_code=language)
            .order_by("path").first())


def promote_options(*, user: Any) -> dict[str, list[PromoteOption]]:
    """For each language, the kinds of draft ``user`` may make: a fixed number of queries.

    The inbox shows a row's promote form only when its language has options.
    """
    if not user.has_perm(TRIAGE):
        return {}
    languages = [code for code, _name in settings.LANGUAGES]
    allowed: dict[tuple[type[Page], str], bool] = {}
    for model in {StoryIndexPage, CaseIndexPage}:
        first: dict[str, Page] = {}
        for page in (model.objects.filter(locale__language_code__in=languages)
                     .select_related("locale").order_by("path")):
            first.setdefault(page.locale.language_code, page)
        for language in languages:
            page = first.get(language)
            allowed[model, language] = bool(
                page is not None and page.permissions_for_user(user).can_add_subpage())
    return {language: [PromoteOption(kind, label) for kind, label in PROMOTE_CHOICES
                       if allowed[_INDEX[kind], language]]
            for language in languages}


def item_promote(*, item: Item, user: Any, kind: str, parent: Page | None = None) -> Page:
    """Make an unpublished draft of ``item`` and link the item to it; returns the page.

    Raises ``PermissionDenied`` unless ``user`` may triage items and add a
    page under the index, and ``PromotionError`` for an unknown kind, a
    parent of the wrong type, or no index in the item's language. An item
    that was promoted before gives back its page and nothing is written.
    """
    if kind not in PROMOTE_KINDS:
        raise PromotionError(f"Unknown kind of draft: {kind!r}")
    if not user.has_perm(TRIAGE):
        raise PermissionDenied
    with transaction.atomic():
        # Locked, so two analysts promoting the same item make one page.
        item = Item.objects.select_for_update().get(pk=item.pk)
        if item.promoted_page_id is not None:
            return Page.objects.get(pk=item.promoted_page_id).specific
        index = _parent(kind=kind, language=item_language(item), parent=parent)
        if not index.permissions_for_user(user).can_add_subpage():
            raise PermissionDenied
        page = _draft(item=item, kind=kind)
        page.slug = find_available_slug(index, slugify(page.title)[:_SLUG_LENGTH] or "item")
        page.live = False
        page.owner = user
        _copy_tags(item=item, page=page, kind=kind)
        # An unpublished page is saved with only its title and slug checked;
        # the full check follows, once the page knows its parent.
        index.add_child(instance=page)
        page.full_clean(exclude=_CASE_FIELDS_FOR_THE_EDITOR if kind == CASE else None)
        page.save_revision(user=user, log_action=True, clean=False)
        item.promoted_page = page
        item.promoted_at = timezone.now()
        item.save(update_fields=["promoted_page", "promoted_at"])
        if item.status != ItemStatus.KEPT:
            item_triage(items=[item], user=user, action="keep")
        audit_record(actor=user, action=ITEM_PROMOTED, target=item,
                     data={"kind": kind, "page": page.pk, "parent": index.pk})
    return page


def _parent(*, kind: str, language: str, parent: Page | None) -> Page:
    model = _INDEX[kind]
    if parent is not None:
        specific = parent.specific
        if not isinstance(specific, model):
            raise PromotionError(f"A {kind} draft goes under a {model.__name__}, "
                                 f"not {type(specific).__name__}.")
        return specific
    index = index_page_for(kind=kind, language=language)
    if index is None:
        raise PromotionError(f"No {model.__name__} in language {language!r}.")
    return index


def _draft(*, item: Item, kind: str) -> Page:
    """The new page's own fields, from the item (``_copy_tags`` adds its tags)."""
    title = (item.title or str(item)).strip()[:_TITLE_LENGTH]
    if kind == CASE:
        return CasePage(title=title, summary=item.summary or title, source_url=item.link)
    published = timezone.localdate(item.published_at) if item.published_at else (
        timezone.localdate())
    body = body_html(item.content_html)
    return StoryPage(title=title, kind=StoryKind.NEWS if kind == NEWS else StoryKind.STORY,
                     date=published, intro=item.summary, source_url=item.link,
                     body=[("paragraph", RichText(body))] if body else [])


def _copy_tags(*, item: Item, page: Page, kind: str) -> None:
    """SDGs and themes (and a good example's actors), held in memory until the page is saved."""
    page.sdgs.set(item.sdgs.all())
    page.themes.set(item.themes.all())
    if kind == CASE:
        page.involved_actors.set(item.actors.all())
