"""The dossier details as a document: the request letter's frame and the council's minutes of one
assessment (`DossierDetails`), and their JSON form, stored in `dossier_details` and printed by
`dossier show --json`. Plain values only: services/dossier_details.py reads and stores them,
services/dossier_checks.py validates them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any

from assessor_app.domain.errors import N_, InputError

DOCUMENT_FORMAT = "assessor-dossier-details"
DOCUMENT_VERSION = 1

ROLE_CHAIR = "Chủ tịch Hội đồng"
ROLE_STANDING = "Thường trực Hội đồng"
ROLE_SECRETARY = "Thư ký"
ROLE_MEMBER = "Thành viên"

# The minutes' number when none is given: the number is written in by hand when registered, as
# the letter's "/TTr-UBND" (NĐ 30/2020: a biên bản carries a number line like every document).
MINUTES_NUMBER = "/BB-HĐĐG"


@dataclass(frozen=True)
class CouncilMemberDetails:
    """A member of the assessment council as entered.

    Fields:
        name: họ và tên.
        position: chức vụ ("Trạm trưởng Trạm Y tế xã").
        role: nhiệm vụ trong hội đồng ("Thường trực Hội đồng", "Thư ký", "Thành viên").
        present: attended the meeting.
    """

    name: str
    position: str
    role: str = ROLE_MEMBER
    present: bool = True


@dataclass(frozen=True)
class DossierDetails:
    """The request letter's frame and the council's minutes of one assessment.

    Letter (tờ trình):
        issuer: the issuing body in normal case, a "\\n" where the header breaks the line
            ("Ủy ban nhân dân\\nxã Hữu Liên"; printed in capitals by the layout).
        issuer_parent: cơ quan chủ quản above it ("Ủy ban nhân dân huyện Hữu Lũng").
        letter_number: số và ký hiệu without "Số:"; "/TTr-UBND" leaves the number blank.
        place: the place of the place-and-date line ("Hữu Liên").
        letter_date: the letter's date.
        signer_name, signer_title, signer_authority: who signs ("Hoàng Văn Thắng", "Chủ tịch",
            "TM. Ủy ban nhân dân").
        addressee: kính gửi.
        recipients: nơi nhận, without dashes or final punctuation.
    Minutes (biên bản họp hội đồng đánh giá); `council_held_at` None means no minutes yet:
        council_held_at, council_ended_at: when the meeting opened and closed (Vietnam time).
        council_place: where it was held.
        council_number: the minutes' number ("05/BB-HĐĐG"), may be empty.
        council_chair, council_chair_position: the chair (signs the minutes).
        council_secretary: the secretary (signs the minutes).
        council_members: the other members, with positions, roles and attendance.
        council_content: what was discussed, one paragraph each.
        council_conclusion: the council's conclusion.
        council_votes_for, council_votes_against: the vote on the conclusion (members present
            for and against); None when no vote is recorded. The printed vote line is made from
            these counts, so it cannot claim more votes than members present.
        council_date_reason: why the council met outside the regime's assessment window (printed
            in the minutes); empty when it met within it.
    Not part of the stored document:
        updated_at, updated_by: when and by whom it was stored; empty for defaults.
    """

    issuer: str
    issuer_parent: str
    letter_number: str
    place: str
    letter_date: date
    signer_name: str
    signer_title: str
    signer_authority: str
    addressee: str
    recipients: tuple[str, ...]
    council_held_at: datetime | None = None
    council_ended_at: datetime | None = None
    council_place: str = ""
    council_number: str = ""
    council_chair: str = ""
    council_chair_position: str = ""
    council_secretary: str = ""
    council_members: tuple[CouncilMemberDetails, ...] = ()
    council_content: tuple[str, ...] = ()
    council_conclusion: str = ""
    council_votes_for: int | None = None
    council_votes_against: int | None = None
    council_date_reason: str = ""
    updated_at: str = field(default="", compare=False)
    updated_by: str = field(default="", compare=False)

    @property
    def stored(self) -> bool:
        """Someone saved these details (False: every value is a default)."""
        return bool(self.updated_at)

    @property
    def has_minutes(self) -> bool:
        return self.council_held_at is not None

    @property
    def secretary_name(self) -> str:
        """Who signs the minutes as secretary: the named secretary, else the member whose role
        is "Thư ký"."""
        return self.council_secretary or next(
            (m.name for m in self.council_members if m.role == ROLE_SECRETARY and m.name), ""
        )

    def council_roster(self) -> tuple[CouncilMemberDetails, ...]:
        """The council as the minutes list it and count who was present: the chair first
        (present: the chair presides and signs), the named members, the secretary last when not
        among them. One list for the checks and the printed page, so they cannot disagree."""
        chair = self.council_chair
        roster = [CouncilMemberDetails(chair, self.council_chair_position, ROLE_CHAIR)]
        roster += [
            replace(m, role=m.role or ROLE_MEMBER)
            for m in self.council_members
            if m.name and m.name != chair
        ]
        secretary = self.secretary_name
        if secretary and all(m.name != secretary for m in roster):
            roster.append(CouncilMemberDetails(secretary, "", ROLE_SECRETARY))
        return tuple(roster)


# --- JSON form (stored document, `dossier show --json`)


def to_json(details: DossierDetails) -> dict[str, Any]:
    def moment(value: datetime | None) -> str | None:
        return value.isoformat(timespec="minutes") if value is not None else None

    return {
        "format": DOCUMENT_FORMAT,
        "version": DOCUMENT_VERSION,
        "letter": {
            "issuer": details.issuer,
            "issuer_parent": details.issuer_parent,
            "number": details.letter_number,
            "place": details.place,
            "date": details.letter_date.isoformat(),
            "signer_name": details.signer_name,
            "signer_title": details.signer_title,
            "signer_authority": details.signer_authority,
            "addressee": details.addressee,
            "recipients": list(details.recipients),
        },
        "council": {
            "held_at": moment(details.council_held_at),
            "ended_at": moment(details.council_ended_at),
            "place": details.council_place,
            "number": details.council_number,
            "chair": details.council_chair,
            "chair_position": details.council_chair_position,
            "secretary": details.council_secretary,
            "members": [
                {"name": m.name, "position": m.position, "role": m.role, "present": m.present}
                for m in details.council_members
            ],
            "content": list(details.council_content),
            "conclusion": details.council_conclusion,
            "votes_for": details.council_votes_for,
            "votes_against": details.council_votes_against,
            "date_reason": details.council_date_reason,
        },
    }


def _bad_document(detail: str) -> InputError:
    return InputError(
        "DOSSIER_DETAILS_INVALID",
        N_("The stored dossier details cannot be read ({detail})."),
        detail=detail,
    )


def from_json(data: Any) -> DossierDetails:
    """The inverse of `to_json` (values are not validated here: `set_details` does that)."""
    try:
        if data.get("format") != DOCUMENT_FORMAT or data.get("version") != DOCUMENT_VERSION:
            raise _bad_document("format")
        letter, council = data["letter"], data["council"]

        def moment(value: Any) -> datetime | None:
            return datetime.fromisoformat(value) if value else None

        return DossierDetails(
            issuer=str(letter["issuer"]),
            issuer_parent=str(letter["issuer_parent"]),
            letter_number=str(letter["number"]),
            place=str(letter["place"]),
            letter_date=date.fromisoformat(letter["date"]),
            signer_name=str(letter["signer_name"]),
            signer_title=str(letter["signer_title"]),
            signer_authority=str(letter["signer_authority"]),
            addressee=str(letter["addressee"]),
            recipients=tuple(str(r) for r in letter["recipients"]),
            council_held_at=moment(council["held_at"]),
            council_ended_at=moment(council["ended_at"]),
            council_place=str(council["place"]),
            council_number=str(council["number"]),
            council_chair=str(council["chair"]),
            council_chair_position=str(council["chair_position"]),
            council_secretary=str(council["secretary"]),
            council_members=tuple(
                CouncilMemberDetails(
                    str(m["name"]), str(m["position"]), str(m["role"]), bool(m["present"])
                )
                for m in council["members"]
            ),
            council_content=tuple(str(p) for p in council["content"]),
            council_conclusion=str(council["conclusion"]),
            council_votes_for=_count(council.get("votes_for", _legacy_votes(council))),
            council_votes_against=_count(council.get("votes_against")),
            council_date_reason=str(council.get("date_reason", "")),
        )
    except (AttributeError, KeyError, TypeError, ValueError) as error:
        raise _bad_document(type(error).__name__) from None


_VOTES = re.compile(r"\s*(\d+)\s*/\s*\d+")


def _legacy_votes(council: Any) -> int | None:
    """The members for, from the vote as text that documents stored before the counts ("4/4
    thành viên dự họp nhất trí" → 4); None when the text gives no count."""
    match = _VOTES.match(str(council.get("votes") or ""))
    return int(match.group(1)) if match else None


def _count(value: Any) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError("vote count")
    return value
