"""Roles are Django groups with a fixed set of permissions defined here.

The definitions below are the source of truth: ``sync_roles`` makes the
database match them (idempotently) after every ``migrate``. Object-level rules
("members of initiative A only") live in each app's selectors; these are the
model-level permissions that open the doors at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.apps import apps as global_apps
from django.db import transaction
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Role:
    slug: str
    group_name: str
    label: Any  # lazy translation
    admin_access: bool
    permissions: tuple[str, ...]  # "app_label.codename"
    page_permissions: tuple[str, ...] = ()  # on the whole page tree
    collection_permissions: tuple[str, ...] = ()  # images and documents


_ACTORS_EDIT = tuple(
    f"actors.{verb}_{model}"
    for model in ("actor", "offering", "relation", "contact")
    for verb in ("add", "change", "delete", "view")
) + (
    # The review queue: members' claims to represent an actor, and their proposed changes.
    "actors.view_claim", "actors.change_claim",
    "actors.view_changeproposal", "actors.change_changeproposal",
    "actors.view_representative", "actors.delete_representative",
)
# Contacts are personal data: only editors (and each actor's representatives,
# an object-level right, see actors/moderation.py) see those not shown publicly.
_ACTORS_VIEW = ("actors.view_actor", "actors.view_offering", "actors.view_relation")

# The monitoring desk: editors and analysts follow sources and triage items.
_MONITORING = (
    *(f"monitoring.{verb}_source" for verb in ("add", "change", "delete", "view")),
    "monitoring.view_item", "monitoring.change_item", "monitoring.view_story",
    *(f"monitoring.{verb}_digest" for verb in ("add", "change", "delete", "view")),
)
# Subscribers' e-mail addresses are personal data: editors only.
_SUBSCRIBERS = ("monitoring.view_subscriber", "monitoring.delete_subscriber")

# Impact and learning: analysts run it; editors keep the reference data (proxies,
# programmes); initiative teams get object-level rights (impact/selectors.py).
_IMPACT_MODELS = ("programme", "initiative", "initiativemembership", "stakeholdergroup",
                  "outcome", "theoryofchange", "tocelement", "toclink", "indicator",
                  "measurement", "financialproxy", "valuemaprow")
_IMPACT_ALL = tuple(f"impact.{verb}_{model}" for model in _IMPACT_MODELS
                    for verb in ("add", "change", "delete", "view"))
_IMPACT_VIEW = tuple(f"impact.view_{model}" for model in _IMPACT_MODELS)
# Coalitions: facilitators run them; editors and analysts follow them.
_COALITION_MODELS = ("coalition", "phasechange", "coalitionmember", "commitment", "meeting",
                     "decision")
_COALITIONS_ALL = tuple(f"coalitions.{verb}_{model}" for model in _COALITION_MODELS
                        for verb in ("add", "change", "delete", "view"))
_COALITIONS_VIEW = tuple(f"coalitions.view_{model}" for model in _COALITION_MODELS)
_IMPACT_REFERENCE = tuple(f"impact.{verb}_{model}" for model in ("financialproxy", "programme")
                          for verb in ("add", "change"))

# Events (sihub/events): facilitators run registration, check-in, messages,
# matchmaking and outcomes; editors keep the event series; analysts read
# feedback and outcomes (statistics, never the participant list).
_EVENT_MODELS = ("registration", "registrationconsent", "participantmessage", "matchslot",
                 "matchparticipant", "matchblock", "matchmeeting", "feedback", "eventoutcome",
                 "eventseries")
_EVENTS_ALL = tuple(f"events.{verb}_{model}" for model in _EVENT_MODELS
                    for verb in ("add", "change", "delete", "view"))
_EVENT_SERIES = ("events.add_eventseries", "events.change_eventseries", "events.view_eventseries")
_EVENTS_READ_RESULTS = ("events.view_feedback", "events.view_eventoutcome")

# Surveys (sihub/surveys): analysts build questionnaires, run rounds and read
# single responses; editors and facilitators read questionnaires and aggregate
# results (for report pages), never a single response or an invitation.
_SURVEY_MODELS = ("questionnaire", "surveyround", "invitation", "surveyresponse")
_SURVEYS_ALL = tuple(f"surveys.{verb}_{model}" for model in _SURVEY_MODELS
                     for verb in ("add", "change", "delete", "view"))
_SURVEYS_AGGREGATES = ("surveys.view_questionnaire", "surveys.view_surveyround")

ADMIN = "admin"
EDITOR = "editor"
ANALYST = "analyst"
FACILITATOR = "facilitator"
MEMBER = "member"

_MEDIA = (
    "wagtailimages.add_image",
    "wagtailimages.change_image",
    "wagtailimages.choose_image",
    "wagtaildocs.add_document",
    "wagtaildocs.change_document",
    "wagtaildocs.choose_document",
)

ROLES: dict[str, Role] = {
    ADMIN: Role(
        ADMIN, "Administrators", _("Administrator"), True,
        permissions=("*",),  # every permission except writing the audit log
        page_permissions=("add_page", "change_page", "publish_page", "bulk_delete_page",
                          "lock_page", "unlock_page"),
        collection_permissions=("add_image", "change_image", "choose_image", "delete_image",
                                "add_document", "change_document", "choose_document",
                                "delete_document"),
    ),
    EDITOR: Role(
        EDITOR, "Editors", _("Editor"), True,
        permissions=("wagtailadmin.access_admin", "core.add_theme", "core.change_theme",
                     "core.view_sector", "core.view_county", "core.view_municipality",
                     *_ACTORS_EDIT, *_MONITORING, *_SUBSCRIBERS,
                     *_IMPACT_VIEW, *_IMPACT_REFERENCE, *_COALITIONS_VIEW, *_EVENT_SERIES,
                     *_SURVEYS_AGGREGATES),
        page_permissions=("add_page", "change_page", "publish_page", "lock_page", "unlock_page"),
        collection_permissions=("add_image", "change_image", "choose_image",
                                "add_document", "change_document", "choose_document"),
    ),
    ANALYST: Role(
        ANALYST, "Analysts", _("Analyst"), True,
        permissions=("wagtailadmin.access_admin", "core.view_auditentry", "core.view_theme",
                     "core.view_sector", "core.view_county", "core.view_municipality",
                     *_ACTORS_VIEW, *_MONITORING, *_IMPACT_ALL, *_COALITIONS_VIEW,
                     *_EVENTS_READ_RESULTS, *_SURVEYS_ALL),
        collection_permissions=("choose_image", "choose_document"),
    ),
    FACILITATOR: Role(
        FACILITATOR, "Facilitators", _("Facilitator"), True,
        permissions=("wagtailadmin.access_admin", "core.view_theme", "core.view_sector",
                     "core.view_county", "core.view_municipality", *_ACTORS_VIEW,
                     *_IMPACT_VIEW, *_COALITIONS_ALL, *_EVENTS_ALL,
                     *_SURVEYS_AGGREGATES),
        collection_permissions=("add_image", "choose_image", "add_document", "choose_document"),
    ),
    MEMBER: Role(
        MEMBER, "Members", _("Member (ecosystem actor)"), False,
        # Nothing model-wide: a member's rights over an actor come from being
        # its Representative (an approved claim), checked object by object.
        permissions=(),
    ),
}

# Nobody may change the audit log, not even administrators (the model refuses too).
APPEND_ONLY_CODENAMES = ("add_auditentry", "change_auditentry", "delete_auditentry")

# Not a role one is given; shown in the UI as the level nobody needs to log in for.
PUBLIC_LABEL = _("The public")

assert {p for r in ROLES.values() for p in r.permissions} >= {"*"}
assert all("." in p for r in ROLES.values() for p in r.permissions if p != "*")


def role_of_group_name(name: str) -> Role | None:
    return next((r for r in ROLES.values() if r.group_name == name), None)


def sync_roles(apps: Any = global_apps, using: str = "default") -> None:
    """Create the role groups and give each exactly the permissions defined above."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    root_page = Page.objects.using(using).filter(depth=1).first()
    root_collection = Collection.objects.using(using).filter(depth=1).first()

    with transaction.atomic(using=using):
        for role in ROLES.values():
            group, _created = Group.objects.using(using).get_or_create(name=role.group_name)
            if role.permissions == ("*",):
                perms = list(
                    Permission.objects.using(using).exclude(
                        content_type__app_label="core",
                        codename__in=APPEND_ONLY_CODENAMES,
                    )
                )
            else:
                perms = []
                for dotted in role.permissions:
                    app_label, codename = dotted.split(".", 1)
                    perm = Permission.objects.using(using).filter(
                        content_type__app_label=app_label, codename=codename
                    ).first()
                    if perm is None:
                        raise LookupError(f"Role {role.slug}: unknown permission {dotted}")
                    perms.append(perm)
            group.permissions.set(perms)

            if root_page is not None:
                _sync_tree_permissions(
                    GroupPagePermission.objects.using(using), Permission.objects.using(using),
                    group=group, node_field="page", node=root_page,
                    codenames=role.page_permissions, app_labels=("wagtailcore",),
                )
            if root_collection is not None:
                _sync_tree_permissions(
                    GroupCollectionPermission.objects.using(using),
                    Permission.objects.using(using),
                    group=group, node_field="collection", node=root_collection,
                    codenames=role.collection_permissions,
                    app_labels=("wagtailimages", "wagtaildocs"),
                )
        _sync_moderation_tasks(apps, using)


# Editors and administrators publish pages, so they also approve what members send in.
MODERATING_ROLES = (ADMIN, EDITOR)


def _sync_moderation_tasks(apps: Any, using: str) -> None:
    """Put the moderating roles on every approval task the Moderators group has."""
    Group = apps.get_model("auth", "Group")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    approvers = list(Group.objects.using(using).filter(
        name__in=[ROLES[slug].group_name for slug in MODERATING_ROLES]))
    for task in GroupApprovalTask.objects.using(using).filter(groups__name="Moderators"):
        task.groups.add(*approvers)


def _sync_tree_permissions(manager: Any, permissions: Any, *, group: Any, node_field: str,
                           node: Any, codenames: tuple[str, ...],
                           app_labels: tuple[str, ...]) -> None:
    """Give ``group`` exactly ``codenames`` on the root of a Wagtail tree (pages, collections).

    Only the root's permissions are synchronised: grants on other nodes (e.g.
    facilitators on the calendar pages, given by the events demo or an
    administrator) are left alone.
    """
    wanted = set(codenames)
    manager.filter(group=group, **{node_field: node}).exclude(
        permission__codename__in=wanted).delete()
    for codename in wanted:
        perm = permissions.filter(codename=codename, content_type__app_label__in=app_labels).first()
        if perm is None:
            raise LookupError(f"Unknown permission {codename} in {app_labels}")
        manager.get_or_create(group=group, permission=perm, **{node_field: node})


def sync_roles_after_migrate(sender: Any, using: str = "default", apps: Any = None,
                             **kwargs: Any) -> None:
    from django.contrib.auth.management import create_permissions

    # Permissions of apps later in INSTALLED_APPS are created by their own
    # post_migrate handlers, after this one; create them now (idempotent).
    for app_config in global_apps.get_app_configs():
        create_permissions(app_config, verbosity=0, using=using)
    sync_roles(global_apps, using=using)
