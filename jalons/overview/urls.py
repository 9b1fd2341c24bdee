from django.urls import path

from . import press_views, report_views, views

app_name = "overview"
urlpatterns = [
    path("tableau-de-bord/", views.national_dashboard, name="national_dashboard"),
    path("tableau-de-bord/export/<slug:table>.<str:fmt>", views.dashboard_export, name="dashboard_export"),
    path("tableau-de-bord/rapports/", report_views.report_create, name="report_create"),
    path("tableau-de-bord/rapports/<int:pk>/", report_views.report_detail, name="report_detail"),
    path("tableau-de-bord/rapports/<int:pk>/telecharger/", report_views.report_download, name="report_download"),
    path("presse/", press_views.press_release_list, name="press_release_list"),
    path("presse/brouillon/", press_views.press_release_draft, name="press_release_draft"),
    path("presse/<int:pk>/", press_views.press_release_detail, name="press_release_detail"),
    path("presse/<int:pk>/modifier/", press_views.press_release_edit, name="press_release_edit"),
    path("presse/<int:pk>/communique.md", press_views.press_release_markdown, name="press_release_markdown"),
    path("presse/<int:pk>/communique.pdf", press_views.press_release_pdf, name="press_release_pdf"),
]
