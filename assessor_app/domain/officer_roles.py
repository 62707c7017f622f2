"""What an officer may do on a shared store (issue 16): the four duties and their server roles.

On a PostgreSQL store each officer connects as their own PostgreSQL user; what they may do is
decided by the group roles that user belongs to (granted by the office's administrator with
`store grant`). The role names are here, and only here: the migration creating them
(db/migrations/versions/0022), the table privileges (storage/officer_grants.py), the permission
check (services/permissions.py) and the CLI all read them from this module.

A SQLite store has one user (whoever can open the file): every duty is theirs.
"""

from __future__ import annotations

from enum import Enum


class Duty(Enum):
    IMPORT = "importer"  # import bundles and catalogue releases received
    APPRAISE = "appraiser"  # start, score, return and appraise an appraisal
    DECIDE = "decider"  # record recognition decisions, revocations, commendations
    PUBLISH = "publisher"  # publish a catalogue draft or a catalogue release


ROLE_PREFIX = "assessor_"


def role_name(duty: Duty) -> str:
    """The PostgreSQL group role of `duty` (e.g. `assessor_decider`)."""
    return ROLE_PREFIX + duty.value


GROUP_ROLES = tuple(role_name(duty) for duty in Duty)


def duty_of(word: str) -> Duty:
    """The duty named by `word` ("importer" or "assessor_importer"); ValueError if none."""
    return Duty(word.removeprefix(ROLE_PREFIX))
