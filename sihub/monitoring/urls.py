"""Public pages of monitoring: the digest archive, its RSS feed, subscriptions.

Included at /<lang>/digest/ (sihub/urls.py).
"""

from __future__ import annotations

from django.urls import path

from sihub.monitoring import views

app_name = "monitoring"
urlpatterns = [
    path("", views.archive, name="archive"),
    path("feed.xml", views.digest_feed, name="feed"),
    path("<int:pk>/", views.detail, name="detail"),
    path("subscribe/", views.subscribe, name="subscribe"),
    path("subscribe/sent/", views.subscribe_sent, name="subscribe_sent"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
