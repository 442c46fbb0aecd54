"""Security gates: CSRF on every endpoint, and the role × endpoint permission matrix.

Later areas add their endpoints to MATRIX; the personas stay the same.
"""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from wagtail.models import APIToken

from sihub.conftest import _person, login
from sihub.core.roles import ADMIN, ANALYST, EDITOR, FACILITATOR, MEMBER

# Views that legitimately skip CSRF, and why.
CSRF_EXEMPT_MODULES = {
    # The JSON API authenticates writes with bearer tokens only, never with the
    # session cookie, so a forged cross-site request carries no credentials.
    "ninja.operation": "API: bearer-token auth, no cookies",
    # Wagtail's admin API is Django REST framework: its SessionAuthentication
    # enforces CSRF itself on unsafe methods (proved in the POST walk below).
    r"wagtail(\.\w+)*\.api(\.\w+)*": "Wagtail's admin APIs: DRF enforces CSRF for sessions",
}


# Single views that legitimately skip CSRF, by module and name, and why.
CSRF_EXEMPT_VIEWS = {
    # RFC 8058 one-click unsubscribe: mail clients POST without a token; the
    # signed, address-bound URL is the authority, and the POST only deletes
    # the subscription it names.
    "sihub.monitoring.views.unsubscribe": "one-click unsubscribe (RFC 8058)",
}


def _walk(patterns, prefix=""):
    for p in patterns:
        if isinstance(p, URLResolver):
            yield from _walk(p.url_patterns, prefix + str(p.pattern))
        elif isinstance(p, URLPattern):
            yield prefix + str(p.pattern), p


def _callback_module(callback) -> str:
    view_class = getattr(callback, "view_class", None) or getattr(callback, "cls", None)
    target = view_class or callback
    owner = getattr(callback, "__self__", None)
    if owner is not None:
        target = type(owner)
    return getattr(target, "__module__", "")


def test_no_endpoint_skips_csrf_unless_listed():
    offenders = []
    count = 0
    for route, pattern in _walk(get_resolver().url_patterns):
        count += 1
        if getattr(pattern.callback, "csrf_exempt", False):
            module = _callback_module(pattern.callback)
            name = f"{module}.{getattr(pattern.callback, '__name__', '')}"
            if name in CSRF_EXEMPT_VIEWS:
                continue
            if not any(re.match(m, module) for m in CSRF_EXEMPT_MODULES):
                offenders.append(f"{route} ({module})")
    assert count > 250  # the walk really covers the admin, the site and the API
    assert offenders == []


def _sample_path(route: str) -> str | None:
    """A concrete URL for a route, or None when it cannot be built blindly."""
    path = route
    path = re.sub(r"<int:[^>]+>", "1", path)
    path = re.sub(r"<(?:str|slug|path|uuid)?:?[^>]+>", "x", path)
    path = path.replace("^", "").replace("$", "").replace("\\Z", "")
    if any(ch in path for ch in "()[]?*+\\"):
        return None
    return "/" + path.lstrip("/")


def test_every_buildable_endpoint_refuses_a_post_without_a_csrf_token(admin_user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(admin_user, backend="django.contrib.auth.backends.ModelBackend")
    tried, failures = 0, []
    for route, pattern in _walk(get_resolver().url_patterns):
        path = _sample_path(route)
        if path is None or path.startswith("/api/"):
            continue
        for language_path in ([f"/sv{path}", f"/en{path}"] if not path.startswith(
                ("/admin", "/documents", "/healthz", "/i18n", "/api")) else [path]):
            tried += 1
            response = client.post(language_path, {"title": "x"})
            # 403 from the CSRF check; 404/405 mean no state-changing view answered.
            if response.status_code not in (403, 404, 405):
                failures.append(f"{language_path} → {response.status_code}")
    assert tried > 250
    assert failures == []


def test_the_api_ignores_the_session_cookie_for_writes(editor):
    client = login(editor)
    response = client.post("/api/v1/taxonomies/themes",
                           {"slug": "x", "name_sv": "x", "name_en": "x"},
                           content_type="application/json")
    assert response.status_code == 401


# --- The permission matrix ---------------------------------------------------

PERSONAS = ["anonymous", "member_a", "member_b", "editor", "analyst", "facilitator", "admin"]
ROLES_OF = {"member_a": [MEMBER], "member_b": [MEMBER], "editor": [EDITOR],
            "analyst": [ANALYST], "facilitator": [FACILITATOR], "admin": [ADMIN]}

OK, LOGIN, DENY, CREATED, UNAUTH, NOT_FOUND = 200, 302, 403, 201, 401, 404
# (method, path, {persona: status}); "*" is everyone not listed.
MATRIX = [
    ("GET", "/sv/", {"*": OK}),
    ("GET", "/en/agenda2030/8/", {"*": OK}),
    ("GET", "/sv/search/?q=kommun", {"*": OK}),
    ("GET", "/sv/regions/", {"*": OK}),
    ("GET", "/admin/", {"anonymous": LOGIN, "member_a": LOGIN, "member_b": LOGIN, "*": OK}),
    ("GET", "/admin/pages/{home}/edit/",
     {"editor": OK, "admin": OK, "anonymous": LOGIN, "member_a": LOGIN, "member_b": LOGIN,
      "*": LOGIN}),
    ("GET", "/admin/audit-log/",
     {"analyst": OK, "admin": OK, "anonymous": LOGIN, "member_a": LOGIN, "member_b": LOGIN,
      "*": LOGIN}),
    ("GET", "/admin/themes/new/",
     {"editor": OK, "admin": OK, "anonymous": LOGIN, "member_a": LOGIN, "member_b": LOGIN,
      "*": LOGIN}),
    ("GET", "/admin/users/",
     {"admin": OK, "anonymous": LOGIN, "member_a": LOGIN, "member_b": LOGIN, "*": LOGIN}),
    ("GET", "/api/v1/sdg/goals", {"*": OK}),
    # The ecosystem map: public pages and data. {actor} is published; member_a represents it.
    ("GET", "/sv/actors/", {"*": OK}),
    ("GET", "/sv/actors/{actor}/", {"*": OK}),
    ("GET", "/sv/actors/find-support/", {"*": OK}),
    ("GET", "/sv/actors/map/", {"*": OK}),
    ("GET", "/sv/actors/map/regions.json", {"*": OK}),
    ("GET", "/sv/actors/map/markers.geojson", {"*": OK}),
    ("GET", "/sv/actors/network/", {"*": OK}),
    ("GET", "/sv/actors/network/graph.json", {"*": OK}),
    ("GET", "/sv/actors/analysis/", {"*": OK}),
    ("GET", "/sv/actors/export/actors.csv", {"*": OK}),
    ("GET", "/sv/actors/export/actors.xlsx", {"*": OK}),
    ("GET", "/sv/actors/export/actors.geojson", {"*": OK}),
    ("GET", "/sv/actors/export/ecosystem.graphml", {"*": OK}),
    # Members claim profiles; only the actor's own representatives propose changes.
    ("GET", "/sv/actors/{actor}/claim/",
     {"anonymous": LOGIN, "member_a": OK, "member_b": OK, "*": DENY}),
    ("GET", "/sv/actors/{actor}/propose/", {"anonymous": LOGIN, "member_a": OK, "*": DENY}),
    # Editors review claims and proposals and edit actors; analysts and facilitators read.
    ("GET", "/admin/actors/review/", {"editor": OK, "admin": OK, "*": LOGIN}),
    ("GET", "/admin/snippets/actors/actor/",
     {"anonymous": LOGIN, "member_a": LOGIN, "member_b": LOGIN, "*": OK}),
    ("GET", "/admin/snippets/actors/actor/edit/{actor_pk}/",
     {"editor": OK, "admin": OK, "*": LOGIN}),
    ("GET", "/admin/snippets/actors/relation/",
     {"anonymous": LOGIN, "member_a": LOGIN, "member_b": LOGIN, "*": OK}),
    # Monitoring: the analyst's desk is for editors and analysts; digests are public.
    ("GET", "/admin/monitoring/inbox/", {"editor": OK, "analyst": OK, "admin": OK, "*": LOGIN}),
    ("GET", "/admin/monitoring/trends/", {"editor": OK, "analyst": OK, "admin": OK, "*": LOGIN}),
    ("GET", "/admin/monitoring/sources/health/",
     {"editor": OK, "analyst": OK, "admin": OK, "*": LOGIN}),
    ("GET", "/admin/monitoring/digests/", {"editor": OK, "analyst": OK, "admin": OK, "*": LOGIN}),
    ("GET", "/sv/digest/", {"*": OK}),
    ("GET", "/sv/digest/feed.xml", {"*": OK}),
    ("GET", "/sv/digest/subscribe/", {"*": OK}),
    # Initiatives: published ones are public; an unpublished one exists only for its
    # team (member_a leads it) and staff; analysts and the team change it.
    ("GET", "/sv/initiatives/", {"*": OK}),
    ("GET", "/sv/initiatives/{initiative}/", {"*": OK}),
    ("GET", "/sv/initiatives/{initiative}/sroi/", {"*": OK}),
    ("GET", "/sv/initiatives/{private_initiative}/",
     {"anonymous": NOT_FOUND, "member_b": NOT_FOUND, "*": OK}),
    ("GET", "/sv/initiatives/{private_initiative}/value-map/",
     {"anonymous": NOT_FOUND, "member_b": NOT_FOUND, "*": OK}),
    ("GET", "/sv/initiatives/{private_initiative}/edit/",
     {"member_a": OK, "analyst": OK, "admin": OK, "editor": DENY, "facilitator": DENY,
      "*": NOT_FOUND}),
    ("GET", "/sv/initiatives/portfolio/", {"anonymous": LOGIN, "*": OK}),
    ("GET", "/api/v1/initiatives/{private_initiative}", {"*": NOT_FOUND}),  # no token: public
    # Coalitions: the public page of a published one; the workspace for its members
    # (member_a is an active contact of both) and staff; facilitators run them.
    ("GET", "/sv/coalitions/", {"*": OK}),
    ("GET", "/sv/coalitions/{coalition}/", {"*": OK}),
    ("GET", "/sv/coalitions/{coalition}/workspace/",
     {"anonymous": LOGIN, "member_b": DENY, "*": OK}),
    ("GET", "/sv/coalitions/{private_coalition}/",
     {"anonymous": NOT_FOUND, "member_b": NOT_FOUND, "*": OK}),
    ("GET", "/sv/coalitions/{private_coalition}/commitments/",
     {"anonymous": NOT_FOUND, "member_b": NOT_FOUND, "*": OK}),
    ("GET", "/sv/coalitions/{private_coalition}/edit/",
     {"facilitator": OK, "admin": OK, "anonymous": NOT_FOUND, "member_b": NOT_FOUND,
      "*": DENY}),
    ("GET", "/api/v1/coalitions/{private_coalition}", {"*": NOT_FOUND}),
    # Events: the calendar, event pages, feeds and sign-up are public; a draft event
    # does not exist; organisers' pages are for facilitators and administrators
    # (feedback results for analysts too); matchmaking and one's own list need a log-in.
    ("GET", "/sv/kalender/", {"*": OK}),
    ("GET", "/sv/kalender/?view=month", {"*": OK}),
    ("GET", "/sv/events/calendar.ics", {"*": OK}),
    ("GET", "/sv/events/{event}/event.ics", {"*": OK}),
    ("GET", "/sv/events/{event}/register/", {"*": OK}),
    ("GET", "/sv/events/{draft_event}/register/", {"*": NOT_FOUND}),
    ("GET", "/sv/events/{draft_event}/event.ics", {"*": NOT_FOUND}),
    ("GET", "/sv/events/my-data/", {"*": OK}),
    ("GET", "/sv/events/mine/", {"anonymous": LOGIN, "*": OK}),
    ("GET", "/sv/events/matchmaking/profile/", {"anonymous": LOGIN, "*": OK}),
    ("GET", "/sv/events/{event}/participants/",
     {"facilitator": OK, "admin": OK, "anonymous": LOGIN, "*": DENY}),
    ("GET", "/sv/events/{event}/participants/export.csv",
     {"facilitator": OK, "admin": OK, "anonymous": LOGIN, "*": DENY}),
    ("GET", "/sv/events/{event}/statistics/",
     {"facilitator": OK, "admin": OK, "anonymous": LOGIN, "*": DENY}),
    ("GET", "/sv/events/{event}/messages/",
     {"facilitator": OK, "admin": OK, "anonymous": LOGIN, "*": DENY}),
    ("GET", "/sv/events/{draft_event}/participants/",
     {"anonymous": LOGIN, "*": NOT_FOUND}),
    ("GET", "/sv/events/{event}/feedback/",
     {"facilitator": OK, "admin": OK, "analyst": OK, "anonymous": LOGIN, "*": DENY}),
    ("GET", "/sv/events/{event}/matchmaking/grid/",
     {"facilitator": OK, "admin": OK, "anonymous": LOGIN, "*": DENY}),
    ("GET", "/sv/events/{event}/matchmaking/slots/",
     {"facilitator": OK, "admin": OK, "anonymous": LOGIN, "*": DENY}),
    ("GET", "/api/v1/events", {"*": OK}),
    ("GET", "/api/v1/events/{event}", {"*": OK}),
    ("GET", "/api/v1/events/{draft_event}", {"*": NOT_FOUND}),
    # Surveys: answering is public; running rounds is for analysts; aggregates for
    # staff; single responses (raw data) for analysts and administrators only.
    ("GET", "/sv/surveys/", {"*": OK}),
    ("GET", "/sv/surveys/s/{survey_key}/", {"*": OK}),
    ("GET", "/sv/surveys/i/not-a-token/", {"*": NOT_FOUND}),
    ("GET", "/sv/surveys/r/not-a-token/", {"*": NOT_FOUND}),
    *[("GET", path, {"anonymous": LOGIN, "analyst": OK, "admin": OK, "*": DENY})
      for path in ("/sv/surveys/manage/", "/sv/surveys/manage/questionnaires/{questionnaire}/",
                   "/sv/surveys/manage/rounds/new/", "/sv/surveys/manage/rounds/{survey_round}/",
                   "/sv/surveys/manage/rounds/{survey_round}/edit/",
                   "/sv/surveys/manage/rounds/{survey_round}/invitations/",
                   "/sv/surveys/manage/rounds/{survey_round}/responses/",
                   "/sv/surveys/manage/rounds/{survey_round}/responses/{survey_response}/",
                   "/sv/surveys/manage/rounds/{survey_round}/export.csv?text=1")],
    *[("GET", path, {"anonymous": LOGIN, "member_a": DENY, "member_b": DENY, "*": OK})
      for path in ("/sv/surveys/manage/rounds/{survey_round}/results/",
                   "/sv/surveys/manage/rounds/{survey_round}/crosstab/",
                   "/sv/surveys/manage/rounds/{survey_round}/free-text/",
                   "/sv/surveys/manage/compare/?a={survey_round}",
                   "/sv/surveys/manage/rounds/{survey_round}/export.csv",
                   "/sv/surveys/manage/rounds/{survey_round}/codebook.xlsx")],
    ("GET", "/sv/surveys/manage/rounds/999999/results/",
     {"anonymous": LOGIN, "member_a": DENY, "member_b": DENY, "*": NOT_FOUND}),
    ("GET", "/api/v1/surveys", {"*": OK}),
    ("GET", "/api/v1/surveys/rounds/{survey_round}/results", {"*": OK}),
    ("GET", "/api/v1/surveys/rounds/{private_round}/results", {"*": NOT_FOUND}),
    ("POST-API", "/api/v1/taxonomies/themes",
     {"anonymous": UNAUTH, "editor": CREATED, "admin": CREATED, "*": DENY}),
]


@pytest.fixture
def personas(db):
    people = {"anonymous": None}
    for name, roles in ROLES_OF.items():
        extra = {"is_superuser": True, "is_staff": True} if name == "admin" else {}
        people[name] = _person(f"{name}@matrix.example.org", roles, **extra)
    return people


def _area_rows(member_a, actor) -> dict[str, int]:
    """A published and an unpublished initiative and coalition; member_a is in each."""
    from sihub.coalitions.models import Coalition, CoalitionMember
    from sihub.impact.models import Initiative, InitiativeMembership

    ids = {}
    for key, public in (("initiative", True), ("private_initiative", False)):
        initiative = Initiative.objects.create(title=key, slug=key.replace("_", "-"),
                                               is_public=public)
        InitiativeMembership.objects.create(initiative=initiative, user=member_a, role="lead")
        ids[key] = initiative.pk
    for key, public in (("coalition", True), ("private_coalition", False)):
        coalition = Coalition.objects.create(title=key, slug=key.replace("_", "-"),
                                             challenge="x", is_public=public)
        CoalitionMember.objects.create(coalition=coalition, actor=actor, contact=member_a,
                                       status="active")
        ids[key] = coalition.pk
    return ids


def _event_rows(homes) -> dict[str, int]:
    """A live event (with matchmaking) and a draft one in the calendar."""
    from sihub.core.demo import _publish
    from sihub.events.models import EventIndexPage
    from sihub.events.tests.conftest import make_event

    calendar = EventIndexPage(title="Kalender", slug="kalender")
    homes["sv"].add_child(instance=calendar)
    _publish(calendar)
    event = make_event({"sv": calendar}, "Matristräff", english=False, capacity=5,
                       matchmaking_enabled=True)
    draft = make_event({"sv": calendar}, "Utkast", english=False)
    draft.unpublish()
    return {"event": event.pk, "draft_event": draft.pk}


def _survey_rows() -> dict[str, object]:
    """A questionnaire with a round whose aggregates are public, one whose are not, a response."""
    from sihub.surveys.tests.conftest import (
        FULL_ANSWERS,
        make_questionnaire,
        make_response,
        make_round,
    )

    survey_round = make_round(make_questionnaire(), "matris-2026", results_public=True)
    private = make_round(survey_round.questionnaire, "intern-2026", anonymous=False)
    response = make_response(survey_round, FULL_ANSWERS)
    return {"questionnaire": survey_round.questionnaire_id, "survey_round": survey_round.pk,
            "survey_key": survey_round.public_key, "private_round": private.pk,
            "survey_response": response.pk}


@pytest.mark.parametrize("method,path,expected", MATRIX,
                         ids=[f"{m} {p}" for m, p, _ in MATRIX])
def test_permission_matrix(method, path, expected, personas, demo_site):
    from sihub.actors.models import Actor, Representative
    from sihub.core.models import Sector

    actor = Actor.objects.create(name="Matrisföreningen", slug="matrisforeningen",
                                 sector=Sector.objects.get(slug="civil-society"),
                                 kind="association")
    Representative.objects.create(actor=actor, user=personas["member_a"])
    ids = _area_rows(personas["member_a"], actor)
    ids.update(_event_rows(demo_site))
    ids.update(_survey_rows())
    path = path.format(home=demo_site["sv"].pk, actor=actor.slug, actor_pk=actor.pk, **ids)
    outcomes = {}
    for persona in PERSONAS:
        user = personas[persona]
        if method == "POST-API":
            headers = {}
            if user is not None:
                _t, key = APIToken.create_token(user=user, name="matrix")
                headers["HTTP_AUTHORIZATION"] = f"Bearer {key}"
            slug = f"matrix-{persona.replace('_', '-')}"
            response = Client().post(path, {"slug": slug, "name_sv": "x", "name_en": "x"},
                                     content_type="application/json", **headers)
        else:
            client = login(user) if user is not None else Client()
            response = client.get(path)
        outcomes[persona] = response.status_code
    wanted = {p: expected.get(p, expected.get("*")) for p in PERSONAS}
    assert outcomes == wanted
