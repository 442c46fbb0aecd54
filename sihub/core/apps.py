from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "sihub.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from sihub.core import roles

        # Roles need the Permission rows that Django itself creates in
        # post_migrate, so they are synced there too (idempotent).
        post_migrate.connect(roles.sync_roles_after_migrate, sender=self)
