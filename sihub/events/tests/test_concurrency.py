"""Registration never overbooks: real parallel requests to a real server, on SQLite and PostgreSQL.

60 people post the sign-up form at the same moment for 10 places; exactly 10
get a place and 50 a clean waiting list. The control runs the same against a
server whose capacity lock is switched off (``unlocked_wsgi.py``) and must
overbook — so the first test can fail. See ``concurrency_server.py`` for how
the server shares the test database.
"""

from __future__ import annotations

import threading
from collections import Counter
from typing import Any

import pytest
from django.db import connection

from sihub.events import services
from sihub.events.models import ConsentKind, EventPage, Registration, RegistrationStatus
from sihub.events.tests.concurrency_server import (
    gunicorn,
    post_forms_in_parallel,
    server_database,
    tail,
    workdir,
)
from sihub.events.tests.conftest import make_event

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PEOPLE = 60
PLACES = 10
LOCKED = "sihub.events.tests.concurrency_wsgi:application"
UNLOCKED = "sihub.events.tests.unlocked_wsgi:application"


def _form(n: int, email: str | None = None) -> dict[str, str]:
    return {"name": f"Person {n}", "email": email or f"person{n}@example.org",
            "organisation": "Föreningen", "consent_registration": "on"}


def _register_path(event: EventPage) -> str:
    return f"/sv/events/{event.pk}/register/"


def _sign_up_storm(calendars: Any, wsgi: str) -> dict[str, Any]:
    """60 parallel sign-ups for 10 places, and 10 parallel sign-ups of one address."""
    storm = make_event(calendars, "Rusning", capacity=PLACES, english=False)
    twice = make_event(calendars, "Dubbelklick", capacity=PLACES, english=False)
    with workdir() as tmp, server_database(tmp) as database:
        with gunicorn(wsgi, database_url=database.url, workdir=tmp,
                      ready_path=_register_path(storm)) as (base, log):
            storm_statuses = post_forms_in_parallel(
                base, _register_path(storm), [_form(n) for n in range(PEOPLE)])
            twice_statuses = post_forms_in_parallel(
                base, _register_path(twice), [_form(n, "same@example.org") for n in range(10)])
        return {
            "storm": storm_statuses,
            "twice": twice_statuses,
            "storm_rows": database.registrations(storm.pk),
            "twice_rows": database.registrations(twice.pk),
            "log": tail(log, 200),
        }


@pytest.mark.usefixtures("_reference_data_back")
def test_sixty_parallel_sign_ups_for_ten_places_give_ten_places_and_a_clean_waiting_list(
        calendars):
    result = _sign_up_storm(calendars, LOCKED)
    assert result["storm"] == [302] * PEOPLE, result["log"]
    rows = result["storm_rows"]
    by_status = Counter(status for _id, _email, status, _at in rows)
    assert by_status == {"confirmed": PLACES, "waiting": PEOPLE - PLACES}
    assert len({email for _id, email, _status, _at in rows}) == PEOPLE
    # A clean line: places went to the first through the lock, and the order by
    # time of sign-up is the order of the rows (positions 1…50, none shared).
    confirmed = [at for _id, _email, status, at in rows if status == "confirmed"]
    waiting = [(at, pk) for pk, _email, status, at in rows if status == "waiting"]
    assert max(confirmed) <= min(at for at, _pk in waiting)
    assert sorted(waiting) == sorted(waiting, key=lambda row: row[1])
    assert len({at for at, _pk in waiting}) == len(waiting)
    # The same address ten times at once: one registration, the others told so.
    assert len(result["twice_rows"]) == 1
    assert sorted(result["twice"]) == [200] * 9 + [302], result["log"]
    assert "Traceback" not in result["log"]


@pytest.mark.usefixtures("_reference_data_back")
def test_the_control_without_the_lock_does_overbook(calendars):
    result = _sign_up_storm(calendars, UNLOCKED)
    confirmed = sum(1 for *_rest, status, _at in result["storm_rows"] if status == "confirmed")
    assert confirmed > PLACES, f"only {confirmed} confirmed without the lock\n{result['log']}"


@pytest.mark.skipif(connection.vendor == "sqlite", reason=(
    "threads in one process share SQLite's in-memory test database, whose table locks do "
    "not wait (and its append-only audit table cannot be flushed after a transactional "
    "test); the server test above covers the same person at once on SQLite"))
@pytest.mark.usefixtures("_reference_data_back")
def test_the_same_person_twice_at_once_gets_one_registration_in_process(calendars):
    event = make_event(calendars, "Parallellt", capacity=PLACES, english=False)
    barrier = threading.Barrier(4)
    outcomes: list[Any] = []

    def sign_up() -> None:
        try:
            barrier.wait(timeout=30)
            registration, created = services.registration_create(
                event=EventPage.objects.get(pk=event.pk), name="Ada", email="ada@example.org",
                consents={ConsentKind.REGISTRATION: True})
            outcomes.append((registration.pk, created))
        except Exception as exc:  # noqa: BLE001 - asserted below
            outcomes.append(type(exc).__name__)
        finally:
            connection.close()

    threads = [threading.Thread(target=sign_up) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    [row] = Registration.objects.filter(event=event)
    assert row.status == RegistrationStatus.CONFIRMED
    assert sorted(outcomes, key=str) == sorted([(row.pk, True)] + [(row.pk, False)] * 3, key=str)
