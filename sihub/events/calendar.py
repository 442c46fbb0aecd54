"""Placeholder: the calendar's list and month views, filters and the event page context."""

from __future__ import annotations

from typing import Any


def calendar_context(index: Any, request: Any) -> dict[str, Any]:
    return {}


def event_context(event: Any, request: Any) -> dict[str, Any]:
    return {}
