"""Accounts in the administration site, for system administrators.

Users are never deleted (the audit trail names them): an account is closed by clearing
"active". Administrators do not hold Django permissions; AdministeredModelAdmin checks their
role, and limits them to the facilities they administer.
"""

from axes.admin import AccessAttemptAdmin
from axes.models import AccessAttempt
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
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


class UserCreationForm(AdminUserCreationForm):
    class Meta(AdminUserCreationForm.Meta):
        model = User
        fields = ("username", "full_name")


class UserEditForm(UserChangeForm):
    class Meta(UserChangeForm.Meta):
        model = User
        fields = "__all__"


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 1
    fields = ("facility", "role", "is_active", "created_at")
    readonly_fields = ("created_at",)
    # A role held once stays on record; it is ended by clearing "active".
    can_delete = False

    def _may_edit(self, request: HttpRequest, obj: User | None) -> bool:
        # Nobody grants roles to themselves: it takes a second administrator.
        return may_administer(request) and (request.user.is_superuser or obj != request.user)

    def has_view_permission(self, request: HttpRequest, obj: User | None = None) -> bool:
        return may_administer(request)

    def has_add_permission(self, request: HttpRequest, obj: User | None = None) -> bool:
        return self._may_edit(request, obj)

    def has_change_permission(self, request: HttpRequest, obj: User | None = None) -> bool:
        return self._may_edit(request, obj)

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


@admin.register(User)
class UserAdmin(AdministeredModelAdmin, DjangoUserAdmin):
    facility_field = None
    form = UserEditForm
    add_form = UserCreationForm
    inlines = [MembershipInline]
    list_display = ("username", "full_name", "email", "is_active", "last_login")
    list_filter = ("is_active", "memberships__role")
    search_fields = ("username", "full_name", "email")
    ordering = ("username",)
    readonly_fields = ("last_login", "date_joined")
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Personal info"), {"fields": ("full_name", "email", "phone")}),
        (_("Status"), {"fields": ("is_active", "last_login", "date_joined")}),
    )
    superuser_fieldsets = (
        *fieldsets,
        (_("Django permissions"), {"fields": ("is_staff", "is_superuser", "groups", "user_permissions")}),
    )
    add_fieldsets = (
        (
            None,
            {"classes": ("wide",), "fields": ("username", "full_name", "usable_password", "password1", "password2")},
        ),
    )

    def get_fieldsets(self, request: HttpRequest, obj: User | None = None):  # type: ignore[no-untyped-def]
        if obj is None:
            return self.add_fieldsets
        return self.superuser_fieldsets if request.user.is_superuser else self.fieldsets

    def get_queryset(self, request: HttpRequest) -> QuerySet[User]:
        return users_administered_by(request)


@admin.register(TOTPDevice)
class TwoFactorDeviceAdmin(AdministeredModelAdmin, TOTPDeviceAdmin):
    """Administrators see who has two-factor sign-in and remove a lost phone's device; they
    never add one, nor see a key: each user enrols their own device."""

    facility_field = None
    can_delete_rows = True

    def has_add_permission(self, request: HttpRequest, *args: object) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def get_queryset(self, request: HttpRequest) -> QuerySet[TOTPDevice]:
        return super().get_queryset(request).filter(user__in=users_administered_by(request))


@admin.register(AccessAttempt)
class LockoutAdmin(AdministeredModelAdmin, AccessAttemptAdmin):
    """Locked usernames; deleting the row unlocks the username."""

    facility_field = None
    can_delete_rows = True

    def has_add_permission(self, request: HttpRequest, *args: object) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def get_queryset(self, request: HttpRequest) -> QuerySet[AccessAttempt]:
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return queryset.filter(username__in=users_administered_by(request).values("username"))
