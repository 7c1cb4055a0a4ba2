from django.http import HttpRequest
from ninja import Router, Schema

from .selectors import active_memberships, all_capabilities

router = Router(tags=["accounts"])


class MembershipOut(Schema):
    facility_id: int
    facility: str
    role: str


class MeOut(Schema):
    username: str
    full_name: str
    memberships: list[MembershipOut]
    capabilities: list[str]


@router.get("/me", response=MeOut, summary="The signed-in user, with roles and facilities")
def me(request: HttpRequest) -> dict:
    user = request.user
    return {
        "username": user.username,  # type: ignore[union-attr]
        "full_name": user.get_full_name(),  # type: ignore[union-attr]
        "memberships": [
            {"facility_id": m.facility_id, "facility": str(m.facility), "role": m.role}
            for m in active_memberships(user)  # type: ignore[arg-type]
        ],
        "capabilities": sorted(all_capabilities(user)),  # type: ignore[arg-type]
    }
