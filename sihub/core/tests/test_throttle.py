"""The cache counter behind the public forms' limits."""

from __future__ import annotations

from django.test import RequestFactory

from sihub.core.throttle import client_within_limit, within_limit


def test_it_allows_exactly_the_limit_then_refuses():
    assert [within_limit("t:key", limit=3, window_seconds=60) for _ in range(5)] == [
        True, True, True, False, False]


def test_keys_and_client_addresses_are_counted_apart():
    assert within_limit("t:a", limit=1, window_seconds=60)
    assert within_limit("t:b", limit=1, window_seconds=60)
    first = RequestFactory().post("/", REMOTE_ADDR="192.0.2.1")
    second = RequestFactory().post("/", REMOTE_ADDR="192.0.2.2")
    assert client_within_limit(first, "t:form", limit=1)
    assert not client_within_limit(first, "t:form", limit=1)
    assert client_within_limit(second, "t:form", limit=1)
