from django.urls import path

from sihub.core import views

app_name = "core"
urlpatterns = [
    path("regions/", views.region_index, name="regions"),
]
