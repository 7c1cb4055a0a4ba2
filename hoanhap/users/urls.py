from django.urls import path

from . import views

app_name = "users"

urlpatterns = [
    path("users/", views.user_list, name="user-list"),
    path("users/export/", views.user_export, name="user-export"),
    path("users/new/", views.user_create, name="user-create"),
    path("users/grants/", views.grant_list, name="grant-list"),
    path("users/grants/<int:role_grant_id>/approve/", views.grant_approve, name="grant-approve"),
    path("users/grants/<int:role_grant_id>/refuse/", views.grant_refuse, name="grant-refuse"),
    path("users/grants/<int:role_grant_id>/withdraw/", views.grant_withdraw, name="grant-withdraw"),
    path("users/roles/<int:role_membership_id>/revoke/", views.role_revoke, name="role-revoke"),
    path("users/<int:account_id>/", views.user_detail, name="user-detail"),
    path("users/<int:account_id>/roles/new/", views.role_propose, name="role-propose"),
    path("users/<int:account_id>/lock/", views.user_lock, name="user-lock"),
    path("users/<int:account_id>/unlock/", views.user_unlock, name="user-unlock"),
    path("users/<int:account_id>/password/", views.password_reset, name="password-reset"),
    path("users/<int:account_id>/two-factor/", views.two_factor_reset, name="two-factor-reset"),
]
