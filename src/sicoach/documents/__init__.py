"""Documents a person takes home or elsewhere: the printed handout, FHIR R4B, iCalendar.

Each builder is a function over plain inputs (a plan, the catalog, records) that
returns bytes or a mapping; the command line and the web app write or send them.
"""
