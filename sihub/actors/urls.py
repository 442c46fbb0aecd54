"""Ecosystem URLs, under the language prefix: /sv/actors/…, /en/actors/…"""

from django.urls import path

from sihub.actors import exports, maps, member_views, network, views

app_name = "actors"
urlpatterns = [
    # Directory, profiles and "find support" (views.py)
    path("", views.directory, name="directory"),
    path("find-support/", views.find_support, name="find_support"),
    # Map (maps.py)
    path("map/", maps.map_page, name="map"),
    path("map/regions.json", maps.region_data, name="map_regions"),
    path("map/markers.geojson", maps.marker_data, name="map_markers"),
    # Network and analysis (network.py)
    path("network/", network.network_page, name="network"),
    path("network/graph.json", network.graph_data, name="network_data"),
    path("analysis/", network.analysis_page, name="analysis"),
    # Exports of the (filtered) directory (exports.py)
    path("export/actors.csv", exports.actors_csv, name="export_csv"),
    path("export/actors.xlsx", exports.actors_xlsx, name="export_xlsx"),
    path("export/actors.geojson", exports.actors_geojson, name="export_geojson"),
    path("export/ecosystem.graphml", exports.graph_graphml, name="export_graphml"),
    # Representatives: claim a profile, propose edits (member_views.py)
    path("<slug:slug>/claim/", member_views.claim, name="claim"),
    path("<slug:slug>/propose/", member_views.propose, name="propose"),
    path("<slug:slug>/", views.detail, name="detail"),
]
