from django.urls import path

from . import views

app_name = "territories"
urlpatterns = [
    path("", views.region_list, name="region_list"),
    path("<str:code>/", views.region_detail, name="region_detail"),
]
