"""Vietnamese alphabetical order of names (hoanhap/core/collation.py)."""

import unicodedata

import pytest

from hoanhap.core.collation import name_sort_key, text_sort_key


def in_order(names: list[str]) -> list[str]:
    return sorted(names, key=name_sort_key)


@pytest.mark.parametrize(
    ("expected", "why"),
    [
        (["Dung", "Đức"], "đ is a letter of its own, after d"),
        (["Duy", "Đan"], "đ after every d, whatever follows"),
        (["Cao", "Cầm"], "a before â (the alphabet, not the issue's example)"),
        (["Cảnh", "Cần"], "a before â in the second letter"),
        (["Hoàng", "Hồ"], "o before ô (the alphabet, not the issue's example)"),
        (["Hồ", "Hơn"], "ô before ơ"),
        (["An", "Anh", "Ăn", "Ân", "Bình"], "a ă â b; a shorter word first"),
        (["Tu", "Tuấn", "Tư"], "u before ư; a shorter word first"),
        (["Ly", "Lý"], "no tone before a tone"),
        (["Ma", "Mà", "Mả", "Mã", "Má", "Mạ"], "tones: none, huyền, hỏi, ngã, sắc, nặng"),
        (["Mạ", "Mai"], "the letters first, the tone only between equal letters"),
        (["Ánh", "Yến"], "a before y, the tone aside"),
    ],
)
def test_given_names_follow_the_vietnamese_alphabet(expected, why):
    assert in_order(list(reversed(expected))) == expected, why
    assert in_order(expected) == expected, why


def test_a_name_is_sorted_by_its_given_name_then_the_family_and_middle_names():
    names = ["Nguyễn Văn Bình", "Trần Thị An", "Lê Văn Bình", "Nguyễn An"]
    assert in_order(names) == ["Nguyễn An", "Trần Thị An", "Lê Văn Bình", "Nguyễn Văn Bình"]


def test_case_spaces_and_the_unicode_form_do_not_change_the_order():
    assert name_sort_key("  nguyễn   văn HÙNG ") == name_sort_key("Nguyễn Văn Hùng")
    assert name_sort_key(unicodedata.normalize("NFD", "Nguyễn Văn Hùng")) == name_sort_key("Nguyễn Văn Hùng")


def test_the_key_compares_by_code_point_as_the_databases_do():
    key = name_sort_key("Đặng Thị Hường")
    assert key.isascii() and key.isprintable()
    assert name_sort_key("") == ""


def test_a_title_is_sorted_word_by_word_as_written_in_the_vietnamese_alphabet():
    titles = ["Đề nghị mua sắm", "Điều động cán bộ", "Chuyển cơ sở", "Cấp giấy chứng nhận", "Dự toán"]
    assert sorted(titles, key=text_sort_key) == [
        "Cấp giấy chứng nhận",
        "Chuyển cơ sở",
        "Dự toán",
        "Đề nghị mua sắm",
        "Điều động cán bộ",
    ]
