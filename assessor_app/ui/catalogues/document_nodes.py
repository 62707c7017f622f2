"""The parts of a catalogue document (a dict in the format of docs/catalogue-format.md) the editor
shows as tree nodes, and the structural edits on them (add, remove, move).

A node is a small tuple naming a place in the document by position: ("general",),
("criterion", i), ("indicator", i, j), ("conditions",) or ("condition", k). Positions, not codes,
because a code is one of the fields being edited (and may be blank or duplicated for a while).
"""

from __future__ import annotations

import re
from typing import Any

from assessor_app import i18n

Node = tuple[Any, ...]
GENERAL: Node = ("general",)
CONDITIONS: Node = ("conditions",)

Document = dict[str, Any]


def _list(parent: dict[str, Any], key: str) -> list[Any]:
    """The list under `key`, made a list if the document had none (a new draft, a broken file)."""
    value = parent.get(key)
    if not isinstance(value, list):
        value = []
        parent[key] = value
    return value


def criteria(document: Document) -> list[dict[str, Any]]:
    return [c for c in _list(document, "criteria") if isinstance(c, dict)]


def indicators(criterion: dict[str, Any]) -> list[dict[str, Any]]:
    return [i for i in _list(criterion, "indicators") if isinstance(i, dict)]


def conditions(document: Document) -> list[dict[str, Any]]:
    return [c for c in _list(document, "recognition") if isinstance(c, dict)]


def data_of(document: Document, node: Node) -> dict[str, Any]:
    """The object a node's form edits (the document itself for the general node)."""
    kind = node[0]
    if kind == "criterion":
        return criteria(document)[node[1]]
    if kind == "indicator":
        return indicators(criteria(document)[node[1]])[node[2]]
    if kind == "condition":
        return conditions(document)[node[1]]
    return document


def exists(document: Document, node: Node) -> bool:
    try:
        data_of(document, node)
    except IndexError:
        return False
    return True


def label_of(document: Document, node: Node) -> str:
    """The tree's text for a criterion, indicator or condition: its code and title."""
    data = data_of(document, node)
    code = str(data.get("id" if node[0] == "condition" else "code") or "?")
    title = data.get("title_vi")
    english = data.get("title_en")
    if i18n.language() != "vi" and isinstance(english, str) and english.strip():
        title = english  # as labels.part_title shows a part in English
    return f"{code} — {title}" if isinstance(title, str) and title.strip() else code


def all_codes(document: Document) -> set[str]:
    codes = {str(c.get("code")) for c in criteria(document)}
    codes |= {str(i.get("code")) for c in criteria(document) for i in indicators(c)}
    return codes | {str(c.get("id")) for c in conditions(document)}


def _free_code(document: Document, prefix: str, start: int) -> str:
    taken = all_codes(document)
    number = start
    while f"{prefix}{number}" in taken:
        number += 1
    return f"{prefix}{number}"


def new_indicator(code: str) -> dict[str, Any]:
    # A yes/no item is the simplest complete rule; the official text usually changes it at once.
    return {"code": code, "title_vi": "", "max_points": 0, "kind": "yes_no"}


def add_criterion(document: Document, after: int | None) -> Node:
    items = _list(document, "criteria")
    position = len(items) if after is None else after + 1
    code = _free_code(document, "TC", position + 1)
    items.insert(
        position,
        {
            "code": code,
            "title_vi": "",
            "max_points": 0,
            "sector": "commune_committee",
            "status": "provisional",
            "indicators": [new_indicator(f"{code}.1")],
        },
    )
    return ("criterion", position)


def add_indicator(document: Document, criterion: int, after: int | None) -> Node:
    parent = criteria(document)[criterion]
    items = _list(parent, "indicators")
    position = len(items) if after is None else after + 1
    code = _free_code(document, f"{parent.get('code', 'TC')}.", position + 1)
    items.insert(position, new_indicator(code))
    return ("indicator", criterion, position)


def add_condition(document: Document) -> Node:
    items = _list(document, "recognition")
    items.append(
        {
            "id": _free_code(document, "DK", len(items) + 1),
            "kind": "no_criterion_zero",
            "status": "provisional",
        }
    )
    return ("condition", len(items) - 1)


def remove(document: Document, node: Node) -> Node:
    """Remove a criterion, indicator or condition; the node to select afterwards."""
    kind = node[0]
    if kind == "criterion":
        _list(document, "criteria").pop(node[1])
        left = len(_list(document, "criteria"))
        return ("criterion", min(node[1], left - 1)) if left else GENERAL
    if kind == "indicator":
        parent = criteria(document)[node[1]]
        _list(parent, "indicators").pop(node[2])
        left = len(_list(parent, "indicators"))
        return ("indicator", node[1], min(node[2], left - 1)) if left else ("criterion", node[1])
    if kind == "condition":
        _list(document, "recognition").pop(node[1])
        left = len(_list(document, "recognition"))
        return ("condition", min(node[1], left - 1)) if left else CONDITIONS
    return node


def move(document: Document, node: Node, step: int) -> Node:
    """Move a criterion, indicator or condition up (-1) or down (+1) among its siblings."""
    kind = node[0]
    if kind == "criterion":
        items, index = _list(document, "criteria"), node[1]
    elif kind == "indicator":
        items, index = _list(criteria(document)[node[1]], "indicators"), node[2]
    elif kind == "condition":
        items, index = _list(document, "recognition"), node[1]
    else:
        return node
    target = index + step
    if not 0 <= target < len(items):
        return node
    items[index], items[target] = items[target], items[index]
    return (*node[:-1], target)


_PLACE = re.compile(r"^(?P<place>[^:]*):")


def locate(document: Document, message: str) -> Node:
    """The node a loader message is about. Its message starts with the place, e.g.
    "QD06-2019 / TC2 / TC2.1 / band 2: …" or "QD06-2019 / DK3 / other: …" (in every language:
    the place is data, not words), so the most precise code named there wins."""
    match = _PLACE.match(message)
    parts = [p.strip() for p in match.group("place").split(" / ")] if match else []
    found: Node = GENERAL
    for ci, criterion in enumerate(criteria(document)):
        if criterion.get("code") in parts:
            found = ("criterion", ci)
        for ii, indicator in enumerate(indicators(criterion)):
            if indicator.get("code") in parts and (found[0] != "criterion" or found[1] == ci):
                return ("indicator", ci, ii)
        if found[0] == "criterion":
            return found
    for ki, condition in enumerate(conditions(document)):
        if condition.get("id") in parts:
            return ("condition", ki)
    if any(p.startswith("recognition") for p in parts):
        return CONDITIONS
    if any(p.startswith("criterion") for p in parts):
        return ("criterion", len(criteria(document)) - 1) if criteria(document) else GENERAL
    return found
