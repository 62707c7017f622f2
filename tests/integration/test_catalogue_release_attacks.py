"""Attacks on catalogue releases, written before the defence (issue 15): a team takes a catalogue
only from a key enrolled here with the province's role, after the same checks as any bundle; in
every refusal the store is exactly as before."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from assessor_app.services import catalogue_drafts, catalogue_in_force, keys, profile, trust
from assessor_app.services.catalogue_release import publish
from assessor_app.services.catalogue_release_import import ReleaseRefused, import_release
from assessor_app.services.workspace import Workspace
from tests.integration.test_import import dump, enrol, open_site, resign, rewrite_zip, unlock

PROVINCE_PASS = "mật khẩu của Sở"
TEAM_PASS = "mật khẩu của đoàn kiểm tra"
OFFICE_PASS = "mật khẩu văn phòng thẩm định"
AGENCY = "Sở Y tế tỉnh Lạng Sơn"
OFFICIAL = "2027.1"


def province_site(root: Path) -> Workspace:
    ws = open_site(root, "Lê Thị Thu")
    profile.save_profile(ws, "province", "Lê Thị Thu", "health", "LS-2025-07", "20")
    keys.init_key(ws, "Lê Thị Thu", AGENCY, PROVINCE_PASS)  # the profile's role: province
    draft = catalogue_drafts.new_draft(ws, "QD06-2019", OFFICIAL)
    catalogue_drafts.publish_draft(ws, draft.id)  # only a published catalogue is released
    return ws


@pytest.fixture
def province(tmp_path: Path) -> Iterator[Workspace]:
    ws = province_site(tmp_path / "province")
    yield ws
    ws.close()


@pytest.fixture
def team_ws(tmp_path: Path) -> Iterator[Workspace]:
    ws = open_site(tmp_path / "team", "Hoàng Thị Lan", "Hoàng Thị Lan", TEAM_PASS)
    yield ws
    ws.close()


def release(ws: Workspace, out: Path, day: str | None = None, spec: str = "QD06-2019") -> Path:
    """The province's published QĐ 06 catalogue (the newest version of the code, `OFFICIAL`)."""
    publish(ws, spec, out, PROVINCE_PASS, in_force_from=day)
    return out


def refused(ws: Workspace, path: Path) -> str:
    """The code a refused import gives; the store must be byte for byte as before."""
    before = dump(ws)
    with pytest.raises(ReleaseRefused) as caught:
        import_release(ws, path)
    assert dump(ws) == before
    return caught.value.code


def test_the_province_key_takes_the_province_role(province: Workspace) -> None:
    info = keys.key_info(province)
    assert info is not None
    assert info.role == "province"


def test_a_release_signed_by_an_unknown_key_is_refused(
    province: Workspace, team_ws: Workspace, tmp_path: Path
) -> None:
    path = release(province, tmp_path / "r.ldbundle")
    assert refused(team_ws, path) == "BUNDLE_UNKNOWN_SIGNER"
    assert catalogue_in_force.in_force(team_ws) == []


@pytest.mark.parametrize("role", ["team", "office"])
def test_a_release_signed_by_a_team_or_office_key_is_refused(
    province: Workspace, team_ws: Workspace, tmp_path: Path, role: str
) -> None:
    """The forger holds a key enrolled here (a team's, a plain office's) and signs a genuine
    release's content with it, under its own device."""
    other = open_site(tmp_path / f"other-{role}", "Vi Văn Đức", "Vi Văn Đức", OFFICE_PASS, role)
    try:
        enrol(team_ws, other, tmp_path / "cards")
        genuine = release(province, tmp_path / "r.ldbundle")
        forged = resign(
            genuine,
            tmp_path / "forged.ldbundle",
            unlock(other, OFFICE_PASS),
            device_id=keys.device_id(other),
            sequence=1,
            bundle_id=json.loads(_member(genuine, "release.json"))["release_id"],
        )
        assert refused(team_ws, forged) == "RELEASE_SIGNER_NOT_PROVINCE"
    finally:
        other.close()


def test_a_revoked_province_keys_release_after_its_threshold_is_refused(
    province: Workspace, team_ws: Workspace, tmp_path: Path
) -> None:
    enrol(team_ws, province, tmp_path / "cards")
    first = release(province, tmp_path / "1.ldbundle", "2026-01-01")
    import_release(team_ws, first)
    fingerprint = keys.key_info(province).fingerprint  # type: ignore[union-attr]
    trust.revoke(team_ws, fingerprint, 1, "Máy tính của Sở bị mất")
    second = release(province, tmp_path / "2.ldbundle", "2026-06-01")
    assert refused(team_ws, second) == "BUNDLE_REVOKED_SIGNER"
    assert [f.release_id for f in catalogue_in_force.in_force(team_ws)] == [_id(first)]


def test_a_byte_changed_in_the_catalogue_is_refused(
    province: Workspace, team_ws: Workspace, tmp_path: Path
) -> None:
    enrol(team_ws, province, tmp_path / "cards")
    genuine = release(province, tmp_path / "r.ldbundle")

    def change(name: str, data: bytes) -> bytes:
        if "/catalogues/" in name:
            return data.replace(b'"max_points":', b'"max_points": ', 1)
        return data

    tampered = rewrite_zip(genuine, tmp_path / "t.ldbundle", change)
    assert refused(team_ws, tampered) == "BUNDLE_TAMPERED"


def test_a_catalogue_that_does_not_match_its_hash_is_refused(
    province: Workspace, team_ws: Workspace, tmp_path: Path
) -> None:
    """Validly signed with the province's key, but the catalogue is not the one the manifest
    names (a buggy or dishonest publisher): refused, nothing stored."""
    enrol(team_ws, province, tmp_path / "cards")
    genuine = release(province, tmp_path / "r.ldbundle")
    release_id = _id(genuine)

    def swap(files: dict[str, bytes]) -> None:
        name = next(n for n in files if n.startswith("catalogues/"))
        document = json.loads(files[name])
        document["title_vi"] = document["title_vi"] + " (sửa)"
        files[name] = json.dumps(document, ensure_ascii=False).encode("utf-8")

    forged = resign(
        genuine,
        tmp_path / "f.ldbundle",
        unlock(province, PROVINCE_PASS),
        swap,
        bundle_id=release_id,
    )
    assert refused(team_ws, forged) == "RELEASE_CATALOGUE_MISMATCH"


def test_an_older_release_replayed_does_not_roll_back_the_version_in_force(
    province: Workspace, team_ws: Workspace, tmp_path: Path
) -> None:
    enrol(team_ws, province, tmp_path / "cards")
    older = release(province, tmp_path / "1.ldbundle", "2026-01-01")
    newer = release(province, tmp_path / "2.ldbundle", "2026-06-01")
    import_release(team_ws, newer)
    # Never received before, but numbered below a release already taken: a replay.
    assert refused(team_ws, older) == "BUNDLE_REPLAYED"
    assert [f.release_id for f in catalogue_in_force.in_force(team_ws)] == [_id(newer)]
    # The newer one again: already imported, nothing changes.
    before = dump(team_ws)
    assert import_release(team_ws, newer).already
    assert dump(team_ws) == before


def test_a_release_in_force_later_does_not_displace_the_current_one(
    province: Workspace, team_ws: Workspace, tmp_path: Path
) -> None:
    enrol(team_ws, province, tmp_path / "cards")
    current = release(province, tmp_path / "1.ldbundle", "2026-01-01")
    future = release(province, tmp_path / "2.ldbundle", "2099-01-01")
    import_release(team_ws, current)
    import_release(team_ws, future)
    found = catalogue_in_force.in_force(team_ws, date(2026, 12, 7))
    assert [(f.release_id, f.since) for f in found] == [(_id(current), date(2026, 1, 1))]
    assert [r.release_id for r in found[0].upcoming] == [_id(future)]
    assert catalogue_in_force.in_force(team_ws, date(2099, 1, 1))[0].release_id == _id(future)


def test_only_a_published_catalogue_is_released(province: Workspace, tmp_path: Path) -> None:
    from assessor_app.domain.errors import StateError

    with pytest.raises(StateError) as caught:
        publish(province, "QD06-2019@2019.1-provisional", tmp_path / "r.ldbundle", PROVINCE_PASS)
    assert caught.value.code == "RELEASE_NOT_PUBLISHED"
    assert not (tmp_path / "r.ldbundle").exists()


def test_the_released_catalogue_ranks_with_a_published_one(
    province: Workspace, team_ws: Workspace, tmp_path: Path
) -> None:
    """A new assessment at the team takes the released catalogue, not the shipped one."""
    from assessor_app.services import assessments

    enrol(team_ws, province, tmp_path / "cards")
    import_release(team_ws, release(province, tmp_path / "r.ldbundle"))
    created = assessments.create(team_ws, "06400", 2026)
    assert assessments.detail(team_ws, created.id).catalogue.version == OFFICIAL


def test_a_dossier_bundle_posing_as_a_release_is_refused(
    province: Workspace, team_ws: Workspace, tmp_path: Path
) -> None:
    """Extra payload files beside the release (an assessment slipped in) are refused."""
    enrol(team_ws, province, tmp_path / "cards")
    genuine = release(province, tmp_path / "r.ldbundle")

    def extra(files: dict[str, bytes]) -> None:
        files[f"assessments/{uuid.uuid4()}.json"] = b"{}"

    forged = resign(
        genuine,
        tmp_path / "f.ldbundle",
        unlock(province, PROVINCE_PASS),
        extra,
        bundle_id=_id(genuine),
    )
    assert refused(team_ws, forged) == "BUNDLE_CORRUPT"


# --- helpers


def _member(path: Path, name: str) -> bytes:
    import zipfile

    with zipfile.ZipFile(path) as archive:
        return archive.read(f"bundle/data/{name}")


def _id(path: Path) -> str:
    release_id: str = json.loads(_member(path, "release.json"))["release_id"]
    return release_id
