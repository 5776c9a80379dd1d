"""One router per part of the app."""
