"""Permission-aware reads for good examples."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sihub.cases.models import CaseIndexPage, CasePage
from sihub.core.models import AuditEntry
from sihub.core.roles import ADMIN, EDITOR, MEMBER, ROLES

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

