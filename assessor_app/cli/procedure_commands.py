"""`procedure list|show|set-actor|set-deadline|unset-actor|unset-deadline` (arguments in cli/parser_procedure.py): the
effective procedure (services/procedures.py), each value with how far it is known; a value not
verified is said to be so, never printed as the rule."""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from assessor_app import i18n
from assessor_app.cli.exit_codes import OK
from assessor_app.cli.formatting import emit_json, line
from assessor_app.cli.opening import parse_date, prepared_workspace
from assessor_app.domain.procedure import Actor, Deadline, Fact, Regime, Span
from assessor_app.i18n import _
from assessor_app.services import procedures
from assessor_app.services.procedures import ProcedureView
from assessor_app.texts import dates, labels, labels_procedure


def _span_json(span: Span) -> dict[str, Any]:
    return {
        "valid_from": span.valid_from.isoformat(),
        "valid_to": span.valid_to.isoformat() if span.valid_to else None,
    }


def _fact_json(fact: Fact) -> dict[str, Any]:
    return {"status": fact.status, "source": fact.source, "reason": fact.reason}


def _actor_json(actor: Actor | None) -> dict[str, Any] | None:
    if actor is None:
        return None
    return {"name": actor.who.value, **_fact_json(actor.who), **_span_json(actor.span)}


def deadline_json(deadline: Deadline) -> dict[str, Any]:
    return {
        "code": deadline.code,
        "level": deadline.level,
        "report": deadline.report,
        "reporter": deadline.reporter,
        "recipient": deadline.recipient,
        "due": dates.day_month(deadline.month, deadline.day),
        **_fact_json(deadline.fact),
        **_span_json(deadline.span),
    }


def _regime_json(regime: Regime) -> dict[str, Any]:
    cycle = regime.cycle
    return {
        "code": regime.code,
        "version": regime.version,
        "title": regime.title,
        **_span_json(regime.span),
        "cycle": {
            "kind": cycle.kind,
            "month": cycle.month,
            "plan_first_year": cycle.plan_first_year or None,
            "plan_length": cycle.plan_length or None,
            "plan_years": list(cycle.plan_years),
            "status": cycle.status,
            "source": cycle.source,
            "reason": cycle.reason,
        },
        "bases": [{"text": b.value, **_fact_json(b)} for b in regime.bases],
    }


def _view_json(view: ProcedureView) -> dict[str, Any]:
    return {
        **_regime_json(view.regime),
        "day": view.day.isoformat(),
        "year": view.year,
        "evaluation_year": view.evaluates,
        "steps": [
            {
                "code": v.step.code,
                "title": v.step.title,
                "actor": _actor_json(v.actor),
                "documents": [{"name": d.value, **_fact_json(d)} for d in v.step.documents],
            }
            for v in view.steps
        ],
        "deadlines": [deadline_json(d) for d in view.deadlines],
    }


def how_known(fact: Fact) -> str:
    """ "[secondary source]", "[not verified: reason]", "[set by the province: reason]"."""
    language = i18n.language()
    said = labels_procedure.fact_status(fact.status, language)
    return f"[{said}: {fact.reason}]" if fact.reason else f"[{said}]"


def _show_text(view: ProcedureView) -> None:
    language = i18n.language()
    regime = view.regime
    line(f"{regime.code} — {regime.title}")
    line(
        _("Version {version}; in force from {start}").format(
            version=regime.version, start=dates.day(regime.span.valid_from)
        )
    )
    line(
        _("Day: {day}. Evaluations: {cycle} {known}").format(
            day=dates.day(view.day),
            cycle=labels_procedure.cycle(regime.cycle.kind, language),
            known=how_known(
                Fact("", regime.cycle.status, regime.cycle.source, regime.cycle.reason)
            ),
        )
    )
    line(
        _("Evaluation year {year}: {answer}").format(
            year=view.year, answer=labels.yes_no(view.evaluates, language)
        )
    )
    for number, item in enumerate(view.steps, 1):
        who = item.actor.who if item.actor else None
        line(f"{number}. {labels_procedure.step(item.step.code, language)} ({item.step.code})")
        if who is not None:
            who_label, source_label = _("Who"), _("Source")  # outside the f-strings: extracted
            line(f"   {who_label}: {who.value} {how_known(who)}")
            line(f"   {source_label}: {who.source}")
        for document in item.step.documents:
            line(f"   - {document.value}")
    for deadline in view.deadlines:
        line(
            _("{report} ({code}): {reporter} → {recipient}, by {day} {known}").format(
                report=labels_procedure.report(deadline.code, language),
                code=deadline.code,
                reporter=deadline.reporter,
                recipient=deadline.recipient,
                day=dates.day_month(deadline.month, deadline.day),
                known=how_known(deadline.fact),
            )
        )


def _list(workspace: Any, as_json: bool) -> None:
    regimes = procedures.regimes(workspace)
    if as_json:
        emit_json([_regime_json(r) for r in regimes])
        return
    language = i18n.language()
    for regime in regimes:
        end = dates.day(regime.span.valid_to) if regime.span.valid_to else "…"
        line(f"{regime.code}  {dates.day(regime.span.valid_from)} – {end}  {regime.title}")
        line("    " + labels_procedure.cycle(regime.cycle.kind, language))


def _set(args: argparse.Namespace, workspace: Any, day: date) -> None:
    if args.action in ("set-actor", "unset-actor"):
        if args.action == "set-actor":
            actor = procedures.set_actor(
                workspace, args.regime, args.step, day, args.name, args.reason
            )
        else:
            actor = procedures.unset_actor(workspace, args.regime, args.step, day, args.reason)
        if args.json:
            emit_json(_actor_json(actor))
        else:
            line(f"{actor.who.value} {how_known(actor.who)}")
        return
    if args.action == "set-deadline":
        deadline = procedures.set_deadline(
            workspace, args.regime, args.report, day, args.day, args.reason
        )
    else:
        deadline = procedures.unset_deadline(workspace, args.regime, args.report, day, args.reason)
    if args.json:
        emit_json(deadline_json(deadline))
    else:
        due = dates.day_month(deadline.month, deadline.day)
        line(f"{deadline.report}: {due} {how_known(deadline.fact)}")


def cmd_procedure(args: argparse.Namespace) -> int:
    workspace = prepared_workspace(args)
    try:
        if args.action == "list":
            _list(workspace, args.json)
        elif args.action == "show":
            day = parse_date(args.date, workspace) if args.date else None
            view = procedures.procedure_on(workspace, day, args.regime)
            if args.json:
                emit_json(_view_json(view))
            else:
                _show_text(view)
        else:
            _set(args, workspace, parse_date(args.date, workspace))
        return OK
    finally:
        workspace.close()
