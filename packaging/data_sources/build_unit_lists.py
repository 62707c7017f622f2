"""Rebuild resources/units/*.json from the research files in ../shared/reference/.

Run from the project root: `python packaging/data_sources/build_unit_lists.py`. Kept so that the
shipped lists can be regenerated and audited; the app never reads the reference files.
"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
REFERENCE = ROOT.parent / "shared" / "reference"
OUT = ROOT / "resources" / "units"

LISTS = [
    ("lang-son-units-2014.json", "LS-2014", "Lạng Sơn 2014–2019 (11 huyện, 226 xã)"),
    ("lang-son-units-2020.json", "LS-2020", "Lạng Sơn 2020–2024 (11 huyện, 200 xã)"),
    ("lang-son-units-2025-01.json", "LS-2025-01", "Lạng Sơn 01–06/2025 (11 huyện, 194 xã)"),
    ("lang-son-units-2025-07.json", "LS-2025-07", "Lạng Sơn từ 01/07/2025 (65 xã, phường)"),
]
TYPES = {"Xã": "xa", "Phường": "phuong", "Thị trấn": "thi_tran"}


def clean(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def type_of(name: str, given: str | None) -> str:
    if given:
        return TYPES[clean(given)]
    for prefix, code in TYPES.items():
        if clean(name).startswith(prefix + " "):
            return code
    raise ValueError(name)


def convert(source: dict, code: str, title: str) -> dict:
    districts, communes = [], []
    for district in source.get("districts", []):
        districts.append({"code": district["code"], "name": clean(district["name"]), "type": clean(district["type"])})
        for commune in district["communes"]:
            communes.append({
                "code": commune["code"], "name": clean(commune["name"]),
                "type": type_of(commune["name"], commune.get("type")), "district": district["code"],
            })
    for commune in source.get("communes", []):
        communes.append({
            "code": commune["code"], "name": clean(commune["name"]),
            "type": type_of(commune["name"], commune.get("type")), "district": None,
            "merged_from": [m["old_code"] for m in commune.get("merged_from", [])],
        })
    return {
        "format": "assessor-units",
        "format_version": 1,
        "code": code,
        "title_vi": title,
        "province": {"code": source["province"]["code"], "name": clean(source["province"]["name"]), "mountainous": True},
        "valid_from": source["valid_from"],
        "valid_to": source["valid_to"],
        "legal_basis": clean(source.get("legal_basis", source.get("note", ""))),
        "source": clean(source["source"]),
        "districts": districts,
        "communes": communes,
    }


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for filename, code, title in LISTS:
        source = json.loads((REFERENCE / filename).read_text(encoding="utf-8"))
        target = OUT / f"{code}.json"
        target.write_text(json.dumps(convert(source, code, title), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(target)


if __name__ == "__main__":
    main()
