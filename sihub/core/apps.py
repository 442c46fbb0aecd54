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

        # Cache plumbing, not business logic: any change to the page tree
        # retires the anonymous page cache.
        from django.db.models.signals import post_delete
        from wagtail.models import Page
        from wagtail.signals import (page_published, page_slug_changed, page_unpublished,
                                     post_page_move, published, unpublished)

        from sihub.core import pagecache

        for signal in (page_published, page_unpublished, page_slug_changed, post_page_move,
                       published, unpublished):
            signal.connect(pagecache.invalidate, dispatch_uid=f"pagecache-{signal!r}")
        post_delete.connect(pagecache.invalidate, sender=Page, dispatch_uid="pagecache-delete")
