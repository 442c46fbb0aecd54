from __future__ import annotations

from csp.constants import UNSAFE_INLINE
from csp.middleware import CSPMiddleware, PolicyParts
from django.http import HttpRequest, HttpResponseBase


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
