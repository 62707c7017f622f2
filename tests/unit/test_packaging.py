"""The package as it is built: every package of the source is in the wheel's list, the resources and
migrations are found through the package, the version has one source, and the notices name every
component the app ships with its version and licence."""

from __future__ import annotations

import re
import tomllib
from importlib.metadata import distribution, version
from pathlib import Path

from packaging.requirements import Requirement

import assessor_app
from assessor_app.paths import migrations_dir, resource

ROOT = Path(__file__).resolve().parents[2]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
MAPPED = {"assessor_app.resources": "resources", "assessor_app.migrations": "db/migrations"}


# Files that ship; the translation sources (.po, .pot, .ts) and Alembic's developer ini stay behind.
SHIPPED_SUFFIXES = {
    ".py", ".json", ".ttf", ".txt", ".mo", ".qm", ".mako", ".png", ".svg", ".ico", ".md", ".pdf"
}  # fmt: skip


def _packages_on_disk() -> set[str]:
    """The app's packages, and every folder of the mapped data folders that holds files to ship."""
    found = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for init in (ROOT / "assessor_app").rglob("__init__.py")
    }
    for package, folder in MAPPED.items():
        base = ROOT / folder
        for path in base.rglob("*"):
            if (
                path.is_file()
                and path.suffix in SHIPPED_SUFFIXES
                and "__pycache__" not in path.parts
            ):
                found.add(".".join((package, *path.parent.relative_to(base).parts)))
    return found


def test_every_package_on_disk_is_built_and_the_data_packages_are_mapped() -> None:
    setuptools = PYPROJECT["tool"]["setuptools"]
    assert set(setuptools["packages"]) == _packages_on_disk()
    assert setuptools["package-dir"] == MAPPED
    for folder in MAPPED.values():
        assert (ROOT / folder / "__init__.py").is_file()


def test_resources_and_migrations_are_read_through_the_package() -> None:
    assert sorted(p.name for p in resource("catalogues").glob("*.json")) == [
        "qd06-2019.json",
        "qd34-2014.json",
    ]
    assert len(list(resource("units").glob("*.json"))) == 4
    assert (resource("locale") / "vi" / "LC_MESSAGES" / "assessor_app.mo").is_file()
    assert (resource("fonts") / "BeVietnamPro-Regular.ttf").is_file()
    assert (migrations_dir() / "env.py").is_file()
    assert (migrations_dir() / "versions" / "0001_initial_schema.py").is_file()


def test_the_version_has_one_source() -> None:
    assert "version" not in PYPROJECT["project"]
    assert PYPROJECT["project"]["dynamic"] == ["version"]
    assert version("assessor-app") == assessor_app.__version__


def _runtime_distributions() -> dict[str, str]:
    """Every distribution installed because the app needs it at run time, with its version."""
    found: dict[str, str] = {}
    pending = [Requirement(r) for r in distribution("assessor-app").requires or []]
    while pending:
        requirement = pending.pop()
        if requirement.marker is not None and not requirement.marker.evaluate({"extra": ""}):
            continue  # an extra (test) or another platform's
        name = requirement.name.lower().replace("_", "-")
        if name in found:
            continue
        dist = distribution(requirement.name)
        found[name] = dist.version
        pending.extend(Requirement(r) for r in dist.requires or [])
    return found


def test_the_notices_name_every_shipped_component_with_its_version() -> None:
    notices = resource("THIRD-PARTY-NOTICES.txt").read_text(encoding="utf-8")
    shipped = _runtime_distributions()
    assert {"pyside6-essentials", "sqlalchemy", "reportlab", "cryptography"} <= set(shipped)
    folded = notices.lower()
    missing = [
        f"{name} {number}"
        for name, number in sorted(shipped.items())
        if not re.search(rf"(?<![\w-]){re.escape(name)} {re.escape(number)}\b", folded)
    ]
    assert not missing, f"add these to resources/THIRD-PARTY-NOTICES.txt: {missing}"
    assert "Apache License, Version 2.0" in notices
    assert "LGPL-3.0" in notices
    assert "OFL-1.1" in notices


def test_the_licence_is_stated_once_and_shipped() -> None:
    project = PYPROJECT["project"]
    assert project["license"] == "Apache-2.0"
    assert "LICENSE" in project["license-files"]
    assert "Apache License" in (ROOT / "LICENSE").read_text(encoding="utf-8")
