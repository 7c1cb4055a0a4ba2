"""Vietnamese names, places, schooling and trades for demo data, with realistic frequencies.

Surname shares are the commonly quoted national figures (Nguyễn ≈ 38 %, Trần ≈ 11 %, Lê ≈ 9.5 % …),
with the northern spellings (Hoàng, Vũ) ahead of the southern ones (Huỳnh, Võ) because Lào Cai is
in the north. Ethnic minority names follow the usual patterns of Lào Cai and the former Yên Bái:
Mông (Giàng A Páo, Sùng Thị Mỷ), Dao (Tẩn Láo Lở, Lý Tả Mẩy), Tày, Nùng, Giáy and Thái.

Places follow the reorganisation of 2025: 34 provinces and cities (Resolution 202/2025/QH15, from
12/06/2025) and two levels, province and commune/ward, from 01/07/2025. Citizen ID numbers keep the
code of the province of birth as it was before the merger (63 codes), so each new province lists
the former ones it absorbed with their codes.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from random import Random
from typing import Generic, TypeVar

T = TypeVar("T")


class Weighted(Generic[T]):
    """Picks from (value, weight) pairs by bisecting cumulative weights: the tables are read
    millions of times when a benchmark data set is built."""

    def __init__(self, pairs: Sequence[tuple[T, float]]) -> None:
        if not pairs:
            raise ValueError("A weighted table needs at least one value.")
        self.values: tuple[T, ...] = tuple(value for value, _ in pairs)
        self._cumulative = tuple(itertools.accumulate(weight for _, weight in pairs))
        self._total = self._cumulative[-1]

    @classmethod
    def even(cls, values: Sequence[T]) -> Weighted[T]:
        return cls([(value, 1.0) for value in values])

    def pick(self, rng: Random) -> T:
        return self.values[bisect.bisect_right(self._cumulative, rng.random() * self._total)]


def table(text: str) -> Weighted[str]:
    """A weighted table from "value weight, value weight, …"; a value may hold spaces."""
    pairs = [item.strip().rsplit(" ", 1) for item in text.split(",")]
    return Weighted([(value, float(weight)) for value, weight in pairs])


def even(text: str) -> Weighted[str]:
    """Equally likely values from "a, b, c"."""
    return Weighted.even([value.strip() for value in text.split(",")])


# --- Personal names ---------------------------------------------------------------------------

MALE = "male"
FEMALE = "female"

KINH_SURNAMES = table(
    "Nguyễn 38.4, Trần 11, Lê 9.5, Phạm 7, Hoàng 4.5, Huỳnh 0.6, Phan 4.5, Vũ 3.3, Võ 0.6, Đặng 2.1, Bùi 2, Đỗ 1.4, "
    "Hồ 1.3, Ngô 1.3, Dương 1, Lý 0.5, Đinh 0.9, Đào 0.8, Trịnh 0.7, Trương 0.6, Hà 0.6, Mai 0.5, Cao 0.5, "
    "Lương 0.5, Tạ 0.3, Chu 0.3, Lưu 0.3, Tô 0.3, Phùng 0.3, Kiều 0.2, Quách 0.2, Lại 0.2, Vương 0.2"
)
KINH_MALE_MIDDLE = table(
    "Văn 38, Đức 8, Minh 7, Quang 5, Hữu 5, Công 4, Đình 4, Xuân 4, Ngọc 4, Thành 3, Trung 3, Mạnh 3, Tiến 3, Thanh 3, "
    "Anh 2, Tuấn 2, Việt 2, Hải 2, Hoàng 2, Duy 2"
)
KINH_FEMALE_MIDDLE = table(
    "Thị 55, Ngọc 6, Thu 5, Thanh 5, Hồng 4, Thúy 3, Minh 3, Kim 3, Phương 3, Bích 2, Mai 2, Hải 2, Quỳnh 2, Khánh 2, "
    "Diệu 1"
)
KINH_MALE_GIVEN = table(
    "Hùng 5, Dũng 5, Tuấn 5, Hải 4, Nam 4, Long 4, Cường 4, Thắng 4, Sơn 4, Tùng 3, Hiếu 3, Đức 3, Huy 3, Quân 3, "
    "Minh 3, Trung 3, Thành 3, Bình 3, Hưng 3, Chiến 3, Anh 3, Khánh 2, Phong 2, Tâm 2, Vinh 2, Toàn 2, Hoàng 2, "
    "Linh 2, Tú 2, Kiên 2, Lâm 2, Quý 2, Mạnh 2, Tiến 2, Công 2, Hậu 2, Đạt 2, Việt 2, Giang 2, Trường 2, Phúc 2, "
    "Hòa 2, Thịnh 2, Quyết 2, Duy 2, Lực 1, Thuận 1"
)
KINH_FEMALE_GIVEN = even(
    "Lan, Hương, Hoa, Mai, Linh, Trang, Hằng, Thảo, Ngọc, Nga, Hà, Huyền, Phương, Thủy, Yến, Loan, Dung, Nhung, Oanh, "
    "Tuyết, Vân, Hạnh, Hiền, Liên, Thu, Nhàn, Duyên, Ly"
)


@dataclass(frozen=True)
class EthnicNames:
    """How one ethnic group names its people: surname, middle name by sex, given name by sex."""

    ethnicity: str
    surnames: Weighted[str]
    male_middle: Weighted[str]
    female_middle: Weighted[str]
    male_given: Weighted[str]
    female_given: Weighted[str]

    def full_name(self, rng: Random, sex: str) -> str:
        if sex == FEMALE:
            return f"{self.surnames.pick(rng)} {self.female_middle.pick(rng)} {self.female_given.pick(rng)}"
        return f"{self.surnames.pick(rng)} {self.male_middle.pick(rng)} {self.male_given.pick(rng)}"


# Tày, Nùng, Giáy and Thái mostly take Kinh given names.
_VAN = table("Văn 75, Đức 8, Minh 7, Quang 5, Thanh 5")
_THI = table("Thị 88, Thu 6, Hồng 6")

ETHNIC_GROUPS: dict[str, EthnicNames] = {
    group.ethnicity: group
    for group in (
        EthnicNames("Kinh", KINH_SURNAMES, KINH_MALE_MIDDLE, KINH_FEMALE_MIDDLE, KINH_MALE_GIVEN, KINH_FEMALE_GIVEN),
        # The official name of the group is Mông; H'Mông is the common name.
        EthnicNames(
            "Mông",
            table("Giàng 20, Sùng 15, Thào 15, Vàng 14, Lù 8, Ly 7, Hầu 5, Mùa 5, Lý 5, Cứ 3, Tráng 2, Má 1"),
            table("A 35, Seo 25, Văn 15, Mí 10, Chẩn 3"),
            table("Thị 85, Mí 15"),
            even(
                "Páo, Chứ, Sử, Dìn, Phử, Lử, Sình, Chống, Pháng, Tủa, Súng, Vần, Dế, Lồ, Chư, Thề, Sang, Dính, Chính, "
                "Nhà, Lềnh, Cở, Sài, Chúng"
            ),
            even("Mỷ, Dợ, Pà, Sua, Mai, Dế, Chở, Say, Súa, Sênh, Vá, Mẩy, Dua, Chía, Só"),
        ),
        EthnicNames(
            "Dao",
            table("Triệu 14, Bàn 14, Tẩn 12, Lý 12, Chảo 10, Phàn 8, Phùng 8, Đặng 8, Hoàng 4"),
            table("Văn 35, Láo 20, Sành 8, Tiến 8, Kim 5, Quẩy 5, Phù 5"),
            table("Thị 50, Tả 25, Sử 25"),
            even("Lở, Tả, Sinh, Phù, Chỉn, Sành, Lưu, Quẩy, Chài, Vần, Chàn, Tòng, Xuân, Tiến, Quý, Kiềm, Phin"),
            even("Mẩy, Chạn, Dín, Phấu, Nhị, Xuân, Mai, Liều, Kiều, Sinh"),
        ),
        EthnicNames(
            "Tày",
            table("Hoàng 20, Nông 15, Lương 10, Nguyễn 10, Ma 8, Hà 8, Lục 6, Vi 5, Đinh 5, Hứa 4, Bế 4, La 3"),
            _VAN,
            _THI,
            KINH_MALE_GIVEN,
            KINH_FEMALE_GIVEN,
        ),
        EthnicNames(
            "Nùng",
            table("Nông 18, Hoàng 15, Lục 10, Vi 8, Lăng 6, Triệu 6, Lý 6, Dương 5, Sầm 4, Mã 4"),
            _VAN,
            _THI,
            KINH_MALE_GIVEN,
            KINH_FEMALE_GIVEN,
        ),
        EthnicNames(
            "Giáy",
            table("Lò 20, Hoàng 15, Vàng 10, Lù 10, Lồ 6, Sần 5"),
            table("Văn 70, Seo 10, Minh 10, Quang 10"),
            _THI,
            KINH_MALE_GIVEN,
            KINH_FEMALE_GIVEN,
        ),
        EthnicNames(
            "Thái",
            table("Lò 18, Hà 12, Lường 12, Cầm 8, Điêu 6, Quàng 6, Vì 6, Tòng 5, Hoàng 5, Lù 4"),
            _VAN,
            _THI,
            KINH_MALE_GIVEN,
            KINH_FEMALE_GIVEN,
        ),
    )
}

# The people of a Lào Cai centre (the province merged with Yên Bái in 2025): many Mông, Dao and
# Tày besides the Kinh majority.
LAO_CAI_ETHNICITIES = table("Kinh 52, Mông 22, Tày 9, Dao 8, Thái 4, Nùng 3, Giáy 2")

_NICKNAMES = even("Tý, Tèo, Bin, Cu, Tũn, Bờm, Cò, Bống, Hến, Sún")
_NICKNAME_TRAITS = even("Còi, Béo, Đen, Lùn, Gầy, Móm, Sẹo, Điếc")


def full_name(rng: Random, *, sex: str, ethnicity: str = "Kinh") -> str:
    return ETHNIC_GROUPS[ethnicity].full_name(rng, sex)


def nickname(rng: Random, name: str) -> str:
    """A name the person is known by (tên gọi khác): "Tèo", or the given name with a trait, "Hùng Còi"."""
    if rng.random() < 0.5:
        return _NICKNAMES.pick(rng)
    return f"{name.rsplit(' ', 1)[-1]} {_NICKNAME_TRAITS.pick(rng)}"


# --- Provinces (34 since 12/06/2025) and the 63 former ones with their ID codes ----------------


@dataclass(frozen=True)
class Province:
    name: str
    is_city: bool
    # The former provinces it absorbed, with the code each has in citizen ID numbers.
    former: tuple[tuple[str, str], ...]

    @property
    def label(self) -> str:
        return f"{'thành phố' if self.is_city else 'tỉnh'} {self.name}"


@dataclass(frozen=True)
class FormerProvince:
    name: str
    code: str
    province: Province


def _p(name: str, *former: tuple[str, str], is_city: bool = False) -> Province:
    return Province(name=name, is_city=is_city, former=former)


PROVINCES: tuple[Province, ...] = (
    _p("Hà Nội", ("Hà Nội", "001"), is_city=True),
    _p("Huế", ("Thừa Thiên Huế", "046"), is_city=True),
    _p("Hải Phòng", ("Hải Phòng", "031"), ("Hải Dương", "030"), is_city=True),
    _p("Đà Nẵng", ("Đà Nẵng", "048"), ("Quảng Nam", "049"), is_city=True),
    _p("Hồ Chí Minh", ("Hồ Chí Minh", "079"), ("Bình Dương", "074"), ("Bà Rịa – Vũng Tàu", "077"), is_city=True),
    _p("Cần Thơ", ("Cần Thơ", "092"), ("Sóc Trăng", "094"), ("Hậu Giang", "093"), is_city=True),
    _p("Cao Bằng", ("Cao Bằng", "004")),
    _p("Điện Biên", ("Điện Biên", "011")),
    _p("Lai Châu", ("Lai Châu", "012")),
    _p("Sơn La", ("Sơn La", "014")),
    _p("Lạng Sơn", ("Lạng Sơn", "020")),
    _p("Quảng Ninh", ("Quảng Ninh", "022")),
    _p("Thanh Hóa", ("Thanh Hóa", "038")),
    _p("Nghệ An", ("Nghệ An", "040")),
    _p("Hà Tĩnh", ("Hà Tĩnh", "042")),
    _p("Tuyên Quang", ("Tuyên Quang", "008"), ("Hà Giang", "002")),
    # Lào Cai and Yên Bái merged under the name Lào Cai.
    _p("Lào Cai", ("Lào Cai", "010"), ("Yên Bái", "015")),
    _p("Thái Nguyên", ("Thái Nguyên", "019"), ("Bắc Kạn", "006")),
    _p("Phú Thọ", ("Phú Thọ", "025"), ("Vĩnh Phúc", "026"), ("Hòa Bình", "017")),
    _p("Bắc Ninh", ("Bắc Ninh", "027"), ("Bắc Giang", "024")),
    _p("Hưng Yên", ("Hưng Yên", "033"), ("Thái Bình", "034")),
    _p("Ninh Bình", ("Ninh Bình", "037"), ("Hà Nam", "035"), ("Nam Định", "036")),
    _p("Quảng Trị", ("Quảng Trị", "045"), ("Quảng Bình", "044")),
    _p("Quảng Ngãi", ("Quảng Ngãi", "051"), ("Kon Tum", "062")),
    _p("Gia Lai", ("Gia Lai", "064"), ("Bình Định", "052")),
    _p("Khánh Hòa", ("Khánh Hòa", "056"), ("Ninh Thuận", "058")),
    _p("Lâm Đồng", ("Lâm Đồng", "068"), ("Đắk Nông", "067"), ("Bình Thuận", "060")),
    _p("Đắk Lắk", ("Đắk Lắk", "066"), ("Phú Yên", "054")),
    _p("Đồng Nai", ("Đồng Nai", "075"), ("Bình Phước", "070")),
    _p("Tây Ninh", ("Tây Ninh", "072"), ("Long An", "080")),
    _p("Vĩnh Long", ("Vĩnh Long", "086"), ("Bến Tre", "083"), ("Trà Vinh", "084")),
    _p("Đồng Tháp", ("Đồng Tháp", "087"), ("Tiền Giang", "082")),
    _p("An Giang", ("An Giang", "089"), ("Kiên Giang", "091")),
    _p("Cà Mau", ("Cà Mau", "096"), ("Bạc Liêu", "095")),
)
PROVINCES_BY_NAME: dict[str, Province] = {province.name: province for province in PROVINCES}
FORMER_PROVINCES: dict[str, FormerProvince] = {
    name: FormerProvince(name=name, code=code, province=province)
    for province in PROVINCES
    for name, code in province.former
}
PROVINCE_CODES: frozenset[str] = frozenset(former.code for former in FORMER_PROVINCES.values())

# Where the residents of a Lào Cai centre were born: mostly the merged province, then its
# neighbours and the lowland provinces people move from for work.
_KINH_BIRTHPLACES = table(
    "Lào Cai 44, Yên Bái 24, Phú Thọ 4, Hà Giang 3, Lai Châu 3, Hà Nội 3, Tuyên Quang 2, Sơn La 2, Thanh Hóa 1.5, "
    "Nghệ An 1.5, Điện Biên 1, Thái Nguyên 1, Vĩnh Phúc 1, Hòa Bình 1, Hải Dương 1, Hải Phòng 1, Nam Định 1, "
    "Thái Bình 1, Bắc Giang 1, Quảng Ninh 0.5, Cao Bằng 0.5, Lạng Sơn 0.5, Bắc Kạn 0.5, Hồ Chí Minh 0.5"
)
_HIGHLAND_BIRTHPLACES = table("Lào Cai 55, Yên Bái 35, Hà Giang 4, Lai Châu 4, Sơn La 1, Điện Biên 1")


def birthplace(rng: Random, *, ethnicity: str) -> FormerProvince:
    table = _KINH_BIRTHPLACES if ethnicity == "Kinh" else _HIGHLAND_BIRTHPLACES
    return FORMER_PROVINCES[table.pick(rng)]


# --- Communes and wards -----------------------------------------------------------------------

# Districts were abolished on 01/07/2025: since then an address is commune/ward and province.
TWO_LEVEL_FROM = date(2025, 7, 1)


def _split(text: str) -> tuple[str, ...]:
    return tuple(name.strip() for name in text.split(","))


# Communes and wards since 01/07/2025, for the provinces residents come from.
COMMUNES: dict[str, tuple[str, ...]] = {
    "Lào Cai": _split(
        "phường Lào Cai, phường Cam Đường, phường Sa Pa, phường Yên Bái, phường Văn Phú, phường Nam Cường, "
        "phường Âu Lâu, phường Nghĩa Lộ, phường Trung Tâm, phường Cầu Thia, xã Bát Xát, xã Y Tý, xã Mường Khương, "
        "xã Pha Long, xã Cao Sơn, xã Bắc Hà, xã Si Ma Cai, xã Bảo Thắng, xã Phong Hải, xã Gia Phú, xã Xuân Quang, "
        "xã Tằng Loỏng, xã Bảo Yên, xã Nghĩa Đô, xã Phúc Khánh, xã Văn Bàn, xã Khánh Yên, xã Võ Lao, xã Dương Quỳ, "
        "xã Tả Van, xã Bản Hồ, xã Hợp Thành, xã Cốc San, xã Mù Cang Chải, xã Khao Mang, xã Lao Chải, xã Trạm Tấu, "
        "xã Hạnh Phúc, xã Tú Lệ, xã Sơn Lương, xã Văn Chấn, xã Lục Yên, xã Mậu A, xã Đông Cuông, xã Trấn Yên, "
        "xã Yên Bình, xã Thác Bà, xã Cảm Nhân"
    ),
    "Hà Nội": _split(
        "phường Hoàn Kiếm, phường Ba Đình, phường Đống Đa, phường Cầu Giấy, phường Hoàng Mai, phường Long Biên, "
        "phường Hà Đông, xã Sóc Sơn, xã Đông Anh, xã Gia Lâm"
    ),
    "Tuyên Quang": _split(
        "phường Minh Xuân, phường An Tường, phường Hà Giang 1, phường Hà Giang 2, xã Đồng Văn, xã Mèo Vạc, "
        "xã Yên Minh, xã Hàm Yên"
    ),
    "Phú Thọ": _split(
        "phường Việt Trì, phường Phong Châu, phường Vĩnh Yên, phường Phúc Yên, phường Hòa Bình, xã Thanh Sơn, "
        "xã Yên Lập, xã Lạc Sơn"
    ),
    "Lai Châu": _split("phường Tân Phong, phường Đoàn Kết, xã Phong Thổ, xã Sìn Hồ, xã Tam Đường, xã Than Uyên"),
    "Sơn La": _split("phường Tô Hiệu, phường Chiềng An, phường Mộc Châu, xã Mai Sơn, xã Thuận Châu"),
    "Điện Biên": _split("phường Điện Biên Phủ, phường Mường Thanh, xã Tuần Giáo, xã Mường Ảng"),
    "Thái Nguyên": _split("phường Phan Đình Phùng, phường Phổ Yên, phường Đức Xuân, xã Đại Từ, xã Phú Bình"),
    "Bắc Ninh": _split("phường Kinh Bắc, phường Từ Sơn, phường Bắc Giang, xã Lục Nam"),
    "Hải Phòng": _split("phường Hồng Bàng, phường Lê Chân, phường Ngô Quyền, phường Hải Dương, phường Chí Linh"),
    "Ninh Bình": _split("phường Hoa Lư, phường Nam Định, phường Phủ Lý, xã Hải Hậu, xã Giao Thủy"),
    "Hưng Yên": _split("phường Phố Hiến, phường Thái Bình, xã Tiền Hải, xã Quỳnh Phụ"),
    "Thanh Hóa": _split("phường Hạc Thành, phường Sầm Sơn, phường Bỉm Sơn, xã Hoằng Hóa, xã Thọ Xuân"),
    "Nghệ An": _split("phường Thành Vinh, phường Trường Vinh, phường Cửa Lò, xã Diễn Châu, xã Quỳnh Lưu"),
    "Quảng Ninh": _split("phường Hạ Long, phường Bãi Cháy, phường Cẩm Phả, phường Uông Bí"),
    "Cao Bằng": _split("phường Thục Phán, phường Tân Giang, xã Hòa An, xã Trùng Khánh"),
    "Lạng Sơn": _split("phường Tam Thanh, phường Đông Kinh, xã Cao Lộc, xã Hữu Lũng"),
    "Hồ Chí Minh": _split("phường Sài Gòn, phường Bến Thành, phường Gò Vấp, phường Bình Thạnh, phường Thủ Dầu Một"),
}

# Before 01/07/2025: commune, district, former province. Records made then keep these addresses.
THREE_LEVEL_UNITS: tuple[tuple[str, str, str], ...] = (
    ("phường Kim Tân", "thành phố Lào Cai", "Lào Cai"),
    ("phường Cốc Lếu", "thành phố Lào Cai", "Lào Cai"),
    ("phường Bắc Cường", "thành phố Lào Cai", "Lào Cai"),
    ("xã Tả Phìn", "thị xã Sa Pa", "Lào Cai"),
    ("xã Bản Vược", "huyện Bát Xát", "Lào Cai"),
    ("xã Lùng Vai", "huyện Mường Khương", "Lào Cai"),
    ("xã Bảo Nhai", "huyện Bắc Hà", "Lào Cai"),
    ("xã Sán Chải", "huyện Si Ma Cai", "Lào Cai"),
    ("thị trấn Phố Lu", "huyện Bảo Thắng", "Lào Cai"),
    ("xã Xuân Quang", "huyện Bảo Thắng", "Lào Cai"),
    ("xã Cam Cọn", "huyện Bảo Yên", "Lào Cai"),
    ("xã Võ Lao", "huyện Văn Bàn", "Lào Cai"),
    ("phường Đồng Tâm", "thành phố Yên Bái", "Yên Bái"),
    ("phường Minh Tân", "thành phố Yên Bái", "Yên Bái"),
    ("phường Pú Trạng", "thị xã Nghĩa Lộ", "Yên Bái"),
    ("xã Khau Phạ", "huyện Mù Cang Chải", "Yên Bái"),
    ("xã Hát Lừu", "huyện Trạm Tấu", "Yên Bái"),
    ("xã Sơn Thịnh", "huyện Văn Chấn", "Yên Bái"),
    ("thị trấn Yên Thế", "huyện Lục Yên", "Yên Bái"),
    ("xã Đông Cuông", "huyện Văn Yên", "Yên Bái"),
    ("thị trấn Cổ Phúc", "huyện Trấn Yên", "Yên Bái"),
    ("thị trấn Yên Bình", "huyện Yên Bình", "Yên Bái"),
)

_HIGHLAND_VILLAGES = even(
    "Thôn Sín Chải, Thôn Lao Chải, Thôn Hầu Thào, Thôn Nậm Chày, Thôn Na Hối, Thôn Cốc Ly, Thôn Khe Mạ, Thôn Bản Phố, "
    "Thôn Phìn Hồ, Thôn Nậm Khánh, Thôn Pờ Hồ, Thôn Tả Giàng Phình, Thôn Làng Mới, Thôn Bản Cuông"
)
_LOWLAND_VILLAGES = even(
    "Thôn Đông, Thôn Đoài, Thôn Thượng, Thôn Hạ, Thôn Tân Lập, Thôn Trung Tâm, Xóm 2, Xóm 4, Xóm 7"
)
_STREETS: dict[str, tuple[str, ...]] = {
    "Lào Cai": _split(
        "đường Hoàng Liên, đường Nguyễn Huệ, đường Trần Hưng Đạo, đường Hồng Hà, đường Điện Biên, "
        "đường Nguyễn Thái Học, đường Yên Ninh, đường Cầu Mây"
    ),
}
_COMMON_STREETS = _split(
    "đường Lê Lợi, đường Trần Phú, đường Nguyễn Trãi, đường Quang Trung, đường Hùng Vương, đường Lê Duẩn, "
    "đường Hai Bà Trưng"
)


@dataclass(frozen=True)
class Address:
    province: str
    commune: str
    line: str


def _street_line(rng: Random, province: str, *, ward: bool, highland: bool) -> str:
    if ward:
        street = rng.choice(_STREETS.get(province, _COMMON_STREETS))
        return f"Số {rng.randint(1, 350)}, {street}, tổ {rng.randint(1, 30)}"
    return (_HIGHLAND_VILLAGES if highland else _LOWLAND_VILLAGES).pick(rng)


def address(rng: Random, province: Province, *, highland: bool, three_level: bool = False) -> Address:
    """An address in `province`: the house, street or village in `line`, beside the commune or
    ward and the province (Resident's address fields). `three_level` gives a record made before
    01/07/2025 (Lào Cai only), whose line keeps the old commune–district–province address as
    written and whose new commune is not known yet; the province is the current one, so that
    figures group correctly."""
    if three_level and province.name == "Lào Cai":
        commune, district, former = rng.choice(THREE_LEVEL_UNITS)
        place = _street_line(rng, province.name, ward=not commune.startswith("xã"), highland=highland)
        return Address(province.name, "", f"{place}, {commune}, {district}, tỉnh {former}")
    commune = rng.choice(COMMUNES[province.name])
    place = _street_line(rng, province.name, ward=commune.startswith("phường"), highland=highland)
    return Address(province.name, commune, place)


# --- Courts -----------------------------------------------------------------------------------

# Regional courts replaced the district courts on 01/07/2025 (the amended Law on the Organisation
# of People's Courts); compulsory rehab decisions come from one or the other by date.
REGIONAL_COURTS_FROM = date(2025, 7, 1)
_DISTRICT_COURTS = tuple(
    f"Tòa án nhân dân {name}"
    for name in _split(
        "thành phố Lào Cai, thị xã Sa Pa, huyện Bát Xát, huyện Bảo Thắng, huyện Văn Bàn, thành phố Yên Bái, "
        "huyện Văn Chấn"
    )
)
_REGIONAL_COURTS = tuple(f"Tòa án nhân dân khu vực {n} – Lào Cai" for n in range(1, 6))


def court(rng: Random, on: date) -> str:
    return rng.choice(_REGIONAL_COURTS if on >= REGIONAL_COURTS_FROM else _DISTRICT_COURTS)


# --- Schooling, trades, record ----------------------------------------------------------------

# Schooling as the forms record it: grades completed out of 12.
_EDUCATION_LOWLAND = table(
    "Không biết chữ 1, 3/12 1, 5/12 5, 7/12 8, 9/12 30, 10/12 6, 11/12 6, 12/12 30, Trung cấp 6, Cao đẳng 4, Đại học 3"
)
_EDUCATION_HIGHLAND = table("Không biết chữ 15, 2/12 8, 3/12 10, 5/12 20, 7/12 12, 9/12 22, 12/12 10, Trung cấp 3")
_EDUCATION_MINOR = table("5/12 10, 6/12 15, 7/12 25, 8/12 25, 9/12 20, 10/12 5")


def education(rng: Random, *, ethnicity: str, is_minor: bool) -> str:
    if is_minor:
        return _EDUCATION_MINOR.pick(rng)
    return (_EDUCATION_LOWLAND if ethnicity == "Kinh" else _EDUCATION_HIGHLAND).pick(rng)


_OCCUPATIONS_MEN = table(
    "Lao động tự do 30, Không nghề nghiệp 12, Làm ruộng 10, Thợ xây 8, Công nhân 8, Lái xe 6, Phụ hồ 5, Buôn bán 5, "
    "Xe ôm 4, Thợ sửa xe 4, Bốc vác 3, Thợ hàn 3, Nhân viên bán hàng 2"
)
_OCCUPATIONS_WOMEN = table(
    "Lao động tự do 30, Buôn bán 15, Không nghề nghiệp 15, Làm ruộng 10, Công nhân 8, Nội trợ 8, Nhân viên quán ăn 6"
)
_OCCUPATIONS_HIGHLAND = table("Làm nương 35, Làm ruộng 25, Lao động tự do 25, Không nghề nghiệp 10, Trồng rừng 5")
_OCCUPATIONS_MINOR = table("Không nghề nghiệp 45, Học sinh 30, Lao động tự do 25")


def occupation(rng: Random, *, sex: str, ethnicity: str, is_minor: bool) -> str:
    if is_minor:
        return _OCCUPATIONS_MINOR.pick(rng)
    if ethnicity != "Kinh":
        return _OCCUPATIONS_HIGHLAND.pick(rng)
    return (_OCCUPATIONS_WOMEN if sex == FEMALE else _OCCUPATIONS_MEN).pick(rng)


_OFFENCES = _split(
    "tàng trữ trái phép chất ma túy, mua bán trái phép chất ma túy, tổ chức sử dụng trái phép chất ma túy, "
    "trộm cắp tài sản, cướp giật tài sản, cố ý gây thương tích"
)


def criminal_record_note(rng: Random, *, first_year: int, last_year: int) -> str:
    years = rng.choice((1, 1, 2, 2, 3, 5, 7))
    offence = rng.choice(_OFFENCES)
    return f"Đã bị xử phạt {years} năm tù về tội {offence} (năm {rng.randint(first_year, last_year)})."


# --- Families and hospitals -------------------------------------------------------------------

# Relation → the relative's sex; "same" when the relative carries the resident's surname.
_RELATIONS = Weighted(
    [
        (("Mẹ", FEMALE, False), 35),
        (("Bố", MALE, True), 20),
        (("Vợ", FEMALE, False), 18),
        (("Anh trai", MALE, True), 8),
        (("Chị gái", FEMALE, True), 8),
        (("Em trai", MALE, True), 6),
        (("Em gái", FEMALE, True), 5),
    ]
)


def relative(rng: Random, *, name: str, sex: str, ethnicity: str) -> tuple[str, str]:
    """A relative to contact: (relation, full name). A woman's partner is her husband."""
    relation, relative_sex, same_surname = _RELATIONS.pick(rng)
    if relation == "Vợ" and sex == FEMALE:
        relation, relative_sex = "Chồng", MALE
    relative_name = full_name(rng, sex=relative_sex, ethnicity=ethnicity)
    if same_surname:
        relative_name = f"{name.split(' ', 1)[0]} {relative_name.split(' ', 1)[1]}"
    return relation, relative_name


def phone_number(rng: Random) -> str:
    prefix = rng.choice(("091", "094", "098", "097", "086", "096", "033", "035", "038", "088"))
    return f"{prefix}{rng.randint(0, 9_999_999):07d}"


HOSPITALS = _split(
    "Bệnh viện Đa khoa tỉnh Lào Cai, Bệnh viện Đa khoa số 2 tỉnh Lào Cai, Bệnh viện Phổi tỉnh Lào Cai, "
    "Bệnh viện Tâm thần tỉnh Lào Cai, Bệnh viện Đa khoa khu vực Nghĩa Lộ"
)
