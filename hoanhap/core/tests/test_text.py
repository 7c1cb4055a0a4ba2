"""Search text folds alike with or without diacritics, and loses what no search can mean."""

from hoanhap.core.text import fold


def test_names_fold_alike_with_or_without_their_diacritics():
    assert fold("Nguyễn  Văn Hùng") == fold("nguyen van hung") == "nguyen van hung"
    assert fold("Đỗ Đức") == "do duc"


def test_a_nul_character_typed_into_an_address_is_dropped():
    # PostgreSQL refuses a NUL in any text it compares: a search with one was a server error.
    assert fold("Hùng\x00") == "hung"
