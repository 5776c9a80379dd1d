"""Use cases over the store, one module per family; the CLI and the web app call only these.

Each function takes a unit of work and plain or core-typed values, returns plain data,
and raises :mod:`sicoach.services.errors` or core errors; one transaction per call.
"""
