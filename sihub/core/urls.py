from django.contrib.auth import views as auth_views
from django.urls import path

from sihub.core import views

app_name = "core"
urlpatterns = [
    path("regions/", views.region_index, name="regions"),
    path("accounts/login/", auth_views.LoginView.as_view(redirect_authenticated_user=True),
         name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
]
