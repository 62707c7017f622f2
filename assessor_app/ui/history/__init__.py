"""The audit trail of an assessment, readable, with its chain check."""
