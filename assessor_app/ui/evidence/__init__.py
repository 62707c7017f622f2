"""Evidence files of an indicator: attach, thumbnails, open, caption, remove."""
