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
    """Daily retention run, enqueued by ``core/scheduler.py``.

    By hand: ``manage.py apply_retention``.
    """
    from sihub.core.privacy import apply_retention

    return apply_retention()


@task()
def analyze_database_task() -> str:
    """Refresh the query planner's statistics (daily, from ``core/scheduler.py``).

    The site search and the listings rely on the planner choosing their
    indexes, which it does from these statistics; tables grow by thousands of
    feed items a week. SQLite's ``PRAGMA optimize`` only re-analyses tables
    it thinks changed, so a plain ``ANALYZE`` runs on both databases.
    By hand: ``manage.py dbshell`` and ``ANALYZE;``.
    """
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA optimize")
    return connection.vendor
