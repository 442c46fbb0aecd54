"""Personal data in surveys: who answered, as far as a round records it.

An **anonymous** round holds no personal data about respondents: a response
keeps no account, organisation or invitation (only the answers, which the
questionnaire is written not to ask names in). A round that is not anonymous
links a response to the account that answered and/or to the personal
invitation (an e-mail address and a name). The platform registry
(``sihub.core.privacy.REGISTRY``) points here:

* export: the invitations sent to the address and the responses of the
  account or given through those invitations;
* erasure by address: the invitations and the responses given through them
  are deleted (a response that names its respondent is personal data as a
  whole); responses of the account are deleted when the account is.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet

from sihub.surveys.models import Invitation, SurveyResponse


def _normal(email: str) -> str:
    return (email or "").strip().lower()


def invitations_with_email(email: str) -> QuerySet[Invitation]:
    wanted = _normal(email)
    if not wanted:
        return Invitation.objects.none()
    return Invitation.objects.filter(email__iexact=wanted)


def invitations_of_user(user: Any) -> QuerySet[Invitation]:
    return invitations_with_email(user.email)


def responses_of_user(user: Any) -> QuerySet[SurveyResponse]:
    """Responses of the account, or given through an invitation to its address."""
    condition = Q(user=user)
    if _normal(user.email):
        condition |= Q(invitation__email__iexact=_normal(user.email))
    return SurveyResponse.objects.filter(condition)


def erase_for_email(email: str) -> int:
    """Delete the invitations to ``email`` and the responses given through them."""
    with transaction.atomic():
        invitations = invitations_with_email(email)
        SurveyResponse.objects.filter(invitation__in=invitations).delete()
        count, _deleted = invitations.delete()
    return count


def invitation_emails() -> set[str]:
    """Every address invitations are held for (for ``reapply_erasures``)."""
    return {_normal(e) for e in Invitation.objects.values_list("email", flat=True)} - {""}
