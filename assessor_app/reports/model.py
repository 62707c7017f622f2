"""Input data shared by the printed documents: who issues a document, who signs it, which catalogue.

All classes are frozen and hold plain values; the services layer fills them from the store. Text may
be given in any Unicode form: the renderers normalise it to NFC. Names given in normal case are
printed in capitals where the document layout (Nghị định 30/2020/NĐ-CP) asks for capitals.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


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
    """

    issuer: IssuingBody
    number: str
    place: str
    date: date
    signature: Signature
    recipients: tuple[str, ...] = ()
    addressee: str = ""
    body: tuple[str, ...] = ()


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
    """

    code: str
    version: str
    title: str
    legal_basis: str
    provisional_parts: tuple[str, ...] = ()
    content_hash: str = ""

    @property
    def provisional(self) -> bool:
        return bool(self.provisional_parts)
