"""The individual program: intake, plan and progression.

Import from the modules: ``program.intake`` (parse_intake), ``program.plan``
(build_plan, estimated_seconds, holds), ``program.progression`` (next_dose).
The package re-exports nothing, so ``sicoach.screening`` can import the intake
without a cycle.
"""

__all__: list[str] = []
