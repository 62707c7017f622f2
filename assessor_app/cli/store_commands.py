"""`store backups|backup|restore`: the copies of the store (docs/cli.md, "Copies of the store");
`store migrate --to URL`: moving the store to a PostgreSQL server (services/store_move.py).

`store backups` and `store restore` do not open the store, so they work when it cannot be opened
(after a failed upgrade, on a damaged file). Close the desktop app before restoring."""

from __future__ import annotations

import argparse
from typing import Any

from assessor_app import i18n
from assessor_app.cli.exit_codes import AUDIT_BROKEN, OK
from assessor_app.cli.formatting import emit_json, line
from assessor_app.cli.opening import prepared_workspace
from assessor_app.domain.backups import BackupKind
from assessor_app.i18n import _
from assessor_app.paths import data_home
from assessor_app.services import backups, serialize, store_move
from assessor_app.texts import dates, labels, numbers


def _record_json(record: backups.BackupRecord) -> dict[str, Any]:
    return {
        "file": str(record.path),
        "kind": record.kind.value,
        "made_at": record.made_at,
        "schema": record.revision,
        "size": record.size,
    }


def _record_line(record: backups.BackupRecord) -> str:
    language = i18n.language()
    return _("{made}  {kind}  schema {schema}  {size}  {file}").format(
        made=dates.stamp(record.made_at),
        kind=labels.backup_kind(record.kind, language),
        schema=record.revision or "—",
        size=numbers.file_size(record.size, language),
        file=record.path,
    )


def _list(args: argparse.Namespace) -> int:
    home = getattr(args, "home", None)
    folder = data_home(home).backups
    records = backups.list_backups(home)
    if args.json:
        emit_json({"folder": str(folder), "backups": [_record_json(r) for r in records]})
        return OK
    line(_("Copies in {folder}:").format(folder=folder))
    for record in records:
        line(_record_line(record))
    if not records:
        line(_("none yet"))
    return OK


def _backup(args: argparse.Namespace) -> int:
    workspace = prepared_workspace(args)
    try:
        record = backups.backup(workspace, BackupKind.MANUAL)
    finally:
        workspace.close()
    if args.json:
        emit_json(_record_json(record))
    else:
        line(_("Copied the store to {file}.").format(file=record.path))
    return OK


def _restore(args: argparse.Namespace) -> int:
    from assessor_app.services.store_choice import chosen_store

    store = chosen_store(getattr(args, "store", None))  # a server's store: RESTORE_ON_SERVER
    result = backups.restore(getattr(args, "home", None), args.file, store_url=store)
    if args.json:
        emit_json(
            {
                "restored": str(result.restored),
                "schema": result.revision,
                "previous": str(result.previous) if result.previous else None,
            }
        )
        return OK
    line(
        _("Restored the store from {file} (schema {schema}).").format(
            file=result.restored, schema=result.revision
        )
    )
    if result.previous is not None:
        line(_("The store as it was is kept in {file}.").format(file=result.previous))
    return OK


def _move_json(checked: store_move.MoveCheck) -> dict[str, Any]:
    return {
        "ok": checked.ok,
        "target": checked.target,
        "rows": checked.rows,
        "tables": [
            {"table": t.table, "source": t.source, "target": t.target, "same_content": t.equal}
            for t in checked.tables
        ],
        "audit": serialize.store_audit(checked.audit),
        "evidence_files": checked.evidence_files,
        "evidence_bad": list(checked.evidence_bad),
        "held_not_carried": list(checked.held_not_carried),
    }


def _move(args: argparse.Namespace) -> int:
    """`store migrate --to URL`: the SQLite file is only read; the server's copy is checked."""
    workspace = prepared_workspace(args)
    try:
        checked = store_move.move_store(workspace, args.to)
    finally:
        workspace.close()
    if args.json:
        emit_json(_move_json(checked))
        return OK if checked.ok else AUDIT_BROKEN
    line(_("Copied {rows} records to {target}.").format(rows=checked.rows, target=checked.target))
    for table in checked.tables:
        if not table.same_count:
            line(
                _("  {table}: {source} in the file, {target} on the server").format(
                    table=table.table, source=table.source, target=table.target
                )
            )
        elif not table.equal:
            line(_("  {table}: the records on the server differ").format(table=table.table))
    for chain in checked.audit.chains:
        for problem in chain.problems:
            line(f"  {chain.chain}: " + i18n.render(problem) + f" [{problem.code}]")
    for sha256 in checked.evidence_bad:
        line(_("  evidence file {sha256} is missing or differs").format(sha256=sha256))
    for held in checked.held_not_carried:
        line(
            _(
                "  bundle no. {id} in quarantine: its kept file could not be read, so it was not carried to the server"
            ).format(id=held)
        )
    if not checked.ok:
        line(_("The copy on the server does NOT match the store: do not use it."))
        return AUDIT_BROKEN
    line(
        _(
            "Checked on the server: every table, {chains} audit logs, {files} evidence files. The file was not changed."
        ).format(chains=len(checked.audit.chains), files=checked.evidence_files)
    )
    return OK


def _server_url(args: argparse.Namespace) -> str:
    """The store the officers are set up on: --store, else $ASSESSOR_STORE (as every command)."""
    from assessor_app.services.store_choice import chosen_store

    return chosen_store(getattr(args, "store", None)) or ""


def _grant(args: argparse.Namespace) -> int:
    """`store grant USER --role ROLE [--revoke]`, run with the administrator's connection."""
    from assessor_app.cli.opening import with_typed_password
    from assessor_app.services import officers_admin

    duty = officers_admin.checked_duty(args.role)
    url = _server_url(args)
    with_typed_password(
        url or None, lambda: officers_admin.grant(url, args.user, duty, revoke=args.revoke)
    )
    done = (
        _("{user} no longer has the role {role}.")
        if args.revoke
        else _("{user} now has the role {role}.")
    )
    line(done.format(user=args.user, role=labels.officer_duty(duty, i18n.language())))
    return OK


def _officers(args: argparse.Namespace) -> int:
    from assessor_app.cli.opening import with_typed_password
    from assessor_app.services import officers_admin

    url = _server_url(args)
    found = with_typed_password(url or None, lambda: officers_admin.list_officers(url))
    if args.json:
        emit_json({user: [d.value for d in duties] for user, duties in sorted(found.items())})
        return OK
    if not found:
        line(
            _("No officer has a role on this store yet: give one with 'store grant USER --role …'.")
        )
    for user, duties in sorted(found.items()):
        words = ", ".join(labels.officer_duty(d, i18n.language()) for d in duties)
        line(f"{user}: {words}")
    return OK


ACTIONS = {
    "backups": _list,
    "backup": _backup,
    "restore": _restore,
    "migrate": _move,
    "grant": _grant,
    "officers": _officers,
}


def cmd_store(args: argparse.Namespace) -> int:
    return ACTIONS[args.action](args)
