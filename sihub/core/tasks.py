"""Background work for core.

The pattern every sihub task follows: the task takes primary keys (never model
instances), re-reads what it needs, is safe to run twice, and is enqueued with
``transaction.on_commit`` by the service that made the change, so a worker
never sees an id whose transaction rolled back. Each task has a management
command that runs it by hand (here: ``manage.py send_role_change_email ID``).
"""

from __future__ import annotations

from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation
from django_tasks import task

from sihub.core.models import User


@task()
def send_role_change_email(user_id: int) -> bool:
    """Tell a user which roles they now have. Returns False if the user is gone."""
    from sihub.core.services import user_roles
    from sihub.core.roles import ROLES

    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        return False
    with translation.override(user.preferred_language):
        context = {
            "user": user,
            "roles": [ROLES[slug].label for slug in user_roles(user)],
        }
        subject = render_to_string("core/email/roles_changed_subject.txt", context).strip()
        body = render_to_string("core/email/roles_changed.txt", context)
    send_mail(subject, body, None, [user.email])
    return True


@task()
def apply_retention_task() -> dict[str, int]:
    """Daily retention run (schedule with cron: ``manage.py apply_retention``)."""
    from sihub.core.privacy import apply_retention

    return apply_retention()
