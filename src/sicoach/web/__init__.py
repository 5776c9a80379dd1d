"""The web app: a person's pages, the guided session, the clinician's dashboard, the JSON API."""

from sicoach.web.app import ConfigurationError, create_app

__all__ = ["ConfigurationError", "create_app"]
