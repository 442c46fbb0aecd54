from django.urls import path

from sihub.sdg import views

app_name = "sdg"
urlpatterns = [
    path("", views.goal_index, name="index"),
    path("<int:number>/", views.goal_detail, name="goal"),
]
