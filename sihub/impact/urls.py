"""Initiatives: public summaries, the team's workspace, the portfolio.

Every view fetches its initiative with ``selectors.get_initiative_for_user``
(404 when the user may not read it, 403 when they may read but not change).
Each part of the workspace lives in its own view module.
"""

from __future__ import annotations

from django.urls import path

from sihub.impact import (
    assessment_views,
    indicator_views,
    portfolio_views,
    sroi_views,
    toc_views,
    views,
)

app_name = "impact"

urlpatterns = [
    # Initiatives and their teams (views.py)
    path("", views.index, name="index"),
    path("new/", views.create, name="create"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/team/", views.team, name="team"),
    path("<int:pk>/stakeholders/", views.stakeholders, name="stakeholders"),
    # Theory of change (toc_views.py)
    path("<int:pk>/theory-of-change/", toc_views.toc, name="toc"),
    path("<int:pk>/theory-of-change/print/", toc_views.toc_print, name="toc_print"),
    # Indicators and measurements (indicator_views.py)
    path("<int:pk>/indicators/", indicator_views.indicators, name="indicators"),
    path("<int:pk>/indicators/<int:indicator_pk>/", indicator_views.indicator,
         name="indicator"),
    path("<int:pk>/indicators/import/", indicator_views.measurements_import,
         name="measurements_import"),
    # Value map and SROI (sroi_views.py)
    path("<int:pk>/value-map/", sroi_views.value_map, name="value_map"),
    path("<int:pk>/value-map/export.xlsx", sroi_views.value_map_export, name="value_map_export"),
    path("<int:pk>/value-map/import/", sroi_views.value_map_import, name="value_map_import"),
    path("<int:pk>/sroi/", sroi_views.sroi, name="sroi"),
    path("proxies/", sroi_views.proxies, name="proxies"),
    # Self-assessment and the report (assessment_views.py)
    path("<int:pk>/self-assessment/", assessment_views.assessment, name="assessment"),
    path("<int:pk>/report/", assessment_views.report, name="report"),
    # Across initiatives (portfolio_views.py)
    path("portfolio/", portfolio_views.portfolio, name="portfolio"),
]
