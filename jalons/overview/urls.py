from django.urls import path

from . import views

app_name = "overview"
urlpatterns = [
    path("", views.national_dashboard, name="national_dashboard"),
    path("export/<slug:table>.<str:fmt>", views.dashboard_export, name="dashboard_export"),
]
