from ninja import Router, Schema

from .http import AuthenticatedRequest
from .selectors import active_memberships, all_capabilities, facilities_of

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
def me(request: AuthenticatedRequest) -> dict:
    user = request.user
    names = {facility.pk: str(facility) for facility in facilities_of(user)}
    return {
        "username": user.username,
        "full_name": user.get_full_name(),
        "memberships": [
            {"facility_id": m.facility_id, "facility": names[m.facility_id], "role": m.role}
            for m in active_memberships(user)
        ],
        "capabilities": sorted(all_capabilities(user)),
    }
