from django.urls import path

from . import views

app_name = "notifications"
urlpatterns = [
    path("", views.notification_list, name="list"),
    path("tout-lu/", views.mark_all_read, name="mark_all_read"),
    path("<int:pk>/ouvrir/", views.open_notification, name="open"),
    path("preferences/", views.preferences, name="preferences"),
]
