"""The decision on a commendation as a PDF file or bytes (for previews): the commendation as
recorded (services/commendations.py), the law on local government and the signer's position of
its year (services/recognition_authorities.py), rendered by reports/decision_commendation.py and
written atomically like every report (services/reports.py)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from assessor_app.reports.decision_commendation import CommendationData, Commended
from assessor_app.reports.model import IssuingBody, Letter, Signature
from assessor_app.services import recognition_authorities
from assessor_app.services.appraisal_data import province_name
from assessor_app.services.commendations import get_commendation
from assessor_app.services.report_shaping import without_type
from assessor_app.services.reports import PDF, _check_target, _format, write_file
from assessor_app.services.workspace import Workspace
from assessor_app.storage.repository import Repository
from assessor_app.texts.documents import in_sentence

RECIPIENTS = ("Như Điều 3", "Lưu: VT")


def _signature(position: str, name: str, head: str) -> Signature:
    """The head signs in their own name; a deputy "KT." for the head (NĐ 30/2020)."""
    deputy = position.casefold().startswith("phó") and position.casefold() != head.casefold()
    return Signature(position, name, f"KT. {head}" if deputy else "")


def commendation_data(
    workspace: Workspace, commendation_id: int, created: datetime | None = None
) -> CommendationData:
    """What the commendation `commendation_id` prints; `created` the PDF's date (default: the
    decision's date at noon, so a reprint gives the same bytes)."""
    found = get_commendation(workspace, commendation_id)
    moment = created or datetime.combine(found.decided_on, datetime.min.time()).replace(hour=12)
    with workspace.database.reading() as session:
        repo = Repository(session)
        demo = repo.meta("demo") == "1"
        province = province_name(repo, found.year)
    authorities = recognition_authorities.authorities_for(found.year, "", province)
    head = authorities.signer_position  # "Chủ tịch" of the people's committee
    position = found.signer_position or head
    letter = Letter(
        issuer=IssuingBody(found.authority),
        number=found.number,
        place=without_type(province),
        date=found.decided_on,
        signature=_signature(position, found.signer_name, head),
        recipients=RECIPIENTS,
    )
    return CommendationData(
        letter=letter,
        year=found.year,
        decider=f"{head} {found.authority}",
        bases=(authorities.local_government_law,),
        form=found.form,
        authority=found.authority,
        units=tuple(Commended(u.name) for u in found.units),
        people=tuple(Commended(p.name, p.position, p.unit) for p in found.people),
        reason=found.reason,
        executors=(
            f"Chánh Văn phòng {in_sentence(found.authority)}, Thủ trưởng các cơ quan, đơn vị có "
            "liên quan"
        ),
        created=moment,
        demo=demo,
    )


def commendation_bytes(
    workspace: Workspace, commendation_id: int, created: datetime | None = None
) -> bytes:
    from assessor_app.reports.decision_commendation import render_commendation  # reportlab

    return render_commendation(commendation_data(workspace, commendation_id, created))


def write_commendation(
    workspace: Workspace, commendation_id: int, out: Path, created: datetime | None = None
) -> CommendationData:
    out = Path(out)
    _format(out, (PDF,))
    _check_target(out)
    from assessor_app.reports.decision_commendation import render_commendation

    data = commendation_data(workspace, commendation_id, created)
    write_file(out, render_commendation(data))
    return data
