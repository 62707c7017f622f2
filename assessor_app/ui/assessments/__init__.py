"""The list of assessments, the commune picker and the new-assessment dialog."""
