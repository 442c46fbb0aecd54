"""Background work for invitations: the e-mail with the signed link.

The task takes the member row's id (never the instance), re-reads it, and
sends nothing when the invitation is no longer open, so running it twice
after an answer is harmless. ``member_add`` enqueues it on commit; by hand:
``manage.py shell -c "from sihub.coalitions.invitation_tasks import
send_invitation_email as t; t.call(ID, 'sv')"``.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django_tasks import task

from sihub.coalitions.models import CoalitionMember, MemberStatus


@task()
def send_invitation_email(member_id: int, language: str = "sv") -> bool:
    """E-mail the invited contact person; False when there is nothing (more) to send."""
    from sihub.coalitions.invitations import MAX_AGE
    from sihub.coalitions.services import invitation_token

    member = (CoalitionMember.objects.select_related("coalition", "actor")
              .filter(pk=member_id, status=MemberStatus.INVITED).first())
    if member is None or not member.contact_email:
        return False
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    with translation.override(language):
        url = reverse("coalitions:invitation", kwargs={"token": invitation_token(member)})
        context = {
            "member": member,
            "coalition": member.coalition,
            "actor": member.actor,
            "role": member.get_role_display(),
            "url": settings.WAGTAILADMIN_BASE_URL.rstrip("/") + url,
            "days": MAX_AGE.days,
        }
        subject = render_to_string("coalitions/email/invitation_subject.txt", context).strip()
        body = render_to_string("coalitions/email/invitation.txt", context)
    send_mail(subject, body, None, [member.contact_email])
    return True
