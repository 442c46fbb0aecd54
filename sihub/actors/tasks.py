"""Background work for actors: telling members what the editors decided.

Tasks take ids, re-read what they need and are enqueued on commit by the
service that decided (see core/tasks.py for the pattern). Run by hand with
``manage.py send_review_decision_email claim|proposal ID``.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django_tasks import task

from sihub.actors.models import ChangeProposal, Claim, ReviewStatus

KINDS = {"claim": Claim, "proposal": ChangeProposal}


@task()
def send_review_decision_email(kind: str, pk: int) -> bool:
    """E-mail the member who asked; False when there is no one to tell (or nothing decided)."""
    model = KINDS[kind]
    request = model.objects.select_related("actor").filter(pk=pk).first()
    if request is None or request.status == ReviewStatus.PENDING:
        return False
    person = request.user if kind == "claim" else request.proposed_by
    if person is None or not person.is_active or not person.email:
        return False
    with translation.override(person.preferred_language):
        context = {
            "kind": kind,
            "approved": request.status == ReviewStatus.APPROVED,
            "actor": request.actor,
            "note": request.review_note,
            "url": settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(
                "actors:detail", kwargs={"slug": request.actor.slug}),
        }
        subject = render_to_string("actors/email/decision_subject.txt", context).strip()
        body = render_to_string("actors/email/decision.txt", context)
    send_mail(subject, body, None, [person.email])
    return True
