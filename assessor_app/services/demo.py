"""A clearly marked demo store: a few Lạng Sơn communes with sample assessments, so that a new user
lands in something to look at. The store's meta says `demo`, and the app shows it on every screen.

Demo data must never become an official record. Each assessment carries its own mark (the store's
`assessments.demo`, set for every assessment of a demo store), which travels in bundles (signed:
docs/bundle-format.md, "Demo bundles") and puts DEMO on every document printed from it. Whether an
assessment is demo is decided from its mark AND the store's meta, so flipping one of them by hand
does not make demo data real. `refuse_demo_export` and `refuse_demo_import` are the rules of the
exchange: a demo assessment leaves only in a bundle marked demo, and such a bundle is imported only
on purpose, into a demo store.
"""

from __future__ import annotations

from collections.abc import Sequence

from assessor_app.domain.errors import N_, StateError
from assessor_app.services import assessments, notes, reference_data, team
from assessor_app.services.profile import save_profile
from assessor_app.services.workspace import Workspace
from assessor_app.storage.database import WriteSession
from assessor_app.storage.records import AssessmentRecord
from assessor_app.storage.repository import Repository

DEMO_NAME = "Người dùng thử (DEMO)"

# A mountainous commune after the 2025 reform, scored under QĐ 06/2019 (docs/examples).
COMPLETE_QD06 = {
    "TC1.1": "yes",
    "TC1.2": "yes",
    "TC1.3": "yes",
    "TC1.4": "no",
    "TC2.1": "49/50",
    "TC3.1": "1/1250",
    "TC4.1": "0/1250",
    "TC5.1": "8/1250",
    "TC6.1": "19/20",
    "TC6.2": "0/0",
    "TC7.1": "47/48",
    "TC8.1": "12/110",
    "TC8.2": "25/110",
    "TC9.1": "1000/1250",
    "TC10.1": "88/100",
    "TC13.1": "150/200",
}
MANUAL_QD06 = {
    "TC11.1": (
        "points=60",
        "Có câu lạc bộ quyền trẻ em; diễn đàn trẻ em cấp xã tổ chức 1 lần trong năm",
    ),
    "TC12.1": (
        "points=50",
        "Có điểm vui chơi tại nhà văn hóa; tổ chức Tết Trung thu và hè cho trẻ em",
    ),
}
_PARTIAL_QD06 = {
    "TC1.1": "yes",
    "TC1.2": "no",
    "TC2.1": "45/50",
    "TC7.1": "40/48",
    "TC9.1": "900/1250",
}
_PARTIAL_QD34 = {"TC2.1": "49/50", "TC3.1": "1/120", "TC4.1": "0", "TC10.1": "300/400"}


def is_demo(workspace: Workspace) -> bool:
    with workspace.database.reading() as session:
        return store_is_demo(Repository(session))


def store_is_demo(repo: Repository) -> bool:
    """The store is the demo store (its meta says so)."""
    return repo.meta("demo") == "1"


def assessment_is_demo(repo: Repository, row: AssessmentRecord) -> bool:
    """Sample data: the assessment's own mark, or any assessment of a demo store."""
    return row.demo or store_is_demo(repo)


def check_export(repo: Repository, rows: Sequence[AssessmentRecord], demo_bundle: bool) -> bool:
    """Whether the bundle of `rows` is a demo bundle; refuses what would let demo data pass as
    real. A demo assessment leaves only in a bundle marked demo, asked for on purpose
    (`demo_bundle`); a bundle never mixes demo and real assessments; a demo store signs nothing
    that claims to be real."""
    marked = [row for row in rows if assessment_is_demo(repo, row)]
    real = [row for row in rows if not assessment_is_demo(repo, row)]
    if marked and real:
        raise StateError(
            "EXPORT_DEMO_MIXED",
            N_(
                "A bundle cannot mix demo data and real assessments: assessment {demo} is demo data, assessment {real} is not. Export them separately."
            ),
            demo=marked[0].id,
            real=real[0].id,
        )
    if marked and not demo_bundle:
        raise StateError(
            "EXPORT_DEMO",
            N_(
                "Assessment {assessment} is demo data (sample figures to try the app): it cannot be sent as an official record. It can only leave as a demo bundle, chosen on purpose, which offices refuse."
            ),
            assessment=marked[0].id,
        )
    if real and demo_bundle:
        raise StateError(
            "EXPORT_DEMO_NOT_DEMO",
            N_(
                "Assessment {assessment} is not demo data; a demo bundle holds only demo assessments."
            ),
            assessment=real[0].id,
        )
    return bool(marked)


def check_import(repo: Repository, bundle_is_demo: bool, accept_demo: bool) -> None:
    """Refuses a bundle holding demo data unless it is accepted on purpose (`accept_demo`), and
    then into a demo store only: a real store never receives demo data."""
    if not bundle_is_demo:
        return
    if not accept_demo:
        raise StateError(
            "IMPORT_DEMO_REFUSED",
            N_(
                "This bundle holds demo data (sample assessments made to try the app), not official records: it was not imported. To try the exchange, import it into a demo store, choosing to accept demo data."
            ),
        )
    if not store_is_demo(repo):
        raise StateError(
            "IMPORT_DEMO_REAL_STORE",
            N_(
                "This bundle holds demo data and this store holds real records: demo data is never imported into a real store. Nothing was changed."
            ),
        )


def create_demo(workspace: Workspace) -> list[int]:
    """Fill an empty store with the demo; returns the ids of the sample assessments."""
    reference_data.ensure_initialised(workspace)

    def _work(session: WriteSession) -> None:
        Repository(session).set_meta("demo", "1")

    workspace.database.run_in_transaction(_work)
    save_profile(workspace, "team", DEMO_NAME, "labour_social_affairs", "LS-2025-07")
    ids = []

    complete = assessments.create(workspace, "06400", 2026, kind="team", join_team=False)
    for code, text in COMPLETE_QD06.items():
        assessments.set_value(workspace, complete.id, code, text)
    for code, (text, why) in MANUAL_QD06.items():
        assessments.set_value(workspace, complete.id, code, text, why)
    team.add_member(workspace, complete.id, "Hoàng Thị Lan", "labour_social_affairs", "lead")
    team.add_member(workspace, complete.id, "Nông Văn Minh", "health", "member")
    team.add_member(workspace, complete.id, "Lộc Thị Hoa", "justice", "secretary")
    notes.add_comment(
        workspace, complete.id, "TC7.1", "Một trẻ chưa tiêm đủ mũi sởi; đã hẹn tiêm bù."
    )
    assessments.finalize(workspace, complete.id)
    ids.append(complete.id)

    partial = assessments.create(workspace, "06385", 2026, kind="team", join_team=False)
    for code, text in _PARTIAL_QD06.items():
        assessments.set_value(workspace, partial.id, code, text)
    team.add_member(workspace, partial.id, "Vi Văn Đức", "police", "lead")
    notes.set_follow_up(workspace, partial.id, "TC7.1", True)
    ids.append(partial.id)

    old = assessments.create(workspace, "06385", 2016, kind="self", join_team=False)
    for code, text in _PARTIAL_QD34.items():
        assessments.set_value(workspace, old.id, code, text)
    ids.append(old.id)
    return ids
