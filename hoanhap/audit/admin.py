"""The audit trail names residents: auditors read it on their own page (audit:search),
administrators not at all, so django-auditlog's admin for it is removed."""

from auditlog import get_logentry_model
from django.contrib import admin

if admin.site.is_registered(get_logentry_model()):
    admin.site.unregister(get_logentry_model())
