"""Coalitions in Wagtail: guard the meeting documents at Wagtail's own serve URL.

Meeting documents are Wagtail documents in the login-restricted "Coalitions"
collection (``work_services.documents_collection``). Wagtail's restriction only
asks for *a* login, so without this hook any member account holding a link
could download another coalition's papers. The workspace links to its own
checked view (``work_views.document``); this closes the other door with the
same rule (``selectors.user_can_download_document``): the coalition's active
member contacts and staff who read all coalitions (which includes the editors
and administrators working in the Wagtail admin).
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from wagtail import hooks

from sihub.coalitions import selectors


@hooks.register("before_serve_document")
def guard_coalition_documents(document: Any, request: HttpRequest) -> HttpResponse | None:
    """404 for a coalition document the user may not read (login first when anonymous);
    None (serve as usual) for every other document."""
    if not selectors.is_coalition_document(document):
        return None
    if selectors.user_can_download_document(request.user, document):
        return None
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    raise Http404
