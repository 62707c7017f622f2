"""The appraisal report and the recognition decision as PDF files or bytes (for previews): the data
from the store (services/appraisal_data.py, services/decisions.py), rendered by
reports/appraisal.py and reports/decision.py, written atomically like every report
(services/reports.py)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path

from assessor_app.domain.text import nfc
from assessor_app.reports import describe
from assessor_app.reports.appraisal import AppraisalData
from assessor_app.reports.decision import DecisionData, RecognisedCommune
from assessor_app.reports.decision_revocation import RevocationData
from assessor_app.reports.model import IssuingBody, Letter, Signature
from assessor_app.services import recognition_authorities
from assessor_app.services.appraisal_data import appraisal_data, province_name
from assessor_app.services.catalogue_preference import preferred
from assessor_app.services.decisions import Decision, get_decision
from assessor_app.services.procedures import regimes_in
from assessor_app.services.recognition import DecisionRef
from assessor_app.services.report_shaping import without_type
from assessor_app.services.reports import PDF, _check_target, _format, write_file
from assessor_app.services.workspace import Workspace
from assessor_app.storage.repository import Repository
from assessor_app.texts import DOCUMENT_LANGUAGE, dates, provisional
from assessor_app.texts.documents import in_sentence

NOT_VERIFIED_NOTE = (
    "Thẩm quyền công nhận từ ngày 01/7/2025 ghi trong quyết định này chưa được đối chiếu với văn "
    "bản quy phạm pháp luật; cơ quan ban hành cần kiểm tra trước khi ký."
)


def _bases(workspace: Workspace, decision: Decision) -> tuple[str, ...]:
    authorities = recognition_authorities.authorities_for(decision.year)
    bases = [authorities.local_government_law]
    if decision.revokes is not None:  # the revocation: the law, the standard, what it revokes
        return (*bases, *_standard_bases(workspace, decision), cited(decision.revokes))
    bases += _standard_bases(workspace, decision)
    if decision.appraisal_number:
        when = f" ngày {dates.day(decision.appraisal_date)}" if decision.appraisal_date else ""
        bases.append(f"Báo cáo thẩm định số {decision.appraisal_number}{when}")
    return tuple(bases)


def cited(ref: DecisionRef) -> str:
    """A decision as another cites it: "Quyết định số 125/QĐ-UBND ngày 05/12/2026 của Ủy ban
    nhân dân tỉnh Lạng Sơn"."""
    by = f" của {in_sentence(ref.authority)}" if ref.authority else ""
    return f"Quyết định số {ref.number} ngày {dates.day(ref.decided_on)}{by}"


def _standard_bases(workspace: Workspace, decision: Decision) -> list[str]:
    bases = []
    with workspace.database.reading() as session:
        repo = Repository(session)
        row = preferred(repo.catalogue_records(), decision.catalogue)
        catalogue = workspace.catalogue_of(row) if row else None
    if catalogue is not None:
        bases.append(describe.catalogue_info(catalogue).legal_basis)
    bases += recognition_authorities.standard_bases(decision.catalogue)
    return bases


def _provisional(workspace: Workspace, code: str) -> tuple[str, ...]:
    with workspace.database.reading() as session:
        row = preferred(Repository(session).catalogue_records(), code)
    if row is None:
        return ()
    return provisional.part_names(workspace.catalogue_of(row), DOCUMENT_LANGUAGE)


def decision_data(
    workspace: Workspace, decision_id: int, created: datetime | None = None
) -> DecisionData:
    """What the decision `decision_id` prints; `created` the PDF's date (default: the decision's
    date at noon, so a reprint years later gives the same bytes)."""
    decision = get_decision(workspace, decision_id)
    moment = created or datetime.combine(decision.decided_on, datetime.min.time()).replace(hour=12)
    district = decision.scope_name if decision.scope_level == "district" else ""
    with workspace.database.reading() as session:
        repo = Repository(session)
        demo = repo.meta("demo") == "1"
        province = province_name(repo, decision.year)
        authorities = recognition_authorities.effective_authorities(
            regimes_in(repo), decision.year, district, province
        )
    letter = Letter(
        issuer=IssuingBody(decision.authority),
        number=decision.number,
        place=without_type(decision.scope_name),
        date=decision.decided_on,
        signature=Signature(
            decision.signer_position, decision.signer_name, decision.signer_authority
        ),
        recipients=authorities.recipients,
    )
    proposal = ""
    if decision.authority_status != "overridden":
        proposal = f"Xét đề nghị của {authorities.proposer}"
    return DecisionData(
        letter=letter,
        year=decision.year,
        decider=decision.decider,
        bases=_bases(workspace, decision),
        communes=tuple(
            RecognisedCommune(c.code, c.name, c.district if not district else "", c.total)
            for c in decision.recognised
        ),
        executors=authorities.executors,
        created=moment,
        proposal=proposal,
        note=NOT_VERIFIED_NOTE if not decision.verified else "",
        provisional_parts=_provisional(workspace, decision.catalogue),
        demo=demo,
    )


def revocation_data(
    workspace: Workspace, decision_id: int, created: datetime | None = None
) -> RevocationData:
    """What the revocation `decision_id` prints (its frame as a recognition decision's)."""
    decision = get_decision(workspace, decision_id)
    assert decision.revokes is not None, "a recognition decision: decision_data"
    frame = decision_data(workspace, decision_id, created)
    return RevocationData(
        letter=frame.letter,
        year=decision.year,
        decider=decision.decider,
        bases=frame.bases,
        revoked=cited(decision.revokes),
        communes=tuple(
            RecognisedCommune(c.code, c.name, c.district, c.total) for c in decision.revoked
        ),
        reason=decision.reason,
        proposer=decision.proposer,
        basis=decision.basis,
        executors=frame.executors,
        created=frame.created,
        note=frame.note,
        provisional_parts=frame.provisional_parts,
        demo=frame.demo,
    )


def decision_bytes(
    workspace: Workspace, decision_id: int, created: datetime | None = None
) -> bytes:
    """The decision (a recognition or a revocation) as PDF bytes."""
    from assessor_app.reports.decision import render_decision  # reportlab: when drawn
    from assessor_app.reports.decision_revocation import render_revocation

    if get_decision(workspace, decision_id).revocation:
        return render_revocation(revocation_data(workspace, decision_id, created))
    return render_decision(decision_data(workspace, decision_id, created))


def write_decision(
    workspace: Workspace, decision_id: int, out: Path, created: datetime | None = None
) -> DecisionData | RevocationData:
    out = Path(out)
    _format(out, (PDF,))
    _check_target(out)
    from assessor_app.reports.decision import render_decision
    from assessor_app.reports.decision_revocation import render_revocation

    data: DecisionData | RevocationData
    if get_decision(workspace, decision_id).revocation:
        data = revocation_data(workspace, decision_id, created)
        write_file(out, render_revocation(data))
        return data
    data = decision_data(workspace, decision_id, created)
    write_file(out, render_decision(data))
    return data


def appraisal_bytes(
    workspace: Workspace,
    year: int,
    communes: Sequence[str] = (),
    unit: str | None = None,
    number: str = "",
    day: date | None = None,
    signer: str = "",
    created: datetime | None = None,
) -> bytes:
    from assessor_app.reports.appraisal import render_appraisal  # reportlab: when drawn

    return render_appraisal(
        appraisal_data(workspace, year, communes, unit, number, day, signer, created)
    )


def write_appraisal(
    workspace: Workspace,
    out: Path,
    year: int,
    communes: Sequence[str] = (),
    unit: str | None = None,
    number: str = "",
    day: date | None = None,
    signer: str = "",
    created: datetime | None = None,
) -> AppraisalData:
    out = Path(out)
    _format(out, (PDF,))
    _check_target(out)
    from assessor_app.reports.appraisal import render_appraisal

    data = appraisal_data(workspace, year, communes, unit, nfc(number), day, signer, created)
    write_file(out, render_appraisal(data))
    return data
