"""The text layer: every word, number and date a person reads, in one place, in a given language.

- `labels`: the words for codes and enums (statuses, kinds, sectors, roles, rule kinds, unit types,
  audit actions, outcomes, reason codes), one function per kind, each through gettext with a
  context naming its kind.
- `numbers`: numbers, percentages, per-mille rates, points and file sizes; one rounding rule
  (Decimal, half up, at the precision printed).
- `dates`: stored UTC time stamps shown in Vietnam time; dates as dd/mm/yyyy; the date of an
  administrative document ("ngày 05 tháng 02 năm 2026").
- `documents`: the Vietnamese phrasing printed documents need (a unit's name inside a sentence,
  the place-and-date line).

Every function takes the language explicitly: the screen and the command line pass the app's
setting (`i18n.language()`), printed documents pass `DOCUMENT_LANGUAGE`. Nothing here reads a
setting or a clock, so the same value gives the same text on screen, in the command line and on
paper. See docs/translations.md, "The text layer".
"""

from __future__ import annotations

DOCUMENT_LANGUAGE = "vi"  # printed documents are Vietnamese whatever the screen's language
