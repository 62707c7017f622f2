"""The command line: `assessor-app COMMAND ...` (see README and docs/cli.md)."""
