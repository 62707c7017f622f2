"""The plan's planned communes and budget lines (services/plan_entries.py)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete, select

from assessor_app.storage.repositories.base import Queries
from assessor_app.storage.schema_office import BudgetLineRow, PlannedCommuneRow


@dataclass(frozen=True)
class StoredPlannedCommune:
    unit_code: str
    year: int
    code: str
    name: str
    source: str


@dataclass(frozen=True)
class StoredBudgetLine:
    """A budget line; `year` None for the whole plan."""

    unit_code: str
    year: int | None
    fund: str
    planned: int | None
    spent: int | None
    note: str
    source: str


def _line(row: BudgetLineRow) -> StoredBudgetLine:
    return StoredBudgetLine(
        row.unit_code, row.year, row.fund, row.planned, row.spent, row.note, row.source
    )


class PlanQueries(Queries):
    def planned_communes(
        self, unit_code: str | None = None, year: int | None = None
    ) -> list[StoredPlannedCommune]:
        """By unit, year and commune code."""
        query = select(PlannedCommuneRow)
        if unit_code is not None:
            query = query.where(PlannedCommuneRow.unit_code == unit_code)
        if year is not None:
            query = query.where(PlannedCommuneRow.year == year)
        query = query.order_by(
            PlannedCommuneRow.unit_code, PlannedCommuneRow.year, PlannedCommuneRow.commune_code
        )
        return [
            StoredPlannedCommune(r.unit_code, r.year, r.commune_code, r.commune_name, r.source)
            for r in self.session.scalars(query)
        ]

    def replace_planned_communes(
        self,
        unit_code: str,
        year: int,
        communes: list[tuple[str, str]],
        source: str,
        at: str,
        by: str,
    ) -> None:
        """The communes (code, name) planned by `unit_code` for `year`, replacing those before."""
        self.session.execute(
            delete(PlannedCommuneRow).where(
                PlannedCommuneRow.unit_code == unit_code, PlannedCommuneRow.year == year
            )
        )
        for code, name in communes:
            self.session.add(
                PlannedCommuneRow(
                    unit_code=unit_code,
                    year=year,
                    commune_code=code,
                    commune_name=name,
                    source=source,
                    recorded_at=at,
                    recorded_by=by,
                )
            )
        self.session.flush()

    def budget_lines(
        self, unit_code: str | None = None, years: tuple[int | None, ...] | None = None
    ) -> list[StoredBudgetLine]:
        """By unit, year (the whole plan's first) and fund. `years` may hold None (whole plan)."""
        query = select(BudgetLineRow)
        if unit_code is not None:
            query = query.where(BudgetLineRow.unit_code == unit_code)
        lines = [_line(row) for row in self.session.scalars(query)]
        if years is not None:
            lines = [line for line in lines if line.year in years]
        order = {"central": 0, "local": 1, "other": 2}
        return sorted(
            lines, key=lambda x: (x.unit_code, x.year is not None, x.year or 0, order[x.fund])
        )

    def _budget_row(self, unit_code: str, year: int | None, fund: str) -> BudgetLineRow | None:
        query = select(BudgetLineRow).where(
            BudgetLineRow.unit_code == unit_code,
            BudgetLineRow.fund == fund,
            BudgetLineRow.year.is_(None) if year is None else BudgetLineRow.year == year,
        )
        return self.session.scalars(query).first()

    def budget_line(self, unit_code: str, year: int | None, fund: str) -> StoredBudgetLine | None:
        row = self._budget_row(unit_code, year, fund)
        return _line(row) if row is not None else None

    def put_budget_line(self, line: StoredBudgetLine, at: str, by: str) -> None:
        """Store `line`, replacing the line of the same unit, year and fund."""
        row = self._budget_row(line.unit_code, line.year, line.fund)
        if row is None:
            row = BudgetLineRow(unit_code=line.unit_code, year=line.year, fund=line.fund)
            self.session.add(row)
        row.planned, row.spent, row.note, row.source = (
            line.planned,
            line.spent,
            line.note,
            line.source,
        )
        row.recorded_at, row.recorded_by = at, by
        self.session.flush()

    def remove_budget_line(self, unit_code: str, year: int | None, fund: str) -> None:
        row = self._budget_row(unit_code, year, fund)
        if row is not None:
            self.session.delete(row)
            self.session.flush()
