from __future__ import annotations

from csp.constants import UNSAFE_INLINE
from csp.middleware import CSPMiddleware, PolicyParts
from django.http import HttpRequest, HttpResponseBase
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.utils.translation import get_language


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """The strict site-wide policy, loosened for Wagtail's admin.

    Wagtail's admin (and the page previews it frames) relies on inline styles
    and a few inline scripts; public pages use neither.
    """

    ADMIN_PREFIX = "/admin/"

    def get_policy_parts(
        self, request: HttpRequest, response: HttpResponseBase, report_only: bool = False
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and request.path_info.startswith(self.ADMIN_PREFIX):
            update = dict(parts.update or {})
            update.setdefault("script-src", [UNSAFE_INLINE])
            update.setdefault("style-src", [UNSAFE_INLINE])
            update.setdefault("img-src", ["blob:"])
            parts.update = update
        return parts


class LocaleMiddleware(DjangoLocaleMiddleware):
    """Django's LocaleMiddleware, minus the 404 → /sv/… redirect outside the site.

    The site's catch-all Wagtail route sits under the language prefixes, so
    Django would "rescue" every 404 (an API 404, a missing document) by
    redirecting it to /sv/<path>. Paths that are never language-prefixed keep
    their own status codes.
    """

    UNPREFIXED = ("/api/", "/admin/", "/documents/", "/healthz", "/static/", "/media/", "/i18n/")

    def process_response(self, request: HttpRequest, response: HttpResponseBase) -> HttpResponseBase:
        if request.path_info.startswith(self.UNPREFIXED):
            response.headers.setdefault("Content-Language", get_language())
            return response
        return super().process_response(request, response)
