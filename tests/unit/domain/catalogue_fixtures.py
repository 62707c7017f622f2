"""Small hand-made catalogues for the domain tests (independent of resources/catalogues).

Every builder returns a *fresh* document, so a test may mutate it freely.

The base catalogue "TEST-2019" (max_total 100):

C1 (health, 40 points)
  I1a  rate, higher is better, per cent, empty denominator = error (20 points)
         >= 98 % -> 20 | >= 90 % -> 15 | > 80 % -> 10 | otherwise 5
  I1b  rate, higher is better, per cent, empty denominator = max (10 points)
         > 98 % -> 10 | >= 95 % -> 6 | otherwise 0
  I1c  rate, lower is better, per thousand, empty denominator = zero (10 points)
         <= 10 ‰ -> 10 | < 20 ‰ -> 5 | otherwise 0
C2 (education, 30 points)
  I2a  rate, lower is better, per cent, empty denominator = max (10 points)
         < 2 % -> 10 | <= 5 % -> 5 | otherwise 0
  I2b  yes/no (10 points; "no" gives 2)
  I2c  count (10 points)
         <= 0 -> 10 | <= 2 -> 6 | <= 5 -> 3 | otherwise 1
C3 (commune committee, 30 points)
  I3a  manual (20 points)
  I3b  yes/no (10 points; "no" gives 0)

Recognition:
  R1  min_total_by_category: ward_central_city 95, mountain_island_difficult 85, other 90
  R2  no_criterion_zero
  R3  all_indicators_assessed
  R4  criterion_min_points: C1 >= 30
"""

from __future__ import annotations

import copy
import unicodedata
from typing import Any

from assessor_app.domain.catalogue import Catalogue
from assessor_app.domain.catalogue_format import parse_catalogue

CATALOGUE_CODE = "TEST-2019"

_BASE: dict[str, Any] = {
    "format": "assessor-catalogue",
    "format_version": 1,
    "code": CATALOGUE_CODE,
    "version": "1.0",
    "title_vi": "Bộ tiêu chí xã, phường, thị trấn phù hợp với trẻ em (thử nghiệm)",
    "title_en": "Child-friendly commune criteria (test)",
    "legal_basis": {
        "number": "06/2019/QĐ-TTg",
        "title_vi": "Quyết định quy định tiêu chuẩn xã, phường, thị trấn phù hợp với trẻ em",
        "issued": "2019-02-08",
        "sources": ["https://example.invalid/qd-06-2019"],
    },
    "effective_from": "2019-03-25",
    "max_total": 100,
    "criteria": [
        {
            "code": "C1",
            "title_vi": "Chăm sóc sức khỏe trẻ em",
            "sector": "health",
            "status": "exact",
            "max_points": 40,
            "indicators": [
                {
                    "code": "I1a",
                    "title_vi": "Tỷ lệ trẻ em dưới 1 tuổi được tiêm chủng đầy đủ",
                    "max_points": 20,
                    "kind": "rate",
                    "direction": "higher_is_better",
                    "empty_denominator": "error",
                    "numerator_label_vi": "Số trẻ được tiêm đủ",
                    "denominator_label_vi": "Số trẻ dưới 1 tuổi",
                    "bands": [
                        {"threshold": 98, "inclusive": True, "points": 20},
                        {"threshold": 90, "inclusive": True, "points": 15},
                        {"threshold": 80, "inclusive": False, "points": 10},
                    ],
                    "otherwise_points": 5,
                },
                {
                    "code": "I1b",
                    "title_vi": "Tỷ lệ trẻ em được khám sức khỏe định kỳ",
                    "max_points": 10,
                    "kind": "rate",
                    "direction": "higher_is_better",
                    "empty_denominator": "max",
                    "bands": [
                        {"threshold": 98, "inclusive": False, "points": 10},
                        {"threshold": 95, "points": 6},
                    ],
                },
                {
                    "code": "I1c",
                    "title_vi": "Tỷ suất tử vong trẻ em dưới 5 tuổi",
                    "max_points": 10,
                    "kind": "rate",
                    "direction": "lower_is_better",
                    "scale": 1000,
                    "empty_denominator": "zero",
                    "bands": [
                        {"threshold": 10, "inclusive": True, "points": 10},
                        {"threshold": 20, "inclusive": False, "points": 5},
                    ],
                },
            ],
        },
        {
            "code": "C2",
            "title_vi": "Giáo dục, văn hóa, vui chơi, giải trí",
            "sector": "education",
            "status": "exact",
            "max_points": 30,
            "indicators": [
                {
                    "code": "I2a",
                    "title_vi": "Tỷ lệ trẻ em bỏ học",
                    "max_points": 10,
                    "kind": "rate",
                    "direction": "lower_is_better",
                    "empty_denominator": "max",
                    "bands": [
                        {"threshold": 2, "inclusive": False, "points": 10},
                        {"threshold": 5, "inclusive": True, "points": 5},
                    ],
                    "otherwise_points": 0,
                },
                {
                    "code": "I2b",
                    "title_vi": "Có điểm vui chơi cho trẻ em",
                    "max_points": 10,
                    "kind": "yes_no",
                    "points_no": 2,
                },
                {
                    "code": "I2c",
                    "title_vi": "Số vụ tai nạn đuối nước trẻ em",
                    "max_points": 10,
                    "kind": "count",
                    "count_label_vi": "Số vụ",
                    "bands": [
                        {"max_count": 0, "points": 10},
                        {"max_count": 2, "points": 6},
                        {"max_count": 5, "points": 3},
                    ],
                    "otherwise_points": 1,
                },
            ],
        },
        {
            "code": "C3",
            "title_vi": "Chỉ đạo, điều hành của Ủy ban nhân dân xã",
            "sector": "commune_committee",
            "status": "exact",
            "max_points": 30,
            "indicators": [
                {
                    "code": "I3a",
                    "title_vi": "Kế hoạch thực hiện quyền trẻ em",
                    "max_points": 20,
                    "kind": "manual",
                },
                {
                    "code": "I3b",
                    "title_vi": "Có báo cáo định kỳ",
                    "max_points": 10,
                    "kind": "yes_no",
                },
            ],
        },
    ],
    "recognition": [
        {
            "id": "R1",
            "kind": "min_total_by_category",
            "status": "exact",
            "thresholds": {
                "ward_central_city": {"min_total": 95},
                "mountain_island_difficult": {"min_total": 85},
                "other": {"min_total": 90},
            },
        },
        {"id": "R2", "kind": "no_criterion_zero", "status": "exact"},
        {"id": "R3", "kind": "all_indicators_assessed", "status": "exact"},
        {
            "id": "R4",
            "kind": "criterion_min_points",
            "status": "exact",
            "criterion": "C1",
            "min_points": 30,
        },
    ],
}

ALL_INDICATORS = ("I1a", "I1b", "I1c", "I2a", "I2b", "I2c", "I3a", "I3b")


def base_document() -> dict[str, Any]:
    """A fresh copy of the base catalogue document."""
    return copy.deepcopy(_BASE)


def base_catalogue() -> Catalogue:
    return parse_catalogue(base_document())


def criterion_of(document: dict[str, Any], code: str) -> dict[str, Any]:
    return next(c for c in document["criteria"] if c["code"] == code)


def indicator_of(document: dict[str, Any], code: str) -> dict[str, Any]:
    return next(i for c in document["criteria"] for i in c["indicators"] if i["code"] == code)


def condition_of(document: dict[str, Any], cid: str) -> dict[str, Any]:
    return next(c for c in document["recognition"] if c["id"] == cid)


def single_indicator_document(
    indicator: dict[str, Any], *, status: str = "exact"
) -> dict[str, Any]:
    """A valid catalogue whose only criterion "K1" holds `indicator` (code taken from it)."""
    indicator = copy.deepcopy(indicator)
    indicator.setdefault("title_vi", "Chỉ tiêu thử")
    return {
        "format": "assessor-catalogue",
        "format_version": 1,
        "code": "ONE",
        "version": "1",
        "title_vi": "Một chỉ tiêu",
        "legal_basis": {"number": "01/TEST", "title_vi": "Văn bản thử"},
        "effective_from": "2020-01-01",
        "max_total": indicator["max_points"],
        "criteria": [
            {
                "code": "K1",
                "title_vi": "Tiêu chí thử",
                "sector": "justice",
                "status": status,
                "max_points": indicator["max_points"],
                "indicators": [indicator],
            }
        ],
        "recognition": [{"id": "RZ", "kind": "no_criterion_zero", "status": "exact"}],
    }


def to_nfd(value: Any) -> Any:
    """Every string (keys included) decomposed to NFD, recursively."""
    if isinstance(value, str):
        return unicodedata.normalize("NFD", value)
    if isinstance(value, list):
        return [to_nfd(v) for v in value]
    if isinstance(value, dict):
        return {to_nfd(k): to_nfd(v) for k, v in value.items()}
    return value


def reversed_keys(value: Any) -> Any:
    """The same document with every object's keys in reverse order, recursively."""
    if isinstance(value, list):
        return [reversed_keys(v) for v in value]
    if isinstance(value, dict):
        return {k: reversed_keys(value[k]) for k in reversed(list(value))}
    return value
