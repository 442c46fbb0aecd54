"""Writes in core: audit log, roles, API tokens, taxonomy loading."""

from __future__ import annotations

import json
from pathlib import Path
from collections.abc import Iterable, Mapping
from typing import Any, ClassVar

from django.contrib.auth.models import Group
from django.db import models, transaction

from sihub.core.models import AuditEntry, User
from sihub.core.roles import ROLES


class ServiceError(Exception):
    """A refusal the person can understand and act on.

    ``code`` is a key of the subclass's ``messages`` (lazily translated texts),
    so views show ``error.message`` and tests compare ``error.code``.
    """

    messages: ClassVar[Mapping[str, Any]] = {}

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code

    @property
    def message(self) -> str:
        return str(self.messages[self.code])

DATA_DIR = Path(__file__).resolve().parent / "data"


class RoleError(ValueError):
    pass


def audit_record(
    *,
    actor: Any,
    action: str,
    target: models.Model | None = None,
    data: dict[str, Any] | None = None,
) -> AuditEntry:
    """Append one entry to the audit log. ``actor`` may be None or AnonymousUser."""
    # No names or e-mail addresses: the actor is a number, and a person's own
    # label is never copied in (see privacy.py), so erasure leaves no trace here.
    is_user = actor is not None and getattr(actor, "is_authenticated", False)
    is_person = isinstance(target, User)
    entry = AuditEntry(
        actor_id=actor.pk if is_user else None,
        actor_label="user" if is_user else "system" if actor is None else "anonymous",
        action=action,
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        target_label="" if target is None or is_person else str(target)[:255],
        data=data or {},
    )
    entry.full_clean()
    entry.save()
    return entry


def user_set_roles(*, actor: User | None, user: User, roles: list[str]) -> list[str]:
    """Give ``user`` exactly ``roles``; audit the change and tell the user by e-mail."""
    unknown = sorted(set(roles) - set(ROLES))
    if unknown:
        raise RoleError(f"Unknown roles: {', '.join(unknown)}")
    wanted = {ROLES[slug].group_name for slug in roles}
    with transaction.atomic():
        role_groups = Group.objects.filter(name__in=[r.group_name for r in ROLES.values()])
        before = sorted(g.name for g in user.groups.all() if g in role_groups)
        keep_other = [g for g in user.groups.all() if g not in role_groups]
        new_groups = list(Group.objects.filter(name__in=wanted))
        if len(new_groups) != len(wanted):
            raise RoleError("Role groups are missing; run migrate")
        user.groups.set(keep_other + new_groups)
        needs_staff = any(ROLES[slug].admin_access for slug in roles)
        if user.is_staff != needs_staff and not user.is_superuser:
            user.is_staff = needs_staff
            user.save(update_fields=["is_staff"])
        after = sorted(wanted)
        if before != after:
            audit_record(
                actor=actor, action="user.roles_changed", target=user,
                data={"before": before, "after": after},
            )
            from sihub.core.tasks import send_role_change_email

            user_id = user.pk
            transaction.on_commit(lambda: send_role_change_email.enqueue(user_id))
    return sorted(roles)


def user_roles(user: User) -> list[str]:
    names = set(user.groups.values_list("name", flat=True))
    return [slug for slug, role in ROLES.items() if role.group_name in names]


# ---------------------------------------------------------------------------
# Taxonomies. Called by data migrations with historical models, and by
# ``manage.py load_taxonomies`` with the current ones; idempotent upserts.

SECTORS: list[dict[str, Any]] = [
    {"slug": "public", "name_sv": "Offentlig sektor", "name_en": "Public sector",
     "description_sv": "Stat, regioner och kommuner med deras myndigheter och bolag.",
     "description_en": "Central government, regions and municipalities, their agencies and companies."},
    {"slug": "private", "name_sv": "Näringsliv", "name_en": "Private sector",
     "description_sv": "Företag som drivs med vinstsyfte.",
     "description_en": "Companies run for profit."},
    {"slug": "academia", "name_sv": "Akademi", "name_en": "Academia",
     "description_sv": "Universitet, högskolor och forskningsinstitut.",
     "description_en": "Universities, university colleges and research institutes."},
    {"slug": "civil-society", "name_sv": "Civilsamhälle och idéburen sektor",
     "name_en": "Civil society and idea-driven sector",
     "description_sv": "Föreningar, stiftelser, trossamfund och andra idéburna organisationer.",
     "description_en": "Associations, foundations, faith communities and other idea-driven organisations."},
    {"slug": "social-economy", "name_sv": "Social ekonomi", "name_en": "Social economy",
     "description_sv": "Sociala företag, arbetsintegrerande sociala företag och kooperativ.",
     "description_en": "Social enterprises, work-integration social enterprises and cooperatives."},
]

THEMES: list[dict[str, str]] = [
    {"slug": "inclusive-working-life", "name_sv": "Inkluderande arbetsliv", "name_en": "Inclusive working life"},
    {"slug": "health-welfare", "name_sv": "Hälsa och välfärd", "name_en": "Health and welfare"},
    {"slug": "education", "name_sv": "Utbildning och lärande", "name_en": "Education and learning"},
    {"slug": "integration", "name_sv": "Integration och inkludering", "name_en": "Integration and inclusion"},
    {"slug": "children-youth", "name_sv": "Barn och unga", "name_en": "Children and young people"},
    {"slug": "elderly-care", "name_sv": "Äldre och omsorg", "name_en": "Older people and care"},
    {"slug": "housing-urban", "name_sv": "Boende och stadsutveckling", "name_en": "Housing and urban development"},
    {"slug": "rural-development", "name_sv": "Landsbygdsutveckling", "name_en": "Rural development"},
    {"slug": "climate-environment", "name_sv": "Klimat och miljö", "name_en": "Climate and environment"},
    {"slug": "food", "name_sv": "Mat och livsmedel", "name_en": "Food"},
    {"slug": "circular-economy", "name_sv": "Cirkulär ekonomi", "name_en": "Circular economy"},
    {"slug": "digitalisation", "name_sv": "Digitalisering", "name_en": "Digitalisation"},
    {"slug": "social-procurement", "name_sv": "Social upphandling", "name_en": "Social procurement"},
    {"slug": "impact-investment", "name_sv": "Sociala investeringar", "name_en": "Social impact investment"},
    {"slug": "gender-equality", "name_sv": "Jämställdhet", "name_en": "Gender equality"},
    {"slug": "democracy-participation", "name_sv": "Demokrati och delaktighet", "name_en": "Democracy and participation"},
]


def taxonomies_load(apps: Any = None) -> dict[str, int]:
    """Upsert sectors, themes, counties and municipalities from code and core/data/."""
    from django.apps import apps as global_apps

    apps = apps or global_apps
    Sector = apps.get_model("core", "Sector")
    Theme = apps.get_model("core", "Theme")
    County = apps.get_model("core", "County")
    Municipality = apps.get_model("core", "Municipality")

    regions = json.loads((DATA_DIR / "regions.json").read_text(encoding="utf-8"))
    with transaction.atomic():
        for order, sector in enumerate(SECTORS):
            Sector.objects.update_or_create(
                slug=sector["slug"], defaults={**sector, "sort_order": order}
            )
        for theme in THEMES:
            Theme.objects.update_or_create(slug=theme["slug"], defaults=theme)
        counties = {}
        for c in regions["counties"]:
            counties[c["code"]], _created = County.objects.update_or_create(
                code=c["code"],
                defaults={"name_sv": c["name"], "name_en": c["name_en"],
                          "latitude": c["lat"], "longitude": c["lon"]},
            )
        for m in regions["municipalities"]:
            Municipality.objects.update_or_create(
                code=m["code"],
                defaults={"name": m["name"], "county": counties[m["county"]],
                          "latitude": m["lat"], "longitude": m["lon"]},
            )
    return {
        "sectors": Sector.objects.count(),
        "themes": Theme.objects.count(),
        "counties": County.objects.count(),
        "municipalities": Municipality.objects.count(),
    }


def theme_create(*, actor: User, slug: str, name_sv: str, name_en: str) -> Any:
    """Add a theme to the vocabulary; needs core.add_theme."""
    from django.core.exceptions import PermissionDenied
    from django.db import IntegrityError

    from sihub.core.models import Theme

    if not actor.has_perm("core.add_theme"):
        raise PermissionDenied
    if Theme.objects.filter(slug=slug).exists():
        raise IntegrityError(f"theme {slug} exists")
    theme = Theme(slug=slug, name_sv=name_sv, name_en=name_en)
    theme.full_clean()
    with transaction.atomic():
        theme.save()
        audit_record(actor=actor, action="theme.created", target=theme)
    return theme


# --- Field updates shared by the domain services -------------------------------------------


def assign_fields(obj: models.Model, fields: Mapping[str, Any], allowed: frozenset[str]) -> list[str]:
    """Set ``fields`` on ``obj`` (only names in ``allowed``); the names whose value changed."""
    unknown = sorted(set(fields) - allowed)
    if unknown:
        raise ValueError(f"Cannot set {', '.join(unknown)} on {type(obj).__name__}")
    changed = []
    for name, value in fields.items():
        f = obj._meta.get_field(name)
        before = getattr(obj, f.attname)
        setattr(obj, name, value)
        if getattr(obj, f.attname) != before:
            changed.append(name)
    return sorted(changed)


def set_m2m(obj: models.Model, m2m: Mapping[str, Iterable[Any]] | None,
            allowed: frozenset[str]) -> list[str]:
    """Set many-to-many fields from objects or ids; the names whose members changed."""
    changed = []
    for name, items in (m2m or {}).items():
        if name not in allowed:
            raise ValueError(f"Cannot set {name} on {type(obj).__name__}")
        manager = getattr(obj, name)
        ids = sorted(i.pk if isinstance(i, models.Model) else int(i) for i in items)
        if sorted(manager.values_list("pk", flat=True)) != ids:
            manager.set(ids)
            changed.append(name)
    return changed
