"""The assessment editor: criteria tree, figures with a live verdict, notes, undo/redo, finalise.

`editor_view.AssessmentEditor` is the widget the main window opens in a tab; the other modules are
its parts (models, inputs, panels, dialogs, undo commands), each usable and testable on its own.
"""
