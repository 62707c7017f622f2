"""An assessment's team: members and who answers for which criterion."""
