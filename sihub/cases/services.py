"""Writes for good examples: members send them in, editors approve them in Wagtail."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from wagtail.coreutils import find_available_slug

from sihub.cases.models import CaseIndexPage, CasePage
from sihub.cases.selectors import (
    CASE_SUBMITTED,
    case_recent_submission,
    case_submission_count,
    user_can_submit_cases,
)
from sihub.core.models import User
from sihub.core.services import audit_record

# A second POST of the same title within this window is the same submission
# (double click, reload, flaky connection) and returns the first page.
DUPLICATE_WINDOW = timedelta(minutes=1)
# Examples one person may send in per rolling 24 hours.
DAILY_LIMIT = 10
DAY = timedelta(days=1)


class CaseSubmissionError(Exception):
    pass


class ConsentMissing(CaseSubmissionError):
    pass


class SubmissionLimitReached(CaseSubmissionError):
    def __init__(self, limit: int) -> None:
        super().__init__(f"At most {limit} examples per day")
        self.limit = limit


def case_submit(*, user: Any, index_page: CaseIndexPage, data: Mapping[str, Any]) -> CasePage:
    """Create an unpublished example under ``index_page`` and send it to moderation.

    ``data`` holds the cleaned fields of ``forms.CaseSubmissionForm`` (model
    instances for county, municipality, sdgs and themes) plus ``consent``,
    ``consent_text`` and ``consent_language``. The consent is recorded in the
    audit entry, never on the page.

    Idempotent for a short while: the same user sending the same title to the
    same index again within ``DUPLICATE_WINDOW`` gets the first page back.
    """
    if not user_can_submit_cases(user):
        raise PermissionDenied
    if data.get("consent") is not True or not data.get("consent_text"):
        raise ConsentMissing("The submitter has not agreed to publishing the contact details")
    title = data["title"].strip()

    with transaction.atomic():
        # One submission at a time per person and per index, so a double click
        # cannot pass the checks below twice and two pages never race for the
        # same tree position or slug. PostgreSQL: row locks, always taken in
        # this order; SQLite: transaction_mode=IMMEDIATE serialises writers.
        list(User.objects.select_for_update().filter(pk=user.pk).values_list("pk", flat=True))
        # Fresh from the database as well: the tree code reads the parent's
        # child count from the instance, which a concurrent submission made stale.
        parent = CaseIndexPage.objects.select_for_update().get(pk=index_page.pk)
        now = timezone.now()
        earlier = case_recent_submission(user=user, index_page=parent, title=title,
                                         since=now - DUPLICATE_WINDOW)
        if earlier is not None:
            return earlier
        if case_submission_count(user=user, since=now - DAY) >= DAILY_LIMIT:
            raise SubmissionLimitReached(DAILY_LIMIT)

        page = CasePage(
            title=title,
            slug=find_available_slug(parent, slugify(title)[:200] or "example"),
            locale=parent.locale,
            live=False,
            owner=user,
            submitted_by=user,
            summary=data["summary"],
            challenge=data["challenge"],
            solution=data["solution"],
            target_groups=data.get("target_groups", ""),
            actors_involved=data.get("actors_involved", ""),
            results=data.get("results", ""),
            scaling=data.get("scaling", ""),
            stage=data["stage"],
            website=data.get("website", ""),
            contact_name=data["contact_name"],
            contact_email=data["contact_email"],
        )
        # Parental relations are kept in memory and saved with the page.
        page.sdgs.set(data["sdgs"])
        page.themes.set(data.get("themes") or [])
        page.counties.set([data["county"]])
        page.municipalities.set([data["municipality"]] if data.get("municipality") else [])
        parent.add_child(instance=page)
        revision = page.save_revision(user=user, log_action=True)

        workflow = page.get_workflow()
        workflow_state = workflow.start(page, user) if workflow is not None else None
        # Without a workflow the page stays a draft whose latest revision is
        # the member's: editors find it under the index in the page explorer
        # (status "Draft") and in Reports → Site history; the audit entry
        # below says that no workflow took it.
        audit_record(
            actor=user, action=CASE_SUBMITTED, target=page,
            data={
                "index_page_id": parent.pk,
                "revision_id": revision.pk,
                "workflow": workflow.name if workflow is not None else None,
                "workflow_state_id": workflow_state.pk if workflow_state is not None else None,
                "consent": {
                    "text": str(data["consent_text"]),
                    "language": data.get("consent_language") or "",
                    "given_at": now.isoformat(),
                },
            },
        )
    return page

