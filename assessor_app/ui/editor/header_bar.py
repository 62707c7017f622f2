"""The editor's header: commune, year, status, a one-line banner for provisional catalogues (the
details in its tooltip), total and verdict, the Finalise / Reopen buttons; the kind and catalogue,
the figures typed wrong and not stored, and when the last change was saved."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QKeySequence
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from assessor_app import i18n
from assessor_app.domain.appraisal import LOCKING, AppraisalState
from assessor_app.domain.assessment import AssessmentKind, AssessmentStatus
from assessor_app.domain.catalogue import Catalogue, Status
from assessor_app.domain.scoring import ScoreResult
from assessor_app.domain.text import nfc
from assessor_app.i18n import _, ngettext
from assessor_app.services.records import AssessmentSummary
from assessor_app.services.summary_shaping import standard_of
from assessor_app.texts import labels, numbers
from assessor_app.ui.editor.verdict_panel import verdict_colour, verdict_word
from assessor_app.ui.style import set_style

# The shortcuts of the Assessment menu's Finalise and Reopen (ui/editor/assessment_menu.py).
FINALISE_KEYS = QKeySequence("Ctrl+Shift+F")
REOPEN_KEYS = QKeySequence("Ctrl+Shift+R")


def _with_keys(text: str, keys: QKeySequence) -> str:
    native = keys.toString(QKeySequence.SequenceFormat.NativeText)  # text-layer: a key name
    return f"{text} ({native})"


def title_of(summary: AssessmentSummary) -> str:
    """The tab title: commune and evaluation year."""
    return nfc(f"{summary.commune_name} · {summary.year}")


def _label(text: str = "", wrap: bool = True) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(wrap)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def _scaled_bold(widget: QWidget, factor: float) -> QFont:
    font = QFont(widget.font())
    font.setPointSizeF(font.pointSizeF() * factor)
    font.setBold(True)
    return font


class HeaderBar(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("EditorHeader")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.setSpacing(3)

        self.title_label = _label(wrap=False)
        self.title_label.setFont(_scaled_bold(self, 1.3))
        self.title_label.setAccessibleName(_("Commune and year"))
        self.status_label = _label(wrap=False)
        self.status_label.setObjectName("StatusChip")
        self.status_label.setAccessibleName(_("Status"))
        self.score_label = _label(wrap=False)
        self.score_label.setFont(_scaled_bold(self, 1.15))
        self.score_label.setAccessibleName(_("Total and verdict"))
        self.score_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.finalise_button = QPushButton(_("Finalise…"))
        self.finalise_button.setAccessibleName(_("Finalise the assessment"))
        self.finalise_button.setToolTip(
            _with_keys(
                _("Check the verdict and lock the figures. Reopening needs a reason."),
                FINALISE_KEYS,
            )
        )
        self.reopen_button = QPushButton(_("Reopen…"))
        self.reopen_button.setAccessibleName(_("Reopen the assessment"))
        self.reopen_button.setToolTip(
            _with_keys(_("Unlock a finalised assessment; a reason is required."), REOPEN_KEYS)
        )
        top = QHBoxLayout()
        top.setSpacing(10)
        top.addWidget(self.title_label)
        top.addWidget(self.status_label)
        top.addStretch(1)
        top.addWidget(self.score_label)
        # Changes held after another officer's (services/held_changes.py): shown when there are.
        self.held_button = QPushButton()
        self.held_button.setObjectName("HeldChangesButton")
        self.held_button.setAccessibleName(_("Held changes"))
        self.held_button.setToolTip(
            _(
                "Figures kept aside because another officer changed the same figure first: apply or discard them."
            )
        )
        set_style(self.held_button, "color: #8a4b00; font-weight: 600;")
        self.held_button.hide()
        top.addWidget(self.held_button)
        top.addWidget(self.finalise_button)
        top.addWidget(self.reopen_button)
        layout.addLayout(top)

        self.meta_label = _label()
        self.meta_label.setAccessibleName(_("Kind and catalogue"))
        self.saved_label = _label(wrap=False)
        self.saved_label.setAccessibleName(_("Last saved"))
        self.saved_label.setStyleSheet("color: #4a5560;")
        self.saved_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        # Bad figures left on other indicators (not stored): said until they are corrected.
        self.invalid_label = _label(wrap=False)
        self.invalid_label.setAccessibleName(_("Figures not stored"))
        set_style(self.invalid_label, "color: #b00020; font-weight: 600;")
        self.invalid_label.hide()
        middle = QHBoxLayout()
        middle.addWidget(self.meta_label, 1)
        middle.addWidget(self.invalid_label)
        middle.addWidget(self.saved_label)
        layout.addLayout(middle)

        # One line: the editor needs the height for the figures, comments and evidence; the
        # whole explanation is in the tooltip (and read by screen readers).
        self.banner = _label(
            _("⚠ Provisional catalogue: not the official values yet"),
            wrap=False,
        )
        details = _(
            "This criteria catalogue has provisional parts (marked with a warning sign) — they are not the official values. Results that use them are not official."
        )
        self.banner.setToolTip(details)
        self.banner.setAccessibleDescription(details)
        self.banner.setObjectName("ProvisionalBanner")
        self.banner.setAccessibleName(_("Provisional catalogue warning"))
        self.banner.setStyleSheet(
            "#ProvisionalBanner { background: #fff3c4; color: #6b4e00;"
            " border: 1px solid #e0c060; padding: 1px 6px; }"
        )
        top.insertWidget(2, self.banner)  # after the title and the status

    def show_summary(self, summary: AssessmentSummary, catalogue: Catalogue) -> None:
        self.title_label.setText(title_of(summary))
        self.meta_label.setText(
            nfc(
                _("{kind} · catalogue of {act} ({code}), {version}").format(
                    kind=labels.assessment_kind(summary.kind, i18n.language()),
                    act=standard_of(catalogue),
                    code=summary.catalogue_code,
                    version=labels.catalogue_version(summary.catalogue_version, i18n.language()),
                )
            )
        )
        final = summary.status is AssessmentStatus.FINALIZED
        self.status_label.setText(labels.assessment_status(summary.status, i18n.language()))
        self.status_label.setToolTip(
            _("Finalised: the figures are locked; reopen it (with a reason) to change them.")
            if final
            else _("Draft: every valid figure is stored as soon as it is typed.")
        )
        colours = "background: #e6ecf7; color: #1d3f8a;" if final else "background: #eceff1;"
        self.status_label.setStyleSheet(
            f"#StatusChip {{ {colours} border-radius: 3px; padding: 1px 6px; font-weight: 600; }}"
        )
        self.finalise_button.setEnabled(not final)  # only the button that applies is offered
        self.finalise_button.setVisible(not final)
        locked = appraisal_lock_text(summary) if final else ""
        self.reopen_button.setEnabled(final and not locked)
        self.reopen_button.setVisible(final)
        self.reopen_button.setToolTip(
            locked
            or _with_keys(_("Unlock a finalised assessment; a reason is required."), REOPEN_KEYS)
        )
        if locked:
            self.status_label.setToolTip(locked)
        self.banner.setVisible(catalogue.status is Status.PROVISIONAL)

    def show_saved(self, text: str, warning: bool = False) -> None:
        """When the last change was stored (or, as a warning, that typed figures were not)."""
        self.saved_label.setText(text)
        set_style(self.saved_label, "color: #b00020;" if warning else "color: #4a5560;")

    def show_invalid(self, codes: list[str]) -> None:
        """The indicators whose typed figures are not valid and were not stored (none: hidden)."""
        self.invalid_label.setText(
            ngettext(
                "Not stored: the figures typed for {indicators} are not valid.",
                "Not stored: the figures typed for {indicators} are not valid.",
                len(codes),
            ).format(indicators=", ".join(codes))
        )
        self.invalid_label.setVisible(bool(codes))

    def show_held(self, count: int) -> None:
        """How many changes of this assessment are held, waiting for a person (none: hidden)."""
        self.held_button.setText(
            ngettext("⚠ {count} held change…", "⚠ {count} held changes…", count).format(count=count)
        )
        self.held_button.setVisible(count > 0)

    def show_score(self, result: ScoreResult) -> None:
        self.score_label.setText(
            nfc(
                _("{points} — {verdict}").format(
                    points=numbers.points_of(result.total, result.max_total, i18n.language()),
                    verdict=verdict_word(result),
                )
            )
        )
        set_style(self.score_label, f"color: {verdict_colour(result)};")


def appraisal_lock_text(summary: AssessmentSummary) -> str:
    """Why the office's appraisal keeps this assessment from being reopened ("" when it does
    not): the same rule as services/assessments.reopen (domain/appraisal.py, LOCKING)."""
    state = summary.appraisal
    if state is None:
        return ""
    if summary.kind is AssessmentKind.REVIEW:
        return _(
            "This is the office's own appraisal: it is changed only through the appraisal's steps (menu Appraisal → Appraisal of dossiers), not reopened here."
        )
    if state is AppraisalState.UNDER_APPRAISAL:
        return _(
            "The office is appraising this assessment: it cannot be reopened while the appraisal is under way."
        )
    if state is AppraisalState.APPRAISED:
        return _(
            "The office appraised this assessment: it cannot be reopened. Take the appraisal back first, with a reason (menu Appraisal → Appraisal of dossiers)."
        )
    if state in LOCKING:
        return _(
            "A recognition decision was recorded on the appraisal of this assessment: it cannot be reopened."
        )
    return ""
