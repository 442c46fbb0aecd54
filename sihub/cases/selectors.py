"""Permission-aware reads for good examples."""

from __future__ import annotations

import itertools
from collections import defaultdict
from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext

from sihub.cases.models import CaseIndexPage, CasePage
from sihub.core.i18n import current_language, pick_translation
from sihub.core.models import AuditEntry
from sihub.core.roles import ADMIN, EDITOR, MEMBER, ROLES

if TYPE_CHECKING:
    from sihub.actors.graph import Edge, LinkedItem

CASE_EDGE_KIND = "case"  # the kind of the edges case_actor_edges() contributes

CASE_SUBMITTED = "case.submitted"  # the audit action written by services.case_submit

# Ecosystem actors send examples in; staff who publish them may too.
SUBMITTER_ROLES = (MEMBER, EDITOR, ADMIN)


def user_can_submit_cases(user: Any) -> bool:
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    names = [ROLES[slug].group_name for slug in SUBMITTER_ROLES]
    return bool(user.groups.filter(name__in=names).exists())


def case_recent_submission(*, user: Any, index_page: CaseIndexPage, title: str,
                           since: datetime) -> CasePage | None:
    """The example ``user`` sent to ``index_page`` under ``title`` since ``since``, if any.

    Drafts included: this is what makes a repeated POST (double click, reload)
    return the first example instead of creating a second one.
    """
    return (
        CasePage.objects.child_of(index_page)
        .filter(submitted_by=user, title__iexact=title.strip(),
                latest_revision_created_at__gte=since)
        .order_by("-latest_revision_created_at", "-pk")
        .first()
    )


def case_submission_count(*, user: Any, since: datetime) -> int:
    """How many examples ``user`` has sent in since ``since``.

    Counted in the audit log (served by its actor_id + created_at index), so an
    example that editors have since deleted still counts toward the limit.
    """
    return AuditEntry.objects.filter(actor_id=user.pk, action=CASE_SUBMITTED,
                                     created_at__gte=since).count()



# --- The ecosystem graph (registered in apps.py) ---------------------------------------


def _public_cases() -> Any:
    """Live good examples without a view restriction: what the public may see."""
    return CasePage.objects.live().public()


def case_actor_edges() -> list[Edge]:
    """An edge between every two actors involved in the same public good example.

    An example exists once per language (its translations share a
    ``translation_key``), so each pair is linked once per example, whichever
    translations name them, and labelled with the example's title in the
    current language.
    """
    from sihub.actors.graph import Edge

    through = CasePage.involved_actors.through
    rows = through.objects.filter(casepage__in=_public_cases().values("pk")).values_list(
        "casepage__translation_key", "casepage__locale__language_code", "casepage__title",
        "actor_id")
    actors: dict[Any, set[int]] = defaultdict(set)
    titles: dict[Any, dict[str, str]] = defaultdict(dict)
    for key, language, title, actor_id in rows:
        actors[key].add(actor_id)
        titles[key][language] = title
    language = current_language()
    edges = []
    for key in sorted(actors, key=str):
        label = pick_translation(titles[key], language)
        edges.extend(Edge(source=a, target=b, kind=CASE_EDGE_KIND, origin="cases", label=label)
                     for a, b in itertools.combinations(sorted(actors[key]), 2))
    return edges


def case_links_for_actor(actor_id: int) -> list[LinkedItem]:
    """The public good examples an actor is involved in, for its profile.

    Each example once, in the current language where it has been translated.
    """
    from sihub.actors.graph import LinkedItem

    public = _public_cases()
    keys = public.filter(involved_actors=actor_id).values("translation_key")
    by_key: dict[Any, dict[str, Any]] = defaultdict(dict)
    for page in public.filter(translation_key__in=keys).select_related("locale"):
        by_key[page.translation_key][page.locale.language_code] = page
    language, kind = current_language(), gettext("Good examples")
    items = []
    for pages in by_key.values():
        page = pick_translation(pages, language)
        url = page.get_url()
        if url:
            items.append(LinkedItem(title=page.title, url=url, kind=kind))
    return sorted(items, key=lambda item: item.title.casefold())
