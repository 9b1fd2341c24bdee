from django.urls import path

from . import views

app_name = "practices"
urlpatterns = [
    path("<int:pk>/pieces-jointes/", views.attachment_add, name="attachment_add"),
    path("pieces-jointes/<int:pk>/", views.attachment_download, name="attachment_download"),
    path("pieces-jointes/<int:pk>/retirer/", views.attachment_delete, name="attachment_delete"),
    path("", views.practice_list, name="practice_list"),
    path("proposer/", views.practice_create, name="practice_create"),
    path("mes-bonnes-pratiques/", views.my_practices, name="my_practices"),
    path("moderation/", views.moderation_queue, name="moderation_queue"),
    path("les-plus-essaimees/", views.most_spread, name="most_spread"),
    path("<int:pk>/", views.practice_detail, name="practice_detail"),
    path("<int:pk>/modifier/", views.practice_edit, name="practice_edit"),
    path("<int:pk>/moderer/", views.practice_moderate, name="practice_moderate"),
    path("<int:pk>/essaimage/", views.practice_adopt, name="practice_adopt"),
]
