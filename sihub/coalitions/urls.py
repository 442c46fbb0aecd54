"""Coalitions: the public pages, the members' workspace, invitations.

Every view fetches its coalition with ``selectors.get_coalition_for_user``
(404 when the user may not know it, 403 when the access asked is too much).
"""

from __future__ import annotations

from django.urls import path

from sihub.coalitions import suggest_views, views, work_views

app_name = "coalitions"

urlpatterns = [
    # The coalition, its phases and members (views.py)
    path("", views.index, name="index"),
    path("new/", views.create, name="create"),
    path("invitation/<str:token>/", views.invitation, name="invitation"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/workspace/", views.workspace, name="workspace"),
    path("<int:pk>/phase/", views.phase, name="phase"),
    path("<int:pk>/members/", views.members, name="members"),
    # The shared work (work_views.py)
    path("<int:pk>/commitments/", work_views.commitments, name="commitments"),
    path("<int:pk>/meetings/", work_views.meetings, name="meetings"),
    path("<int:pk>/meetings/<int:meeting_pk>/", work_views.meeting, name="meeting"),
    path("<int:pk>/documents/<int:document_id>/", work_views.document, name="document"),
    path("<int:pk>/decisions/", work_views.decisions, name="decisions"),
    path("<int:pk>/theory-of-change/", work_views.toc, name="toc"),
    path("<int:pk>/initiatives/", work_views.initiatives, name="initiatives"),
    path("<int:pk>/export.<str:fmt>", work_views.export, name="export"),
    # Who else should join (suggest_views.py)
    path("<int:pk>/suggestions/", suggest_views.suggestions, name="suggestions"),
]
