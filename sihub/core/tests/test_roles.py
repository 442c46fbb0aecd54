import pytest
from django.contrib.auth.models import Group

from sihub.conftest import login
from sihub.core.models import AuditEntry
from sihub.core.roles import EDITOR, MEMBER, ROLES
from sihub.core.services import RoleError, user_roles, user_set_roles


def test_it_creates_every_role_group_after_migrate(db):
    names = set(Group.objects.values_list("name", flat=True))
    assert {r.group_name for r in ROLES.values()} <= names


def test_it_lets_an_editor_into_the_admin_and_publish(editor, demo_site):
    assert editor.has_perm("wagtailadmin.access_admin")
    home = demo_site["sv"]
    assert home.permissions_for_user(editor).can_publish()
    assert login(editor).get("/admin/").status_code == 200


@pytest.mark.parametrize("persona", ["member", "outsider"])
def test_it_keeps_members_and_outsiders_out_of_the_admin(persona, request, demo_site):
    user = request.getfixturevalue(persona)
    assert not user.has_perm("wagtailadmin.access_admin")
    response = login(user).get("/admin/")
    assert response.status_code in (302, 403)
    assert not demo_site["sv"].permissions_for_user(user).can_edit()


def test_it_rejects_anonymous_admin_access(client, db):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_it_lets_analysts_read_but_not_publish(analyst, demo_site):
    assert analyst.has_perm("core.view_auditentry")
    assert not demo_site["sv"].permissions_for_user(analyst).can_publish()


def test_it_audits_role_changes_and_tells_the_user(editor, member, mailoutbox,
                                                   django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        user_set_roles(actor=editor, user=member, roles=[EDITOR])
    assert user_roles(member) == [EDITOR]
    member.refresh_from_db()
    assert member.is_staff
    entry = AuditEntry.objects.filter(action="user.roles_changed", target_id=str(member.pk)).first()
    assert entry is not None
    assert entry.actor_id == editor.pk
    assert entry.data == {"before": ["Members"], "after": ["Editors"]}
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [member.email]


def test_it_leaves_no_trace_when_nothing_changes(member, mailoutbox,
                                                 django_capture_on_commit_callbacks):
    before = AuditEntry.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        user_set_roles(actor=None, user=member, roles=[MEMBER])
    assert AuditEntry.objects.count() == before
    assert mailoutbox == []


def test_it_rejects_unknown_roles(member):
    with pytest.raises(RoleError, match="Unknown roles: wizard"):
        user_set_roles(actor=None, user=member, roles=["wizard"])
    assert user_roles(member) == [MEMBER]


def test_it_logs_in_by_email_case_insensitively(member, client):
    from sihub.conftest import PASSWORD

    client.post("/admin/login/", {"username": "MAJA.Member@example.org", "password": PASSWORD})
    assert client.session["_auth_user_id"] == str(member.pk)


def test_nobody_holds_write_permissions_on_the_audit_log(admin_user, analyst):
    from django.contrib.auth.models import Permission

    assert not Permission.objects.filter(
        group__user__in=[admin_user, analyst], codename__in=["change_auditentry", "delete_auditentry"]
    ).exists()


def test_analysts_can_read_the_audit_log_in_the_admin(analyst, member):
    assert login(analyst).get("/admin/audit-log/").status_code == 200
    assert login(member).get("/admin/audit-log/").status_code in (302, 403)


def test_editors_manage_themes_in_the_admin(editor, analyst):
    assert login(editor).get("/admin/themes/new/").status_code == 200
    assert login(analyst).get("/admin/themes/new/").status_code in (302, 403)
