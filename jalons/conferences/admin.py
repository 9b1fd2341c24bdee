from django.contrib import admin

from .models import AgendaItem, Conference, ConferenceCycle, Objective


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


@admin.register(Conference)
class ConferenceAdmin(admin.ModelAdmin):
    list_display = ["region", "city", "date", "cycle", "status"]
    list_filter = ["cycle", "status", "region"]
    search_fields = ["city", "region__name"]
    list_select_related = ["region", "cycle"]
    inlines = [AgendaItemInline]
