from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("connexion/", views.login_view, name="login"),
    path("deconnexion/", views.logout_view, name="logout"),
    path("mon-compte/", views.my_account, name="my_account"),
    path("invitation/<str:token>/", views.accept_invitation, name="accept_invitation"),
]
