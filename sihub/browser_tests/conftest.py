"""The browser gate: real Chromium against a live server.

Every test here runs against pytest-django's ``live_server``, which needs
transactional database semantics: the server thread must see what the test
wrote, so nothing can stay inside a rolled-back transaction. At teardown the
database is flushed; ``serialized_rollback`` puts the reference data loaded by
migrations (goals, targets, regions, roles) back before each test. Each module
says so itself (``pytest.mark.browser`` cannot be used in this file: with
``--strict-markers`` it fails before ``pytest_configure`` has registered it):

    pytestmark = [
        pytest.mark.browser,
        pytest.mark.django_db(transaction=True, serialized_rollback=True),
    ]

The audit log is append-only down to database triggers, so a flush fails if a
test left an audit row behind. Browser tests therefore never call audited
services (``user_set_roles``, ``theme_create``…): ``editor_with_password``
adds the group directly, and ``_no_audit_rows`` fails the test, with the
reason, before the flush would. (On PostgreSQL the flush is a TRUNCATE, which
the row triggers do not see.)
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, sync_playwright

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
DESKTOP = {"width": 1280, "height": 800}
TIMEOUT_MS = 10_000  # fail fast: a page of ours that takes 10 s is broken anyway

EDITOR_PASSWORD = "correct horse battery staple"  # pragma: allowlist secret


class AccessibilityReport(UserWarning):
    """axe-core findings that are reported, not asserted (see the warnings summary).

    Defined here, not in a test module: pytest-xdist re-imports a warning's
    module in the controlling process, and importing a test module there fails
    on its ``pytest.mark.browser`` (registered only once this conftest is loaded).
    """


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "browser: runs a real browser against the live server (sihub/browser_tests)"
    )


@contextmanager
def _playwright_keeping_django_connections() -> Iterator[Playwright]:
    """Start Playwright without losing the test's database connection.

    Playwright's sync API leaves its event loop *running* in this thread, and
    Django keeps connections in an ``asgiref.local.Local`` that switches to
    per-context storage as soon as a loop is running. Without the hand-over
    below, the ORM opens a second connection after the first page load: it
    lacks ``_test_serialized_contents``, so ``serialized_rollback`` silently
    restores nothing and every later test starts from an empty database
    (no root page, no goals).

    DJANGO_ALLOW_ASYNC_UNSAFE is needed too (the ORM refuses to run beside a
    running loop), but only while Playwright runs: set for the whole session
    it leaks into subprocesses such as ``manage.py check --deploy`` in
    core/tests/test_env.py, which then fails on async.E001.
    """
    from django.db import connections

    handles = {alias: connections[alias] for alias in connections}
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        for alias, handle in handles.items():
            connections[alias] = handle
        yield playwright


# Package scope rather than session scope: one Chromium for all browser tests,
# stopped when the run leaves this package, so the rest of the suite does not
# run inside Playwright's event loop (asyncio.run and async_to_sync refuse to).
@pytest.fixture(scope="package")
def browser() -> Iterator[Browser]:
    with _playwright_keeping_django_connections() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="package", autouse=True)
def _leave_reference_data_behind(django_db_setup: None, django_db_blocker: Any) -> Iterator[None]:
    """Put back what migrations loaded (roles, goals, regions…) after the last browser test.

    ``serialized_rollback`` restores that data at the *start* of each test, so
    the last browser test leaves an empty database behind. Tests that run
    later on the same worker and use the database without saying so (pytest-
    django orders them as database-free, after transactional tests) would
    find no role groups.
    """
    yield
    from django.contrib.contenttypes.models import ContentType
    from django.db import connections

    with django_db_blocker.unblock():
        for connection in connections.all(initialized_only=True):
            contents = getattr(connection, "_test_serialized_contents", None)
            if contents and not ContentType.objects.using(connection.alias).exists():
                connection.creation.deserialize_db_from_string(contents)


@pytest.fixture
def new_page(browser: Browser) -> Iterator[Callable[..., Page]]:
    """A factory for pages in fresh contexts (no shared cookies); all closed after the test.

    Keyword arguments go to ``browser.new_context`` (``viewport``, ``bypass_csp``…).
    """
    contexts: list[BrowserContext] = []

    def make(**context_args: Any) -> Page:
        context_args.setdefault("viewport", DESKTOP)
        context = browser.new_context(**context_args)
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page: Callable[..., Page]) -> Page:
    return new_page()


@pytest.fixture
def site(live_server: Any, demo_site: dict[str, Any]) -> str:
    """The live server's base URL, serving both home pages and the four area pages."""
    return live_server.url


@pytest.fixture
def search_index(site: str) -> str:
    """Everything indexed (goals and targets are not indexed by migrations)."""
    from django.core.management import call_command

    call_command("update_index", verbosity=0)
    return site


@pytest.fixture
def editor_with_password(transactional_db: None) -> tuple[str, str]:
    """An editor who can log in through the form, made without writing an audit row."""
    from django.contrib.auth.models import Group

    from sihub.core.models import User
    from sihub.core.roles import EDITOR, ROLES

    email = "erik.editor@example.org"
    user = User.objects.create_user(email, EDITOR_PASSWORD, first_name="Erik")
    user.groups.add(Group.objects.get(name=ROLES[EDITOR].group_name))
    return email, EDITOR_PASSWORD


@pytest.fixture(autouse=True)
def _no_audit_rows(transactional_db: None) -> Iterator[None]:
    """Fail clearly, before the flush does, if a browser test wrote to the audit log.

    Depending on ``transactional_db`` makes this teardown run before the flush.
    """
    yield
    from sihub.core.models import AuditEntry

    rows = list(AuditEntry.objects.values_list("action", flat=True))
    assert not rows, (
        f"this browser test wrote audit rows {rows}; the append-only triggers will make "
        "the transactional flush fail. Create users and taxonomy rows directly, not "
        "through audited services."
    )
