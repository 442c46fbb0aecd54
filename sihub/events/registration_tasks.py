"""Background work for registrations: the mails to the registrant (ids in, never rows).

``services.py`` enqueues ``send_registration_email`` on commit. The task
re-reads the row and sends nothing when the registration is no longer in the
state the mail speaks of (cancelled before a queued confirmation went out,
anonymised by the retention job), so a late or repeated run does no harm. By
hand: ``manage.py shell -c "from sihub.events.registration_tasks import
send_registration_email as t; t.call(ID, 'confirmed')"``.
"""

from __future__ import annotations

from django_tasks import task

from sihub.events.models import Registration, RegistrationStatus

_STATUS_FOR_KIND = {
    "confirmed": RegistrationStatus.CONFIRMED,
    "waiting": RegistrationStatus.WAITING,
    "promoted": RegistrationStatus.CONFIRMED,
    "cancelled": RegistrationStatus.CANCELLED,
}


@task()
def send_registration_email(registration_id: int, kind: str) -> bool:
    """Mail the registrant; False when there is nothing (more) to say."""
    from sihub.events.emails import registration_email

    expected = _STATUS_FOR_KIND.get(kind)
    registration = (Registration.objects.select_related("event")
                    .filter(pk=registration_id, status=expected, anonymised_at__isnull=True)
                    .first())
    if expected is None or registration is None or not registration.email:
        return False
    registration_email(registration, kind).send()
    return True
