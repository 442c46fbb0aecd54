"""Admin pages of the digest: the URLs and the "Digests" item in the Monitoring menu.

Imported by ``wagtail_hooks`` (Wagtail discovers only that module).
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from sihub.monitoring import digest_admin
from sihub.monitoring.digests import VIEW


class DigestsMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return request.user.has_perm(VIEW)


@hooks.register("register_admin_urls")
def register_digest_urls() -> list[Any]:
    return [path("monitoring/digests/",
                 include((digest_admin.urlpatterns, "monitoring_digests"),
                         namespace="monitoring_digests"))]


@hooks.register("register_monitoring_menu_item")
def register_digests_menu_item() -> MenuItem:
    return DigestsMenuItem(gettext_lazy("Digests"), reverse("monitoring_digests:index"),
                           icon_name="mail", order=10)
