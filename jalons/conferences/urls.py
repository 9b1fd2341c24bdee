from django.urls import path

from . import views

app_name = "conferences"
urlpatterns = [
    path("", views.conference_list, name="conference_list"),
    path("calendrier.ics", views.calendar_feed, name="calendar_feed"),
    path("inscriptions.csv", views.all_registrations_csv, name="all_registrations_csv"),
    path("nouvelle/", views.conference_create, name="conference_create"),
    path("cycles/nouveau/", views.cycle_create, name="cycle_create"),
    path("<int:pk>/", views.conference_detail, name="conference_detail"),
    path("<int:pk>/calendrier.ics", views.conference_calendar, name="conference_calendar"),
    path("<int:pk>/modifier/", views.conference_edit, name="conference_edit"),
    path("<int:pk>/programme/", views.conference_program, name="conference_program"),
    path("<int:pk>/inscription/", views.register_view, name="register"),
    path("<int:pk>/mon-inscription/", views.my_registration, name="my_registration"),
    path("<int:pk>/mon-inscription/annuler/", views.cancel_view, name="cancel"),
    path("<int:pk>/attestation.pdf", views.certificate, name="certificate"),
    path("<int:pk>/invitations/", views.invitations_view, name="invitations"),
    path("<int:pk>/invitations/<int:run_pk>/", views.invitation_progress, name="invitation_progress"),
    path("<int:pk>/emargement/", views.check_in, name="check_in"),
    path("<int:pk>/apres/", views.after_view, name="after"),
    path("<int:pk>/documents/<int:document_pk>/", views.document_download, name="document_download"),
    path("<int:pk>/participants.csv", views.attendance_csv, name="attendance_csv"),
    path("<int:pk>/participants.xlsx", views.attendance_xlsx, name="attendance_xlsx"),
    path("<int:pk>/participants.pdf", views.attendance_pdf, name="attendance_pdf"),
]
