from django.urls import path

from . import views

app_name = "workspace"
urlpatterns = [
    path("", views.group_list, name="group_list"),
    path("region/<str:code>/", views.region_groups, name="region_groups"),
    path("<int:pk>/", views.group_detail, name="group_detail"),
    path("<int:pk>/rejoindre/", views.ask_to_join, name="ask_to_join"),
    path("<int:pk>/quitter/", views.leave_group, name="leave_group"),
    path("<int:pk>/modifier/", views.group_edit, name="group_edit"),
    path("membres/<int:pk>/retirer/", views.remove_member, name="remove_member"),
    path("<int:pk>/inviter/", views.invite, name="invite"),
    path("<int:pk>/membres/", views.member_directory, name="member_directory"),
    path("<int:pk>/membres/ajouter/", views.add_managed_member, name="add_managed_member"),
    path("demandes/<int:pk>/accepter/", views.accept_request, name="accept_request"),
    path("demandes/<int:pk>/refuser/", views.decline_request, name="decline_request"),
    path("<int:pk>/discussions/", views.thread_list, name="thread_list"),
    path("<int:pk>/discussions/nouvelle/", views.thread_create, name="thread_create"),
    path("discussions/<int:pk>/", views.thread_detail, name="thread_detail"),
    path("messages/<int:pk>/modifier/", views.message_edit, name="message_edit"),
    path("messages/<int:pk>/supprimer/", views.message_delete, name="message_delete"),
    path("messages/<int:pk>/masquer/", views.message_hide, name="message_hide"),
    path("messages/<int:pk>/signaler/", views.message_report, name="message_report"),
    path("<int:pk>/documents/", views.document_list, name="document_list"),
    path("<int:pk>/documents/deposer/", views.document_create, name="document_create"),
    path("documents/<int:pk>/", views.document_detail, name="document_detail"),
    path("documents/versions/<int:pk>/telecharger/", views.download_version, name="download_version"),
    path("<int:pk>/comptes-rendus/", views.note_list, name="note_list"),
    path("<int:pk>/comptes-rendus/nouveau/", views.note_create, name="note_create"),
    path("comptes-rendus/<int:pk>/", views.note_detail, name="note_detail"),
    path("comptes-rendus/<int:pk>/modifier/", views.note_edit, name="note_edit"),
]
