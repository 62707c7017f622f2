"""The office's appraisal screen (issue 14)."""
