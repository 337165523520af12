"""Passport Latin forms (Ukrainian national transliteration of 2010) and search keys."""

import json
from pathlib import Path

import pytest

from forum.translit import passport_latin, search_key, search_key_table

# The examples of Cabinet of Ministers resolution No. 55 of 27 January 2010, and the
# names the issue names.
RESOLUTION_EXAMPLES = {
    "Алушта": "Alushta",
    "Борщагівка": "Borshchahivka",
    "Вишгород": "Vyshhorod",
    "Гадяч": "Hadiach",
    "Згорани": "Zghorany",
    "Ґалаґан": "Galagan",
    "Рівне": "Rivne",
    "Єнакієве": "Yenakiieve",
    "Наєнко": "Naienko",
    "Житомир": "Zhytomyr",
    "Закарпаття": "Zakarpattia",
    "Медвин": "Medvyn",
    "Іршава": "Irshava",
    "Їжакевич": "Yizhakevych",
    "Кадиївка": "Kadyivka",
    "Йосипівка": "Yosypivka",
    "Стрий": "Stryi",
    "Олексій": "Oleksii",
    "Київ": "Kyiv",
    "Миколаїв": "Mykolaiv",
    "Ніжин": "Nizhyn",
    "Ужгород": "Uzhhorod",
    "Харків": "Kharkiv",
    "Біла Церква": "Bila Tserkva",
    "Чернівці": "Chernivtsi",
    "Гоща": "Hoshcha",
    "Юрій": "Yurii",
    "Крюківка": "Kriukivka",
    "Яготин": "Yahotyn",
    "Ічня": "Ichnia",
    "Знамʼянка": "Znamianka",
    "Знам'янка": "Znamianka",
    "Розгон": "Rozghon",
    "Шевчишин": "Shevchyshyn",
    "Юлія": "Yuliia",
    "Згурська": "Zghurska",
}


@pytest.mark.parametrize(("cyrillic", "latin"), RESOLUTION_EXAMPLES.items())
def test_the_resolution_examples(cyrillic, latin):
    assert passport_latin(cyrillic) == latin


def test_capitals_hyphens_and_latin_text():
    assert passport_latin("ЖУК") == "ZHUK"
    assert passport_latin("Коваленко-Шевчук") == "Kovalenko-Shevchuk"
    assert passport_latin("Олена Щербак") == "Olena Shcherbak"
    assert passport_latin("Sébastien Lecornu") == "Sébastien Lecornu"  # Latin stays as typed
    assert passport_latin("Władysław") == "Władysław"


def test_other_scripts_get_a_latin_form_to_correct():
    assert passport_latin("Эдуард") == "Eduard"  # Russian: not by the Ukrainian table
    assert passport_latin("Σωκράτης").isascii()
    assert passport_latin("Σωκράτης")


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("shevchyshyn", "Шевчишин"),
        ("Shevchyshyn", "Шевчишин"),
        ("Шевчишин", "Шевчишин"),
        ("шевчиш", "Шевчишин"),
        ("kovalenko", "Коваленко"),
        ("Коваленко", "Kovalenko"),
        ("Oleksiy", "Олексій"),
        ("Oleksii", "Oleksiy"),
        ("Yulia", "Юлія"),
        ("Harkiv", "Харків"),
        ("vladyslav", "Władysław"),
        ("sebastien", "Sébastien"),
    ],
)
def test_a_query_in_either_script_is_the_start_of_the_stored_key(typed, stored):
    assert search_key(stored).startswith(search_key(typed))


def test_different_names_keep_different_keys():
    assert not search_key("Коваленко").startswith(search_key("Kovalchuk"))
    assert search_key("Олена") != search_key("Оксана")
    assert search_key("  Ірина   Зінчук ") == "irina zinchuk"


# The keys both sides must agree on: the door scanner's port of search_key() (offline name
# search, static/js/scanner/search-key.js) is held to the same file by
# tests/browser/test_door_staff.py.
SEARCH_KEY_VECTORS = Path(__file__).parent / "search" / "search_key_vectors.json"


def test_search_keys_match_the_shared_vectors():
    vectors = json.loads(SEARCH_KEY_VECTORS.read_text("utf-8"))["vectors"]
    assert len(vectors) > 30
    assert [search_key(v["text"]) for v in vectors] == [v["key"] for v in vectors]


def test_the_browser_table_covers_the_latin_letters_whose_ascii_is_not_their_base():
    table = search_key_table()
    assert table["latinFold"]["ß"] == "ss" and table["latinFold"]["ł"] == "l"
    assert "é" not in table["latinFold"]  # the browser drops its accent itself
    assert table["letters"]["ш"] == "sh"
