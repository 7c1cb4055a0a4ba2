"""The texts the rules cite, as they are written in the decisions a centre issues."""

LAW_73 = "Luật 73/2021/QH14"
LAW_120 = "Luật 120/2025/QH15"
DECREE_116 = "Nghị định 116/2021/NĐ-CP"
LAW_ADMIN_VIOLATIONS = "Luật Xử lý vi phạm hành chính 2012"
STAGES_CITATION = f"{LAW_73}, Điều 29"
