import pytest
from django.db import DatabaseError, connection, transaction

from sihub.core.models import AuditEntry, AuditLogIsAppendOnly
from sihub.core.services import audit_record


@pytest.fixture
def entry(editor):
    return audit_record(actor=editor, action="page.published", data={"page": 1})


def test_it_records_actor_and_target(entry, editor):
    assert entry.actor_id == editor.pk
    assert editor.email not in str(entry.__dict__)
    assert entry.action == "page.published"


def test_it_refuses_updates_through_the_orm(entry):
    entry.action = "tampered"
    with pytest.raises(AuditLogIsAppendOnly):
        entry.save()
    with pytest.raises(AuditLogIsAppendOnly):
        AuditEntry.objects.filter(pk=entry.pk).update(action="tampered")
    assert AuditEntry.objects.get(pk=entry.pk).action == "page.published"


def test_it_refuses_deletes_through_the_orm(entry):
    with pytest.raises(AuditLogIsAppendOnly):
        entry.delete()
    with pytest.raises(AuditLogIsAppendOnly):
        AuditEntry.objects.all().delete()
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_it_refuses_raw_sql_changes_in_the_database(entry):
    for sql in ("UPDATE core_auditentry SET action = 'x'", "DELETE FROM core_auditentry"):
        with pytest.raises(DatabaseError), transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute(sql)
    assert AuditEntry.objects.get(pk=entry.pk).action == "page.published"
