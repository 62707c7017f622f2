"""The bottom layer: mechanics every other layer shares, each written once.

- `canonical`: the one canonical JSON (audit hashes, value versions, catalogue hashes, signatures);
- `messages`: the one `Message(code, template, params)` of errors and reasons, and its formatter;
- `progress`: the one `Progress` / `Cancelled` pair of long operations and `OperationCancelled`;
- `files`: the one crash-safe file write, private modes, and OS locks (I/O: the domain, which is
  pure, may not import it).

It imports nothing of the app.
"""
