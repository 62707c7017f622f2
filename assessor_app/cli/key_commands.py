"""`keys …`, `export …` and `receipt import`: signing keys, the trust store, bundles and receipts.

Passphrases are read by cli/passphrase.py.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from assessor_app import i18n
from assessor_app.cli.exit_codes import OK
from assessor_app.cli.formatting import emit_json, line
from assessor_app.cli.opening import prepared_workspace
from assessor_app.cli.passphrase import (
    NEW_PASSPHRASE_ENV,
    PASSPHRASE_ENV,
    read_passphrase,
)
from assessor_app.i18n import _
from assessor_app.services import bundle_export, keys, receipts, trust
from assessor_app.services.workspace import Workspace
from assessor_app.texts import dates, fingerprint_reading, labels


def _key_json(info: keys.KeyInfo, device: str) -> dict[str, Any]:
    return {
        "fingerprint": info.fingerprint,
        "fingerprint_formatted": info.formatted,
        "digits": info.digits,
        "words": info.words,
        "owner": info.owner,
        "agency": info.agency,
        "created": info.created,
        "public_key": info.public_key,
        "key_file": str(info.path),
        "rotations": info.rotations,
        "device_id": device,
        "role": info.role,
    }


def _trusted_json(key: trust.TrustedKey) -> dict[str, Any]:
    return {
        "fingerprint": key.fingerprint,
        "fingerprint_formatted": key.formatted,
        "digits": key.digits,
        "words": key.words,
        "owner": key.owner,
        "agency": key.agency,
        "via": key.via,
        "enrolled_at": key.enrolled_at,
        "enrolled_by": key.enrolled_by,
        "replaced_by": key.replaced_by,
        "revoked_above_seq": key.revoked_above_seq,
        "revoked_at": key.revoked_at,
        "revoked_reason": key.revoked_reason,
        "last_sequences": key.last_sequences,
        "role": key.role,
        "device_id": key.device_id,
    }


def _print_key(info: keys.KeyInfo) -> None:
    line(_("Owner: {owner} ({agency})").format(owner=info.owner, agency=info.agency))
    line(_("Role: {role}").format(role=labels.key_role(info.role, i18n.language())))
    line(_("Fingerprint: {fingerprint}").format(fingerprint=info.formatted))
    line(_("To read aloud: {digits}").format(digits=fingerprint_reading.digits_text(info.digits)))
    line(_("or the words: {words}").format(words=fingerprint_reading.words_text(info.words)))


def _card(workspace: Workspace, args: argparse.Namespace) -> int:
    written = keys.write_card(workspace, Path(args.out))
    line(_("Key card: {path}").format(path=written.card))
    line(_("QR code: {path}").format(path=written.qr))
    return OK


def _set_role(workspace: Workspace, _args: argparse.Namespace) -> int:
    """`keys set-role province` (issue 15): services/key_role.py."""
    from assessor_app.services.key_role import take_province_role

    info = take_province_role(workspace, read_passphrase())
    line(_("Role: {role}").format(role=labels.key_role(info.role, i18n.language())))
    line(_("Write the new key card (`keys card --out FILE`) and have each team enrol it again."))
    return OK


_CARD_ACTIONS: dict[str, Callable[[Workspace, argparse.Namespace], int]] = {
    "card": _card,
    "set-role": _set_role,
}


def cmd_keys(args: argparse.Namespace) -> int:
    workspace = prepared_workspace(args)
    try:
        action = args.action
        if action == "init":
            keys.require_no_key(workspace)
            info = keys.init_key(
                workspace, args.name, args.agency, read_passphrase(new=True), args.role
            )
            line(_("Signing key created: {path}").format(path=info.path))
            _print_key(info)
            return OK
        if action == "show":
            info = keys.require_key_info(workspace)
            if args.json:
                emit_json(_key_json(info, keys.device_id(workspace)))
                return OK
            _print_key(info)
            line(_("Created: {created}").format(created=dates.stamp(info.created)))
            line(_("Key file: {path}").format(path=info.path))
            return OK
        if action in _CARD_ACTIONS:
            return _CARD_ACTIONS[action](workspace, args)
        if action == "enrol":
            key = trust.enrol_card(workspace, Path(args.card), args.fingerprint, args.role)
            line(
                _("Enrolled key of {owner} ({agency}): {fingerprint}").format(
                    owner=key.owner, agency=key.agency, fingerprint=key.formatted
                )
            )
            line(_("Role: {role}").format(role=labels.key_role(key.role, i18n.language())))
            return OK
        if action == "revoke":
            key = trust.revoke(workspace, args.fingerprint, args.above_seq, args.reason)
            line(
                _(
                    "Key {fingerprint} ({owner}): bundles numbered above {above} are refused."
                ).format(fingerprint=key.formatted, owner=key.owner, above=key.revoked_above_seq)
            )
            return OK
        if action == "list":
            items = trust.list_keys(workspace)
            if args.json:
                emit_json([_trusted_json(k) for k in items])
                return OK
            language = i18n.language()
            for k in items:
                state = (
                    _("revoked above {above}").format(above=k.revoked_above_seq)
                    if k.revoked
                    else _("trusted")
                )
                seen = ", ".join(f"{d}:{s}" for d, s in sorted(k.last_sequences.items()))
                how = labels.key_enrolment(k.via, language)
                role = "" if k.via == "own" else ", " + labels.key_role(k.role, language)
                line(
                    f"{k.formatted}  {k.owner} ({k.agency})  [{how}{role}] {state}  {seen}".rstrip()
                )
            return OK
        # rotate
        keys.require_key_info(workspace)
        old = read_passphrase()
        new = read_passphrase(
            new=True, env=NEW_PASSPHRASE_ENV if NEW_PASSPHRASE_ENV in os.environ else PASSPHRASE_ENV
        )
        info = keys.rotate(workspace, old, new)
        line(_("New signing key created; the old one is kept as retired."))
        _print_key(info)
        return OK
    finally:
        workspace.close()


def cmd_export(args: argparse.Namespace) -> int:
    workspace = prepared_workspace(args)
    try:
        keys.require_key_info(workspace)  # before asking for a passphrase
        result = bundle_export.export(
            workspace,
            args.ids,
            Path(args.out),
            read_passphrase(),
            include_drafts=args.drafts,
            overwrite=args.overwrite,
            demo=args.demo,
        )
        if args.json:
            emit_json(
                {
                    "bundle_id": result.bundle_id,
                    "sequence": result.sequence,
                    "path": str(result.path),
                    "manifest_hash": result.manifest_hash,
                    "assessments": result.assessments,
                    "contains_drafts": result.contains_drafts,
                    "supersedes": result.supersedes or None,
                    "evidence_files": result.evidence_files,
                    "created": result.created,
                    "demo": result.demo,
                }
            )
            return OK
        line(
            _("Bundle {sequence} written: {path}").format(
                sequence=result.sequence, path=result.path
            )
        )
        line(_("Bundle id: {bundle}").format(bundle=result.bundle_id))
        if result.contains_drafts:
            line(_("Warning: the bundle contains drafts."))
        if result.demo:
            line(_("DEMO bundle: sample data, refused by offices; not an official record."))
        return OK
    finally:
        workspace.close()


def cmd_receipt(args: argparse.Namespace) -> int:
    workspace = prepared_workspace(args)
    try:
        result = receipts.import_receipt(workspace, Path(args.file))
        if args.json:
            emit_json(
                {
                    "receipt_id": result.receipt_id,
                    "bundle_id": result.bundle_id,
                    "sequence": result.sequence,
                    "outcome": result.outcome,
                    "reasons": result.reasons,
                    "created": result.created,
                    "signer": result.signer,
                    "signer_fingerprint": result.signer_fingerprint,
                    "assessments": result.assessments,
                    "changed": result.changed,
                    "other_copy": result.other_copy,
                }
            )
            return OK
        language = i18n.language()
        line(
            _("Bundle {sequence} ({bundle}), receipt from {signer}: {outcome}.").format(
                sequence=result.sequence,
                bundle=result.bundle_id,
                outcome=labels.import_outcome(result.outcome, language),
                signer=result.signer,
            )
        )
        for code in result.reasons:
            meaning = labels.receipt_reason(code, language)
            line(f"  - {meaning} [{code}]" if meaning else f"  - [{code}]")
        if result.other_copy:
            line(
                _(
                    "This receipt is about another copy of the bundle than the one sent from here (damaged or altered on the way); it acknowledges nothing. Send the bundle again."
                )
            )
        elif not result.changed:
            line(_("This receipt had been imported already; nothing changed."))
        return OK
    finally:
        workspace.close()
