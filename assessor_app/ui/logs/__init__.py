"""The application log, inside the app."""
