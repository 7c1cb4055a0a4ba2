"""Accounts in the administration site: read-only, for reference.

Accounts, roles, locks and two-factor devices are managed in the application
(`accounts.users`, /accounts/users/): there every change is an audited service, and a role that
sees residents takes two people. The administration site shows users, their roles, their
two-factor devices and the locked usernames, and changes none of them — for anyone, superusers
included — so no path here lets one administrator give a role alone. It keeps the reference data
(facilities, zones, rooms, departments…).
"""

from axes.admin import AccessAttemptAdmin
from axes.models import AccessAttempt
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.models import Group
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.admin import TOTPDeviceAdmin
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import admin_facilities  # noqa: F401  (facilities, zones and rooms)
from .admin_site import AdministeredModelAdmin, administered_facility_ids, may_administer
from .models import Membership, User

# Replaced below by admins that check the role. Roles are memberships, not Django groups.
for model in (TOTPDevice, AccessAttempt, Group):
    if admin.site.is_registered(model):
        admin.site.unregister(model)


def users_administered_by(request: HttpRequest) -> QuerySet[User]:
    """Users with a membership in a facility the administrator administers, and new users who
    have none yet. Superusers are managed only by superusers."""
    facility_ids = administered_facility_ids(request)
    if facility_ids is None:
        return User.objects.all()
    return User.objects.filter(
        Q(memberships__facility_id__in=facility_ids) | Q(memberships__isnull=True), is_superuser=False
    ).distinct()


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    fields = ("facility", "role", "is_active", "created_at")
    readonly_fields = fields
    can_delete = False

    def has_view_permission(self, request: HttpRequest, obj: User | None = None) -> bool:
        return may_administer(request)

    # Roles are granted in the application, where a role that sees residents takes two people.
    def has_add_permission(self, request: HttpRequest, obj: User | None = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: User | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: User | None = None) -> bool:
        return False

    def get_queryset(self, request: HttpRequest) -> QuerySet[Membership]:
        queryset = super().get_queryset(request).select_related("facility")
        facility_ids = administered_facility_ids(request)
        return queryset if facility_ids is None else queryset.filter(facility_id__in=facility_ids)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):  # type: ignore[no-untyped-def]
        facility_ids = administered_facility_ids(request)
        if db_field.name == "facility" and facility_ids is not None:
            kwargs["queryset"] = db_field.related_model.objects.filter(pk__in=facility_ids)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class ReadOnly:
    """Viewed here, changed in the application (where it is audited)."""

    def has_add_permission(self, request: HttpRequest, *args: object) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(User)
class UserAdmin(ReadOnly, AdministeredModelAdmin, DjangoUserAdmin):
    facility_field = None
    inlines = [MembershipInline]
    list_display = ("username", "full_name", "email", "is_active", "last_login")
    list_filter = ("is_active", "memberships__role")
    search_fields = ("username", "full_name", "email")
    ordering = ("username",)
    readonly_fields = ("last_login", "date_joined")
    fieldsets = (
        (None, {"fields": ("username",)}),
        (_("Personal info"), {"fields": ("full_name", "email", "phone")}),
        (_("Status"), {"fields": ("is_active", "last_login", "date_joined")}),
    )
    superuser_fieldsets = (
        *fieldsets,
        (_("Django permissions"), {"fields": ("is_staff", "is_superuser", "groups", "user_permissions")}),
    )

    def get_fieldsets(self, request: HttpRequest, obj: User | None = None):  # type: ignore[no-untyped-def]
        return self.superuser_fieldsets if request.user.is_superuser else self.fieldsets

    def get_queryset(self, request: HttpRequest) -> QuerySet[User]:
        return users_administered_by(request)


@admin.register(TOTPDevice)
class TwoFactorDeviceAdmin(ReadOnly, AdministeredModelAdmin, TOTPDeviceAdmin):
    """Administrators see who has two-factor sign-in; they never add one, nor see a key (each
    user enrols their own device), and remove a lost phone's device in the application
    ("Reset two-factor sign-in", audited)."""

    facility_field = None

    def get_queryset(self, request: HttpRequest) -> QuerySet[TOTPDevice]:
        return super().get_queryset(request).filter(user__in=users_administered_by(request))


@admin.register(AccessAttempt)
class LockoutAdmin(ReadOnly, AdministeredModelAdmin, AccessAttemptAdmin):
    """Locked usernames; an account is unlocked in the application ("Unlock", audited)."""

    facility_field = None

    def get_queryset(self, request: HttpRequest) -> QuerySet[AccessAttempt]:
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return queryset.filter(username__in=users_administered_by(request).values("username"))
