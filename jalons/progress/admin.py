from django.contrib import admin

from .models import (
    ActionChange,
    ActionMilestone,
    Checkpoint,
    Constraint,
    ConstraintTopic,
    Indicator,
    IndicatorValue,
    Roadmap,
    RoadmapAction,
    RoadmapTransition,
    Strength,
)


class RoadmapTransitionInline(admin.TabularInline):
    model = RoadmapTransition
    extra = 0
    readonly_fields = ["transition", "from_status", "to_status", "author", "comment", "created_at"]
    can_delete = False


@admin.register(Roadmap)
class RoadmapAdmin(admin.ModelAdmin):
    list_display = ["region", "period", "status", "updated_at"]
    list_filter = ["status", "period", "region"]
    list_select_related = ["region"]
    inlines = [RoadmapTransitionInline]


class ActionChangeInline(admin.TabularInline):
    model = ActionChange
    extra = 0
    readonly_fields = ["kind", "source", "author", "changes", "created_at"]
    can_delete = False


class ActionMilestoneInline(admin.TabularInline):
    model = ActionMilestone
    extra = 0


@admin.register(RoadmapAction)
class RoadmapActionAdmin(admin.ModelAdmin):
    list_display = ["title", "roadmap", "workstream", "status", "progress", "due_on"]
    list_filter = ["status", "roadmap__region", "workstream"]
    search_fields = ["title", "external_id", "owner", "lead_organisation"]
    list_select_related = ["roadmap__region", "workstream"]
    raw_id_fields = ["roadmap"]
    inlines = [ActionMilestoneInline, ActionChangeInline]


@admin.register(Checkpoint)
class CheckpointAdmin(admin.ModelAdmin):
    list_display = ["region", "workstream", "date", "status"]
    list_filter = ["status", "region", "workstream"]
    list_select_related = ["region", "workstream"]
    raw_id_fields = ["conference", "author"]


@admin.register(Strength)
class StrengthAdmin(admin.ModelAdmin):
    list_display = ["title", "region", "workstream", "created_at"]
    list_filter = ["region", "workstream"]
    list_select_related = ["region", "workstream"]
    raw_id_fields = ["checkpoint", "author"]


@admin.register(ConstraintTopic)
class ConstraintTopicAdmin(admin.ModelAdmin):
    list_display = ["title", "assignee", "created_at"]
    raw_id_fields = ["assignee"]


@admin.register(Constraint)
class ConstraintAdmin(admin.ModelAdmin):
    list_display = ["title", "region", "workstream", "level", "status", "lifted_at"]
    list_filter = ["level", "status", "region", "workstream"]
    search_fields = ["title"]
    list_select_related = ["region", "workstream"]
    raw_id_fields = ["checkpoint", "author", "assignee", "answered_by", "topic"]


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "unit", "workstream", "level"]
    search_fields = ["code", "name"]


@admin.register(IndicatorValue)
class IndicatorValueAdmin(admin.ModelAdmin):
    list_display = ["indicator", "maille", "zone_code", "date", "value", "target_value"]
    list_filter = ["indicator", "maille"]
    list_select_related = ["indicator"]
