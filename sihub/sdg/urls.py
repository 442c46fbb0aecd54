from django.urls import path

from sihub.sdg import views

app_name = "sdg"
urlpatterns = [
    path("", views.goal_index, name="index"),
    path("<int:number>/", views.goal_detail, name="goal"),
    # Members' forms ask here for goals that fit their text (POST, logged in).
    path("suggest/", views.suggest, name="suggest"),
]
