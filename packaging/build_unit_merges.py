"""Build the shipped table of unit merges (resources/units/merges/LS-merges.json):

    python packaging/build_unit_merges.py

from the reference's table beside it (lang-son-2025-merges-secondary.csv) and the unit lists in
resources/units/ (services/unit_merges.build_shipped_document). Prints the rows whose names could
not be matched to a code, for a person to resolve in the app. tests/unit/domain/test_unit_merge_build.py
fails when the shipped file is not what this builds.
"""

from __future__ import annotations

import json

from assessor_app.core.files import write_atomic
from assessor_app.paths import resource
from assessor_app.services.unit_merges import MERGES_FILE, build_shipped_document


def main() -> None:
    document = build_shipped_document()
    text = json.dumps(document, ensure_ascii=False, indent=1) + "\n"
    write_atomic(resource("units", "merges", MERGES_FILE), text.encode("utf-8"))
    for row in document["rows"]:
        if row["old_code"] is None or row["new_code"] is None:
            elsewhere = ", ".join(row["candidates"]) or "-"
            print(
                f"{row['id']}: {row['old_name']} ({row['district_label']}) -> {row['new_name'] or '?'}; same name elsewhere: {elsewhere}"
            )


if __name__ == "__main__":
    main()
