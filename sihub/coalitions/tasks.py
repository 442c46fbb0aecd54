"""Background work for coalitions: the daily overdue-commitment reminders.

Registered with the scheduler in ``CoalitionsConfig.ready`` (daily); run by
hand with ``manage.py remind_overdue_commitments``. Safe to run twice: a
commitment is reminded once per due date (``work_services.remind_overdue``).
"""

from __future__ import annotations

from django_tasks import task


@task()
def remind_overdue_commitments() -> int:
    """E-mail each overdue commitment's member contact (copy to the initiator); how many."""
    from sihub.coalitions.work_services import remind_overdue

    return remind_overdue()
