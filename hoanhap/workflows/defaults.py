"""The centre's processes as data (issue 11, item 4), installed for a facility by
`install_defaults` (idempotent: a process already there is left as it is). Only funeral leave
changes another record this round (its director's approval records the leave)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from hoanhap.accounts.roles import Role

from .models import Procedure, Process, ProcessVersion, Step

R = Role
LEAVE_REASONS = [["funeral_parent", "Tang cha/mẹ"], ["funeral_spouse", "Tang vợ/chồng"], ["funeral_child", "Tang con"]]


def _s(key: str, title: str, role: str, days: int, after: tuple[str, ...] = (), **more: Any) -> dict[str, Any]:
    return {"key": key, "title": title, "owner_role": role, "deadline_days": days, "after": list(after), **more}


def _decision(prefix: str = "") -> list[dict[str, Any]]:
    """The two fields of a decision a step records: its number and its date."""
    return [
        {"name": f"{prefix}decision_number", "label": "Số quyết định", "type": "text", "required": True},
        {"name": f"{prefix}decision_on", "label": "Ngày quyết định", "type": "date", "required": True},
    ]


def _approve(
    key: str, title: str, role: str, days: int, after: tuple[str, ...], back: tuple[str, ...] = (), **more: Any
) -> dict[str, Any]:
    return _s(key, title, role, days, after, kind="approval", may_return_to=list(back), **more)


DEFAULTS: list[dict[str, Any]] = [
    {
        "code": "funeral-leave",
        "title": "Đề nghị nghỉ phép chịu tang",
        "description": "Học viên đề nghị về chịu tang cha, mẹ, vợ, chồng hoặc con; Giám đốc quyết định.",
        "steps": [
            _s(
                "request",
                "Lập đề nghị cùng học viên",
                R.RESIDENT_MANAGER,
                1,
                fields=[
                    {
                        "name": "leave_reason",
                        "label": "Lý do",
                        "type": "choice",
                        "choices": LEAVE_REASONS,
                        "required": True,
                    },
                    {"name": "days", "label": "Số ngày nghỉ", "type": "number", "required": True},
                    {"name": "travel_days", "label": "Số ngày đi đường", "type": "number", "required": True},
                ],
            ),
            _approve("review", "Trưởng/phó phòng xem xét", R.DEPUTY_DIRECTOR, 1, ("request",), ("request",)),
            _approve(
                "decide",
                "Giám đốc phê duyệt",
                R.DIRECTOR,
                1,
                ("review",),
                ("request",),
                effect="residents.record_leave",
                fields=_decision(),
            ),
        ],
    },
    {
        "code": "voluntary-admission",
        "title": "Tiếp nhận cai nghiện tự nguyện",
        "steps": [
            _s(
                "application",
                "Tiếp nhận đơn và hồ sơ",
                R.RESIDENT_MANAGER,
                1,
                fields=[{"name": "applicant", "label": "Người đề nghị", "type": "text", "required": True}],
            ),
            _s("health", "Khám sức khỏe đầu vào", R.MEDICAL_STAFF, 1, ("application",)),
            _s("contract", "Ký hợp đồng dịch vụ", R.RESIDENT_MANAGER, 2, ("application",)),
            _approve(
                "decide", "Giám đốc quyết định tiếp nhận", R.DIRECTOR, 1, ("health", "contract"), ("application",)
            ),
        ],
    },
    {
        "code": "compulsory-admission",
        "title": "Tiếp nhận theo quyết định của Tòa án",
        "steps": [
            _s(
                "court-decision",
                "Nhận quyết định của Tòa án",
                R.RESIDENT_MANAGER,
                1,
                fields=[{"name": "decision_number", "label": "Số quyết định", "type": "text", "required": True}],
            ),
            _s("health", "Khám sức khỏe, lập hồ sơ bệnh án", R.MEDICAL_STAFF, 1, ("court-decision",)),
            _s("placement", "Phân khu, phân đội", R.RESIDENT_MANAGER, 1, ("court-decision",)),
            _approve("confirm", "Giám đốc xác nhận tiếp nhận", R.DIRECTOR, 1, ("health", "placement"), ("placement",)),
        ],
    },
    {
        "code": "term-reduction",
        "title": "Đề nghị giảm thời hạn chấp hành",
        "steps": [
            _s("proposal", "Lập danh sách đề nghị", R.RESIDENT_MANAGER, 3),
            _approve("council", "Hội đồng xét duyệt", R.DEPUTY_DIRECTOR, 5, ("proposal",), ("proposal",)),
            _approve("director", "Giám đốc ký đề nghị gửi Tòa án", R.DIRECTOR, 2, ("council",), ("proposal",)),
            _s(
                "court",
                "Ghi nhận quyết định của Tòa án",
                R.RESIDENT_MANAGER,
                20,
                ("director",),
                effect="residents.record_term_reduction",
                fields=[
                    *_decision("court_"),
                    {"name": "months", "label": "Số tháng được giảm", "type": "number", "required": True},
                    {"name": "is_meritorious", "label": "Có thành tích đặc biệt", "type": "yes-no"},
                ],
            ),
        ],
    },
    {
        "code": "abscondence",
        "title": "Xử lý học viên bỏ trốn",
        "steps": [
            _s(
                "report",
                "Lập biên bản, báo cáo",
                R.RESIDENT_MANAGER,
                0,
                fields=[{"name": "absconded_on", "label": "Ngày bỏ trốn", "type": "date", "required": True}],
            ),
            _approve(
                "search-decision",
                "Quyết định truy tìm",
                R.DIRECTOR,
                1,
                ("report",),
                ("report",),
                effect="residents.record_abscondence",
                fields=_decision(),
            ),
            _s("notify", "Thông báo công an, gia đình", R.RESIDENT_MANAGER, 1, ("search-decision",)),
            _s(
                "return",
                "Tiếp nhận trở lại, lập biên bản",
                R.RESIDENT_MANAGER,
                20,
                ("notify",),
                effect="residents.record_return",
                fields=[
                    {"name": "returned_on", "label": "Ngày trở lại", "type": "date", "required": True},
                    {
                        "name": "return_manner",
                        "label": "Hình thức",
                        "type": "choice",
                        "choices": [["came_back", "Tự trở về"], ["brought_back", "Bị đưa về"]],
                        "required": True,
                    },
                ],
            ),
        ],
    },
    {
        "code": "transfer",
        "title": "Chuyển cơ sở cai nghiện",
        "steps": [
            _s(
                "proposal",
                "Lập đề nghị chuyển cơ sở",
                R.RESIDENT_MANAGER,
                2,
                fields=[{"name": "to_facility", "label": "Chuyển đến cơ sở", "type": "facility", "required": True}],
            ),
            _s("medical-file", "Chuẩn bị hồ sơ y tế", R.MEDICAL_STAFF, 2, ("proposal",)),
            _approve(
                "decide",
                "Giám đốc quyết định",
                R.DIRECTOR,
                2,
                ("medical-file",),
                ("proposal",),
                fields=_decision(),
            ),
            _s(
                "handover",
                "Bàn giao học viên",
                R.RESIDENT_MANAGER,
                3,
                ("decide",),
                effect="residents.record_transfer",
                fields=[{"name": "transferred_on", "label": "Ngày bàn giao", "type": "date", "required": True}],
            ),
        ],
    },
    {
        "code": "family-visit",
        "title": "Đăng ký thăm gặp của gia đình",
        "steps": [
            _s(
                "registration",
                "Tiếp nhận đăng ký thăm gặp",
                R.VISIT_OFFICER,
                1,
                fields=[
                    {"name": "visitor", "label": "Người thăm", "type": "text", "required": True},
                    {"name": "visit_on", "label": "Ngày thăm", "type": "date", "required": True},
                ],
            ),
            _approve("approve", "Phê duyệt lịch thăm", R.RESIDENT_MANAGER, 1, ("registration",), ("registration",)),
        ],
    },
    {
        "code": "completion",
        "title": "Hoàn thành và cấp giấy chứng nhận",
        "steps": [
            _s("review", "Rà soát hồ sơ hoàn thành", R.RESIDENT_MANAGER, 5),
            _s("health", "Khám sức khỏe trước khi hồi gia", R.MEDICAL_STAFF, 3, ("review",)),
            _approve(
                "certificate",
                "Giám đốc ký giấy chứng nhận",
                R.DIRECTOR,
                2,
                ("health",),
                ("review",),
                effect="residents.complete_episode",
            ),
            _s("handover", "Bàn giao về địa phương", R.RESIDENT_MANAGER, 2, ("certificate",)),
        ],
    },
    {
        "code": "staff-rotation",
        "title": "Điều động, luân chuyển cán bộ",
        "steps": [
            _s(
                "proposal",
                "Đề xuất điều động",
                R.DEPUTY_DIRECTOR,
                3,
                fields=[
                    {"name": "staff_member", "label": "Cán bộ", "type": "staff_member", "required": True},
                    {"name": "department", "label": "Đến phòng/đội", "type": "department", "required": True},
                    {"name": "position", "label": "Chức vụ", "type": "position", "required": True},
                ],
            ),
            _approve(
                "decide",
                "Giám đốc quyết định",
                R.DIRECTOR,
                3,
                ("proposal",),
                ("proposal",),
                effect="organisation.post_staff_member",
                fields=[
                    {"name": "decision_number", "label": "Số quyết định", "type": "text", "required": True},
                    {"name": "starts_on", "label": "Ngày nhận nhiệm vụ", "type": "date", "required": True},
                ],
            ),
            _s("handover", "Bàn giao công việc", R.DEPUTY_DIRECTOR, 5, ("decide",)),
        ],
    },
    {
        "code": "purchase-repair",
        "title": "Đề nghị mua sắm, sửa chữa",
        "steps": [
            _s(
                "request",
                "Lập đề nghị",
                R.RESIDENT_MANAGER,
                1,
                fields=[
                    {"name": "item", "label": "Nội dung", "type": "text", "required": True},
                    {"name": "amount", "label": "Dự toán (đồng)", "type": "number", "required": False},
                ],
            ),
            _approve("review", "Phó Giám đốc xem xét", R.DEPUTY_DIRECTOR, 2, ("request",), ("request",)),
            _approve("approve", "Giám đốc phê duyệt", R.DIRECTOR, 2, ("review",), ("request",)),
            _s("carry-out", "Thực hiện, nghiệm thu", R.RESIDENT_MANAGER, 10, ("approve",)),
        ],
    },
]


# The procedures a centre offers the public, each handled by one of the processes above: a draft
# for the centre to check against its own rules before it publishes them (they are installed
# unpublished).
PROCEDURES: list[dict[str, Any]] = [
    {
        "process": "voluntary-admission",
        "title": "Tiếp nhận người cai nghiện tự nguyện tại cơ sở",
        "applicants": "Người nghiện ma túy từ đủ 18 tuổi tự nguyện cai nghiện, hoặc gia đình, người giám hộ",
        "requirements": "Người cai nghiện (hoặc gia đình) ký hợp đồng dịch vụ cai nghiện tự nguyện với cơ sở.",
        "documents": "Đơn đề nghị cai nghiện tự nguyện\nBản sao giấy tờ tùy thân (căn cước)\n"
        "Giấy tờ về tình trạng nghiện (nếu có)",
        "where": "Bộ phận tiếp nhận của cơ sở, trong giờ hành chính",
        "fee": "Theo hợp đồng dịch vụ của cơ sở",
        "time_limit_days": 3,
        "order": 1,
    },
    {
        "process": "family-visit",
        "title": "Đăng ký thăm gặp học viên",
        "applicants": "Thân nhân của học viên (tối đa 3 người mỗi lần)",
        "requirements": "Mỗi học viên được thăm gặp 1 lần mỗi tuần, tối đa 2 giờ.",
        "documents": "Căn cước hoặc giấy tờ tùy thân của từng người thăm gặp",
        "where": "Phòng thăm gặp của cơ sở",
        "fee": "",
        "time_limit_days": 1,
        "order": 2,
    },
]


def install_defaults(facility_id: int, *, only: list[str] | None = None) -> int:
    """Install the default processes (published version 1) the facility lacks; returns how many."""
    installed = 0
    with transaction.atomic():
        existing = set(Process.objects.filter(facility_id=facility_id).values_list("code", flat=True))
        for spec in DEFAULTS:
            if spec["code"] in existing or (only is not None and spec["code"] not in only):
                continue
            process = Process.objects.create(
                facility_id=facility_id, code=spec["code"], title=spec["title"], description=spec.get("description", "")
            )
            version = ProcessVersion.objects.create(process=process, number=1, published_at=timezone.now())
            # One by one (some forty rows), so that each is in the audit trail like any other.
            for index, step in enumerate(spec["steps"]):
                Step.objects.create(version=version, position=index, **step)
            installed += 1
        _install_procedures(facility_id)
    return installed


def _install_procedures(facility_id: int) -> None:
    """The public procedures the facility lacks (by title), unpublished, each linked to its process."""
    processes = {process.code: process for process in Process.objects.filter(facility_id=facility_id)}
    titles = set(Procedure.objects.filter(facility_id=facility_id).values_list("title", flat=True))
    for spec in PROCEDURES:
        if spec["title"] in titles or spec["process"] not in processes:
            continue
        Procedure.objects.create(facility_id=facility_id, **{**spec, "process": processes[spec["process"]]})
