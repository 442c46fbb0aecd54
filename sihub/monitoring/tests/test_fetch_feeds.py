"""`manage.py fetch_feeds` and the background tasks."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from sihub.monitoring.models import Item, Source
from sihub.monitoring.tasks import fetch_all_sources, fetch_source
from sihub.monitoring.tests.servers import LocalServer, respond
from sihub.monitoring.tests.test_ingest import entry, json_feed

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("private_feeds")]


@pytest.fixture
def private_feeds(settings):
    settings.SIHUB_FEEDS_ALLOW_PRIVATE_NETWORKS = True


@pytest.fixture
def sources(server: LocalServer) -> list[Source]:
    server.routes["/a"] = lambda h: respond(h, 200, json_feed([entry(1), entry(2)]),
                                            content_type="application/feed+json")
    server.routes["/b"] = lambda h: respond(h, 200, json_feed([entry(3)]),
                                            content_type="application/feed+json")
    return [
        Source.objects.create(name="A", url=server.url("/a")),
        Source.objects.create(name="B", url=server.url("/b")),
        Source.objects.create(name="Broken", url=server.url("/missing")),
        Source.objects.create(name="Paused", url=server.url("/paused"), active=False),
    ]


def run(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("fetch_feeds", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_it_fetches_active_sources_with_progress_and_a_summary(sources, server) -> None:
    out, err = run()
    assert "3 new, 0 updated, 0 unchanged items; 1 sources failed" in out
    assert "feeds [" in err and "3/3 100%" in err
    assert "Broken (#" in err and "404" in err
    assert "/paused" not in server.paths
    assert Item.objects.count() == 3


def test_it_fetches_one_source_by_id(sources) -> None:
    out, _err = run("--source", str(sources[1].pk))
    assert "Fetched 1 sources" in out and "1 new" in out
    assert list(Item.objects.values_list("guid", flat=True)) == ["item-3"]


def test_it_refuses_an_unknown_source() -> None:
    with pytest.raises(CommandError, match="No feed source with id 999"):
        run("--source", "999")


def test_the_task_fetches_one_source_and_skips_inactive_ones(sources) -> None:
    result = fetch_source.enqueue(sources[0].pk)
    assert result.return_value == {"new": 2, "updated": 0, "unchanged": 0, "errors": 0}
    assert fetch_source.enqueue(sources[3].pk).return_value is None


def test_fetch_all_enqueues_one_fetch_per_active_source(
        sources, server, django_capture_on_commit_callbacks) -> None:
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        assert fetch_all_sources.enqueue().return_value == 3
    assert len(callbacks) == 3
    assert Item.objects.count() == 3
    assert sorted(p for p in server.paths) == ["/a", "/b", "/missing"]
