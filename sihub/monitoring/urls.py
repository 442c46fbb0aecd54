"""Public pages of monitoring: the digest archive, its RSS feed, subscriptions."""

from __future__ import annotations

app_name = "monitoring"
urlpatterns: list = []
