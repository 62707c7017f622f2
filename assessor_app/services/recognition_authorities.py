"""Who appraises the communes' dossiers and who decides their recognition, per period: the
`authorities` of the shipped procedures (`resources/procedure/*.json`, services/procedure_files.py),
each period with its source and status. The procedure is the one source; this module keeps the
decision's and the appraisal report's view of it.

Until 30 June 2025 the district's labour office appraised and the district's chair decided
(SECONDARY sources). From 1 July 2025 there are no districts, and no text we could read names the
body that holds the task: the shipped entry for that period is a reasoned default with the status
`not_verified`, shown as such on screen and in the decision, and every decision may name another
authority.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date

from assessor_app.domain import procedure
from assessor_app.domain.evaluation import period
from assessor_app.domain.procedure import PROVINCE, AuthorityPeriod, Fact, Regime, regime_on
from assessor_app.domain.text import nfc
from assessor_app.services import procedure_files
from assessor_app.texts.documents import in_sentence

NOT_VERIFIED = procedure.NOT_VERIFIED


@dataclass(frozen=True)
class Authorities:
    """One period's appraising body and recognising authority, placeholders filled in.

    Fields:
        valid_from, valid_to: the period (valid_to None: still in force).
        scope: "district" (a district's chair decides for its communes) or "province".
        status: "exact", "secondary" or "not_verified" (the source does not settle it).
        source, reason: where it comes from; why the default was chosen (empty when the source
            settles it).
        appraiser, appraiser_parent: the appraising body and its parent ("Phòng Lao động -
            Thương binh và Xã hội" under "Ủy ban nhân dân huyện Hữu Lũng").
        appraiser_symbol, appraiser_signer: the report's symbol ("BC-LĐTBXH"), who signs it.
        issuer: the body whose decision it is ("Ủy ban nhân dân huyện Hữu Lũng").
        decider: who decides, as the decision names them before its căn cứ ("Chủ tịch Ủy ban
            nhân dân huyện Hữu Lũng").
        proposer: who proposes the decision ("Trưởng phòng Lao động - Thương binh và Xã hội
            huyện Hữu Lũng"), cited in "Xét đề nghị của …".
        signer_position: the signer's position ("Chủ tịch").
        decision_symbol: "QĐ-UBND".
        local_government_law: the law on local government in force, as cited.
        executors: who executes the decision (Điều 3), without the verb.
        recipients: the decision's nơi nhận.
    """

    valid_from: date
    valid_to: date | None
    scope: str
    status: str
    source: str
    reason: str
    appraiser: str
    appraiser_parent: str
    appraiser_symbol: str
    appraiser_signer: str
    issuer: str
    decider: str
    proposer: str
    signer_position: str
    decision_symbol: str
    local_government_law: str
    executors: str
    recipients: tuple[str, ...]

    @property
    def verified(self) -> bool:
        return self.status != NOT_VERIFIED


def version() -> str:
    return procedure_files.version()


def _periods() -> list[AuthorityPeriod]:
    return [p for regime in procedure_files.shipped_regimes() for p in regime.authorities]


def _period_of(day: date) -> AuthorityPeriod:
    periods = _periods()
    for entry in periods:
        if entry.span.contains(day):
            return entry
    return periods[-1] if day > periods[-1].span.valid_from else periods[0]


def decided_on_default(year: int) -> date:
    """The day a decision of evaluation year `year` is taken by default: after the year's end
    (31 October), when the appraisal is done — the authorities of that day decide."""
    return period(year)[1]


def authorities_for(year: int, district: str = "", province: str = "") -> Authorities:
    """The authorities of evaluation year `year` (the period its last day falls in: 31 October
    2025 is after the reform), with the district's and province's names filled in."""
    entry = _period_of(decided_on_default(year))

    def fill(value: str) -> str:
        return _filled(value, district, province)

    field = entry.field
    return Authorities(
        valid_from=entry.span.valid_from,
        valid_to=entry.span.valid_to,
        scope=field("scope"),
        status=entry.status,
        source=entry.source,
        reason=entry.reason,
        appraiser=fill(field("appraiser")),
        appraiser_parent=fill(field("appraiser_parent")),
        appraiser_symbol=field("appraiser_symbol"),
        appraiser_signer=field("appraiser_signer"),
        issuer=fill(field("issuer")),
        decider=fill(field("decider")),
        proposer=fill(field("proposer")),
        signer_position=field("signer_position"),
        decision_symbol=field("decision_symbol"),
        local_government_law=field("local_government_law"),
        executors=fill(field("executors")),
        recipients=tuple(fill(item) for item in entry.recipients),
    )


def _filled(value: str, district: str, province: str) -> str:
    return (
        nfc(value)
        .replace("{district}", in_sentence(district))
        .replace("{province}", in_sentence(province))
    )


# --- what the province set in the procedure window (services/procedures.py)

POSITIONS = ("Chủ tịch", "Phó Chủ tịch", "Giám đốc", "Trưởng phòng")  # before the body's name
HEADS = {"Sở": "Giám đốc", "Phòng": "Trưởng phòng"}  # who signs for a department or an office
NOT_INITIALS = {"-", "–", "và"}


def _named(actor: str, district: str, province: str) -> str:
    """An actor the province wrote, as a document names it: placeholders filled, and a body
    ending in "tỉnh" or "huyện" ("Ủy ban nhân dân tỉnh") completed with the unit's name."""
    text = _filled(actor, district, province)
    for level, name in (("tỉnh", province), ("huyện", district)):
        if name and text.endswith(f" {level}"):
            text = f"{text[: -len(level)]}{in_sentence(name)}"
    return text


def _symbol(body: str) -> str:
    """A body's report symbol as documents write it (the initials of its name: "Sở Nội vụ" →
    "BC-SNV", "Sở Lao động - Thương binh và Xã hội" → "BC-SLĐTBXH")."""
    initials = "".join(
        w[0].upper() for w in body.split() if w not in NOT_INITIALS and w[0].isalpha()
    )
    return f"BC-{initials}"


def _set_by_province(regime: Regime, step: str, day: date) -> Fact | None:
    actor = regime.step(step).actor_on(day)
    return actor.who if actor is not None and actor.who.status == PROVINCE else None


def _with_appraiser(found: Authorities, who: Fact, district: str, province: str) -> Authorities:
    body = _named(who.value, district, province)
    head = HEADS.get(body.split(" ", 1)[0], found.appraiser_signer)
    return replace(
        found,
        appraiser=body,
        appraiser_symbol=_symbol(body),
        appraiser_signer=head,
        proposer=f"{head} {body}",
    )


def _with_decider(found: Authorities, who: Fact, district: str, province: str) -> Authorities:
    decider = _named(who.value, district, province)
    position = next(
        (p for p in sorted(POSITIONS, key=len, reverse=True) if decider.startswith(p + " ")), ""
    )
    issuer = decider[len(position) :].strip() if position else decider
    return replace(
        found, decider=decider, issuer=issuer, signer_position=position or found.signer_position
    )


def effective_authorities(
    regimes: Iterable[Regime], year: int, district: str = "", province: str = ""
) -> Authorities:
    """`authorities_for`, with who appraises and who decides as the province set them in the
    procedure (`regimes`: services/procedures.regimes_in): the documents then name those, and
    the status is "province" (set here, with its reason) instead of the shipped default's."""
    found = authorities_for(year, district, province)
    day = decided_on_default(year)
    regime = regime_on(regimes, day)
    appraiser = _set_by_province(regime, "appraisal", day)
    decider = _set_by_province(regime, "decision", day)
    if appraiser is not None:
        found = _with_appraiser(found, appraiser, district, province)
    if decider is not None:
        found = _with_decider(found, decider, district, province)
    settled = decider or appraiser
    if settled is None:
        return found
    return replace(found, status=PROVINCE, source=settled.source, reason=settled.reason)


def standard_bases(catalogue_code: str) -> tuple[str, ...]:
    """Further legal bases of a regime beyond its decision (QĐ 34/2014: Thông tư 25/2014)."""
    for regime in procedure_files.shipped_regimes():
        if regime.code == catalogue_code:
            return tuple(basis.value for basis in regime.bases)
    return ()
