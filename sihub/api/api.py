"""The public REST API at /api/v1/: reads are open, writes need a bearer token.

Every error has one shape: ``{"error": {"code": ..., "message": ..., "details": [...]}}``.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from sihub.api import knowledge, taxonomies

api = NinjaAPI(
    title="sihub API",
    version="1",
    description=(
        "Open data from sihub: Agenda 2030 goals and targets, Swedish regions, sectors "
        "and themes; knowledge, good examples, actors, initiatives with their SROI, coalitions and "
        "events (programme, places left); survey questionnaires and their aggregate results. Reads "
        "are public (initiatives: a token reads what its user may); writes need `Authorization: Bearer <token>` "
        "(staff create tokens in the admin under their account, API tokens). List endpoints are paginated with "
        "`page` and `page_size`."
    ),
    urls_namespace="api-v1",
    docs_url="/docs",
)


def _error(request: HttpRequest, status: int, code: str, message: str,
           details: list[Any] | None = None) -> HttpResponse:
    return api.create_response(
        request,
        {"error": {"code": code, "message": message, "details": details or []}},
        status=status,
    )


@api.exception_handler(NinjaValidationError)
def on_validation_error(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    details = [
        {"loc": [str(p) for p in e.get("loc", [])], "msg": str(e.get("msg", ""))}
        for e in exc.errors
    ]
    return _error(request, 422, "invalid", "The request is not valid.", details)


@api.exception_handler(DjangoValidationError)
def on_model_validation_error(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
    if hasattr(exc, "message_dict"):
        details = [{"loc": [k], "msg": " ".join(v)} for k, v in exc.message_dict.items()]
    else:
        details = [{"loc": [], "msg": m} for m in exc.messages]
    return _error(request, 422, "invalid", "The request is not valid.", details)


@api.exception_handler(AuthenticationError)
def on_authentication_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    response = _error(request, 401, "unauthenticated", "A valid bearer token is required.")
    response["WWW-Authenticate"] = "Bearer"
    return response


@api.exception_handler(PermissionDenied)
def on_permission_denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return _error(request, 403, "forbidden", "You do not have permission to do this.")


@api.exception_handler(Http404)
def on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return _error(request, 404, "not_found", "Not found.")


@api.exception_handler(HttpError)
def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return _error(request, exc.status_code, "error", str(exc))


api.add_router("/sdg", taxonomies.sdg_router)
api.add_router("/sdg", "sihub.api.sdg.router")
api.add_router("/regions", taxonomies.regions_router)
api.add_router("/taxonomies", taxonomies.taxonomy_router)
api.add_router("/methods", knowledge.methods_router)
api.add_router("/stories", knowledge.stories_router)
api.add_router("/publications", knowledge.publications_router)
api.add_router("/cases", knowledge.cases_router)
api.add_router("/articles", knowledge.articles_router)
api.add_router("/actors", "sihub.api.actors.router")
api.add_router("/initiatives", "sihub.api.impact.router")
api.add_router("/coalitions", "sihub.api.coalitions.router")
api.add_router("/events", "sihub.events.api.router")
api.add_router("/surveys", "sihub.surveys.api.router")
