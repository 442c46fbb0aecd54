"""Surveys: answering (public link, invitation, resume), managing rounds, results, exports.

The report pages are Wagtail pages (``models.MonitorReportPage``); the API is
in ``api.py``. Every management URL checks its right in ``selectors``.
"""

from __future__ import annotations

from django.urls import path

from sihub.surveys import views_export, views_manage, views_respond, views_results

app_name = "surveys"

urlpatterns = [
    # Answering (views_respond.py)
    path("", views_respond.index, name="index"),
    path("s/<str:key>/", views_respond.start, name="start"),
    path("i/<str:token>/", views_respond.invitation, name="invitation"),
    path("r/<str:token>/", views_respond.answer, name="answer"),
    path("r/<str:token>/<int:step>/", views_respond.answer, name="answer_step"),
    path("r/<str:token>/review/", views_respond.review, name="review"),
    path("thanks/<slug:slug>/", views_respond.thanks, name="thanks"),
    # Managing questionnaires, rounds and invitations (views_manage.py)
    path("manage/", views_manage.dashboard, name="manage"),
    path("manage/questionnaires/<int:pk>/", views_manage.questionnaire, name="questionnaire"),
    path("manage/questionnaires/<int:pk>/publish/", views_manage.questionnaire_publish,
         name="questionnaire_publish"),
    path("manage/questionnaires/<int:pk>/new-version/", views_manage.questionnaire_new_version,
         name="questionnaire_new_version"),
    path("manage/rounds/new/", views_manage.round_new, name="round_new"),
    path("manage/rounds/<int:pk>/", views_manage.round_overview, name="round"),
    path("manage/rounds/<int:pk>/edit/", views_manage.round_edit, name="round_edit"),
    path("manage/rounds/<int:pk>/status/", views_manage.round_status, name="round_status"),
    path("manage/rounds/<int:pk>/invitations/", views_manage.invitations, name="invitations"),
    # Results (views_results.py)
    path("manage/rounds/<int:pk>/results/", views_results.results, name="results"),
    path("manage/rounds/<int:pk>/crosstab/", views_results.crosstab, name="crosstab"),
    path("manage/rounds/<int:pk>/free-text/", views_results.free_text, name="free_text"),
    path("manage/rounds/<int:pk>/responses/", views_results.responses, name="responses"),
    path("manage/rounds/<int:pk>/responses/<int:response_id>/", views_results.response,
         name="response"),
    path("manage/compare/", views_results.compare, name="compare"),
    # Anonymised data and codebook (views_export.py)
    path("manage/rounds/<int:pk>/export.<str:fmt>", views_export.export, name="export"),
    path("manage/rounds/<int:pk>/codebook.<str:fmt>", views_export.codebook, name="codebook"),
]
