"""The ``sicoach`` command line: thin commands over the core and the services."""
