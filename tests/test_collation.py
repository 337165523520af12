"""Alphabetical order in Ukrainian and English (forum/collation.py) and the country list."""

from forum.collation import collation_key
from forum.i18n import country_choices

UKRAINIAN_ORDER = ["Гончар", "Ґалаґан", "Євтушенко", "Іванова", "Їжакевич", "Яковенко"]


def test_ukrainian_names_sort_in_the_order_of_the_ukrainian_alphabet():
    assert sorted(reversed(UKRAINIAN_ORDER), key=collation_key) == UKRAINIAN_ORDER


def test_ghe_with_upturn_and_yi_are_letters_of_their_own():
    # In the bare Unicode table Ґ and Ї are accented Г and І: 'Ґа…' would precede 'Го…'.
    names = ["Їван", "Іжак", "Ґава", "Гуцул", "Ґудзь", "Гавриленко", "Йосипенко", "Ірпінь"]
    assert sorted(names, key=collation_key) == [
        "Гавриленко",
        "Гуцул",
        "Ґава",
        "Ґудзь",
        "Іжак",
        "Ірпінь",
        "Їван",
        "Йосипенко",
    ]


def test_capitals_and_decomposed_letters_sort_as_the_same_letter():
    assert sorted(["ЇЖАК", "Ідол", "ЙОД", "ґава", "ГУЛ"], key=collation_key) == [
        "ГУЛ",
        "ґава",
        "Ідол",
        "ЇЖАК",
        "ЙОД",
    ]
    assert collation_key("Ї") == collation_key("\u0406\u0308")


def test_english_order_ignores_case_and_accents():
    names = ["Zebra", "Ölaf", "eve", "Émile", "de Gaulle", "Dean", "apple", "ola"]
    assert sorted(names, key=collation_key) == [
        "apple",
        "de Gaulle",
        "Dean",
        "Émile",
        "eve",
        "ola",
        "Ölaf",
        "Zebra",
    ]


def test_ukrainian_country_list_puts_ye_i_and_yi_in_their_places():
    names = [name for _code, name in country_choices("uk")]
    positions = {name: names.index(name) for name in ("Єгипет", "Ізраїль", "Італія", "Японія")}
    assert positions["Єгипет"] < positions["Ізраїль"] < positions["Італія"] < positions["Японія"]
    assert names.index("Естонія") < positions["Єгипет"] < names.index("Замбія")
    assert positions["Ізраїль"] < names.index("Індія") < positions["Італія"]
    assert names[-1] == "Японія"


def test_english_country_list_is_alphabetical():
    names = [name for _code, name in country_choices("en")]
    assert names.index("Åland Islands") < names.index("Albania")
    assert names.index("Côte d’Ivoire") < names.index("Croatia")
    assert names[0] == "Afghanistan"
