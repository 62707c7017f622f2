"""Input data of the printed documents: who issues a document, who signs it, which catalogue, and
what the dossier prints (`DossierData` and its parts).

All classes are frozen and hold plain values; the services layer fills them from the store. Text may
be given in any Unicode form: the renderers normalise it to NFC. Names given in normal case are
printed in capitals where the document layout (Nghị định 30/2020/NĐ-CP) asks for capitals.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from assessor_app.texts.documents import unit_place


@dataclass(frozen=True)
class IssuingBody:
    """The issuing body, top left of a document (NĐ 30/2020, Phụ lục I, ô số 2).

    Fields:
        name: cơ quan, tổ chức ban hành văn bản, printed in bold capitals, e.g. "Ủy ban nhân dân
            xã Hữu Liên". A "\\n" forces a line break ("Ủy ban nhân dân\\nxã Hữu Liên"); long names
            are wrapped to the width of the column.
        parent: cơ quan chủ quản, printed in regular capitals above `name`, e.g. "Ủy ban nhân dân
            tỉnh Lạng Sơn" over "Sở Y tế". Empty for a people's committee, which has none.
    """

    name: str
    parent: str = ""


@dataclass(frozen=True)
class Signature:
    """A signature block (NĐ 30/2020, ô số 7): authority, position, space to sign, full name.

    Fields:
        position: chức vụ của người ký, e.g. "Chủ tịch", "Phó Chủ tịch", "Giám đốc" (printed in
            bold capitals).
        name: họ và tên of the signer, printed in bold under the space for the signature.
        authority: quyền hạn, e.g. "TM. Ủy ban nhân dân" (on behalf of a collective body), "KT. Chủ
            tịch" (a deputy signing for the head); empty when the head signs in their own name.
    """

    position: str
    name: str
    authority: str = ""


@dataclass(frozen=True)
class Letter:
    """The administrative frame of one document: issuer, number, place and date, addressee,
    recipients and signer.

    Fields:
        issuer: the issuing body (top left).
        number: số và ký hiệu without "Số:", e.g. "12/TTr-UBND"; printed as "Số: 12/TTr-UBND". If
            the number is not known yet (it is given when the document is registered), pass
            the symbol only, e.g. "/TTr-UBND", and a blank is left for it.
        place: địa danh of the place-and-date line, e.g. "Hữu Liên" (the commune's own name for a
            commune's document, the province's for the province's).
        date: the date of the document ("Hữu Liên, ngày 28 tháng 11 năm 2026").
        signature: who signs.
        recipients: nơi nhận, one item each without the leading dash or final punctuation, e.g.
            ("Như trên", "Thường trực Đảng ủy xã", "Lưu: VT"); printed "- Như trên;" ... "- Lưu: VT.".
        addressee: kính gửi, e.g. "Ủy ban nhân dân tỉnh Lạng Sơn"; empty for none.
        body: paragraphs replacing the generated body text of the document; empty to let the
            renderer write the standard text from the data.
        dated: the date is the document's own. False when nobody has given it yet: the day and
            month are left blank to be written in when the document is signed, only the year of
            `date` is printed ("ngày      tháng      năm 2016"), never a day the software chose.
    """

    issuer: IssuingBody
    number: str
    place: str
    date: date
    signature: Signature
    recipients: tuple[str, ...] = ()
    addressee: str = ""
    body: tuple[str, ...] = ()
    dated: bool = True


@dataclass(frozen=True)
class CatalogueInfo:
    """The criteria catalogue a result was computed with.

    Fields:
        code: the catalogue's code, e.g. "QD06-2019".
        version: its version, e.g. "2019.1-provisional".
        title: its Vietnamese title.
        legal_basis: the decision it implements, as a phrase, e.g. "Quyết định số 06/QĐ-TTg ngày
            03/01/2019 của Thủ tướng Chính phủ ban hành Quy định về tiêu chuẩn, …".
        provisional_parts: codes of every criterion, indicator and recognition condition whose
            value is provisional (`Catalogue.provisional_parts()`); when not empty, every page of
            every document carries the provisional banner.
        content_hash: SHA-256 of the catalogue's canonical form (pinned by the assessment).
        procedure: the act that set the procedure of assessment and recognition under this
            standard, cited in full, when it is a separate act ("Thông tư số 25/2014/TT-BLĐTBXH
            của Bộ Lao động - Thương binh và Xã hội hướng dẫn …" under QĐ 34/2014); empty when the
            standard's own act sets it (QĐ 06/2019).
    """

    code: str
    version: str
    title: str
    legal_basis: str
    provisional_parts: tuple[str, ...] = ()
    content_hash: str = ""
    procedure: str = ""

    @property
    def provisional(self) -> bool:
        return bool(self.provisional_parts)


# --- the dossier (reports/dossier.py)


@dataclass(frozen=True)
class Commune:
    """The assessed unit.

    Fields:
        code: the statistics office's 5-digit code, as text with its leading zero ("06400").
        name: the full name with its type, as the unit list writes it ("Xã Hữu Liên").
        unit_type: "Xã", "Phường" or "Thị trấn".
        province: "Tỉnh Lạng Sơn".
        district: "Huyện Hữu Lũng" for assessments before 1 July 2025; empty after (no districts).
        category: the unit's category for the recognition thresholds, in words (e.g. "Xã, thị trấn
            thuộc miền núi, hải đảo; xã đặc biệt khó khăn"); empty if not known.
    """

    code: str
    name: str
    unit_type: str
    province: str
    district: str = ""
    category: str = ""

    @property
    def place(self) -> str:
        """ "Xã Yên Bình, huyện Hữu Lũng, tỉnh Lạng Sơn": the units above the commune in lower case
        as a sentence writes them (the district only when there is one)."""
        return unit_place(self.name, self.district, self.province)


@dataclass(frozen=True)
class ScaleStep:
    """One step of an indicator's scale, e.g. "≥ 98 %: 75 điểm".

    Fields:
        text: the step as printed.
        provisional: the step's value is provisional (marked "*" in the table).
    """

    text: str
    provisional: bool = False


@dataclass(frozen=True)
class IndicatorLine:
    """One indicator (chỉ tiêu) in the assessment table.

    Fields:
        code: "TC2.1".
        title: its Vietnamese title.
        method: how it is computed, e.g. "Tỷ lệ (%) = tử số / mẫu số × 100".
        scale: its scale, step by step (`describe.scale_steps` writes them from the rule).
        max_points: the most it can earn.
        figures: the figures entered, as printed: "49/50 = 98,0 %", "Có", "0 trường hợp",
            "60 điểm — giải trình: …"; "Chưa có số liệu" when none.
        points: the points earned (điểm tự chấm); None when the indicator was not assessed.
        provisional: the indicator itself (its wording or method) is provisional.
        source: where the figures come from, as entered with them; empty when none.
        appraised: the points the appraisal gave (điểm thẩm định); None when there is no
            appraisal or it did not assess the indicator.
        notes: the team's comments on the indicator (the table's "Ghi chú"), oldest first.
    """

    code: str
    title: str
    method: str
    scale: tuple[ScaleStep, ...]
    max_points: int
    figures: str
    points: int | None
    provisional: bool = False
    source: str = ""
    appraised: int | None = None
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class CriterionRow:
    """One criterion (tiêu chí) of the assessment table with its indicators.

    Fields:
        code: "TC2".
        title: its Vietnamese title.
        max_points: its maximum.
        points: the points earned (the sum of its indicators').
        indicators: its indicators in catalogue order.
        provisional: some part of the criterion is provisional.
        appraised: the appraisal's points for the criterion; None when there is no appraisal.
    """

    code: str
    title: str
    max_points: int
    points: int
    indicators: tuple[IndicatorLine, ...]
    provisional: bool = False
    appraised: int | None = None


@dataclass(frozen=True)
class Explanation:
    """The explanation of one indicator's figures and their source (báo cáo thuyết minh).

    Fields:
        code: the indicator's code ("TC2.1").
        title: its title.
        figures: the result as printed in the table ("49/50 = 98,0 %").
        numerator_label: what the numerator counts (tử số), empty for other kinds of indicator.
        numerator: the numerator entered, None if none.
        denominator_label: what the denominator counts (mẫu số).
        denominator: the denominator entered, None if none.
        source: where the figures come from ("Sổ đăng ký khai sinh của UBND xã, năm 2025–2026").
        comments: the team's comments and justifications, one paragraph each.
    """

    code: str
    title: str
    figures: str
    numerator_label: str = ""
    numerator: int | None = None
    denominator_label: str = ""
    denominator: int | None = None
    source: str = ""
    comments: tuple[str, ...] = ()


@dataclass(frozen=True)
class CouncilMember:
    """A member of the assessment council.

    Fields:
        name: họ và tên.
        position: chức vụ, e.g. "Phó Chủ tịch UBND xã", "Trạm trưởng Trạm Y tế xã".
        role: nhiệm vụ trong hội đồng: "Chủ tịch Hội đồng", "Thường trực", "Thư ký", "Thành viên".
        present: attended the meeting (absent members are listed as "vắng mặt").
    """

    name: str
    position: str
    role: str
    present: bool = True


@dataclass(frozen=True)
class CouncilMinutes:
    """The minutes of the assessment council's meeting (biên bản họp hội đồng đánh giá).

    Fields:
        held_at: date and time the meeting opened.
        place: where it was held ("Hội trường UBND xã Hữu Liên").
        members: the council's members.
        chair: who signs as chair ("Chủ tịch Hội đồng" and name).
        secretary: who signs as secretary ("Thư ký" and name).
        content: what was discussed, one paragraph each.
        conclusion: the council's conclusion.
        votes_for, votes_against: the vote on the conclusion (members present for and against);
            None when no vote is recorded.
        ended_at: when the meeting closed; None if not recorded.
        number: the minutes' number and symbol ("05/BB-HĐĐG"); "/BB-HĐĐG" or empty leaves the
            number to be written in by hand (the "Số:" line is always printed).
        window_start, window_end: the regime's assessment window, when the meeting fell outside
            it (the minutes print it with `date_reason`); None otherwise.
        date_reason: why the council met outside the window.
    """

    held_at: datetime
    place: str
    members: tuple[CouncilMember, ...]
    chair: Signature
    secretary: Signature
    content: tuple[str, ...] = ()
    conclusion: str = ""
    votes_for: int | None = None
    votes_against: int | None = None
    ended_at: datetime | None = None
    number: str = ""
    window_start: date | None = None
    window_end: date | None = None
    date_reason: str = ""


@dataclass(frozen=True)
class EvidenceItem:
    """One evidence file.

    Fields:
        file_name: the file's name ("so-khai-sinh-2026.pdf").
        caption: what it shows.
        sha256: SHA-256 of its content, 64 hex digits.
        indicator: the indicator it supports ("TC2.1"), empty for the whole assessment.
    """

    file_name: str
    caption: str
    sha256: str
    indicator: str = ""


@dataclass(frozen=True)
class Provenance:
    """Where the assessment's data came from. Empty text means "not applicable / unknown"
    (e.g. an assessment entered on this machine has no bundle).

    Fields:
        bundle_id: the signed bundle's identifier.
        manifest_hash: SHA-256 of the bundle's manifest (what the signature covers).
        signer_name: the person who signed the bundle.
        signer_agency: their agency.
        key_fingerprint: the fingerprint of the signing key as the app shows it.
        review_status: the review status in words ("Đã thẩm định", "Chờ thẩm định", …).
        imported: when the bundle was imported; None if not imported.
    """

    bundle_id: str = ""
    manifest_hash: str = ""
    signer_name: str = ""
    signer_agency: str = ""
    key_fingerprint: str = ""
    review_status: str = ""
    imported: date | None = None


@dataclass(frozen=True)
class DossierData:
    """Everything the dossier prints.

    Fields:
        commune: the assessed unit.
        year: the evaluation year.
        period_start, period_end: the evaluation period (1/11 of the previous year to 31/10 under
            QĐ 34; two years under QĐ 06).
        catalogue: the catalogue the points were computed with (its provisional parts drive the
            banner).
        letter: the request letter's frame (issuer, number, place, date, addressee, recipients,
            signer); the other sections reuse its issuer, place and signer.
        criteria: the assessment table, one row per criterion.
        total: the total points.
        max_total: the catalogue's maximum (1,000).
        threshold: the minimum total for the commune's category; None if the catalogue has none.
        recognized: the verdict.
        reasons: every failed recognition condition, already rendered in Vietnamese
            (`describe.reason_text`); empty when recognised.
        explanations: the explanations of figures and sources, one per indicator.
        minutes: the council's minutes; None prints, instead of the minutes, what they lack
            (`minutes_missing`).
        evidence: the evidence index.
        provenance: where the data came from.
        assessment_uid: the assessment's stable identifier (in the QR code).
        created: when the dossier was made; the PDF's creation date (so the same data gives the
            same bytes).
        assessment_kind: "Tự đánh giá của xã", "Kiểm tra của đoàn liên ngành", "Thẩm định".
        demo: the data is the demo store's: a DEMO banner and watermark on every page.
        minutes_missing: what keeps the minutes from being printed, as the details' field names
            ("council_held_at": the meeting has no date); empty when `minutes` is printed.
        appraised_total: the appraisal's total (an assessment of kind "review" of the same commune
            and year); None when there is none, and the table has no "Điểm thẩm định" column.
        draft: the assessment is not finalised: "DỰ THẢO" on every page (in the header and as a
            diagonal mark), and the letter says the assessment is still under way.
    """

    commune: Commune
    year: int
    period_start: date
    period_end: date
    catalogue: CatalogueInfo
    letter: Letter
    criteria: tuple[CriterionRow, ...]
    total: int
    max_total: int
    threshold: int | None
    recognized: bool
    reasons: tuple[str, ...]
    explanations: tuple[Explanation, ...]
    minutes: CouncilMinutes | None
    evidence: tuple[EvidenceItem, ...]
    provenance: Provenance
    assessment_uid: str
    created: datetime
    assessment_kind: str = ""
    demo: bool = False
    minutes_missing: tuple[str, ...] = ()
    appraised_total: int | None = None
    draft: bool = False

    @property
    def requests_recognition(self) -> bool:
        """Whether the first document asks for recognition (a tờ trình): the commune passes and
        its council has met, since the dossier a commune submits includes the council's minutes
        (the procedure's "thành phần hồ sơ"); a draft asks as a draft of the request. Otherwise
        the first document reports the result (a báo cáo)."""
        return self.recognized and (self.draft or self.minutes is not None)
