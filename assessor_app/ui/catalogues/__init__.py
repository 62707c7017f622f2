"""The catalogue editor, its preview and the drafts screen of the province office (issue 15)."""
