"""The user guide: F1 in any window opens it at the section of that window (context_help), shown in
a browser with a table of contents (help_dialog); its source and the HTML (guide)."""
