"""Every URL of the project, in every role, from two facilities: nobody opens what their role
does not allow, and nobody reads another facility's record. One table says who opens each URL;
a new URL without its line in the table fails `test_every_url_has_its_rule`."""

import re
from datetime import date

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from hoanhap.accounts.models import ApiToken
from hoanhap.accounts.roles import Role, capabilities_of
from hoanhap.residents.models import ChecklistItem, CompletionCertificate, LegalEvent
from hoanhap.testing import make_episode, make_facility, make_resident, make_user, verified_client_for

from .route_rules import PUBLIC, SIGNED_IN, SUPERUSER, C, Rule, World, role_may_open
from .routes import AREA_RULES, area_parameters

ADMIN = Rule(C.MANAGE_USERS)

# URL pattern (as Django joins it) -> who opens it. Add a line here for every new URL.
RULES: dict[str, Rule] = {
    "": Rule(SIGNED_IN),
    "modules/<slug:slug>/": Rule(C.VIEW_RESIDENTS),  # slug: the residents module
    "facility/": Rule(SIGNED_IN, writes=True),
    "accounts/login/": Rule(PUBLIC),
    "accounts/logout/": Rule(PUBLIC),
    "accounts/language/": Rule(PUBLIC, writes=True),
    "accounts/password/": Rule(SIGNED_IN, writes=True),
    "accounts/two-factor/": Rule(SIGNED_IN),
    "accounts/two-factor/setup/": Rule(SIGNED_IN),
    "accounts/api-tokens/": Rule(SIGNED_IN, writes=True),
    "accounts/api-tokens/<int:token_id>/revoke/": Rule(SIGNED_IN, writes=True, may_be_missing=True),
    "residents/": Rule(C.VIEW_RESIDENTS),
    "residents/register/": Rule(C.MANAGE_RESIDENTS, writes=True),
    "residents/releases-due/": Rule(C.VIEW_RESIDENTS),
    "residents/overdue/": Rule(C.VIEW_RESIDENTS),
    "residents/absconded/": Rule(C.VIEW_RESIDENTS),
    "residents/grades/sheet/": Rule(C.MANAGE_RESIDENTS, writes=True),
    "residents/rooms/": Rule(C.VIEW_RESIDENTS),
    "residents/my-work/": Rule(C.VIEW_RESIDENTS),
    "residents/my-work/list/": Rule(C.VIEW_RESIDENTS, may_be_missing=True),  # without ?show=: 404
    "residents/<int:resident_id>/": Rule(C.VIEW_RESIDENTS, names_a_record=True),
    "residents/<int:resident_id>/edit/": Rule(C.MANAGE_RESIDENTS, names_a_record=True, writes=True),
    "residents/<int:resident_id>/photo/": Rule(C.VIEW_RESIDENTS, names_a_record=True, may_be_missing=True),
    "residents/<int:resident_id>/admit/": Rule(C.MANAGE_RESIDENTS, names_a_record=True, writes=True),
    "residents/<int:resident_id>/admit/rooms/": Rule(C.MANAGE_RESIDENTS, names_a_record=True),
    "residents/<int:resident_id>/admit/term/": Rule(C.MANAGE_RESIDENTS, names_a_record=True),
    "residents/<int:resident_id>/stage/": Rule(C.MANAGE_RESIDENTS, names_a_record=True, writes=True),
    "residents/<int:resident_id>/room/": Rule(C.MANAGE_RESIDENTS, names_a_record=True, writes=True),
    "residents/<int:resident_id>/checklist/<int:item_id>/": Rule(C.MANAGE_RESIDENTS, names_a_record=True, writes=True),
    "residents/<int:resident_id>/grades/": Rule(C.MANAGE_RESIDENTS, names_a_record=True, writes=True),
    "residents/<int:resident_id>/events/<slug:kind>/": Rule(C.MANAGE_RESIDENTS, names_a_record=True, writes=True),
    # No aftercare is open for the resident: the form answers 404 to who may open it.
    "residents/<int:resident_id>/aftercare/note/": Rule(
        C.MANAGE_RESIDENTS, names_a_record=True, writes=True, may_be_missing=True
    ),
    "residents/<int:resident_id>/aftercare/close/": Rule(
        C.MANAGE_RESIDENTS, names_a_record=True, writes=True, may_be_missing=True
    ),
    "residents/import/": Rule(C.MANAGE_RESIDENTS, writes=True),
    "residents/import/preview/": Rule(C.MANAGE_RESIDENTS, writes=True, may_be_missing=True),
    "residents/import/confirm/": Rule(C.MANAGE_RESIDENTS, writes=True, may_be_missing=True),
    "residents/import/cancel/": Rule(C.MANAGE_RESIDENTS, writes=True, may_be_missing=True),
    "residents/import/template.xlsx": Rule(C.MANAGE_RESIDENTS),
    "residents/export/": Rule(C.VIEW_REPORTS),
    "residents/<int:resident_id>/summary.pdf": Rule(C.VIEW_RESIDENTS, names_a_record=True),
    "residents/<int:resident_id>/certificates/<int:certificate_id>.pdf": Rule(C.MANAGE_RESIDENTS, names_a_record=True),
    "residents/<int:resident_id>/certificates/<int:certificate_id>.docx": Rule(C.MANAGE_RESIDENTS, names_a_record=True),
    "audit/": Rule(C.VIEW_AUDIT),
    "api/openapi.json": Rule(PUBLIC),
    "api/docs": Rule(PUBLIC),
    "api/": Rule(PUBLIC, may_be_missing=True),
    "api/me": Rule(SIGNED_IN),
    "api/residents": Rule(C.VIEW_RESIDENTS, writes=True),
    "api/residents/<resident_id>": Rule(C.VIEW_RESIDENTS, names_a_record=True),
    "api/residents/<resident_id>/episodes": Rule(C.VIEW_RESIDENTS, names_a_record=True, writes=True),
    "api/residents/<resident_id>/stage": Rule(C.VIEW_RESIDENTS, names_a_record=True, writes=True),
    "api/residents/<resident_id>/events": Rule(C.VIEW_RESIDENTS, names_a_record=True, writes=True),
    "api/residents/<resident_id>/room": Rule(C.MANAGE_RESIDENTS, names_a_record=True, writes=True),
    "api/residents/<resident_id>/checklist": Rule(C.VIEW_RESIDENTS, names_a_record=True),
    "api/residents/<resident_id>/checklist/<item_id>": Rule(C.MANAGE_RESIDENTS, names_a_record=True, writes=True),
    "api/residents/<resident_id>/grades": Rule(C.MANAGE_RESIDENTS, names_a_record=True, writes=True),
    "api/residents/<resident_id>/aftercare/notes": Rule(C.MANAGE_RESIDENTS, names_a_record=True, writes=True),
    "api/residents/<resident_id>/aftercare/close": Rule(C.MANAGE_RESIDENTS, names_a_record=True, writes=True),
    "api/residents/<resident_id>/certificates": Rule(C.MANAGE_RESIDENTS, names_a_record=True),
    "api/residents/<resident_id>/certificates/<certificate_id>/pdf": Rule(C.MANAGE_RESIDENTS, names_a_record=True),
    "api/residents/<resident_id>/certificates/<certificate_id>/docx": Rule(C.MANAGE_RESIDENTS, names_a_record=True),
    "api/residents/export": Rule(C.VIEW_REPORTS),
    "api/residents/import": Rule(C.MANAGE_RESIDENTS, writes=True),
    "api/residents/import/preview": Rule(C.MANAGE_RESIDENTS, writes=True),
    "api/residents/import/confirm": Rule(C.MANAGE_RESIDENTS, writes=True),
    "i18n/setlang/": Rule(PUBLIC, writes=True),
    "admin/login/": Rule(PUBLIC),
    "admin/": ADMIN,
    "admin/logout/": ADMIN,
    "admin/password_change/": ADMIN,
    "admin/password_change/done/": ADMIN,
    "admin/autocomplete/": Rule(SUPERUSER),
    "admin/jsi18n/": ADMIN,
    "admin/r/<path:content_type_id>/<path:object_id>/": Rule(C.MANAGE_USERS, may_be_missing=True),
    "admin/axes/accesslog/": Rule(SUPERUSER),
    "admin/axes/accesslog/add/": Rule(SUPERUSER),
    "admin/axes/accesslog/<path:object_id>/history/": Rule(SUPERUSER),
    "admin/axes/accesslog/<path:object_id>/delete/": Rule(SUPERUSER),
    "admin/axes/accesslog/<path:object_id>/change/": Rule(SUPERUSER),
    "admin/axes/accesslog/<path:object_id>/": Rule(SUPERUSER),
    "admin/axes/accessfailurelog/": Rule(SUPERUSER),
    "admin/axes/accessfailurelog/add/": Rule(SUPERUSER),
    "admin/axes/accessfailurelog/<path:object_id>/history/": Rule(SUPERUSER),
    "admin/axes/accessfailurelog/<path:object_id>/delete/": Rule(SUPERUSER),
    "admin/axes/accessfailurelog/<path:object_id>/change/": Rule(SUPERUSER),
    "admin/axes/accessfailurelog/<path:object_id>/": Rule(SUPERUSER),
    "admin/django_tasks_database/dbtaskresult/": Rule(SUPERUSER),
    "admin/django_tasks_database/dbtaskresult/add/": Rule(SUPERUSER),
    "admin/django_tasks_database/dbtaskresult/<path:object_id>/history/": Rule(SUPERUSER),
    "admin/django_tasks_database/dbtaskresult/<path:object_id>/delete/": Rule(SUPERUSER),
    "admin/django_tasks_database/dbtaskresult/<path:object_id>/change/": Rule(SUPERUSER),
    "admin/django_tasks_database/dbtaskresult/<path:object_id>/": Rule(SUPERUSER),
    "admin/core/supervisingauthority/": ADMIN,
    "admin/core/supervisingauthority/add/": ADMIN,
    "admin/core/supervisingauthority/<path:object_id>/history/": ADMIN,
    "admin/core/supervisingauthority/<path:object_id>/delete/": Rule(SUPERUSER),
    "admin/core/supervisingauthority/<path:object_id>/change/": ADMIN,
    "admin/core/supervisingauthority/<path:object_id>/": ADMIN,
    "admin/core/facility/": ADMIN,
    "admin/core/facility/add/": Rule(SUPERUSER),
    "admin/core/facility/<path:object_id>/history/": ADMIN,
    "admin/core/facility/<path:object_id>/delete/": Rule(SUPERUSER),
    "admin/core/facility/<path:object_id>/change/": ADMIN,
    "admin/core/facility/<path:object_id>/": ADMIN,
    "admin/core/department/": ADMIN,
    "admin/core/department/add/": ADMIN,
    "admin/core/department/<path:object_id>/history/": ADMIN,
    "admin/core/department/<path:object_id>/delete/": ADMIN,
    "admin/core/department/<path:object_id>/change/": ADMIN,
    "admin/core/department/<path:object_id>/": ADMIN,
    "admin/core/zone/": ADMIN,
    "admin/core/zone/add/": ADMIN,
    "admin/core/zone/<path:object_id>/history/": ADMIN,
    "admin/core/zone/<path:object_id>/delete/": ADMIN,
    "admin/core/zone/<path:object_id>/change/": ADMIN,
    "admin/core/zone/<path:object_id>/": ADMIN,
    "admin/core/room/": ADMIN,
    "admin/core/room/add/": ADMIN,
    "admin/core/room/<path:object_id>/history/": ADMIN,
    "admin/core/room/<path:object_id>/delete/": ADMIN,
    "admin/core/room/<path:object_id>/change/": ADMIN,
    "admin/core/room/<path:object_id>/": ADMIN,
    "admin/accounts/user/<id>/password/": Rule(SUPERUSER),
    "admin/accounts/user/": ADMIN,
    "admin/accounts/user/add/": Rule(SUPERUSER),
    "admin/accounts/user/<path:object_id>/history/": ADMIN,
    "admin/accounts/user/<path:object_id>/delete/": Rule(SUPERUSER),
    "admin/accounts/user/<path:object_id>/change/": ADMIN,
    "admin/accounts/user/<path:object_id>/": ADMIN,
    "admin/otp_totp/totpdevice/<int:pk>/config/": Rule(SUPERUSER),
    "admin/otp_totp/totpdevice/<int:pk>/qrcode/": Rule(SUPERUSER),
    "admin/otp_totp/totpdevice/": ADMIN,
    "admin/otp_totp/totpdevice/add/": Rule(SUPERUSER),
    "admin/otp_totp/totpdevice/<path:object_id>/history/": ADMIN,
    "admin/otp_totp/totpdevice/<path:object_id>/delete/": Rule(SUPERUSER),
    "admin/otp_totp/totpdevice/<path:object_id>/change/": ADMIN,
    "admin/otp_totp/totpdevice/<path:object_id>/": ADMIN,
    "admin/axes/accessattempt/": ADMIN,
    "admin/axes/accessattempt/add/": Rule(SUPERUSER),
    "admin/axes/accessattempt/<path:object_id>/history/": ADMIN,
    "admin/axes/accessattempt/<path:object_id>/delete/": Rule(SUPERUSER),
    "admin/axes/accessattempt/<path:object_id>/change/": ADMIN,
    "admin/axes/accessattempt/<path:object_id>/": ADMIN,
    "admin/^(?P<app_label>axes|django_tasks_database|core|accounts|otp_totp|daily_life)/$": ADMIN,
    "admin/(?P<url>.*)$": Rule(C.MANAGE_USERS, may_be_missing=True),  # the admin's own 404
    **AREA_RULES,
}


def _routes(patterns: list, prefix: str = "") -> list[str]:  # type: ignore[type-arg]
    routes: list[str] = []
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            routes += _routes(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            routes.append(prefix + str(pattern.pattern))
    return list(dict.fromkeys(routes))


ROUTES = _routes(get_resolver().url_patterns)


def test_every_url_has_its_rule():
    missing = sorted(set(ROUTES) - set(RULES))
    stale = sorted(set(RULES) - set(ROUTES))
    assert not missing, f"Add the access rule of these URLs to RULES in {__file__}: {missing}"
    assert not stale, f"These URLs are gone: remove them from RULES: {stale}"


def _fill(route: str, parameters: dict[str, str]) -> str:
    url = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda m: parameters[m[1]], route)
    url = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: parameters[m[1]], url)
    return "/" + url.replace("^", "").replace("$", "")


def _is_login_redirect(response) -> bool:  # type: ignore[no-untyped-def]
    return response.status_code == 302 and "login" in response.get("Location", "")


def _denied(response, method: str) -> bool:  # type: ignore[no-untyped-def]
    """A GET is refused outright; an empty POST may also fail validation first (400, 422)."""
    # A redirect inside the admin (a missing object to the index, `<id>/` to `<id>/change/`)
    # shows nothing: its target is a row of RULES of its own.
    inside_admin = response.status_code == 302 and response.get("Location", "").startswith("/admin/")
    refused = response.status_code in (401, 403, 404, 405) or _is_login_redirect(response) or inside_admin
    return refused or (method == "post" and response.status_code >= 400)


def _opened(response, rule: Rule) -> bool:  # type: ignore[no-untyped-def]
    allowed = {200, 301, 302, 400, 405, 409, 422} | ({404} if rule.may_be_missing else set())
    # A public URL may lead to the login page (the admin's own login does).
    return response.status_code in allowed and (rule.opens == PUBLIC or not _is_login_redirect(response))


@pytest.mark.django_db
@pytest.mark.parametrize(
    "route",
    [route for route in ROUTES if route in RULES],
)
def test_each_role_opens_only_what_its_rule_allows(route):
    rule = RULES[route]
    facility_a, facility_b = make_facility(), make_facility()
    director = make_user(Role.DIRECTOR, facility_a)
    resident = make_resident(facility_a)
    episode = make_episode(resident)
    item = ChecklistItem.objects.create(facility=facility_a, episode=episode, item=ChecklistItem.Item.values[0])
    certificate = CompletionCertificate.objects.create(
        facility=facility_a,
        episode=episode,
        number="1/2026",
        year=2026,
        sequence=1,
        issued_on=date(2026, 6, 1),
        issued_by=director,
    )
    token = ApiToken.objects.filter(user=director).first()
    parameters = {
        "resident_id": str(resident.pk),
        "item_id": str(item.pk),
        "certificate_id": str(certificate.pk),
        "kind": LegalEvent.Kind.LEAVE.value,
        "slug": "residents",
        "token_id": str(token.pk if token else 1),
        "object_id": str(director.pk),
        "id": str(director.pk),
        "pk": "1",
        "content_type_id": "1",
        "app_label": "core",
        "url": "no-such-page/",
    }
    modules = area_parameters(World(facility=facility_a, director=director, resident=resident, episode=episode))
    assert not parameters.keys() & modules.keys(), f"URL parameters named twice: {parameters.keys() & modules.keys()}"
    parameters |= modules
    url = _fill(route, parameters)
    methods = ["get", "post"] if rule.writes else ["get"]
    wrong: list[str] = []

    anonymous = Client()
    for method in methods:
        response = getattr(anonymous, method)(url)
        if rule.opens != PUBLIC and not _denied(response, method):
            wrong.append(f"anonymous {method.upper()} {url}: {response.status_code}")

    for role in Role:
        may = role_may_open(rule, capabilities_of(role))
        here = verified_client_for(make_user(role, facility_a))
        for method in methods:
            response = getattr(here, method)(url)
            if may and method == "get" and not _opened(response, rule):
                wrong.append(f"{role} of A {method.upper()} {url}: {response.status_code}, expected to open")
            if not may and not _denied(response, method):
                wrong.append(f"{role} of A {method.upper()} {url}: {response.status_code}, expected 403/404")
        if not rule.names_a_record:
            continue
        there = verified_client_for(make_user(role, facility_b))
        for method in methods:
            response = getattr(there, method)(url)
            if method == "get" and may and response.status_code not in (404, 405):
                wrong.append(f"{role} of B GET {url}: {response.status_code}, expected 404")
            if not _denied(response, method):
                wrong.append(f"{role} of B {method.upper()} {url}: {response.status_code}, expected 403/404")

    assert wrong == []
