"""A synthetic province for the benchmarks: Lạng Sơn's communes over ten evaluation years with
full figures for every indicator, a team, comments and (optionally) evidence files, built through
the app's public services (issue 11).

    python bench/make_province.py --scale 1 --home DIR [--evidence-mb 200] [--seed 11]

Scale 1: 2,260 assessments, one per commune and year: the 226 communes of 2014 for the
evaluation years 2014–2020, then the communes in force (200 from 2020) until 2,260. Scale N: N
assessments per commune and year (a self-assessment, the district team's, re-assessments), so
4× is 9,040 and 10× 22,600. The same seed gives the same figures, teams, comments and files (the
ids, uids and timestamps are the store's own).

Assessments are entered with `services.bulk_entry.add_assessments`, which stores each as the use
cases one by one would (create, a figure at a time, the team, the comments, finalise: the same rows
and audit entries) in one transaction per year. Evidence files (random bytes: photos and scans
do not compress) are attached with `notes.attach_evidence`, one file at a time as a user would.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from assessor_app.domain.catalogue import (  # noqa: E402 (after the path set-up above)
    Catalogue,
    Indicator,
    RateRule,
    RuleKind,
)
from assessor_app.domain.errors import NotFoundError  # noqa: E402
from assessor_app.domain.evaluation import catalogue_for_year, period  # noqa: E402
from assessor_app.services import assessments, notes, profile, reference_data  # noqa: E402
from assessor_app.services.bulk_entry import Draft, add_assessments  # noqa: E402
from assessor_app.services.workspace import Workspace, open_workspace  # noqa: E402

PAIRS_PER_SCALE = 2260  # (commune, year) pairs: "226 communes × 10 years"
FIRST_YEAR = 2014  # the first evaluation year with a catalogue in force (QĐ 34/2014)
ACTOR = "Chuyên viên Sở LĐ-TB&XH (dữ liệu thử)"
SURNAMES = ["Nguyễn", "Hoàng", "Nông", "Lộc", "Vi", "Lương", "Hà", "Đinh", "Triệu", "Mã", "Lê"]
MIDDLE = ["Văn", "Thị", "Đức", "Minh", "Thu", "Ngọc", "Quang"]
GIVEN = ["Bình", "Lan", "Hoa", "Minh", "Đức", "Tuấn", "Hương", "Sơn", "Hải", "Yến", "Thắng"]
TEAM = [("labour_social_affairs", "lead"), ("health", "member"), ("justice", "secretary")]
COMMENTS = [
    "Đối chiếu với sổ hộ tịch của xã.",
    "Số liệu theo báo cáo của trạm y tế.",
    "Đã kiểm tra hồ sơ tại trường mầm non.",
    "Cần bổ sung biên bản họp thôn.",
    "Một trẻ chưa tiêm đủ mũi sởi; đã hẹn tiêm bù.",
]
REASONS = [
    "Có câu lạc bộ quyền trẻ em hoạt động đều.",
    "Có điểm vui chơi tại nhà văn hóa; tổ chức Tết Trung thu cho trẻ em.",
    "Diễn đàn trẻ em cấp xã tổ chức 1 lần trong năm.",
]
# Evidence sizes: a phone photo, a scanned page, a scanned multi-page PDF (bytes).
EVIDENCE_SIZES = [(".jpg", 2_500_000), (".jpg", 900_000), (".pdf", 4_000_000), (".png", 350_000)]


def _name(rng: random.Random) -> str:
    return f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"


def _rate(rng: random.Random, rule: RateRule) -> str:
    denominator = rng.randint(40, 1500)
    if rule.direction.value == "higher_is_better":
        numerator = round(denominator * rng.uniform(0.75, 1.0))
    else:
        numerator = round(denominator * rng.uniform(0.0, 0.08) * rule.scale / 1000)
    return f"{min(numerator, denominator)}/{denominator}"


def _figure(rng: random.Random, indicator: Indicator) -> tuple[str, str, str]:
    """(indicator, its figure in text form, a reason when points are judged by the team)."""
    rule = indicator.rule
    if isinstance(rule, RateRule):
        return indicator.code, _rate(rng, rule), ""
    if indicator.kind is RuleKind.YES_NO:
        return indicator.code, "yes" if rng.random() < 0.85 else "no", ""
    if indicator.kind is RuleKind.COUNT:
        return indicator.code, str(rng.choice([0, 0, 0, 1, 2, 3])), ""
    points = rng.randint(indicator.max_points // 2, indicator.max_points)
    return indicator.code, f"points={points}", rng.choice(REASONS)


def _draft(rng: random.Random, catalogue: Catalogue, commune: str, year: int, copy: int) -> Draft:
    indicators = [i for criterion in catalogue.criteria for i in criterion.indicators]
    codes = [i.code for i in indicators]
    return Draft(
        commune=commune,
        year=year,
        kind="self" if copy % 2 else "team",
        figures=tuple(_figure(rng, indicator) for indicator in indicators),
        members=tuple((_name(rng), agency, role) for agency, role in TEAM),
        comments=tuple((rng.choice(codes), rng.choice(COMMENTS)) for _ in range(rng.randint(1, 3))),
        finalize=rng.random() < 0.9,
    )


def commune_years(workspace: Workspace) -> Iterator[tuple[str, int]]:
    """(commune, year) pairs, year by year from 2014: the communes of the lists in force."""
    year = FIRST_YEAR
    while True:
        first, last = period(year)
        seen: set[str] = set()
        for day in (first, last):
            try:
                units = reference_data.units_on(workspace, day)
            except NotFoundError:  # no list on that day: the other one answers
                continue
            for unit in units:
                if unit.code not in seen:
                    seen.add(unit.code)
                    yield unit.code, year
        year += 1


def _catalogues_by_year(workspace: Workspace, years: set[int]) -> dict[int, Catalogue]:
    stored = reference_data.catalogues(workspace)
    return {year: catalogue_for_year(stored, year) for year in years}


def _attach_evidence(
    workspace: Workspace, rng: random.Random, ids: list[int], megabytes: float
) -> int:
    """Files of realistic sizes on the first assessments until `megabytes` are stored."""
    budget, count = int(megabytes * 1_000_000), 0
    scratch = Path(tempfile.mkdtemp(prefix="province-evidence-"))
    for assessment_id in ids:
        if budget <= 0:
            break
        detail = assessments.detail(workspace, assessment_id)
        finalized = detail.summary.status.value == "finalized"
        if finalized:
            assessments.reopen(workspace, assessment_id, "Bổ sung minh chứng")
        suffix, size = rng.choice(EVIDENCE_SIZES)
        path = scratch / f"minh-chung-{count:05d}{suffix}"
        path.write_bytes(rng.randbytes(min(size, budget)))
        code = rng.choice(list(detail.values))
        notes.attach_evidence(workspace, assessment_id, code, path, caption="Ảnh chụp hồ sơ")
        path.unlink()
        if finalized:
            assessments.finalize(workspace, assessment_id)
        budget -= size
        count += 1
    scratch.rmdir()
    return count


def make_province(
    home: Path,
    scale: int = 1,
    seed: int = 11,
    evidence_mb: float = 0.0,
    quiet: bool = False,
    limit: int = PAIRS_PER_SCALE,
) -> list[int]:
    """Build the province in the data home `home` (a new one); the ids of its assessments.
    `limit`: fewer (commune, year) pairs than the 2,260 of a whole province (tests)."""
    rng = random.Random(seed)
    workspace = open_workspace(home, actor=ACTOR)
    try:
        reference_data.ensure_initialised(workspace)
        profile.save_profile(workspace, "team", ACTOR, "labour_social_affairs", "LS-2025-07")
        pairs: list[tuple[str, int]] = []
        for pair in commune_years(workspace):
            if len(pairs) == limit:
                break
            pairs.append(pair)
        catalogues = _catalogues_by_year(workspace, {year for _commune, year in pairs})
        ids: list[int] = []
        for year in sorted(catalogues):
            drafts = [
                _draft(rng, catalogues[year], commune, year, copy)
                for commune, y in pairs
                if y == year
                for copy in range(scale)
            ]
            ids += add_assessments(workspace, drafts)
            if not quiet:
                print(f"{year}: {len(drafts)} assessments", file=sys.stderr)
        if evidence_mb > 0:
            files = _attach_evidence(workspace, rng, ids, evidence_mb)
            if not quiet:
                print(f"evidence: {files} files", file=sys.stderr)
        return ids
    finally:
        workspace.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--home", type=Path, required=True, help="a new data folder")
    parser.add_argument("--scale", type=int, default=1, help="1: 2,260 assessments; 10: 22,600")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--evidence-mb", type=float, default=0.0, help="evidence files in all")
    args = parser.parse_args(argv)
    if (args.home / "assessor.sqlite3").exists():
        parser.error(f"{args.home} already holds a store; give a new folder")
    started, cpu = time.perf_counter(), time.process_time()
    ids = make_province(args.home, args.scale, args.seed, args.evidence_mb)
    took, cpu = time.perf_counter() - started, time.process_time() - cpu
    print(f"{len(ids)} assessments in {args.home} ({took:.1f} s, {cpu:.1f} s of CPU)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
