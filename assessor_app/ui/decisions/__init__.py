"""The decision screen: a year's recognition decisions, revocations and commendations, and the
dialogs that record them (through services/decisions.py, revocations.py, commendations.py)."""
