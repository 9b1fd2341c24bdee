from django.contrib import admin

from .models import Adoption, GoodPractice, PracticeVersion


class AdoptionInline(admin.TabularInline):
    model = Adoption
    extra = 0
    raw_id_fields = ["organisation", "recorded_by"]


@admin.register(GoodPractice)
class GoodPracticeAdmin(admin.ModelAdmin):
    list_display = ["title", "region", "status", "published_at", "author"]
    list_filter = ["status", "region", "target_public", "actor_category"]
    search_fields = ["title", "summary", "tags"]
    raw_id_fields = ["author", "moderated_by", "lead_organisation"]
    filter_horizontal = ["workstreams"]
    readonly_fields = ["created_at", "updated_at", "keywords"]
    inlines = [AdoptionInline]


@admin.register(PracticeVersion)
class PracticeVersionAdmin(admin.ModelAdmin):
    list_display = ["practice", "number", "saved_by", "saved_at"]
    raw_id_fields = ["practice", "saved_by"]
    readonly_fields = ["data"]


@admin.register(Adoption)
class AdoptionAdmin(admin.ModelAdmin):
    list_display = ["practice", "organisation", "status", "updated_at"]
    list_filter = ["status"]
    raw_id_fields = ["practice", "organisation", "recorded_by"]
