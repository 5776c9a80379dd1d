"""The guided session: a script of timed steps and a drift-free runner."""
