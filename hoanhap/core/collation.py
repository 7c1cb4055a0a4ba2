"""Vietnamese alphabetical order of personal names, as a string both databases sort bytewise.

The alphabet: a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y (f j w z, in foreign
names, at their Latin places). Letters decide first; only between names of equal letters do the
tones decide, in the dictionaries' order: none, huyền, hỏi, ngã, sắc, nặng. So "Cao" comes
before "Cầm" (a before â), "Hoàng" before "Hồ" (o before ô), "Duy" before "Đan" (d before đ).

A Vietnamese list is sorted by the given name — the last word — then by the family and middle
names in their order: "Nguyễn An" before "Lê Văn Bình".

The key: the letters of each word, in that order, mapped to printable ASCII in the alphabet's
order, words joined by "!"; then " " and one tone digit per word. " " sorts below "!" and every
letter, so a name that is the beginning of another sorts first ("An" before "An Bình").
"""

import unicodedata

ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
# Each letter as one ASCII character above the digits, in the alphabet's order ("A" onwards).
_LETTERS = {letter: chr(ord("A") + index) for index, letter in enumerate(ALPHABET)}
# The marks that make a letter of its own (ă â ê ô ơ ư), kept with their letter.
_LETTER_MARKS = {"\u0306", "\u0302", "\u031b"}
# The tones, in the dictionaries' order (none is 0).
_TONES = {"\u0300": "1", "\u0309": "2", "\u0303": "3", "\u0301": "4", "\u0323": "5"}
WORD_SEPARATOR = "!"
TONE_SEPARATOR = " "


def _word_key(word: str) -> tuple[str, str]:
    """The letters of a word as key characters, and its tone digit."""
    letters: list[str] = []
    tone = "0"
    for char in unicodedata.normalize("NFD", word):
        if char in _TONES:
            tone = _TONES[char]
        elif char in _LETTER_MARKS and letters:
            letters[-1] += char
        elif char.isalnum():
            letters.append(char)
    mapped = []
    for letter in letters:
        letter = unicodedata.normalize("NFC", letter)
        if letter in _LETTERS:
            mapped.append(_LETTERS[letter])
        elif letter.isascii() and letter.isdigit():
            mapped.append(letter)
        else:  # a letter of another script: after the alphabet, by its base letter if it has one
            base = unicodedata.normalize("NFD", letter)[0]
            mapped.append(_LETTERS.get(base, "~"))
    return "".join(mapped), tone


def _key(words: list[str]) -> str:
    keys = [_word_key(word) for word in words]
    return WORD_SEPARATOR.join(letters for letters, _tone in keys) + TONE_SEPARATOR + "".join(tone for _, tone in keys)


def name_sort_key(name: str) -> str:
    words = unicodedata.normalize("NFC", name).lower().split()
    if not words:
        return ""
    return _key([words[-1], *words[:-1]])  # the given name first


def text_sort_key(text: str) -> str:
    """The same order for any other text — a title, a facility's or a department's name — read
    word by word as it is written (no given name to put first)."""
    words = unicodedata.normalize("NFC", text).lower().split()
    return _key(words) if words else ""
