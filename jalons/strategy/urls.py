from django.urls import path

from . import views

app_name = "strategy"
urlpatterns = [
    path("", views.workstream_list, name="workstream_list"),
    path("<int:number>/", views.workstream_detail, name="workstream_detail"),
]
