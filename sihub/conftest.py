"""Shared fixtures: the named personas every view test uses."""

from __future__ import annotations

import pytest
from django.test import Client

from sihub.core.models import User
from sihub.core.roles import ADMIN, ANALYST, EDITOR, FACILITATOR, MEMBER
from sihub.core.services import user_set_roles

PASSWORD = "correct horse battery staple"


@pytest.fixture(autouse=True)
def _fresh_language_and_cache():
    """Each test starts in the default language with an empty cache.

    A request to /en/… leaves English active in the thread, so a later
    ``reverse()`` would give /en/ URLs; and cached results (the page cache,
    the network analysis) must not carry over from a test whose rows were
    rolled back but whose ids the next test reuses.
    """
    from django.core.cache import cache
    from django.utils import translation

    cache.clear()
    translation.activate("sv")
    yield
    translation.deactivate()


def _person(email: str, roles: list[str], **extra: object) -> User:
    user = User.objects.create_user(email, PASSWORD, **extra)
    if roles:
        user_set_roles(actor=None, user=user, roles=roles)
    user.refresh_from_db()
    return user


@pytest.fixture
def admin_user(db) -> User:
    return _person("ada.admin@example.org", [ADMIN], is_superuser=True, is_staff=True)


@pytest.fixture
def editor(db) -> User:
    return _person("elsa.editor@example.org", [EDITOR])


@pytest.fixture
def analyst(db) -> User:
    return _person("anders.analyst@example.org", [ANALYST])


@pytest.fixture
def facilitator(db) -> User:
    return _person("fatima.facilitator@example.org", [FACILITATOR])


@pytest.fixture
def member(db) -> User:
    return _person("maja.member@example.org", [MEMBER])


@pytest.fixture
def outsider(db) -> User:
    """Logged in, but with no role at all."""
    return _person("olle.outsider@example.org", [])


def login(user: User) -> Client:
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


@pytest.fixture
def demo_site(db):
    """Home pages in both languages and the four area pages, as seed_demo makes them."""
    from sihub.core.demo import ensure_area_pages, ensure_home_pages

    homes = ensure_home_pages()
    ensure_area_pages(homes)
    return homes


@pytest.fixture(scope="module")
def _reference_data_back(django_db_setup, django_db_blocker):
    """Put back what migrations loaded (locales, root page, goals, regions, sectors, roles)
    after the flush of a ``transaction=True`` test module, for the modules that follow."""
    yield
    from django.contrib.contenttypes.models import ContentType
    from django.db import connections

    with django_db_blocker.unblock():
        for conn in connections.all(initialized_only=True):
            contents = getattr(conn, "_test_serialized_contents", None)
            if contents and not ContentType.objects.using(conn.alias).exists():
                conn.creation.deserialize_db_from_string(contents)

