from django.contrib import admin

from .models import Membership, Strategy, WorkingGroup, Workstream


class WorkstreamInline(admin.TabularInline):
    model = Workstream
    extra = 0


@admin.register(Strategy)
class StrategyAdmin(admin.ModelAdmin):
    list_display = ["name", "announced_on"]
    inlines = [WorkstreamInline]


@admin.register(Workstream)
class WorkstreamAdmin(admin.ModelAdmin):
    list_display = ["number", "title", "strategy"]
    list_filter = ["strategy"]
    search_fields = ["title"]


@admin.register(WorkingGroup)
class WorkingGroupAdmin(admin.ModelAdmin):
    list_display = ["workstream", "region"]
    list_filter = ["region", "workstream"]
    search_fields = ["workstream__title", "region__name"]
    list_select_related = ["workstream", "region"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "group", "role", "status", "created_at"]
    list_filter = ["role", "status", "group__region", "group__workstream"]
    search_fields = ["user__last_name", "user__email"]
    raw_id_fields = ["user", "group"]
    list_select_related = ["user", "group__workstream", "group__region"]
