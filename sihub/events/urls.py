"""Events: calendar feeds, registration, organisers' pages, matchmaking, feedback.

The calendar and event pages themselves are Wagtail pages (models.py,
calendar.py); these are the operational pages around them, all keyed by the
event's canonical page id (``EventPage.canonical``).
"""

from __future__ import annotations

from django.urls import path

from sihub.events import (
    views_calendar,
    views_feedback,
    views_matchmaking,
    views_organiser,
    views_privacy,
    views_registration,
)

app_name = "events"

urlpatterns = [
    # Calendar feeds (views_calendar.py)
    path("calendar.ics", views_calendar.calendar_ics, name="calendar_ics"),
    path("<int:event_id>/event.ics", views_calendar.event_ics, name="event_ics"),
    # Signing up and one's own registrations (views_registration.py)
    path("<int:event_id>/register/", views_registration.register, name="register"),
    path("registration/<str:token>/", views_registration.registration, name="registration"),
    path("registration/<str:token>/cancel/", views_registration.cancel, name="cancel"),
    path("mine/", views_registration.mine, name="mine"),
    # A person's data across events, by a link sent to their address (views_privacy.py)
    path("my-data/", views_privacy.my_data_request, name="my_data_request"),
    path("my-data/<str:token>/", views_privacy.my_data, name="my_data"),
    # Organisers (views_organiser.py)
    path("<int:event_id>/participants/", views_organiser.participants, name="participants"),
    path("<int:event_id>/participants/<int:registration_id>/check-in/",
         views_organiser.check_in, name="check_in"),
    path("<int:event_id>/participants/export.<str:fmt>", views_organiser.participants_export,
         name="participants_export"),
    path("<int:event_id>/messages/", views_organiser.messages, name="messages"),
    path("<int:event_id>/statistics/", views_organiser.statistics, name="statistics"),
    # After the event (views_feedback.py)
    path("registration/<str:token>/feedback/", views_feedback.feedback, name="feedback"),
    path("<int:event_id>/feedback/", views_feedback.feedback_results, name="feedback_results"),
    path("<int:event_id>/outcomes/", views_feedback.outcomes, name="outcomes"),
    # Matchmaking (views_matchmaking.py)
    path("matchmaking/profile/", views_matchmaking.profile, name="match_profile"),
    path("<int:event_id>/matchmaking/", views_matchmaking.matchmaking, name="matchmaking"),
    path("<int:event_id>/matchmaking/meetings/<int:meeting_id>/",
         views_matchmaking.meeting_answer, name="meeting_answer"),
    path("<int:event_id>/matchmaking/schedule.ics", views_matchmaking.schedule_ics,
         name="match_schedule_ics"),
    path("<int:event_id>/matchmaking/grid/", views_matchmaking.grid, name="match_grid"),
    path("<int:event_id>/matchmaking/slots/", views_matchmaking.slots, name="match_slots"),
    path("<int:event_id>/matchmaking/run/", views_matchmaking.run, name="match_run"),
]
