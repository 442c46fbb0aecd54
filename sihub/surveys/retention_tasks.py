"""Background task of survey retention (registered with the scheduler in apps.py)."""

from __future__ import annotations

from django_tasks import task


@task()
def apply_survey_retention() -> int:
    """Remove what closed rounds keep about people once their retention period is over."""
    from sihub.surveys.retention import apply_survey_retention as run

    return run()
