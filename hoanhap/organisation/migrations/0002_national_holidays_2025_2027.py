"""The national days off of 2025, 2026 and 2027 (core.Holiday rows without a facility).

Labour Code 45/2019/QH14, art. 112: 1 January; Tết (lunar new year), 5 days; the Hùng Kings'
commemoration (10th day of the 3rd lunar month); 30 April; 1 May; 2 September and a day before or
after it. A holiday on a weekend gives a day off in compensation (art. 111, 112; Decree
145/2020/NĐ-CP, art. 58); each year the Ministry (of Labour until 2025, of Home Affairs since)
announces which days state agencies take off, and may swap a working day for a day between a
holiday and a weekend.

2025 follows that year's notices (Tết 27–31/01, 9 days with the weekends; 02/05 off, swapped with
Saturday 26/04; 01/09 with 02/09). 2026 and 2027 follow the Code's rule, with Tết's days and the
compensation days as the notices usually set them: CHECK THEM AGAINST EACH YEAR'S OFFICIAL NOTICE
and correct them on the holidays page (the system administrator) or in the administration site.
A working Saturday given in exchange for a swapped day is not recorded (the calendar has no
working weekends)."""

from datetime import date

from django.db import migrations

P, C = "public_holiday", "compensation"

DAYS = (
    # 2025
    (date(2025, 1, 1), "Tết Dương lịch", P),
    *((date(2025, 1, d), "Tết Nguyên đán Ất Tỵ", P) for d in (27, 28, 29, 30, 31)),
    (date(2025, 4, 7), "Giỗ Tổ Hùng Vương (10/3 âm lịch)", P),
    (date(2025, 4, 30), "Ngày Giải phóng miền Nam, thống nhất đất nước", P),
    (date(2025, 5, 1), "Ngày Quốc tế Lao động", P),
    (date(2025, 5, 2), "Nghỉ hoán đổi (làm bù thứ Bảy 26/04/2025)", C),
    (date(2025, 9, 1), "Quốc khánh (ngày liền kề)", P),
    (date(2025, 9, 2), "Quốc khánh", P),
    # 2026
    (date(2026, 1, 1), "Tết Dương lịch", P),
    *((date(2026, 2, d), "Tết Nguyên đán Bính Ngọ", P) for d in (16, 17, 18, 19, 20)),
    (date(2026, 4, 26), "Giỗ Tổ Hùng Vương (10/3 âm lịch)", P),
    (date(2026, 4, 27), "Nghỉ bù Giỗ Tổ Hùng Vương (trùng Chủ nhật)", C),
    (date(2026, 4, 30), "Ngày Giải phóng miền Nam, thống nhất đất nước", P),
    (date(2026, 5, 1), "Ngày Quốc tế Lao động", P),
    (date(2026, 9, 1), "Quốc khánh (ngày liền kề)", P),
    (date(2026, 9, 2), "Quốc khánh", P),
    # 2027
    (date(2027, 1, 1), "Tết Dương lịch", P),
    *((date(2027, 2, d), "Tết Nguyên đán Đinh Mùi", P) for d in (5, 6, 7, 8, 9)),
    *((date(2027, 2, d), "Nghỉ bù Tết Nguyên đán (trùng thứ Bảy, Chủ nhật)", C) for d in (10, 11)),
    (date(2027, 4, 16), "Giỗ Tổ Hùng Vương (10/3 âm lịch)", P),
    (date(2027, 4, 30), "Ngày Giải phóng miền Nam, thống nhất đất nước", P),
    (date(2027, 5, 1), "Ngày Quốc tế Lao động", P),
    (date(2027, 5, 3), "Nghỉ bù Ngày Quốc tế Lao động (trùng thứ Bảy)", C),
    (date(2027, 9, 2), "Quốc khánh", P),
    (date(2027, 9, 3), "Quốc khánh (ngày liền kề)", P),
)


def install(apps, schema_editor):
    Holiday = apps.get_model("core", "Holiday")
    taken = set(Holiday.objects.filter(facility__isnull=True).values_list("day", flat=True))
    Holiday.objects.bulk_create(
        [Holiday(facility=None, day=day, name=name, kind=kind) for day, name, kind in DAYS if day not in taken]
    )


def remove(apps, schema_editor):
    Holiday = apps.get_model("core", "Holiday")
    Holiday.objects.filter(facility__isnull=True, day__in=[day for day, _name, _kind in DAYS]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("organisation", "0001_staff_and_postings"),
        ("core", "0003_holidays_and_department_dates"),
    ]

    operations = [migrations.RunPython(install, remove)]
