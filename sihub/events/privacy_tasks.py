"""Background work for one's own event data: the e-mail with the 24-hour link.

The task takes the id of one of the address's registrations and a keyed
fingerprint of the address (never the address itself, which would then sit
in the task queue), re-reads the row and sends nothing when the data has
been erased meanwhile, so running it twice is harmless.
"""

from __future__ import annotations

from django.core.mail import send_mail
from django_tasks import task


@task()
def send_my_data_link(anchor_id: int, fingerprint: str, language: str = "sv") -> bool:
    """Mail the self-service link; False when nothing is held for the address any more."""
    from sihub.events.privacy import my_data_mail

    mail = my_data_mail(anchor_id=anchor_id, fingerprint=fingerprint, language=language)
    if mail is None:
        return False
    email, subject, body = mail
    send_mail(subject, body, None, [email])
    return True
