"""A laptop dying in the middle of an export (kill -9 in a real subprocess): the sequence number
is reserved before the file is written, and the next start settles the reservation — the file
that reached the stick is recorded as sent, a number whose file never appeared is burnt — so no
number is ever used for two different bundles (which the office would see as a fork)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from assessor_app.domain.errors import StoreError
from assessor_app.services import assessments, bundle_export, bundle_import, keys, startup
from assessor_app.services.workspace import open_workspace
from tests.integration.test_import import OFFICE_PASS, TEAM_PASS, enrol, open_site

pytestmark = pytest.mark.sqlite_only("an export killed on the file, checked through sqlite3")

ROOT = Path(__file__).resolve().parents[2]


def _team(root: Path) -> int:
    ws = open_site(root, "Hoàng Thị Lan", "Hoàng Thị Lan", TEAM_PASS)
    try:
        created = assessments.create(ws, "06400", 2026)
        assessments.set_value(ws, created.id, "TC2.1", "49/50")
        assessments.finalize(ws, created.id)
        return created.id
    finally:
        ws.close()


def _export_and_die(home: Path, assessment_id: int, out: Path, die_in: str) -> int:
    """Run an export in another process that is killed (os._exit, as by kill -9: no cleanup
    runs) when it reaches `die_in`: "bundle_export.write_bundle" (before the file exists) or
    "outbox.record_sent" (after the file was renamed onto the stick, before the store recorded
    it)."""
    script = textwrap.dedent(
        f"""
        import os
        from pathlib import Path
        from assessor_app.services import bundle_export, outbox
        from assessor_app.services.workspace import open_workspace

        def die(*args, **kwargs):
            os._exit(9)

        module, name = {die_in!r}.split(".")
        setattr(globals()[module], name, die)
        ws = open_workspace({str(home)!r}, actor="Hoàng Thị Lan")
        bundle_export.export(ws, [{assessment_id}], Path({str(out)!r}), {TEAM_PASS!r})
        """
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-c", script], env=env, check=False).returncode


def test_a_kill_after_the_rename_records_the_bundle_as_sent_at_the_next_start(
    tmp_path: Path,
) -> None:
    home = tmp_path / "team"
    assessment_id = _team(home)
    stick = tmp_path / "USB"
    stick.mkdir()
    assert _export_and_die(home, assessment_id, stick / "1.ldbundle", "outbox.record_sent") == 9
    assert (stick / "1.ldbundle").is_file()  # a valid bundle the store did not record

    ws = open_workspace(home, actor="Hoàng Thị Lan")
    try:
        [settled] = bundle_export.reconcile(ws)
        [sent] = bundle_export.sent_bundles(ws)
        assert (sent.sequence, sent.status) == (1, "sent")
        assert sent.bundle_id == settled.bundle_id
        assert sent.manifest_hash
        actions = [e.action for e in assessments.audit(ws, assessment_id).entries]
        assert actions[-1] == "export"
        assert not bundle_export.can_delete(ws, assessment_id)  # sent, not acknowledged
        second = bundle_export.export(ws, [assessment_id], stick / "2.ldbundle", TEAM_PASS)
        assert second.sequence == 2  # never number 1 again
        assert bundle_export.reconcile(ws) == []

        office = open_site(
            tmp_path / "office", "Lý Thị Duyệt", "Lý Thị Duyệt", OFFICE_PASS, "office"
        )
        try:
            enrol(office, ws, tmp_path / "cards")
            first = bundle_import.apply(office, stick / "1.ldbundle", OFFICE_PASS)
            later = bundle_import.apply(office, stick / "2.ldbundle", OFFICE_PASS)
            assert (first.outcome, later.outcome) == ("accepted", "accepted")  # no fork
        finally:
            office.close()
    finally:
        ws.close()


def test_a_kill_before_the_file_exists_burns_the_number(tmp_path: Path) -> None:
    home = tmp_path / "team"
    assessment_id = _team(home)
    stick = tmp_path / "USB"
    stick.mkdir()
    assert (
        _export_and_die(home, assessment_id, stick / "1.ldbundle", "bundle_export.write_bundle")
        == 9
    )
    assert not (stick / "1.ldbundle").exists()

    ws = open_workspace(home, actor="Hoàng Thị Lan")
    try:
        bundle_export.reconcile(ws)
        [burnt] = bundle_export.sent_bundles(ws)
        assert (burnt.sequence, burnt.status) == (1, "burnt")
        assert bundle_export.can_delete(ws, assessment_id)  # nothing left the laptop
        second = bundle_export.export(ws, [assessment_id], stick / "2.ldbundle", TEAM_PASS)
        assert second.sequence == 2
        assert keys.key_info(ws) is not None
    finally:
        ws.close()


def test_an_orderly_failure_gives_the_number_back(tmp_path: Path) -> None:
    home = tmp_path / "team"
    assessment_id = _team(home)
    ws = open_workspace(home, actor="Hoàng Thị Lan")
    try:
        missing = tmp_path / "no such folder" / "x.ldbundle"
        with pytest.raises(StoreError) as caught:
            bundle_export.export(ws, [assessment_id], missing, TEAM_PASS)
        assert caught.value.code == "EXPORT_WRITE_FAILED"
        assert bundle_export.sent_bundles(ws) == []
        done = bundle_export.export(ws, [assessment_id], tmp_path / "ok.ldbundle", TEAM_PASS)
        assert done.sequence == 1
    finally:
        ws.close()


# An export paused in another process (the desktop app), at the moment `pause_at` names:
# "before_write" (its number reserved, no file yet) or "after_write" (the file is on the stick,
# not yet recorded). It says "paused", waits for a line on stdin, then finishes the export.
PAUSED_EXPORT = """
import sys
from pathlib import Path
from assessor_app.bundles import keys
from assessor_app.services import bundle_export, outbox
from assessor_app.services.workspace import open_workspace

home, assessment_id, out, passphrase, pause_at = sys.argv[1:]
keys.KDF_COST = keys.ScryptCost(n=2**10, r=8, p=1)  # as tests/conftest.py
write_bundle = bundle_export.write_bundle

def pause():
    print("paused", flush=True)
    sys.stdin.readline()

def paused_write(*args, **kwargs):
    if pause_at == "before_write":
        pause()
    written = write_bundle(*args, **kwargs)
    if pause_at == "after_write":
        pause()
    return written

bundle_export.write_bundle = paused_write
workspace = open_workspace(home, actor="Hoàng Thị Lan")
result = bundle_export.export(workspace, [int(assessment_id)], Path(out), passphrase)
print(result.sequence, flush=True)
"""


@pytest.mark.parametrize("pause_at", ["before_write", "after_write"])
def test_a_start_meanwhile_leaves_a_running_export_alone(tmp_path: Path, pause_at: str) -> None:
    """Attack: the command line (or a second window) starts while the app is exporting. Its
    start-up settled the running export's reservation as if a crash had left it: the number was
    burnt under the export (which then failed: "another export finished meanwhile"), or the
    bundle recorded as sent before the export deleted its file on that same error, leaving a
    store that says "sent" with no file; or the start-up itself failed with that error."""
    home = tmp_path / "team"
    assessment_id = _team(home)
    out = tmp_path / "USB" / "1.ldbundle"
    out.parent.mkdir()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    args = [str(home), str(assessment_id), str(out), TEAM_PASS, pause_at]
    with subprocess.Popen(
        [sys.executable, "-c", PAUSED_EXPORT, *args],
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    ) as app:
        assert app.stdin is not None
        assert app.stdout is not None
        try:
            assert app.stdout.readline() == "paused\n"
            ws = open_workspace(home, actor="Vi Văn Đức")
            try:
                startup.prepare(ws)  # another command starting meanwhile
                [running] = bundle_export.sent_bundles(ws)
                assert running.status == "reserved"  # not settled under the running export
            finally:
                ws.close()
            app.stdin.write("go on\n")
            app.stdin.flush()
            assert app.stdout.readline() == "1\n"  # the export succeeded, with its number
        finally:
            app.stdin.close()
            app.wait(timeout=60)
    assert app.returncode == 0
    ws = open_workspace(home, actor="Vi Văn Đức")
    try:
        startup.prepare(ws)
        [sent] = bundle_export.sent_bundles(ws)
        assert (sent.sequence, sent.status) == (1, "sent")
        assert out.is_file()
    finally:
        ws.close()


def test_a_kill_while_zipping_leaves_no_partial_file_on_the_stick_after_the_next_start(
    tmp_path: Path,
) -> None:
    """A kill while the bundle is being written onto the stick leaves the library's temporary
    file (`.1.ldbundle.XXXX.part`) there: hidden, as large as what was written, on the user's
    stick. The next start, settling the reservation, removes it."""
    home = tmp_path / "team"
    assessment_id = _team(home)
    stick = tmp_path / "USB"
    stick.mkdir()
    script = textwrap.dedent(
        f"""
        import os
        from pathlib import Path
        from assessor_app.bundles import zip_writer as archive
        from assessor_app.services import bundle_export, outbox
        from assessor_app.services.workspace import open_workspace

        write_atomic = archive.write_atomic

        def dying_write(target, content, **kwargs):
            def half(handle):
                handle.write(b"PK half a bundle")
                handle.flush()
                os._exit(9)
            write_atomic(target, half, **kwargs)

        archive.write_atomic = dying_write
        ws = open_workspace({str(home)!r}, actor="Hoàng Thị Lan")
        bundle_export.export(ws, [{assessment_id}], Path({str(stick / "1.ldbundle")!r}), {TEAM_PASS!r})
        """
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    assert subprocess.run([sys.executable, "-c", script], env=env, check=False).returncode == 9
    [partial] = stick.iterdir()
    assert partial.name.startswith(".1.ldbundle.")

    ws = open_workspace(home, actor="Hoàng Thị Lan")
    try:
        startup.prepare(ws)
        [burnt] = bundle_export.sent_bundles(ws)
        assert (burnt.sequence, burnt.status) == (1, "burnt")
        assert list(stick.iterdir()) == []
    finally:
        ws.close()
