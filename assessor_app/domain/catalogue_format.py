"""Reading, validating and hashing catalogue documents (format: docs/catalogue-format.md).

`parse_catalogue(document)` takes the decoded JSON object and either returns a `Catalogue` or raises a
`CatalogueError` whose message names the criterion or indicator and the problem. No I/O here: callers
decode the file.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import Any

from assessor_app.core.canonical import canonical_sha256, normalise
from assessor_app.domain.catalogue import (
    Catalogue,
    Condition,
    ConditionKind,
    CountBand,
    CountRule,
    Criterion,
    Direction,
    Indicator,
    LegalBasis,
    ManualRule,
    RateBand,
    RateRule,
    Rule,
    RuleKind,
    Sector,
    Sourced,
    Status,
    UnitCategory,
    YesNoRule,
)
from assessor_app.domain.errors import N_, CatalogueError
from assessor_app.domain.text import clean

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
FORMAT_NAME = "assessor-catalogue"
FORMAT_VERSION = 1
EMPTY_DENOMINATOR_CHOICES = ("max", "zero", "error")


def content_hash(document: Any) -> str:
    """SHA-256 of the canonical form (core/canonical.py); assessments pin this so a score is
    reproducible."""
    return canonical_sha256(document)


class _Reader:
    """Typed access to one JSON object, with the location used in every error message."""

    def __init__(self, data: Any, where: str) -> None:
        if not isinstance(data, dict):
            raise CatalogueError("CAT_FIELD", N_("{where}: expected an object."), where=where)
        self.data = data
        self.where = where

    def fail(self, template: str, code: str = "CAT_FIELD", **params: Any) -> CatalogueError:
        return CatalogueError(code, template, where=self.where, **params)

    def text(self, key: str, required: bool = True) -> str:
        value = self.data.get(key)
        if value is None and not required:
            return ""
        if not isinstance(value, str) or (required and not value.strip()):
            raise self.fail(N_("{where}: field '{field}' must be a non-empty text."), field=key)
        return clean(value)

    def integer(self, key: str, default: int | None = None) -> int:
        value = self.data.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.fail(N_("{where}: field '{field}' must be a whole number."), field=key)
        if value < 0:
            raise self.fail(N_("{where}: field '{field}' must not be negative."), field=key)
        return value

    def number(self, key: str) -> Fraction:
        value = self.data.get(key)
        if isinstance(value, bool) or not isinstance(value, int | float | str):
            raise self.fail(N_("{where}: field '{field}' must be a number."), field=key)
        try:
            number = Fraction(Decimal(str(value)))
        except (InvalidOperation, ValueError, OverflowError):  # OverflowError: Infinity
            raise self.fail(N_("{where}: field '{field}' must be a number."), field=key) from None
        if number < 0:
            raise self.fail(N_("{where}: field '{field}' must not be negative."), field=key)
        return number

    def boolean(self, key: str, default: bool) -> bool:
        value = self.data.get(key, default)
        if not isinstance(value, bool):
            raise self.fail(N_("{where}: field '{field}' must be true or false."), field=key)
        return value

    def day(self, key: str, required: bool = True) -> date | None:
        value = self.data.get(key)
        if value is None and not required:
            return None
        try:
            if not isinstance(value, str) or not _ISO_DATE.match(value):
                raise ValueError(value)
            return date.fromisoformat(value)
        except ValueError:
            raise self.fail(
                N_("{where}: field '{field}' must be a date written YYYY-MM-DD."), field=key
            ) from None

    def items(self, key: str, required: bool = True) -> list[Any]:
        value = self.data.get(key)
        if value is None and not required:
            return []
        if not isinstance(value, list) or (required and not value):
            raise self.fail(N_("{where}: field '{field}' must be a non-empty list."), field=key)
        return value

    def choice(
        self, key: str, choices: type[Any] | tuple[str, ...], default: str | None = None
    ) -> Any:
        value = self.data.get(key, default)
        allowed = [c.value for c in choices] if isinstance(choices, type) else list(choices)
        if value not in allowed:
            raise self.fail(
                N_("{where}: field '{field}' is '{value}'; expected one of: {allowed}."),
                field=key,
                value=value,
                allowed=", ".join(allowed),
            )
        return choices(value) if isinstance(choices, type) else value

    def provenance(self, inherited: Status | None = None) -> Sourced:
        if "status" in self.data or inherited is None:
            status = self.choice("status", Status)
        else:
            status = inherited
        return Sourced(
            status=status, source=self.text("source", False), note=self.text("note", False)
        )


def parse_catalogue(document: Any) -> Catalogue:
    """Validate `document` and build the catalogue; raise CatalogueError naming the problem."""
    try:
        # Every string NFC: the catalogue (and its hash) must not depend on the editor used.
        document = normalise(document)
    except ValueError:
        document = None  # not JSON, or two keys that differ only in how they are encoded
    if not isinstance(document, dict) or document.get("format") != FORMAT_NAME:
        raise CatalogueError(
            "CAT_FORMAT",
            N_("This file is not a criteria catalogue (field 'format' must be '{expected}')."),
            where="catalogue",
            expected=FORMAT_NAME,
        )
    top = _Reader(document, "catalogue")
    version = document.get("format_version")
    if type(version) is not int or version != FORMAT_VERSION:
        raise top.fail(
            N_(
                "Catalogue format version {version} is not supported; this app reads version {supported}."
            ),
            code="CAT_FORMAT_VERSION",
            version=document.get("format_version"),
            supported=FORMAT_VERSION,
        )
    code = top.text("code")
    top.where = code
    legal = _Reader(document.get("legal_basis"), f"{code} / legal_basis")
    legal_basis = LegalBasis(
        number=legal.text("number"),
        title_vi=legal.text("title_vi"),
        issued=legal.day("issued", required=False),
        sources=tuple(
            clean(s) for s in legal.items("sources", required=False) if isinstance(s, str)
        ),
    )
    criteria = tuple(_parse_criterion(raw, code) for raw in top.items("criteria"))
    _check_unique(
        code, [c.code for c in criteria] + [i.code for c in criteria for i in c.indicators]
    )
    max_total = top.integer("max_total")
    total = sum(c.max_points for c in criteria)
    if total != max_total:
        raise top.fail(
            N_("{where}: the criteria add up to {total} points but 'max_total' is {max_total}."),
            code="CAT_TOTAL",
            total=total,
            max_total=max_total,
        )
    conditions = tuple(
        _parse_condition(raw, code, criteria, index)
        for index, raw in enumerate(top.items("recognition"), start=1)
    )
    # One namespace for criteria, indicators and conditions: outputs list them side by side.
    _check_unique(
        code,
        [c.code for c in criteria]
        + [i.code for c in criteria for i in c.indicators]
        + [c.id for c in conditions],
    )
    for condition in conditions:
        over = {k.value: v for k, v in condition.thresholds.items() if v > max_total}
        if over:
            raise top.fail(
                N_(
                    "{where}: condition {condition} asks more points than the catalogue's maximum ({max_total})."
                ),
                code="CAT_CONDITION",
                condition=condition.id,
                max_total=max_total,
            )
    effective_from = top.day("effective_from")
    effective_to = top.day("effective_to", required=False)
    assert effective_from is not None
    if effective_to is not None and effective_to < effective_from:
        raise top.fail(N_("{where}: 'effective_to' is before 'effective_from'."))
    return Catalogue(
        code=code,
        version=top.text("version"),
        title_vi=top.text("title_vi"),
        title_en=top.text("title_en", False),
        legal_basis=legal_basis,
        effective_from=effective_from,
        effective_to=effective_to,
        max_total=max_total,
        criteria=criteria,
        conditions=conditions,
        content_hash=content_hash(document),
        publisher=top.text("publisher", False),
        notes_vi=top.text("notes_vi", False),
    )


def _check_unique(catalogue: str, codes: list[str]) -> None:
    seen: set[str] = set()
    for code in codes:
        if code in seen:
            raise CatalogueError(
                "CAT_DUPLICATE_CODE",
                N_("{where}: the code '{code}' is used more than once."),
                where=catalogue,
                code=code,
            )
        seen.add(code)


def _parse_criterion(raw: Any, catalogue: str) -> Criterion:
    reader = _Reader(raw, f"{catalogue} / criterion")
    code = reader.text("code")
    reader.where = f"{catalogue} / {code}"
    provenance = reader.provenance()
    max_points = reader.integer("max_points")
    indicators = tuple(
        _parse_indicator(item, reader.where, code, provenance.status)
        for item in reader.items("indicators")
    )
    total = sum(i.max_points for i in indicators)
    if total != max_points:
        raise reader.fail(
            N_(
                "{where}: the indicators add up to {total} points but the criterion's maximum is {max_points}."
            ),
            code="CAT_POINTS_SUM",
            total=total,
            max_points=max_points,
        )
    return Criterion(
        code=code,
        title_vi=reader.text("title_vi"),
        title_en=reader.text("title_en", False),
        max_points=max_points,
        sector=reader.choice("sector", Sector),
        indicators=indicators,
        provenance=provenance,
    )


def _parse_indicator(raw: Any, where: str, criterion: str, inherited: Status) -> Indicator:
    reader = _Reader(raw, f"{where} / indicator")
    code = reader.text("code")
    reader.where = f"{where} / {code}"
    provenance = reader.provenance(inherited)
    max_points = reader.integer("max_points")
    kind = reader.choice("kind", RuleKind)
    rule: Rule
    if kind is RuleKind.RATE:
        rule = _parse_rate_rule(reader, max_points, provenance.status)
    elif kind is RuleKind.COUNT:
        rule = _parse_count_rule(reader, max_points, provenance.status)
    elif kind is RuleKind.YES_NO:
        points_no = reader.integer("points_no", 0)
        if points_no > max_points:
            raise reader.fail(
                N_("{where}: 'points_no' ({points}) is above the maximum ({max_points})."),
                code="CAT_BAND_POINTS",
                points=points_no,
                max_points=max_points,
            )
        rule = YesNoRule(points_yes=max_points, points_no=points_no)
    else:
        rule = ManualRule()
    return Indicator(
        code=code,
        title_vi=reader.text("title_vi"),
        title_en=reader.text("title_en", False),
        max_points=max_points,
        rule=rule,
        provenance=provenance,
        criterion_code=criterion,
    )


def _check_band_points(reader: _Reader, points: list[int], max_points: int) -> None:
    for index, value in enumerate(points, start=1):
        if value > max_points:
            raise reader.fail(
                N_("{where}: band {band} gives {points} points, above the maximum ({max_points})."),
                code="CAT_BAND_POINTS",
                band=index,
                points=value,
                max_points=max_points,
            )
    if points[0] != max_points:
        raise reader.fail(
            N_(
                "{where}: the best band gives {points} points; it must give the maximum ({max_points})."
            ),
            code="CAT_BAND_POINTS",
            points=points[0],
            max_points=max_points,
        )
    for index in range(1, len(points)):
        if points[index] > points[index - 1]:
            raise reader.fail(
                N_(
                    "{where}: band {band} gives more points than the band before it; bands must go from best to worst."
                ),
                code="CAT_BANDS_ORDER",
                band=index + 1,
            )


def _parse_rate_rule(reader: _Reader, max_points: int, inherited: Status) -> RateRule:
    direction = reader.choice("direction", Direction)
    scale = reader.integer("scale", 100)
    if scale not in (100, 1000):
        raise reader.fail(N_("{where}: 'scale' must be 100 (per cent) or 1000 (per thousand)."))
    bands: list[RateBand] = []
    for index, raw in enumerate(reader.items("bands"), start=1):
        band = _Reader(raw, f"{reader.where} / band {index}")
        threshold = band.number("threshold")
        if threshold > scale:
            raise band.fail(
                N_("{where}: threshold {threshold} is above the scale ({scale})."),
                code="CAT_BANDS_ORDER",
                threshold=float(threshold),
                scale=scale,
            )
        bands.append(
            RateBand(
                threshold=threshold,
                inclusive=band.boolean("inclusive", True),
                points=band.integer("points"),
                provenance=band.provenance(inherited),
            )
        )
    for index in range(1, len(bands)):
        before, after = bands[index - 1].threshold, bands[index].threshold
        in_order = after < before if direction is Direction.HIGHER_IS_BETTER else after > before
        if not in_order:
            raise reader.fail(
                N_(
                    "{where}: band {band} (threshold {threshold}) is out of order; bands must go from best to worst."
                ),
                code="CAT_BANDS_ORDER",
                band=index + 1,
                threshold=float(after),
            )
    otherwise = reader.integer("otherwise_points", 0)
    _check_band_points(reader, [b.points for b in bands] + [otherwise], max_points)
    return RateRule(
        direction=direction,
        bands=tuple(bands),
        scale=scale,
        otherwise_points=otherwise,
        empty_denominator=reader.choice("empty_denominator", EMPTY_DENOMINATOR_CHOICES, "error"),
        numerator_label_vi=reader.text("numerator_label_vi", False),
        denominator_label_vi=reader.text("denominator_label_vi", False),
    )


def _parse_count_rule(reader: _Reader, max_points: int, inherited: Status) -> CountRule:
    bands: list[CountBand] = []
    for index, raw in enumerate(reader.items("bands"), start=1):
        band = _Reader(raw, f"{reader.where} / band {index}")
        bands.append(
            CountBand(
                max_count=band.integer("max_count"),
                points=band.integer("points"),
                provenance=band.provenance(inherited),
            )
        )
    if bands[0].max_count != 0:
        raise reader.fail(
            N_("{where}: the first band must be for 0 cases (max_count 0)."), code="CAT_BANDS_ORDER"
        )
    for index in range(1, len(bands)):
        if bands[index].max_count <= bands[index - 1].max_count:
            raise reader.fail(
                N_(
                    "{where}: band {band} (max_count {threshold}) is out of order; bands must go from best to worst."
                ),
                code="CAT_BANDS_ORDER",
                band=index + 1,
                threshold=bands[index].max_count,
            )
    otherwise = reader.integer("otherwise_points", 0)
    _check_band_points(reader, [b.points for b in bands] + [otherwise], max_points)
    return CountRule(
        bands=tuple(bands),
        otherwise_points=otherwise,
        count_label_vi=reader.text("count_label_vi", False),
    )


def _parse_condition(
    raw: Any, catalogue: str, criteria: tuple[Criterion, ...], index: int
) -> Condition:
    reader = _Reader(raw, f"{catalogue} / recognition {index}")
    cid = reader.text("id")
    reader.where = f"{catalogue} / {cid}"
    kind = reader.choice("kind", ConditionKind)
    provenance = reader.provenance()
    title = reader.text("title_vi", False)
    if kind is ConditionKind.MIN_TOTAL_BY_CATEGORY:
        table = reader.data.get("thresholds")
        if not isinstance(table, dict):
            raise reader.fail(
                N_("{where}: 'thresholds' must map each unit category to a minimum total.")
            )
        thresholds: dict[UnitCategory, int] = {}
        statuses: dict[UnitCategory, Status] = {}
        for key, entry in table.items():
            if key not in {c.value for c in UnitCategory}:
                raise reader.fail(
                    N_("{where}: unknown unit category '{category}'; known: {allowed}."),
                    code="CAT_CATEGORY",
                    category=key,
                    allowed=", ".join(c.value for c in UnitCategory),
                )
            item = _Reader(entry, f"{reader.where} / {key}")
            thresholds[UnitCategory(key)] = item.integer("min_total")
            statuses[UnitCategory(key)] = item.provenance(provenance.status).status
        missing = [c.value for c in UnitCategory if c not in thresholds]
        if missing:
            raise reader.fail(
                N_("{where}: no threshold for unit categories: {missing}."),
                code="CAT_CATEGORY",
                missing=", ".join(missing),
            )
        return Condition(cid, kind, provenance, thresholds, statuses, title_vi=title)
    if kind is ConditionKind.CRITERION_MIN_POINTS:
        target = reader.text("criterion")
        crit = next((c for c in criteria if c.code == target), None)
        if crit is None:
            raise reader.fail(
                N_("{where}: names criterion '{criterion}', which is not in the catalogue."),
                code="CAT_CONDITION",
                criterion=target,
            )
        min_points = reader.integer("min_points")
        if min_points > crit.max_points:
            raise reader.fail(
                N_(
                    "{where}: asks {min_points} points of {criterion}, whose maximum is {max_points}."
                ),
                code="CAT_CONDITION",
                min_points=min_points,
                criterion=target,
                max_points=crit.max_points,
            )
        return Condition(
            cid, kind, provenance, criterion=target, min_points=min_points, title_vi=title
        )
    return Condition(cid, kind, provenance, title_vi=title)
