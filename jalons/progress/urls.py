from django.urls import path

from . import views

app_name = "progress"
urlpatterns = [
    path("regions/<str:code>/feuille-de-route/", views.roadmap, name="roadmap"),
    path("regions/<str:code>/feuille-de-route/creer/", views.roadmap_create, name="roadmap_create"),
    path("regions/<str:code>/feuille-de-route/<int:pk>/etape/", views.roadmap_transition, name="roadmap_transition"),
    path("regions/<str:code>/feuille-de-route/<int:pk>/ajouter/", views.action_create, name="action_create"),
    path("regions/<str:code>/feuille-de-route/<int:pk>/importer/", views.action_import, name="action_import"),
    path("regions/<str:code>/feuille-de-route/<int:pk>/export.<str:fmt>", views.action_export, name="action_export"),
    path("regions/<str:code>/feuille-de-route/modele.<str:fmt>", views.action_template, name="action_template"),
    path("regions/<str:code>/feuille-de-route/actions/<int:pk>/", views.action_edit, name="action_edit"),
    path(
        "regions/<str:code>/feuille-de-route/actions/<int:pk>/historique/",
        views.action_history,
        name="action_history",
    ),
    path("regions/<str:code>/points-d-etape/", views.checkpoint_list, name="checkpoint_list"),
    path("regions/<str:code>/points-d-etape/nouveau/", views.checkpoint_edit, name="checkpoint_create"),
    path("regions/<str:code>/points-d-etape/<int:pk>/", views.checkpoint_edit, name="checkpoint_edit"),
    path("regions/<str:code>/forces-et-contraintes/", views.region_constraints, name="region_constraints"),
    path(
        "regions/<str:code>/forces-et-contraintes/<int:pk>/remonter/",
        views.constraint_escalate,
        name="constraint_escalate",
    ),
    path("points-d-etape/campagnes/", views.campaign_list, name="campaign_list"),
    path("points-d-etape/campagnes/<int:pk>/", views.campaign_action, name="campaign_action"),
    path("contraintes/", views.constraint_board, name="constraint_board"),
    path("contraintes/regrouper/", views.constraint_group, name="constraint_group"),
    path("contraintes/regroupements/<int:pk>/", views.constraint_topic, name="constraint_topic"),
    path("contraintes/<int:pk>/repondre/", views.constraint_answer, name="constraint_answer"),
    path("indicateurs/", views.indicator_list, name="indicator_list"),
    path("indicateurs/nouveau/", views.indicator_create, name="indicator_create"),
    path("indicateurs/importer/", views.indicator_import, name="indicator_import"),
    path("indicateurs/export.<str:fmt>", views.indicator_export, name="indicator_export"),
    path("indicateurs/<slug:code>/", views.indicator_detail, name="indicator_detail"),
    path("indicateurs/<slug:code>/ajouter/", views.indicator_value_create, name="indicator_value_create"),
]
