"""The background-work pattern end to end: enqueue on commit, run by the real worker."""

from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django_tasks import task_backends

from sihub.core.roles import EDITOR
from sihub.core.services import user_set_roles


DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def test_it_queues_the_email_and_the_worker_sends_it(member, editor, monkeypatch,
                                                     django_capture_on_commit_callbacks):
    # The worker closes connections it sees inside a transaction; here that
    # transaction is the test's own, so keep it open (the worker logic is untouched).
    from django_tasks_db.management.commands import db_worker

    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    from django_tasks_db.models import DBTaskResult

    with override_settings(TASKS=DB_TASKS):
        task_backends._settings = None  # re-read TASKS
        try:
            task_backends._backends = {}
        except AttributeError:
            pass
        mail.outbox = []
        with django_capture_on_commit_callbacks(execute=True):
            user_set_roles(actor=editor, user=member, roles=[EDITOR])
        queued = DBTaskResult.objects.filter(task_path__endswith="send_role_change_email")
        assert queued.count() == 1
        assert mail.outbox == []  # nothing sent before the worker runs

        call_command("db_worker", "--batch", "--no-startup-delay", "--queue-name", "*")

        assert queued.get().status == "SUCCESSFUL"
        assert len(mail.outbox) == 1
        assert mail.outbox[0].to == [member.email]


def test_the_task_can_be_run_by_hand(member, mailoutbox):
    call_command("send_role_change_email", str(member.pk))
    assert len(mailoutbox) == 1
