"""Search keys, administrative units and unit lists, evaluation years."""

from __future__ import annotations

import json
import unicodedata
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from assessor_app.domain.catalogue import Catalogue, UnitCategory
from assessor_app.domain.catalogue_format import parse_catalogue
from assessor_app.domain.errors import InputError, NotFoundError
from assessor_app.domain.evaluation import catalogue_for_year, check_year, period, year_of
from assessor_app.domain.text import clean, fold, nfc
from assessor_app.domain.units import (
    AdminUnit,
    UnitList,
    UnitType,
    default_category,
    parse_unit_list,
    search,
    unit_type_from_name,
)
from tests.unit.domain.catalogue_fixtures import base_document

UNITS_DIR = Path(__file__).resolve().parents[3] / "resources" / "units"


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


# ---------------------------------------------------------------------------------------------
# text


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Hữu Lũng", "huu lung"),
        ("Đình Lập", "dinh lap"),
        ("đình lập", "dinh lap"),
        ("ĐÌNH LẬP", "dinh lap"),
        (nfd("Hữu Lũng"), "huu lung"),
        (nfd("Đình Lập"), "dinh lap"),
        ("  Thị   trấn\tHữu Lũng ", "thi tran huu lung"),
        ("Xã Bằng Hữu", "xa bang huu"),
        ("Phường Kỳ Lừa", "phuong ky lua"),
        ("Thành phố Lạng Sơn", "thanh pho lang son"),
        ("huu lung", "huu lung"),
        ("06385", "06385"),
        ("", ""),
    ],
)
def test_fold(text: str, key: str) -> None:
    assert fold(text) == key


def test_nfc_and_clean() -> None:
    assert nfc(nfd("Lạng Sơn")) == "Lạng Sơn"
    assert nfd("Lạng Sơn") != "Lạng Sơn"
    assert clean(f"  {nfd('Lạng')}\t\n Sơn  ") == "Lạng Sơn"
    assert clean("   ") == ""


# ---------------------------------------------------------------------------------------------
# Unit types and default categories


@pytest.mark.parametrize(
    ("name", "unit_type"),
    [
        ("Xã Hữu Liên", UnitType.COMMUNE),
        ("Phường Hoàng Văn Thụ", UnitType.WARD),
        ("phường Kỳ Lừa", UnitType.WARD),
        (nfd("Phường Đông Kinh"), UnitType.WARD),
        ("Thị trấn Hữu Lũng", UnitType.TOWNSHIP),
        ("THỊ TRẤN Đồng Đăng", UnitType.TOWNSHIP),
        ("Thi tran Na Sam", UnitType.TOWNSHIP),
        ("Hữu Liên", UnitType.COMMUNE),  # no prefix: a commune
        ("Phường", UnitType.COMMUNE),  # the word alone is not a name
    ],
)
def test_unit_type_from_name(name: str, unit_type: UnitType) -> None:
    assert unit_type_from_name(name) is unit_type


@pytest.mark.parametrize(
    ("unit_type", "mountainous", "category"),
    [
        (UnitType.COMMUNE, True, UnitCategory.MOUNTAIN_ISLAND_DIFFICULT),
        (UnitType.TOWNSHIP, True, UnitCategory.MOUNTAIN_ISLAND_DIFFICULT),
        (UnitType.WARD, True, UnitCategory.OTHER),
        (UnitType.COMMUNE, False, UnitCategory.OTHER),
        (UnitType.TOWNSHIP, False, UnitCategory.OTHER),
        (UnitType.WARD, False, UnitCategory.OTHER),
    ],
)
def test_default_category(unit_type: UnitType, mountainous: bool, category: UnitCategory) -> None:
    assert default_category(unit_type, mountainous) is category


# ---------------------------------------------------------------------------------------------
# A tiny inline unit list


def tiny_document() -> dict[str, Any]:
    return {
        "format": "assessor-units",
        "format_version": 1,
        "code": "TINY-1",
        "title_vi": "Danh sách thử",
        "province": {"code": "20", "name": "Tỉnh Lạng  Sơn", "mountainous": True},
        "valid_from": "2020-01-01",
        "valid_to": "2024-12-31",
        "source": "test",
        "legal_basis": "NQ thử",
        "districts": [
            {"code": "186", "name": "Huyện Hữu Lũng"},
            {"code": "189", "name": nfd("Huyện Đình Lập")},
        ],
        "communes": [
            {"code": "06385", "name": "Thị trấn Hữu Lũng", "district": "186"},
            {"code": "06388", "name": "Xã Hữu Liên", "type": "xa", "district": "186"},
            {"code": "06613", "name": nfd("Thị trấn Đình Lập"), "district": "189"},
            {"code": "06625", "name": "Xã Bính Xá", "district": "189"},
            {"code": "06322", "name": "Xã Hữu Lễ", "district": "184"},  # district not listed
            {"code": "05971", "name": "Phường Hoàng Văn Thụ"},
            {"code": "0597", "name": "Xã Ải Thử", "merged_from": ["0597", "0598"]},
        ],
    }


@pytest.fixture(scope="module")
def tiny() -> UnitList:
    return parse_unit_list(tiny_document())


def test_parse_tiny_unit_list(tiny: UnitList) -> None:
    assert tiny.code == "TINY-1"
    assert tiny.title_vi == "Danh sách thử"
    assert (tiny.province_code, tiny.province_name) == ("20", "Tỉnh Lạng Sơn")
    assert (tiny.valid_from, tiny.valid_to) == (date(2020, 1, 1), date(2024, 12, 31))
    assert tiny.mountainous_province is True
    assert tiny.districts == (("186", "Huyện Hữu Lũng"), ("189", "Huyện Đình Lập"))
    assert [u.code for u in tiny.units] == [
        "06385",
        "06388",
        "06613",
        "06625",
        "06322",
        "05971",
        "0597",
    ]
    township = tiny.unit("06385")
    assert township == AdminUnit(
        code="06385",
        name="Thị trấn Hữu Lũng",
        unit_type=UnitType.TOWNSHIP,
        list_code="TINY-1",
        district_code="186",
        district_name="Huyện Hữu Lũng",
        default_category=UnitCategory.MOUNTAIN_ISLAND_DIFFICULT,
    )
    assert tiny.unit("06613").name == "Thị trấn Đình Lập"  # stored NFC
    assert tiny.unit("06613").unit_type is UnitType.TOWNSHIP
    ward = tiny.unit("05971")
    assert (ward.unit_type, ward.default_category) == (UnitType.WARD, UnitCategory.OTHER)
    assert (ward.district_code, ward.district_name) == ("", "")
    assert tiny.unit("06322").district_name == ""
    assert tiny.unit("0597").merged_from == ("0597", "0598")
    assert tiny.unit("99999") is None


def test_lowland_province_defaults_to_other() -> None:
    document = tiny_document()
    document["province"]["mountainous"] = False
    units = parse_unit_list(document)
    assert {u.default_category for u in units.units} == {UnitCategory.OTHER}


def test_open_ended_unit_list() -> None:
    document = tiny_document()
    del document["valid_to"]
    units = parse_unit_list(document)
    assert units.valid_to is None
    assert units.valid_on(date(2099, 1, 1))


@pytest.mark.parametrize(
    ("day", "valid"),
    [
        (date(2019, 12, 31), False),
        (date(2020, 1, 1), True),
        (date(2024, 12, 31), True),
        (date(2025, 1, 1), False),
    ],
)
def test_valid_on(tiny: UnitList, day: date, valid: bool) -> None:
    assert tiny.valid_on(day) is valid


@pytest.mark.parametrize(
    ("start", "end", "overlaps"),
    [
        (date(2018, 11, 1), date(2019, 10, 31), False),
        (date(2019, 11, 1), date(2020, 10, 31), True),
        (date(2024, 11, 1), date(2025, 10, 31), True),
        (date(2025, 1, 1), date(2025, 10, 31), False),
    ],
)
def test_overlaps(tiny: UnitList, start: date, end: date, overlaps: bool) -> None:
    assert tiny.overlaps(start, end) is overlaps


@pytest.mark.parametrize(
    ("document", "code"),
    [
        ([], "UNITS_FORMAT"),
        ({"format": "assessor-catalogue"}, "UNITS_FORMAT"),
        ({**tiny_document(), "format_version": 2}, "UNITS_FORMAT_VERSION"),
    ],
)
def test_not_a_unit_list(document: Any, code: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_unit_list(document)
    assert caught.value.code == code


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("huu lung", ["06385", "06388"]),  # the township by name, the commune by its district
        ("Hữu Lũng", ["06385", "06388"]),
        (nfd("Hữu Lũng"), ["06385", "06388"]),
        ("HUU LUNG", ["06385", "06388"]),
        ("lung huu", ["06385", "06388"]),  # every word, in any order
        ("huu", ["06385", "06322", "06388"]),  # sorted by folded name
        ("thi tran", ["06613", "06385"]),
        ("thị trấn đình", ["06613"]),
        ("dinh lap", ["06613", "06625"]),
        ("Đình Lập xá", ["06625"]),
        ("06385", ["06385"]),  # by code
        ("0638", ["06385", "06388"]),  # part of a code
        ("huu lung lien", ["06388"]),
        ("huu hanoi", []),
        ("", []),
        ("   ", []),
    ],
)
def test_search(tiny: UnitList, text: str, codes: list[str]) -> None:
    assert [u.code for u in search(list(tiny.units), text)] == codes


def test_exact_code_first(tiny: UnitList) -> None:
    # "0597" is in both codes; the exact match comes first although "Phường ..." sorts first by name.
    assert [u.code for u in search(list(tiny.units), "0597")] == ["0597", "05971"]
    assert [u.code for u in search(list(tiny.units), " 0597 ")] == ["0597", "05971"]


def test_search_does_not_modify_input(tiny: UnitList) -> None:
    units = list(tiny.units)
    search(units, "huu")
    assert units == list(tiny.units)


# ---------------------------------------------------------------------------------------------
# Shipped unit lists


def load_units(code: str) -> UnitList:
    return parse_unit_list(json.loads((UNITS_DIR / f"{code}.json").read_text(encoding="utf-8")))


@pytest.fixture(scope="module")
def ls2014() -> UnitList:
    return load_units("LS-2014")


def test_ls2014_counts(ls2014: UnitList) -> None:
    assert ls2014.code == "LS-2014"
    assert len(ls2014.units) == 226
    assert len(ls2014.districts) == 11
    assert len({u.code for u in ls2014.units}) == 226
    assert ls2014.province_name == "Tỉnh Lạng Sơn"
    assert ls2014.mountainous_province is True
    assert dict(ls2014.districts)["186"] == "Huyện Hữu Lũng"
    assert all(u.list_code == "LS-2014" for u in ls2014.units)
    types = [u.unit_type for u in ls2014.units]
    assert types.count(UnitType.WARD) == 5
    assert types.count(UnitType.TOWNSHIP) == 14
    assert types.count(UnitType.COMMUNE) == 207
    assert all(u.unit_type is unit_type_from_name(u.name) for u in ls2014.units)
    assert ls2014.valid_on(date(2015, 10, 31))
    assert not ls2014.valid_on(date(2020, 1, 1))


def test_ls2014_search_huu_lung(ls2014: UnitList) -> None:
    hits = search(list(ls2014.units), "huu lung")
    in_district = [u for u in ls2014.units if u.district_code == "186"]
    assert len(in_district) == 26
    assert {u.code for u in hits} == {u.code for u in in_district}
    assert "Thị trấn Hữu Lũng" in [u.name for u in hits]
    assert [u.code for u in search(list(ls2014.units), "thi tran huu lung")] == ["06385"]
    assert search(list(ls2014.units), "Hữu Lũng") == hits


def test_ls2014_search_by_code(ls2014: UnitList) -> None:
    assert [u.name for u in search(list(ls2014.units), "06385")] == ["Thị trấn Hữu Lũng"]


def test_ls2025_07() -> None:
    units = load_units("LS-2025-07")
    assert len(units.units) == 65
    wards = [u for u in units.units if u.unit_type is UnitType.WARD]
    assert len(wards) == 4
    assert all(u.default_category is UnitCategory.OTHER for u in wards)
    communes = [u for u in units.units if u.unit_type is not UnitType.WARD]
    assert all(u.default_category is UnitCategory.MOUNTAIN_ISLAND_DIFFICULT for u in communes)
    assert units.valid_to is None
    assert units.valid_from == date(2025, 7, 1)
    assert all(u.district_code == "" for u in units.units)
    assert [u.name for u in search(list(units.units), "ky lua")] == ["Phường Kỳ Lừa"]


@pytest.mark.parametrize("code", ["LS-2014", "LS-2020", "LS-2025-01", "LS-2025-07"])
def test_every_shipped_list_parses(code: str) -> None:
    units = load_units(code)
    assert units.code == code
    assert units.units
    assert len({u.code for u in units.units}) == len(units.units)


# ---------------------------------------------------------------------------------------------
# Evaluation years


@pytest.mark.parametrize(
    ("year", "first", "last"),
    [
        (2015, date(2014, 11, 1), date(2015, 10, 31)),
        (2020, date(2019, 11, 1), date(2020, 10, 31)),
        (2000, date(1999, 11, 1), date(2000, 10, 31)),
        (2100, date(2099, 11, 1), date(2100, 10, 31)),
    ],
)
def test_period(year: int, first: date, last: date) -> None:
    assert period(year) == (first, last)


@pytest.mark.parametrize(
    ("day", "year"),
    [
        (date(2015, 10, 31), 2015),
        (date(2015, 11, 1), 2016),
        (date(2014, 11, 1), 2015),
        (date(2014, 10, 31), 2014),
        (date(2014, 12, 31), 2015),
        (date(2015, 1, 1), 2015),
    ],
)
def test_year_of(day: date, year: int) -> None:
    assert year_of(day) == year


@pytest.mark.parametrize("year", [2000, 2001, 2025, 2099, 2100])
def test_check_year_accepts(year: int) -> None:
    assert check_year(year) == year
    first, last = period(year)
    assert year_of(first) == year_of(last) == year


@pytest.mark.parametrize("year", [1999, 2101, 0, -2015, 20150])
def test_check_year_refuses(year: int) -> None:
    with pytest.raises(InputError) as caught:
        check_year(year)
    assert caught.value.code == "YEAR_OUT_OF_RANGE"
    assert caught.value.params == {"first": 2000, "last": 2100, "year": year}
    with pytest.raises(InputError):
        period(year)


def make_catalogue(code: str, effective_from: str, effective_to: str | None = None) -> Catalogue:
    document = base_document()
    document["code"] = code
    document["effective_from"] = effective_from
    if effective_to is not None:
        document["effective_to"] = effective_to
    return parse_catalogue(document)


@pytest.fixture(scope="module")
def catalogues() -> list[Catalogue]:
    return [
        make_catalogue("QD34", "2014-07-15", "2019-12-31"),
        make_catalogue("QD06", "2019-03-25"),
    ]


@pytest.mark.parametrize(
    ("year", "code"),
    [
        (2014, "QD34"),  # last day 2014-10-31
        (2015, "QD34"),
        (2018, "QD34"),
        (2019, "QD06"),  # both in force on 2019-10-31: the newer one
        (2020, "QD06"),  # QĐ 34 ended 2019-12-31
        (2025, "QD06"),
    ],
)
def test_catalogue_for_year(catalogues: list[Catalogue], year: int, code: str) -> None:
    assert catalogue_for_year(catalogues, year).code == code
    assert catalogue_for_year(reversed(catalogues), year).code == code


def test_catalogue_for_year_uses_the_last_day() -> None:
    # In force from the last day of 2016 only: still the catalogue of 2016.
    starts_on_last_day = make_catalogue("LATE", "2016-10-31")
    assert catalogue_for_year([starts_on_last_day], 2016).code == "LATE"
    # Starting the day after the last day: not in force for 2016.
    with pytest.raises(NotFoundError):
        catalogue_for_year([make_catalogue("NEXT", "2016-11-01")], 2016)
    # Ending on the last day: still in force; ending the day before: not.
    assert (
        catalogue_for_year([make_catalogue("END", "2014-07-15", "2016-10-31")], 2016).code == "END"
    )
    with pytest.raises(NotFoundError):
        catalogue_for_year([make_catalogue("GONE", "2014-07-15", "2016-10-30")], 2016)


@pytest.mark.parametrize("year", [2013, 2000])
def test_no_catalogue_in_force(catalogues: list[Catalogue], year: int) -> None:
    with pytest.raises(NotFoundError) as caught:
        catalogue_for_year(catalogues, year)
    assert caught.value.code == "CATALOGUE_NONE_IN_FORCE"
    assert caught.value.params == {"year": year}
    assert caught.value.kind == "not_found"
    assert str(year) in str(caught.value)


def test_no_catalogue_at_all() -> None:
    with pytest.raises(NotFoundError) as caught:
        catalogue_for_year([], 2020)
    assert caught.value.code == "CATALOGUE_NONE_IN_FORCE"


def test_catalogue_for_year_checks_the_year(catalogues: list[Catalogue]) -> None:
    with pytest.raises(InputError) as caught:
        catalogue_for_year(catalogues, 1999)
    assert caught.value.code == "YEAR_OUT_OF_RANGE"


@pytest.mark.parametrize(
    ("day", "year"),
    [
        (date(2026, 11, 28), 2026),
        (date(2026, 12, 31), 2026),
        (date(2027, 1, 2), 2027),
        (date(2027, 10, 31), 2027),
    ],
)
def test_year_to_assess_in_the_assessment_season(day: date, year: int) -> None:
    from assessor_app.domain.evaluation import year_to_assess

    assert year_to_assess(day) == year
