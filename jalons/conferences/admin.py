from django.contrib import admin
from django.db import models

from .models import (
    AgendaItem,
    Conference,
    ConferenceCycle,
    ConferenceDocument,
    InvitationRun,
    Objective,
    Registration,
    Workshop,
)


class ObjectiveInline(admin.TabularInline):
    model = Objective
    extra = 0


@admin.register(ConferenceCycle)
class ConferenceCycleAdmin(admin.ModelAdmin):
    list_display = ["name", "strategy", "starts_on", "ends_on"]
    inlines = [ObjectiveInline]


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    extra = 0


class WorkshopInline(admin.TabularInline):
    model = Workshop
    extra = 0


class DocumentInline(admin.TabularInline):
    model = ConferenceDocument
    extra = 0
    fields = ["kind", "title", "file"]


@admin.register(Conference)
class ConferenceAdmin(admin.ModelAdmin):
    list_display = ["region", "city", "date", "cycle", "status", "capacity"]
    list_filter = ["cycle", "status", "region"]
    search_fields = ["city", "region__name"]
    list_select_related = ["region", "cycle"]
    inlines = [AgendaItemInline, WorkshopInline, DocumentInline]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    """Read-mostly: places change through the services (locks, waiting lists, e-mails), not here."""

    list_display = ["user", "conference", "status", "position", "workshop", "workshop_status", "checked_in_at"]
    list_filter = ["status", "conference__cycle", "conference__region"]
    search_fields = ["user__last_name", "user__first_name", "user__email"]
    list_select_related = ["user", "conference__region", "workshop"]
    raw_id_fields = ["user", "registered_by", "checked_in_by", "workshop"]
    readonly_fields = ["status", "position", "workshop_status", "workshop_position", "token", "created_at"]


@admin.register(InvitationRun)
class InvitationRunAdmin(admin.ModelAdmin):
    list_display = ["conference", "kind", "status", "done", "total", "created_at"]
    list_select_related = ["conference__region"]
    list_filter = ["kind", "status"]
