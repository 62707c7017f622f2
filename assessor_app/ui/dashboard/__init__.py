"""The office's dashboard: the plan's figures, the criteria most often not met, what to follow up
and what waits on the office (services/dashboard.py)."""
