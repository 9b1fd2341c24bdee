from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import ActorCategory, Invitation, Organisation, RegionRole, User


@admin.register(ActorCategory)
class ActorCategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "order"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "category", "region", "department"]
    list_filter = ["category", "region"]
    search_fields = ["name"]
    autocomplete_fields = ["department"]
    list_select_related = ["category", "region", "department"]


class RegionRoleInline(admin.TabularInline):
    model = RegionRole
    extra = 0


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["last_name", "first_name"]
    list_display = ["last_name", "first_name", "email", "category", "region", "is_national_coordinator", "is_staff"]
    list_filter = ["category", "region", "is_national_coordinator", "is_staff", "is_active", "is_demo"]
    search_fields = ["last_name", "first_name", "email", "organisation__name"]
    list_select_related = ["category", "region"]
    autocomplete_fields = ["organisation", "managed_by"]
    inlines = [RegionRoleInline]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Identité"), {"fields": ["first_name", "last_name", "phone", "organisation", "category", "region"]}),
        (_("Rôles"), {"fields": ["is_national_coordinator", "managed_by", "is_demo"]}),
        (_("Accès"), {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]}),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"fields": ["email", "first_name", "last_name", "category", "region", "password1", "password2"]}),
    ]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "group", "invited_by", "created_at", "expires_at", "accepted_at"]
    search_fields = ["email"]
    readonly_fields = ["token_hash", "accepted_at", "accepted_by"]
    raw_id_fields = ["invited_by", "group"]
