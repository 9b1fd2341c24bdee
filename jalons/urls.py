from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Jalons — administration"
admin.site.site_title = "Jalons"

urlpatterns = [
    path("", include("jalons.core.urls")),
    path("", include("jalons.accounts.urls")),
    path("chantiers/", include("jalons.strategy.urls")),
    path("regions/", include("jalons.territories.urls")),
    path("conferences/", include("jalons.conferences.urls")),
    path("tableau-de-bord/", include("jalons.overview.urls")),
    path("", include("jalons.progress.urls")),
    path("admin/", admin.site.urls),
]
